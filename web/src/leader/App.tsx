import { createBrowserRouter, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { TabBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';
import { api } from './api';
import { CampaignProvider } from './campaign';
import { Login, NotLeader } from './Login';
import { OrdersPage } from './OrdersPage';
import { ArrivalPage } from './ArrivalPage';
import { VerifyPage } from './VerifyPage';
import { CommissionPage } from './CommissionPage';
import { MePage } from './MePage';
import { PosterPage } from './PosterPage';
import { TabIcon } from './icons';

const TABS = [
  { key: '/orders', icon: 'orders', label: 'tabs.orders' },
  { key: '/arrival', icon: 'arrival', label: 'tabs.arrival' },
  { key: '/verify', icon: 'verify', label: 'tabs.verify' },
  { key: '/commission', icon: 'commission', label: 'tabs.commission' },
  { key: '/me', icon: 'me', label: 'tabs.me' },
] as const;

/** Signed in as a leader → the tabbed app; otherwise the sign-in screen or a clear refusal. */
function Shell() {
  const session = useSession(api);
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  if (!session) return <Login />;
  if (!session.user.roles.includes('leader')) return <NotLeader />;
  // The poster is reached from 我的, so it keeps that tab lit.
  const active = TABS.find((tab) => location.pathname.startsWith(tab.key))?.key ?? '/me';
  return (
    <CampaignProvider>
      <div className="ll-app">
        <main className="ll-main">
          <Outlet />
        </main>
        <nav className="ll-tabbar" aria-label={t('app.title')}>
          <TabBar activeKey={active} onChange={(key: string) => navigate(key)} safeArea>
            {TABS.map((tab) => (
              <TabBar.Item key={tab.key} icon={<TabIcon name={tab.icon} />} title={<span data-testid={`tab-${tab.key.slice(1)}`}>{t(tab.label)}</span>} />
            ))}
          </TabBar>
        </nav>
      </div>
    </CampaignProvider>
  );
}

export const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/orders" replace /> },
        { path: 'orders', element: <OrdersPage /> },
        { path: 'arrival', element: <ArrivalPage /> },
        { path: 'verify', element: <VerifyPage /> },
        { path: 'commission', element: <CommissionPage /> },
        { path: 'me', element: <MePage /> },
        { path: 'poster', element: <PosterPage /> },
        { path: '*', element: <Navigate to="/orders" replace /> },
      ],
    },
  ],
  { basename: '/leader' },
);
