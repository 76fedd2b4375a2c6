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
