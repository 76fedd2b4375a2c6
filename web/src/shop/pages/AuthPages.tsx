import { useEffect, useState } from 'react';
import { Button, Form, Input, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Session } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { api, type Me } from '../api';
import { forgetLinkedPoint, linkedPoint } from '../linkedPoint';
import { LangSwitch } from '../components/LangSwitch';

/** Where to go after signing in: the `next` path when it is one of ours, else the deals. */
export function useNext() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export const PHONE = /^1\d{10}$/;

/** How the server signs people up and in (GET /auth/options). */
interface AuthOptions {
  smsVerify: boolean;
  demo: boolean;
  simulatedPayments: boolean;
  wechat?: { officialAccount: boolean; miniProgram: boolean };
}

export function useAuthOptions() {
  return useQuery({
    queryKey: ['auth-options'],
    queryFn: () => api.get<AuthOptions>('/auth/options'),
    staleTime: Infinity,
  }).data;
}

type FormInstance = ReturnType<typeof Form.useForm>[0];

/**
 * The SMS code field with its "get code" button: one send a minute (the server's limit too), so
 * the button counts down from 60 s. On a demo server the server hands the code back and it is
 * shown here, since no SMS is really sent.
 */
export function SmsCodeField({
  form,
  purpose,
}: {
  form: FormInstance;
  purpose: 'register' | 'login' | 'bind' | 'password';
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);
  const [demoCode, setDemoCode] = useState<string>();
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  async function send() {
    const phone = String(form.getFieldValue('phone') ?? '').trim();
    if (!PHONE.test(phone)) {
      Toast.show({ content: t('auth.phoneFirst') });
      return;
    }
    setSending(true);
    try {
      const sent = await api.post<{ retryAfterSeconds: number; demoCode?: string }>('/auth/sms-code', {
        phone,
        purpose,
      });
      setLeft(sent.retryAfterSeconds);
      setDemoCode(sent.demoCode);
      Toast.show({ content: t('auth.codeSent'), icon: 'success' });
    } catch (err) {
      const wait =
        err instanceof ApiError
          ? Number((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds)
          : NaN;
      if (wait > 0 && wait <= 120) setLeft(wait);
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setSending(false);
    }
  }
  return (
    <>
      <Form.Item
        name="smsCode"
        label={t('auth.smsCode')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.smsCodeRule') }]}
        extra={
          <Button
            size="small"
            color="primary"
            fill="outline"
            disabled={left > 0}
            loading={sending}
            onClick={() => void send()}
            data-testid="sms-send"
          >
            {left > 0 ? t('auth.resendIn', { n: left }) : t('auth.getCode')}
          </Button>
        }
      >
        <Input type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="sms-code" />
      </Form.Item>
      {demoCode && (
        <p className="shop-muted" role="status" data-testid="demo-code">
          {t('auth.demoCode', { code: demoCode })}
        </p>
      )}
    </>
  );
}

/**
 * 微信登录: off to the 公众号's authorization page (WeChat asks the customer's consent and sends
 * the browser back to /wechat/callback). Offered whenever the 公众号 is configured — inside WeChat's
 * browser it is the natural way in; elsewhere WeChat shows its own "open in WeChat" page.
 */
export function WechatSignInButton({ next }: { next: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const inWechat = /MicroMessenger/i.test(navigator.userAgent);
  async function go() {
    setBusy(true);
    try {
      const { url } = await api.get<{ url: string }>(
        `/auth/wechat/authorize-url?scope=snsapi_userinfo&returnTo=${encodeURIComponent(next)}`,
      );
      window.location.assign(url);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <div className="shop-auth-wechat">
      <Button
        block
        size="large"
        fill={inWechat ? 'solid' : 'outline'}
        style={{ '--background-color': inWechat ? '#07c160' : undefined, '--border-color': '#07c160' } as never}
        color={inWechat ? 'success' : 'default'}
        loading={busy}
        onClick={() => void go()}
        data-testid="wechat-login"
      >
        {t('auth.wechat')}
      </Button>
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = useNext();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [byCode, setByCode] = useState(false);
  const [form] = Form.useForm();
  const options = useAuthOptions();
  async function submit(v: { phone: string; password?: string; smsCode?: string }) {
    setBusy(true);
    try {
      if (byCode)
        api.setSession(await api.post<Session>('/auth/login-by-code', { phone: v.phone.trim(), smsCode: v.smsCode }));
      else await api.login(v.phone.trim(), v.password ?? '');
      qc.clear();
      navigate(next, { replace: true });
    } catch (err) {
      const failed = byCode ? t('auth.codeLoginFailed') : t('common.loginFailed');
      Toast.show({ content: err instanceof ApiError && err.status === 401 ? failed : errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <div className="shop-auth">
      <div className="shop-auth-top">
        <LangSwitch />
      </div>
      <h1>{t('app.name')}</h1>
      <p className="shop-muted">{t('auth.tagline')}</p>
      {api.sessionExpired && (
        <p className="shop-auth-notice" role="alert" data-testid="login-expired">
          {t('errors.SESSION_EXPIRED')}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">
            {t('common.login')}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t('common.phone')}
          rules={[{ required: true, pattern: PHONE, message: t('auth.phoneRule') }]}
        >
          <Input
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={11}
            placeholder="13800000000"
            data-testid="login-phone"
          />
        </Form.Item>
        {byCode ? (
          <SmsCodeField form={form} purpose="login" />
        ) : (
          <Form.Item
            name="password"
            label={t('common.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input type="password" autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
        )}
      </Form>
      {options?.wechat?.officialAccount && <WechatSignInButton next={next} />}
      {options?.smsVerify && (
        <p className="shop-auth-alt">
          <button type="button" data-testid="login-mode" onClick={() => setByCode(!byCode)}>
            {byCode ? t('auth.byPassword') : t('auth.byCode')}
          </button>
        </p>
      )}
      <p className="shop-auth-alt">
        {t('auth.noAccount')}{' '}
        <Link to={`/register${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} data-testid="to-register">
          {t('auth.register')}
        </Link>
      </p>
      <p className="shop-auth-alt">
        <Link to="/">{t('auth.browse')}</Link>
      </p>
    </div>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = useNext();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const options = useAuthOptions();
  const invite = params.get('invite') ?? '';
  const linked = linkedPoint();
  async function submit(v: { name: string; phone: string; password: string; inviteCode?: string; smsCode?: string }) {
    setBusy(true);
    try {
      const s = await api.post<Session>('/auth/register', {
        name: v.name.trim(),
        phone: v.phone.trim(),
        password: v.password,
        ...(v.inviteCode?.trim() ? { inviteCode: v.inviteCode.trim() } : {}),
        ...(linked ? { pickupPointId: linked } : {}),
        ...(options?.smsVerify && v.smsCode ? { smsCode: v.smsCode } : {}),
      });
      api.setSession(s);
      qc.clear();
      forgetLinkedPoint();
      // a leader's link (or an invitation from a customer with a point) bound the point already;
      // anyone else chooses one first
      const me = await api.get<Me>('/me').catch(() => null);
      navigate(me?.pickupPointId ? next : `/pickup-point?next=${encodeURIComponent(next)}`, { replace: true });
    } catch (err) {
      Toast.show({
        content: err instanceof ApiError && err.code === 'CONFLICT' ? t('auth.phoneTaken') : errorText(err),
        icon: 'fail',
      });
      setBusy(false);
    }
  }
  return (
    <div className="shop-auth">
      <div className="shop-auth-top">
        <LangSwitch />
      </div>
      <h1>{t('auth.registerTitle')}</h1>
      {invite && (
        <p className="shop-muted" data-testid="invited">
          {t('auth.invited', { code: invite })}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ inviteCode: invite }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="register-submit">
            {t('auth.register')}
          </Button>
        }
      >
        <Form.Item
          name="name"
          label={t('auth.name')}
          rules={[{ required: true, max: 50, message: t('auth.nameRule') }]}
        >
          <Input autoComplete="name" maxLength={50} data-testid="register-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('common.phone')}
          rules={[{ required: true, pattern: PHONE, message: t('auth.phoneRule') }]}
        >
          <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="register-phone" />
        </Form.Item>
        {options?.smsVerify && <SmsCodeField form={form} purpose="register" />}
        <Form.Item
          name="password"
          label={t('common.password')}
          rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}
        >
          <Input type="password" autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item name="inviteCode" label={t('auth.inviteCode')}>
          <Input maxLength={20} data-testid="register-invite" />
        </Form.Item>
      </Form>
      <p className="shop-auth-alt">
        {t('auth.haveAccount')} <Link to="/login">{t('common.login')}</Link>
      </p>
    </div>
  );
}
