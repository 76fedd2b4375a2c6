import { useState } from 'react';
import { Button, Form, Input, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Session } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { LangSwitch } from '../components/LangSwitch';

/** Where to go after signing in: the `next` path when it is one of ours, else the deals. */
function useNext() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const PHONE = /^1\d{10}$/;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = useNext();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  async function submit(v: { phone: string; password: string }) {
    setBusy(true);
    try {
      await api.login(v.phone.trim(), v.password);
      qc.clear();
      navigate(next, { replace: true });
    } catch (err) {
      Toast.show({ content: err instanceof ApiError && err.status === 401 ? t('common.loginFailed') : errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <div className="shop-auth">
      <div className="shop-auth-top"><LangSwitch /></div>
      <h1>{t('app.name')}</h1>
      <p className="shop-muted">{t('auth.tagline')}</p>
      {api.sessionExpired && <p className="shop-auth-notice" role="alert" data-testid="login-expired">{t('errors.SESSION_EXPIRED')}</p>}
      <Form layout="vertical" onFinish={submit} footer={
        <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">{t('common.login')}</Button>
      }>
        <Form.Item name="phone" label={t('common.phone')} rules={[{ required: true, pattern: PHONE, message: t('auth.phoneRule') }]}>
          <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} placeholder="13800000000" data-testid="login-phone" />
        </Form.Item>
        <Form.Item name="password" label={t('common.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input type="password" autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
      </Form>
      <p className="shop-auth-alt">
        {t('auth.noAccount')} <Link to={`/register${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} data-testid="to-register">{t('auth.register')}</Link>
      </p>
      <p className="shop-auth-alt"><Link to="/">{t('auth.browse')}</Link></p>
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
  const invite = params.get('invite') ?? '';
  async function submit(v: { name: string; phone: string; password: string; inviteCode?: string }) {
    setBusy(true);
    try {
      const s = await api.post<Session>('/auth/register', {
        name: v.name.trim(), phone: v.phone.trim(), password: v.password, ...(v.inviteCode?.trim() ? { inviteCode: v.inviteCode.trim() } : {}),
      });
      api.setSession(s);
      qc.clear();
      // a new customer chooses a pickup point first
      navigate(`/pickup-point?next=${encodeURIComponent(next)}`, { replace: true });
    } catch (err) {
      Toast.show({ content: err instanceof ApiError && err.code === 'CONFLICT' ? t('auth.phoneTaken') : errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <div className="shop-auth">
      <div className="shop-auth-top"><LangSwitch /></div>
      <h1>{t('auth.registerTitle')}</h1>
      {invite && <p className="shop-muted" data-testid="invited">{t('auth.invited', { code: invite })}</p>}
      <Form layout="vertical" onFinish={submit} initialValues={{ inviteCode: invite }} footer={
        <Button block type="submit" color="primary" size="large" loading={busy} data-testid="register-submit">{t('auth.register')}</Button>
      }>
        <Form.Item name="name" label={t('auth.name')} rules={[{ required: true, max: 50, message: t('auth.nameRule') }]}>
          <Input autoComplete="name" maxLength={50} data-testid="register-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('common.phone')} rules={[{ required: true, pattern: PHONE, message: t('auth.phoneRule') }]}>
          <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="register-phone" />
        </Form.Item>
        <Form.Item name="password" label={t('common.password')} rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}>
          <Input type="password" autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item name="inviteCode" label={t('auth.inviteCode')}>
          <Input maxLength={20} data-testid="register-invite" />
        </Form.Item>
      </Form>
      <p className="shop-auth-alt">{t('auth.haveAccount')} <Link to="/login">{t('common.login')}</Link></p>
    </div>
  );
}
