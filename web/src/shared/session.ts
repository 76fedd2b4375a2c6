import { useSyncExternalStore } from 'react';
import type { Api } from './api';

/** The signed-in session of an app, re-rendering when it changes (sign-in, sign-out, 401). */
export function useSession(api: Api) {
  return useSyncExternalStore(api.subscribe, () => api.session);
}
