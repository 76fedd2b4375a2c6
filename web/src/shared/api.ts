/**
 * The one way the apps talk to the server: JSON over /api/v1 with the signed-in user's bearer
 * token. Each app keeps its own session (a leader may also shop as a customer on the same phone).
 */
import type { Answer } from './api-shapes';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** what signing in answers, kept for the app's session */
export type Session = Answer<'/auth/login', 'post'>;
export type SessionUser = Session['user'];

export type AppName = 'shop' | 'leader' | 'admin';

const listeners = new Set<() => void>();

/** What an app's early script (web/public/<app>/early.js) asked for before the app had loaded. */
declare global {
  interface Window {
    linliEarly?: { at: number; answers: Map<string, Promise<Response>> };
  }
}
/** Early answers are for the first screen only: after a few seconds the app asks afresh. */
const EARLY_FOR_MS = 10_000;

/** The early answer to a GET of `path` with this token, taken once. */
function takeEarly(token: string | undefined, path: string): Promise<Response> | undefined {
  const early = window.linliEarly;
  if (!early) return undefined;
  const key = `${token ?? ''} ${path}`;
  const answer = early.answers.get(key);
  early.answers.delete(key);
  return answer && Date.now() - early.at < EARLY_FOR_MS ? answer : undefined;
}

export function sessionKey(app: AppName) {
  return `linli.${app}.session`;
}

export function createApi(app: AppName) {
  const key = sessionKey(app);
  // Per tab and short-lived: the sign-in screen says why it is shown, once.
  const expiredKey = `linli.${app}.expired`;
  const readSession = (): Session | null => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  };
  let session = readSession();
  /** the user signed out themselves: the next sign-in starts afresh rather than where they were */
  let signedOut = false;

  const setSession = (next: Session | null) => {
    session = next;
    if (next) {
      // signed in (or registered): any earlier ending is history
      sessionStorage.removeItem(expiredKey);
      signedOut = false;
    }
    if (next) localStorage.setItem(key, JSON.stringify(next));
    else localStorage.removeItem(key);
    for (const l of listeners) l();
  };

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    onHeaders?: (headers: Headers) => void,
  ): Promise<T> {
    // a file goes as it is (the server tells its type from its bytes); anything else as JSON
    const file = body instanceof Blob ? body : undefined;
    const early = method === 'GET' ? takeEarly(session?.token, path) : undefined;
    const res = await ((early && (await early.catch(() => undefined))) ||
      fetch(`/api/v1${path}`, {
        method,
        headers: {
          ...(file ? { 'content-type': file.type || 'application/octet-stream' } : {}),
          ...(body !== undefined && !file ? { 'content-type': 'application/json' } : {}),
          ...(session ? { authorization: `Bearer ${session.token}` } : {}),
          ...headers,
        },
        body: file ?? (body !== undefined ? JSON.stringify(body) : undefined),
      }));
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const err = data?.error ?? {};
      // A revoked or expired token: forget it so the app shows its sign-in screen (which keeps the
      // user's place: each app returns to the page afterwards).
      if (res.status === 401 && session && path !== '/auth/login') {
        if (err.code === 'SESSION_EXPIRED') sessionStorage.setItem(expiredKey, '1');
        setSession(null);
      }
      throw new ApiError(res.status, err.code ?? 'HTTP_' + res.status, err.message ?? res.statusText, err.details);
    }
    onHeaders?.(res.headers);
    return data as T;
  }

  return {
    get session() {
      return session;
    },
    setSession,
    /** Whether the last session ended by expiring (the sign-in screen says so until the next sign-in). */
    get sessionExpired() {
      return sessionStorage.getItem(expiredKey) === '1';
    },
    get signedOutOnPurpose() {
      return signedOut;
    },
    get: <T>(path: string) => request<T>('GET', path),
    /** One page of a paged list: the answer and the next page's cursor (the X-Next-Cursor header), null on the last. */
    async page<T>(path: string): Promise<{ body: T; nextCursor: string | null }> {
      let nextCursor: string | null = null;
      const body = await request<T>('GET', path, undefined, {}, (h) => {
        nextCursor = h.get('x-next-cursor');
      });
      return { body, nextCursor };
    },
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>('POST', path, body ?? {}, headers),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    del: <T>(path: string) => request<T>('DELETE', path),
    /** Sends a file as the request body (e.g. a product picture). */
    upload: <T>(path: string, file: Blob) => request<T>('POST', path, file),
    async login(phone: string, password: string) {
      const s = await request<Session>('POST', '/auth/login', { phone, password });
      setSession(s);
      return s;
    },
    async logout() {
      signedOut = true;
      try {
        await request('POST', '/auth/logout', {});
      } finally {
        setSession(null);
      }
    },
    /** re-render hook support: called whenever the session changes */
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** A fresh key per user action, so a double tap or a retry never creates two orders. */
export function idempotencyKey() {
  return crypto.randomUUID();
}
