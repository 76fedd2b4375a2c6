import { Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, redirect, useLocation } from 'react-router-dom';
import { useSession } from '../shared/session';
import { api, consoleRoles, signInPath } from './api';
import { homePath, mayOpen, opsNav, SETUP_ROLES, TEAMS, type ConsoleRole } from './nav';
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
const Reconciliation = lazy(() => import('./pages/Reconciliation'));
const Reviews = lazy(() => import('./pages/Reviews'));
const Tickets = lazy(() => import('./pages/Tickets'));
const Recruiting = lazy(() => import('./pages/Recruiting'));
const Incidents = lazy(() => import('./pages/Incidents'));
const Lifecycle = lazy(() => import('./pages/Lifecycle'));
const LeaderReport = lazy(() => import('./pages/LeaderReport'));
const PrintPurchaseOrders = lazy(() => import('./pages/PrintPurchaseOrders'));
const PrintSorting = lazy(() => import('./pages/PrintSorting'));

/** Shows the page only to the roles allowed; the server checks again on every call. */
function Gate({ roles, children }: { roles: ConsoleRole[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession(api);
  const location = useLocation();
  const held = consoleRoles(session?.user.roles);
  if (!session || !held.length) return <Navigate to={signInPath(location)} replace />;
  if (!mayOpen(held, roles)) return <Result status="403" title={t('ops.forbidden')} />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/**
 * /admin/ goes to the role's home screen. A loader, not a <Navigate>: the redirect happens before
 * the first render, so the dashboard's own loader (data + chart code) starts at once.
 */
function homeRedirect() {
  const held = consoleRoles(api.session?.user.roles);
  return redirect(held.length ? homePath(held) : '/login');
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('ops.notFound')} />;
}

/** the roles of a menu screen */
const rolesOf = (path: string): ConsoleRole[] => opsNav.find((n) => n.path === path)?.roles ?? TEAMS.admin;

export const router = createBrowserRouter(
  [
    { path: '/login', element: <SignIn /> },
    // Print sheets stand alone (no menu, no header) so the page prints cleanly.
    {
      path: '/print/purchase-orders',
      element: (
        <Gate roles={TEAMS.supplyRead}>
          <PrintPurchaseOrders />
        </Gate>
      ),
    },
    {
      path: '/print/sorting',
      element: (
        <Gate roles={TEAMS.warehouse}>
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
            <Gate roles={rolesOf('dashboard')}>
              <Dashboard />
            </Gate>
          ),
        },
        {
          path: 'campaigns',
          element: (
            <Gate roles={rolesOf('campaigns')}>
              <Campaigns />
            </Gate>
          ),
        },
        {
          path: 'purchase-orders',
          element: (
            <Gate roles={rolesOf('purchase-orders')}>
              <PurchaseOrders />
            </Gate>
          ),
        },
        {
          path: 'purchase-orders/:id/receive',
          element: (
            <Gate roles={TEAMS.warehouse}>
              <Receiving />
            </Gate>
          ),
        },
        {
          path: 'sorting',
          element: (
            <Gate roles={rolesOf('sorting')}>
              <Sorting />
            </Gate>
          ),
        },
        {
          path: 'stock-counts',
          element: (
            <Gate roles={rolesOf('stock-counts')}>
              <StockCounts />
            </Gate>
          ),
        },
        {
          path: 'stock-counts/:id',
          element: (
            <Gate roles={TEAMS.warehouse}>
              <StockCountSheet />
            </Gate>
          ),
        },
        {
          path: 'stock-movements',
          element: (
            <Gate roles={rolesOf('stock-movements')}>
              <StockMovements />
            </Gate>
          ),
        },
        {
          path: 'recalls',
          element: (
            <Gate roles={rolesOf('recalls')}>
              <Recalls />
            </Gate>
          ),
        },
        {
          path: 'stock-lots',
          element: (
            <Gate roles={rolesOf('stock-lots')}>
              <StockLots />
            </Gate>
          ),
        },
        {
          path: 'recalls/:id',
          element: (
            <Gate roles={TEAMS.supplyRead}>
              <RecallSheet />
            </Gate>
          ),
        },
        {
          path: 'kpis',
          element: (
            <Gate roles={rolesOf('kpis')}>
              <Kpis />
            </Gate>
          ),
        },
        {
          path: 'inventory-turnover',
          element: (
            <Gate roles={rolesOf('inventory-turnover')}>
              <Turnover />
            </Gate>
          ),
        },
        {
          path: 'loss-rate',
          element: (
            <Gate roles={rolesOf('loss-rate')}>
              <LossRate />
            </Gate>
          ),
        },
        {
          path: 'freshness-rules',
          element: (
            <Gate roles={rolesOf('freshness-rules')}>
              <FreshnessRules />
            </Gate>
          ),
        },
        {
          path: 'orders',
          element: (
            <Gate roles={rolesOf('orders')}>
              <Orders />
            </Gate>
          ),
        },
        {
          path: 'refunds',
          element: (
            <Gate roles={rolesOf('refunds')}>
              <Refunds />
            </Gate>
          ),
        },
        {
          path: 'tickets',
          element: (
            <Gate roles={rolesOf('tickets')}>
              <Tickets />
            </Gate>
          ),
        },
        {
          path: 'reviews',
          element: (
            <Gate roles={rolesOf('reviews')}>
              <Reviews />
            </Gate>
          ),
        },
        {
          path: 'recruiting',
          element: (
            <Gate roles={rolesOf('recruiting')}>
              <Recruiting />
            </Gate>
          ),
        },
        {
          path: 'incidents',
          element: (
            <Gate roles={rolesOf('incidents')}>
              <Incidents />
            </Gate>
          ),
        },
        {
          path: 'funnel',
          element: (
            <Gate roles={rolesOf('funnel')}>
              <Funnel />
            </Gate>
          ),
        },
        {
          path: 'arrival-quality',
          element: (
            <Gate roles={rolesOf('arrival-quality')}>
              <ArrivalQuality />
            </Gate>
          ),
        },
        {
          path: 'withdrawals',
          element: (
            <Gate roles={rolesOf('withdrawals')}>
              <Withdrawals />
            </Gate>
          ),
        },
        {
          path: 'experiments',
          element: (
            <Gate roles={rolesOf('experiments')}>
              <Experiments />
            </Gate>
          ),
        },
        {
          path: 'experiments/:id',
          element: (
            <Gate roles={TEAMS.marketing}>
              <ExperimentReport />
            </Gate>
          ),
        },
        {
          path: 'customer-segments',
          element: (
            <Gate roles={rolesOf('customer-segments')}>
              <Segments />
            </Gate>
          ),
        },
        {
          path: 'targeted-campaigns',
          element: (
            <Gate roles={rolesOf('targeted-campaigns')}>
              <TargetedCampaigns />
            </Gate>
          ),
        },
        {
          path: 'targeted-campaigns/:id',
          element: (
            <Gate roles={TEAMS.marketing}>
              <TargetedResult />
            </Gate>
          ),
        },
        {
          path: 'supplier-ranking',
          element: (
            <Gate roles={rolesOf('supplier-ranking')}>
              <SupplierRanking />
            </Gate>
          ),
        },
        {
          path: 'settlements',
          element: (
            <Gate roles={rolesOf('settlements')}>
              <Settlements />
            </Gate>
          ),
        },
        {
          path: 'reconciliation',
          element: (
            <Gate roles={rolesOf('reconciliation')}>
              <Reconciliation />
            </Gate>
          ),
        },
        {
          path: 'lifecycle',
          element: (
            <Gate roles={rolesOf('lifecycle')}>
              <Lifecycle />
            </Gate>
          ),
        },
        {
          path: 'leader-report',
          element: (
            <Gate roles={rolesOf('leader-report')}>
              <LeaderReport />
            </Gate>
          ),
        },
        {
          path: 'users',
          element: (
            <Gate roles={rolesOf('users')}>
              <Users />
            </Gate>
          ),
        },
        ...setupPages.map((p) => ({
          path: p.path,
          element: <Gate roles={SETUP_ROLES[p.path] ?? TEAMS.admin}>{p.element}</Gate>,
        })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/admin' },
);
