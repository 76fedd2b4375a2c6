import { createBrowserRouter, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { usePageViews } from '../shared/page-views';
import { leaderEvents } from './events';
import { ConfigProvider, PullToRefresh, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useQueryClient } from '@tanstack/react-query';
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
import { HomePage } from './HomePage';
import { RecallsPage } from './RecallsPage';
import { NewTicketPage, TicketPage, TicketsPage } from './TicketsPage';
import { TrainingPage } from './TrainingPage';
import { CustomersPage } from './CustomersPage';
import { GradePage } from './GradePage';
import { TabIcon } from './icons';

const TABS = [
  { key: '/home', icon: 'home', label: 'tabs.home' },
  { key: '/orders', icon: 'orders', label: 'tabs.orders' },
  { key: '/arrival', icon: 'arrival', label: 'tabs.arrival' },
  { key: '/verify', icon: 'verify', label: 'tabs.verify' },
  { key: '/commission', icon: 'commission', label: 'tabs.commission' },
  { key: '/me', icon: 'me', label: 'tabs.me' },
] as const;

/** Signed in as a leader → the tabbed app; otherwise the sign-in screen or a clear refusal. */
function Shell() {
  const session = useSession(api);
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const location = useLocation();
  usePageViews(leaderEvents, location.pathname);
  const navigate = useNavigate();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  if (!session)
    return (
      <ConfigProvider locale={locale}>
        <Login />
      </ConfigProvider>
    );
  if (!session.user.roles.includes('leader'))
    return (
      <ConfigProvider locale={locale}>
        <NotLeader />
      </ConfigProvider>
    );
  // The poster and the recall screen light no tab, so tapping 首页 takes the leader back (a tab bar
  // does nothing when its lit tab is tapped).
  const active = TABS.find((tab) => location.pathname.startsWith(tab.key))?.key ?? null;
  return (
    <ConfigProvider locale={locale}>
      <CampaignProvider>
        <div className="ll-app">
          <main className="ll-main">
            {/* Pull down to reload everything: the leader checks for new orders and arrivals often. */}
            <PullToRefresh onRefresh={() => client.invalidateQueries({ queryKey: ['leader'] })}>
              <Outlet />
            </PullToRefresh>
          </main>
          <nav className="ll-tabbar" aria-label={t('app.title')}>
            <TabBar activeKey={active} onChange={(key: string) => navigate(key)} safeArea>
              {TABS.map((tab) => (
                <TabBar.Item
                  key={tab.key}
                  icon={<TabIcon name={tab.icon} />}
                  title={<span data-testid={`tab-${tab.key.slice(1)}`}>{t(tab.label)}</span>}
                />
              ))}
            </TabBar>
          </nav>
        </div>
      </CampaignProvider>
    </ConfigProvider>
  );
}

export const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/home" replace /> },
        { path: 'home', element: <HomePage /> },
        { path: 'orders', element: <OrdersPage /> },
        { path: 'arrival', element: <ArrivalPage /> },
        { path: 'verify', element: <VerifyPage /> },
        { path: 'commission', element: <CommissionPage /> },
        { path: 'me', element: <MePage /> },
        { path: 'poster', element: <PosterPage /> },
        { path: 'recalls', element: <RecallsPage /> },
        { path: 'tickets', element: <TicketsPage /> },
        { path: 'tickets/new', element: <NewTicketPage /> },
        { path: 'tickets/:id', element: <TicketPage /> },
        { path: 'training', element: <TrainingPage /> },
        { path: 'customers', element: <CustomersPage /> },
        { path: 'grade', element: <GradePage /> },
        { path: '*', element: <Navigate to="/home" replace /> },
      ],
    },
  ],
  { basename: '/leader' },
);
