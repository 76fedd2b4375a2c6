import type { App } from '../src/context.js';

export interface Res<T = any> {
  status: number;
  body: T;
  /** a paged list's X-Next-Cursor header (absent on the last page); not enumerable, so answers compare as before */
  readonly nextCursor?: string;
}

/** A small HTTP client over Fastify's inject, bound to a bearer token. */
export class Api {
  constructor(
    private readonly app: App,
    readonly token?: string,
  ) {}

  as(token: string | undefined) {
    return new Api(this.app, token);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url: path.startsWith('/api') ? path : `/api/v1${path}`,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const answer = { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    // the next page's cursor of a paged list, kept off the compared shape
    const next = res.headers['x-next-cursor'];
    Object.defineProperty(answer, 'nextCursor', { value: typeof next === 'string' ? next : undefined });
    return answer as Res<T>;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  put<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('PUT', path, body);
  }
}

let phoneSeq = 0;
/**
 * A unique, valid mobile number per call within a test file (its database is its own). Files run
 * one after another in a worker that keeps this counter, so it wraps at four digits: unique
 * within any file that uses fewer than 10,000.
 */
export function nextPhone(): string {
  phoneSeq = (phoneSeq + 1) % 10_000;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}
