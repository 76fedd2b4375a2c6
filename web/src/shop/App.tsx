import { lazy, Suspense, useEffect } from 'react';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { useSession } from '../shared/session';
import { Loading } from './components/State';
import { TabLayout } from './components/TabLayout';
import { DealsPage } from './pages/DealsPage';
import { CartPage } from './pages/CartPage';
import { OrdersPage } from './pages/OrdersPage';
import { MePage } from './pages/MePage';

// Secondary screens load on demand to keep the first page small.
const CheckoutPage = lazy(() => import('./pages/CheckoutPage').then((m) => ({ default: m.CheckoutPage })));
const PickupPointPage = lazy(() => import('./pages/PickupPointPage').then((m) => ({ default: m.PickupPointPage })));
const LoginPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./pages/AuthPages').then((m) => ({ default: m.RegisterPage })));
const WechatCallbackPage = lazy(() => import('./pages/WechatPages'));
const OrderPage = lazy(() => import('./pages/OrderPage'));
const SearchPage = lazy(() => import('./pages/SearchPage'));
const AftersalesPage = lazy(() => import('./pages/AftersalesPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const LeaderApplyPage = lazy(() => import('./pages/LeaderApplyPage'));
const CouponsPage = lazy(() => import('./pages/CouponsPage'));
const PointsPage = lazy(() => import('./pages/PointsPage'));
const MembershipPage = lazy(() => import('./pages/MembershipPage'));
const MembershipWelcomePage = lazy(() => import('./pages/MembershipWelcomePage'));
const InvitePage = lazy(() => import('./pages/InvitePage'));
const MessagesPage = lazy(() => import('./pages/MessagesPage'));
const TicketsPage = lazy(() => import('./pages/TicketsPage'));
const NewTicketPage = lazy(() => import('./pages/TicketsPage').then((m) => ({ default: m.NewTicketPage })));
const TicketPage = lazy(() => import('./pages/TicketsPage').then((m) => ({ default: m.TicketPage })));
const SecurityPage = lazy(() => import('./pages/SecurityPage'));
// the deal page carries the gallery (Swiper, ImageViewer): loaded when a deal is opened, not with the list
const DealPage = lazy(() => import('./pages/DealPage'));
const FillPage = lazy(() => import('./pages/FillPage'));

/** Screens that need an account send a signed-out visitor to sign in, then back. */
function RequireAuth() {
  const session = useSession(api);
  const location = useLocation();
  if (!session)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

const router = createBrowserRouter(
  [
    {
      element: <TabLayout />,
      children: [
        { index: true, element: <DealsPage /> },
        { path: 'cart', element: <CartPage /> },
        {
          element: <RequireAuth />,
          children: [
            { path: 'orders', element: <OrdersPage /> },
            { path: 'me', element: <MePage /> },
          ],
        },
      ],
    },
    {
      path: 'deals/:id',
      element: (
        <Suspense fallback={<Loading />}>
          <DealPage />
        </Suspense>
      ),
    },
    {
      path: 'search',
      element: (
        <Suspense fallback={<Loading />}>
          <SearchPage />
        </Suspense>
      ),
    },
    {
      path: 'login',
      element: (
        <Suspense fallback={<Loading />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      path: 'wechat/callback',
      element: (
        <Suspense fallback={<Loading />}>
          <WechatCallbackPage />
        </Suspense>
      ),
    },
    {
      path: 'register',
      element: (
        <Suspense fallback={<Loading />}>
          <RegisterPage />
        </Suspense>
      ),
    },
    {
      element: <RequireAuth />,
      children: [
        { path: 'pickup-point', element: <PickupPointPage /> },
        { path: 'checkout', element: <CheckoutPage /> },
        { path: 'fill', element: <FillPage /> },
        { path: 'orders/:id', element: <OrderPage /> },
        { path: 'orders/:id/after-sales', element: <AftersalesPage /> },
        { path: 'orders/:id/review/:lineId', element: <ReviewPage /> },
        { path: 'me/coupons', element: <CouponsPage /> },
        { path: 'me/points', element: <PointsPage /> },
        { path: 'me/membership', element: <MembershipPage /> },
        { path: 'me/membership/welcome', element: <MembershipWelcomePage /> },
        { path: 'me/invite', element: <InvitePage /> },
        { path: 'me/messages', element: <MessagesPage /> },
        { path: 'me/tickets', element: <TicketsPage /> },
        { path: 'me/tickets/new', element: <NewTicketPage /> },
        { path: 'me/tickets/:id', element: <TicketPage /> },
        { path: 'me/security', element: <SecurityPage /> },
        { path: 'me/leader-application', element: <LeaderApplyPage /> },
      ],
    },
    { path: '*', element: <Navigate to="/" replace /> },
  ],
  { basename: '/shop' },
);

export function App() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
