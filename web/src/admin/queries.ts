import { QueryClient } from '@tanstack/react-query';
import { api, consoleRoles } from './api';
import { mayOpen, TEAMS } from './nav';
import type { Dashboard } from './types';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

/** The dashboard of the last `days` business days, of one region or (none given) every region the operator sees. */
export const dashboardQuery = (days: number, regionId?: string) => ({
  queryKey: ['dashboard', days, regionId ?? 'all'],
  queryFn: () =>
    api.get<Dashboard>(
      `/admin/analytics/dashboard?days=${days}${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`,
    ),
  staleTime: 30_000,
});

/**
 * Opening the dashboard: fetch its figures and its code (ECharts) at the same time, as soon as
 * the route matches, instead of one after the other — this is most of its first-paint time.
 */
export function preloadDashboard(loadCode: () => Promise<unknown>) {
  void loadCode();
  if (mayOpen(consoleRoles(api.session?.user.roles), TEAMS.numbers)) void queryClient.prefetchQuery(dashboardQuery(30));
  return null;
}
