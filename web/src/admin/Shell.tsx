import { Button, Layout, Menu, Space, Switch, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { usePageViews } from '../shared/page-views';
import { consoleEvents } from './events';
import { setA11y, useA11y } from '../shared/a11y';
import { currentLang, switchLang } from '../shared/i18n';
import { useSession } from '../shared/session';
import { api, consoleRoles, signInPath } from './api';
import { mayOpen, opsNav, SETUP_ROLES, TEAMS } from './nav';
import { setupPages } from './setup';
import { AlertInbox } from './components/AlertInbox';

/** Language, large text and high contrast: reachable from the header and the sign-in page. */
export function A11yControls() {
  const { t } = useTranslation();
  const { largeText, highContrast } = useA11y();
  return (
    <Space size="middle" wrap>
      <Button
        size="small"
        onClick={() => switchLang(currentLang() === 'en' ? 'zh-CN' : 'en')}
        data-testid="lang-switch"
      >
        {t('common.language')}
      </Button>
      <label>
        <Space size={4}>
          <Switch
            size="small"
            checked={largeText}
            onChange={(on: boolean) => setA11y('largeText', on)}
            data-testid="large-text"
          />
          {t('common.largeText')}
        </Space>
      </label>
      <label>
        <Space size={4}>
          <Switch
            size="small"
            checked={highContrast}
            onChange={(on: boolean) => setA11y('highContrast', on)}
            data-testid="high-contrast"
          />
          {t('common.highContrast')}
        </Space>
      </label>
    </Space>
  );
}

export default function Shell() {
  const { t } = useTranslation();
  const session = useSession(api);
  const navigate = useNavigate();
  const location = useLocation();
  usePageViews(consoleEvents, location.pathname);
  const { largeText } = useA11y();
  const held = consoleRoles(session?.user.roles);
  const role = held[0];
  if (!session || !role) return <Navigate to={signInPath(location)} replace />;

  // a user limited to some regions at sign-in (absent on older sessions: every region)
  const everyRegion = !session.user.regionIds;
  const items: MenuProps['items'] = opsNav
    .filter((n) => mayOpen(held, n.roles) && (everyRegion || !n.everyRegion))
    .map((n) => ({ key: '/' + n.path, label: t(n.labelKey), 'data-testid': `nav-${n.path}` }));
  const setup = setupPages.filter((p) => mayOpen(held, SETUP_ROLES[p.path] ?? TEAMS.admin));
  if (setup.length > 0) {
    items.push({
      key: 'setup',
      type: 'group',
      label: t('ops.nav.setup'),
      children: setup.map((p) => ({ key: '/' + p.path, label: t(p.labelKey), 'data-testid': `nav-${p.path}` })),
    });
  }
  // The deepest menu entry that starts the current path (e.g. /purchase-orders/x/receive).
  const selected = [...opsNav.map((n) => '/' + n.path), ...setupPages.map((p) => '/' + p.path)]
    .filter((k) => location.pathname === k || location.pathname.startsWith(k + '/'))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* wider with large text, so "Purchase orders & receiving" is not cut off */}
      <Layout.Sider width={largeText ? 300 : 248} breakpoint="lg" collapsedWidth={0}>
        <div className="ops-brand">{t('ops.appName')}</div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={(e: { key: string }) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="ops-header">
          <A11yControls />
          <Space size="middle">
            {mayOpen(held, TEAMS.alerts) && <AlertInbox />}
            <Typography.Text data-testid="signed-in-as">
              {t('ops.header.signedInAs', { name: session.user.name, role: t(`ops.header.role_${role}`) })}
            </Typography.Text>
            <Button onClick={() => void api.logout()} data-testid="sign-out">
              {t('common.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="ops-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
