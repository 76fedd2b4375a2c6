import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { api, type Me } from '../api';
import { LangSwitch } from '../components/LangSwitch';
import { PHONE, SmsCodeField } from './AuthPages';

type OauthOutcome = Answer<'/auth/wechat/oauth', 'post'>;
type Pending = { bindToken: string; nickname?: string; returnTo: string };

/** Only a path of the shop (the server checks too). */
const shopPath = (p: string | undefined) => (p?.startsWith('/') && !p.startsWith('//') ? p : '/');

/**
 * Where WeChat sends the browser back (/wechat/callback?code&state): the code is posted once; a
 * linked customer is signed in and goes on, a new one binds a phone by SMS code first. Refusing
 * consent at WeChat comes back without a code.
 */
export default function WechatCallbackPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [pending, setPending] = useState<Pending>();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const posted = useRef(false);
  const code = params.get('code');
  const state = params.get('state');

  async function signedIn(session: Session, returnTo: string) {
    api.setSession(session);
    qc.clear();
    // a new customer chooses a pickup point before ordering
    const me = await api.get<Me>('/me').catch(() => null);
    navigate(me?.pickupPointId ? returnTo : `/pickup-point?next=${encodeURIComponent(returnTo)}`, { replace: true });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once for the code in the address
  useEffect(() => {
    // the code is good once: never posted twice (a re-render, React's development double effects)
    if (posted.current || !code || !state) return;
    posted.current = true;
    api
      .post<OauthOutcome>('/auth/wechat/oauth', { code, state })
      .then((out) => {
        const returnTo = shopPath(out.returnTo);
        if ('token' in out) return signedIn({ token: out.token, user: out.user } as Session, returnTo);
        setPending({ bindToken: out.bindToken, nickname: out.nickname, returnTo });
      })
      .catch((err) => setFailed(errorText(err)));
  }, [code, state]);

  async function bind(v: { phone: string; smsCode: string }) {
    if (!pending) return;
    setBusy(true);
    try {
      const session = await api.post<Session>('/auth/wechat/bind', {
        bindToken: pending.bindToken,
        phone: v.phone.trim(),
        smsCode: v.smsCode,
      });
      await signedIn(session, pending.returnTo);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }

  const problem = !code ? t('auth.wechatCancelled') : failed;
  return (
    <div className="shop-auth">
      <div className="shop-auth-top">
        <LangSwitch />
      </div>
      <h1>{pending ? t('auth.bindTitle') : t('auth.wechat')}</h1>
      {problem ? (
        <>
          <p className="shop-auth-notice" role="alert" data-testid="wechat-problem">
            {problem}
          </p>
          <p className="shop-auth-alt">
            <Link to="/login" replace>
              {t('auth.otherWays')}
            </Link>
          </p>
        </>
      ) : pending ? (
        <>
          {pending.nickname && <p data-testid="wechat-hello">{t('auth.bindHello', { name: pending.nickname })}</p>}
          <p className="shop-muted">{t('auth.bindIntro')}</p>
          <Form
            form={form}
            layout="vertical"
            onFinish={bind}
            footer={
              <Button block type="submit" color="primary" size="large" loading={busy} data-testid="bind-submit">
                {t('auth.bindSubmit')}
              </Button>
            }
          >
            <Form.Item
              name="phone"
              label={t('common.phone')}
              rules={[{ required: true, pattern: PHONE, message: t('auth.phoneRule') }]}
            >
              <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="bind-phone" />
            </Form.Item>
            <SmsCodeField form={form} purpose="bind" />
          </Form>
        </>
      ) : (
        <p className="shop-muted" role="status" data-testid="wechat-signing-in">
          {t('auth.wechatSigningIn')}
        </p>
      )}
    </div>
  );
}
