import { Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, redirect, useLocation } from 'react-router-dom';
import { useSession } from '../shared/session';
import { api, consoleRole, signInPath } from './api';
import { homePath, type ConsoleRole } from './nav';
import { Loading } from './components/State';
import Shell from './Shell';
import SignIn from './SignIn';
import { setupPages } from './setup';
import { preloadDashboard } from './queries';

// Each screen is its own chunk; the dashboard's ECharts only loads when the dashboard opens.
const loadDashboard = () => import('./pages/Dashboard');
const Dashboard = lazy(loadDashboard);
const Campaigns = lazy(() => import('./pages/Campaigns'));
const Kpis = lazy(() => import('./pages/Kpis'));
const PurchaseOrders = lazy(() => import('./pages/PurchaseOrders'));
const Receiving = lazy(() => import('./pages/Receiving'));
const Sorting = lazy(() => import('./pages/Sorting'));
const StockCounts = lazy(() => import('./pages/Stock').then((m) => ({ default: m.StockCounts })));
const StockCountSheet = lazy(() => import('./pages/Stock').then((m) => ({ default: m.StockCountSheet })));
const StockMovements = lazy(() => import('./pages/Stock').then((m) => ({ default: m.StockMovements })));
const Recalls = lazy(() => import('./pages/Recalls'));
const RecallSheet = lazy(() => import('./pages/Recalls').then((m) => ({ default: m.RecallSheet })));
const StockLots = lazy(() => import('./pages/Freshness').then((m) => ({ default: m.StockLots })));
const FreshnessRules = lazy(() => import('./pages/Freshness').then((m) => ({ default: m.FreshnessRules })));
const Turnover = lazy(() => import('./pages/Turnover'));
const LossRate = lazy(() => import('./pages/Freshness').then((m) => ({ default: m.LossRate })));
const Orders = lazy(() => import('./pages/Orders'));
const Refunds = lazy(() => import('./pages/Refunds'));
const Withdrawals = lazy(() => import('./pages/Withdrawals'));
const ArrivalQuality = lazy(() => import('./pages/ArrivalQuality'));
const Funnel = lazy(() => import('./pages/Funnel'));
const Users = lazy(() => import('./pages/Users'));
const SupplierRanking = lazy(() => import('./pages/SupplierRanking'));
const Experiments = lazy(() => import('./pages/Experiments'));
const ExperimentReport = lazy(() => import('./pages/Experiments').then((m) => ({ default: m.ExperimentReportPage })));
const Segments = lazy(() => import('./pages/Segments'));
const TargetedCampaigns = lazy(() => import('./pages/TargetedCampaigns'));
const TargetedResult = lazy(() => import('./pages/TargetedCampaigns').then((m) => ({ default: m.TargetedResultPage })));
const Settlements = lazy(() => import('./pages/Settlements'));
const Lifecycle = lazy(() => import('./pages/Lifecycle'));
const PrintPurchaseOrders = lazy(() => import('./pages/PrintPurchaseOrders'));
const PrintSorting = lazy(() => import('./pages/PrintSorting'));

/** Shows the page only to the roles allowed; the server checks again on every call. */
function Gate({ roles, children }: { roles: ConsoleRole[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession(api);
  const location = useLocation();
  const role = consoleRole(session?.user.roles);
  if (!session || !role) return <Navigate to={signInPath(location)} replace />;
  if (!roles.includes(role)) return <Result status="403" title={t('ops.forbidden')} />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/**
 * /admin/ goes to the role's home screen. A loader, not a <Navigate>: the redirect happens before
 * the first render, so the dashboard's own loader (data + chart code) starts at once.
 */
function homeRedirect() {
  const role = consoleRole(api.session?.user.roles);
  return redirect(role ? homePath(role) : '/login');
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('ops.notFound')} />;
}

const ADMIN: ConsoleRole[] = ['admin'];
const WAREHOUSE: ConsoleRole[] = ['admin', 'warehouse'];

export const router = createBrowserRouter(
  [
    { path: '/login', element: <SignIn /> },
    // Print sheets stand alone (no menu, no header) so the page prints cleanly.
    {
      path: '/print/purchase-orders',
      element: (
        <Gate roles={WAREHOUSE}>
          <PrintPurchaseOrders />
        </Gate>
      ),
    },
    {
      path: '/print/sorting',
      element: (
        <Gate roles={WAREHOUSE}>
          <PrintSorting />
        </Gate>
      ),
    },
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, loader: homeRedirect },
        {
          path: 'dashboard',
          loader: () => preloadDashboard(loadDashboard),
          element: (
            <Gate roles={ADMIN}>
              <Dashboard />
            </Gate>
          ),
        },
        {
          path: 'campaigns',
          element: (
            <Gate roles={ADMIN}>
              <Campaigns />
            </Gate>
          ),
        },
        {
          path: 'purchase-orders',
          element: (
            <Gate roles={WAREHOUSE}>
              <PurchaseOrders />
            </Gate>
          ),
        },
        {
          path: 'purchase-orders/:id/receive',
          element: (
            <Gate roles={WAREHOUSE}>
              <Receiving />
            </Gate>
          ),
        },
        {
          path: 'sorting',
          element: (
            <Gate roles={WAREHOUSE}>
              <Sorting />
            </Gate>
          ),
        },
        {
          path: 'stock-counts',
          element: (
            <Gate roles={WAREHOUSE}>
              <StockCounts />
            </Gate>
          ),
        },
        {
          path: 'stock-counts/:id',
          element: (
            <Gate roles={WAREHOUSE}>
              <StockCountSheet />
            </Gate>
          ),
        },
        {
          path: 'stock-movements',
          element: (
            <Gate roles={WAREHOUSE}>
              <StockMovements />
            </Gate>
          ),
        },
        {
          path: 'recalls',
          element: (
            <Gate roles={WAREHOUSE}>
              <Recalls />
            </Gate>
          ),
        },
        {
          path: 'stock-lots',
          element: (
            <Gate roles={WAREHOUSE}>
              <StockLots />
            </Gate>
          ),
        },
        {
          path: 'recalls/:id',
          element: (
            <Gate roles={WAREHOUSE}>
              <RecallSheet />
            </Gate>
          ),
        },
        {
          path: 'kpis',
          element: (
            <Gate roles={ADMIN}>
              <Kpis />
            </Gate>
          ),
        },
        {
          path: 'inventory-turnover',
          element: (
            <Gate roles={WAREHOUSE}>
              <Turnover />
            </Gate>
          ),
        },
        {
          path: 'loss-rate',
          element: (
            <Gate roles={ADMIN}>
              <LossRate />
            </Gate>
          ),
        },
        {
          path: 'freshness-rules',
          element: (
            <Gate roles={ADMIN}>
              <FreshnessRules />
            </Gate>
          ),
        },
        {
          path: 'orders',
          element: (
            <Gate roles={ADMIN}>
              <Orders />
            </Gate>
          ),
        },
        {
          path: 'refunds',
          element: (
            <Gate roles={ADMIN}>
              <Refunds />
            </Gate>
          ),
        },
        {
          path: 'funnel',
          element: (
            <Gate roles={ADMIN}>
              <Funnel />
            </Gate>
          ),
        },
        {
          path: 'arrival-quality',
          element: (
            <Gate roles={ADMIN}>
              <ArrivalQuality />
            </Gate>
          ),
        },
        {
          path: 'withdrawals',
          element: (
            <Gate roles={ADMIN}>
              <Withdrawals />
            </Gate>
          ),
        },
        {
          path: 'experiments',
          element: (
            <Gate roles={ADMIN}>
              <Experiments />
            </Gate>
          ),
        },
        {
          path: 'experiments/:id',
          element: (
            <Gate roles={ADMIN}>
              <ExperimentReport />
            </Gate>
          ),
        },
        {
          path: 'customer-segments',
          element: (
            <Gate roles={ADMIN}>
              <Segments />
            </Gate>
          ),
        },
        {
          path: 'targeted-campaigns',
          element: (
            <Gate roles={ADMIN}>
              <TargetedCampaigns />
            </Gate>
          ),
        },
        {
          path: 'targeted-campaigns/:id',
          element: (
            <Gate roles={ADMIN}>
              <TargetedResult />
            </Gate>
          ),
        },
        {
          path: 'supplier-ranking',
          element: (
            <Gate roles={ADMIN}>
              <SupplierRanking />
            </Gate>
          ),
        },
        {
          path: 'settlements',
          element: (
            <Gate roles={ADMIN}>
              <Settlements />
            </Gate>
          ),
        },
        {
          path: 'lifecycle',
          element: (
            <Gate roles={ADMIN}>
              <Lifecycle />
            </Gate>
          ),
        },
        {
          path: 'users',
          element: (
            <Gate roles={ADMIN}>
              <Users />
            </Gate>
          ),
        },
        ...setupPages.map((p) => ({ path: p.path, element: <Gate roles={ADMIN}>{p.element}</Gate> })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/admin' },
);
