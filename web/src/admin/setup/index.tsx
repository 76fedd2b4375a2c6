import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../components/State';
import { setupStrings } from './strings';

/** The contract with the console shell: pages under the 基础设置 menu group, and their strings. */
export interface AdminPage {
  path: string;
  labelKey: string;
  element: ReactNode;
}

// Each screen is its own chunk, loaded when opened.
const page = (load: () => Promise<{ default: () => ReactNode }>) => {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
};

export const setupPages: AdminPage[] = [
  { path: 'setup/suppliers', labelKey: 'setup.nav.suppliers', element: page(() => import('./pages/Suppliers')) },
  { path: 'setup/regions', labelKey: 'setup.nav.regions', element: page(() => import('./pages/Regions')) },
  { path: 'setup/warehouses', labelKey: 'setup.nav.warehouses', element: page(() => import('./pages/Warehouses')) },
  { path: 'setup/routes', labelKey: 'setup.nav.routes', element: page(() => import('./pages/Routes')) },
  {
    path: 'setup/pickup-points',
    labelKey: 'setup.nav.pickupPoints',
    element: page(() => import('./pages/PickupPoints')),
  },
  { path: 'setup/leaders', labelKey: 'setup.nav.leaders', element: page(() => import('./pages/Leaders')) },
  { path: 'setup/products', labelKey: 'setup.nav.products', element: page(() => import('./pages/Products')) },
  { path: 'setup/campaigns', labelKey: 'setup.nav.campaigns', element: page(() => import('./pages/Campaigns')) },
  {
    path: 'setup/full-reduction',
    labelKey: 'setup.nav.fullReduction',
    element: page(() => import('./pages/FullReductions')),
  },
  { path: 'setup/coupons', labelKey: 'setup.nav.coupons', element: page(() => import('./pages/CouponTemplates')) },
  { path: 'setup/membership', labelKey: 'setup.nav.membership', element: page(() => import('./pages/Membership')) },
];

export { setupStrings };
