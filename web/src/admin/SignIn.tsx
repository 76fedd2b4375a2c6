import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { errorText } from '../shared/i18n';
import { useSession } from '../shared/session';
import { api, consoleRole } from './api';
import { A11yControls } from './Shell';

export default function SignIn() {
  const { t } = useTranslation();
  const session = useSession(api);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  // only a path of ours: never a link that leads elsewhere
  const next = params.get('next');
  const back = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

  if (session && consoleRole(session.user.roles)) return <Navigate to={back} replace />;

  async function onFinish(values: { phone: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const s = await api.login(values.phone.trim(), values.password);
      // Customers and leaders have their own apps; do not keep their session here.
      if (!consoleRole(s.user.roles)) {
        api.setSession(null);
        setError(t('ops.signIn.notStaff'));
      }
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('common.loginFailed') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ops-signin">
      <Card style={{ width: 400 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={3} style={{ marginBottom: 0 }}>
              {t('ops.signIn.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('ops.signIn.subtitle')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon title={error} data-testid="signin-error" />}
          {!error && api.sessionExpired && (
            <Alert type="warning" showIcon title={t('errors.SESSION_EXPIRED')} data-testid="signin-expired" />
          )}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="phone"
              label={t('common.phone')}
              rules={[{ required: true, message: t('ops.signIn.phoneRequired') }]}
            >
              <Input inputMode="numeric" autoComplete="username" data-testid="signin-phone" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('common.password')}
              rules={[{ required: true, message: t('ops.signIn.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" data-testid="signin-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
              {t('common.login')}
            </Button>
          </Form>
          <A11yControls />
        </Space>
      </Card>
    </div>
  );
}
