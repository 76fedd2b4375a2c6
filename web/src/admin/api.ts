import { createApi } from '../shared/api';
import { CONSOLE_ROLES, type ConsoleRole } from './nav';

/** The console's one API client (its session lives under linli.admin.session). */
export const api = createApi('admin');

/** The console roles the user holds, most general first (empty: not console staff). */
export function consoleRoles(roles: string[] | undefined): ConsoleRole[] {
  return CONSOLE_ROLES.filter((r) => roles?.includes(r));
}

/** The user's main console role (shown in the header), or null for someone who is not staff. */
export function consoleRole(roles: string[] | undefined): ConsoleRole | null {
  return consoleRoles(roles)[0] ?? null;
}

/**
 * Sign-in for someone sent there from a page (a link, an expired or revoked session): signing in
 * brings them back to it. Signing out on purpose starts afresh.
 */
export function signInPath(from: { pathname: string; search: string }): string {
  return api.signedOutOnPurpose ? '/login' : `/login?next=${encodeURIComponent(from.pathname + from.search)}`;
}
