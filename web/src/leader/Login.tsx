import { useState } from 'react';
import { Button, Form, Input, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../shared/i18n';
import { ApiError } from '../shared/api';
import { api } from './api';
import { LangSwitch } from './MePage';

export function Login() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!phone.trim() || !password) return setError(t('login.missing'));
    setBusy(true);
    setError(null);
    try {
      await api.login(phone.trim(), password);
    } catch (err) {
      // A wrong password comes back as 401/404/validation: say it plainly rather than the generic code text.
      setError(
        err instanceof ApiError && [400, 401, 404].includes(err.status) ? t('common.loginFailed') : errorText(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ll-login">
      <div className="ll-login-lang">
        <LangSwitch />
      </div>
      <h1>{t('app.title')}</h1>
      <p className="ll-muted">{t('login.subtitle')}</p>
      {/* the page underneath stays where it was: signing in again shows it */}
      {api.sessionExpired && !error && (
        <p className="ll-error" role="alert" data-testid="login-expired">
          {t('errors.SESSION_EXPIRED')}
        </p>
      )}
      <Form
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="login-submit">
            {t('common.login')}
          </Button>
        }
      >
        <Form.Item label={t('common.phone')}>
          <Input
            data-testid="login-phone"
            type="tel"
            inputMode="numeric"
            autoComplete="username"
            placeholder={t('login.phonePlaceholder')}
            value={phone}
            onChange={setPhone}
            clearable
          />
        </Form.Item>
        <Form.Item label={t('common.password')}>
          <Input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            placeholder={t('login.passwordPlaceholder')}
            value={password}
            onChange={setPassword}
          />
        </Form.Item>
      </Form>
      {error && (
        <p className="ll-error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function NotLeader() {
  const { t } = useTranslation();
  return (
    <div className="ll-login">
      <div className="ll-login-lang">
        <LangSwitch />
      </div>
      <Result
        status="warning"
        title={t('login.title')}
        description={<span data-testid="not-leader">{t('login.notLeader')}</span>}
      />
      <Button block size="large" onClick={() => void api.logout()} data-testid="switch-account">
        {t('login.switchAccount')}
      </Button>
    </div>
  );
}
