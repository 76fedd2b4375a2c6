import { createApi } from '../shared/api';

/** The console's one API client (its session lives under linli.admin.session). */
export const api = createApi('admin');

/** Roles that may use the console; warehouse staff see only the warehouse screens. */
export function consoleRole(roles: string[] | undefined): 'admin' | 'warehouse' | null {
  if (!roles) return null;
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('warehouse')) return 'warehouse';
  return null;
}

/**
 * Sign-in for someone sent there from a page (a link, an expired or revoked session): signing in
 * brings them back to it. Signing out on purpose starts afresh.
 */
export function signInPath(from: { pathname: string; search: string }): string {
  return api.signedOutOnPurpose ? '/login' : `/login?next=${encodeURIComponent(from.pathname + from.search)}`;
}
