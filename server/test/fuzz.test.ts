import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../src/db/client.js';
import { INT4_MAX } from '../src/lib/schemas.js';
import { ADMIN, startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';

/**
 * Every operation of the OpenAPI document, read at run time (a new route is covered without
 * touching this file), is sent generated invalid input — wrong types, numbers past what the
 * columns hold (2^31, 2^53), NUL and lone surrogates, huge strings, deep JSON, broken JSON,
 * wrong content types, bad and overlong path ids — anonymously, with a bogus token, as a customer
 * and as an admin. Each must be a 4xx in the API's error shape with a code (401 before anything
 * else for callers without a session, 403 for callers without the route's role), and the database
 * must not change.
 */

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; required?: boolean; schema: Schema }[];
  body?: Schema;
  secured: boolean;
  roles?: string[];
}
interface Case {
  what: string;
  url: string;
  payload?: string;
  contentType?: string;
  /** accepted as a valid request (only for GET searches): must not fail, need not be refused */
  mayPass?: boolean;
  /** answered by the router before any route's hooks run (bad or overlong URL) */
  beforeRouting?: boolean;
}

let server: TestServer;
let doc: any;
const tokens: Record<'anonymous' | 'bogus' | 'customer' | 'admin', string | undefined> = {
  anonymous: undefined,
  bogus: 'not-a-session-token',
  customer: undefined,
  admin: undefined,
};

beforeAll(async () => {
  server = await startTestServer();
  const api = new Api(server.app);
  const reg = await api.post('/auth/register', { phone: nextPhone(), password: 'fuzz-pass-123', name: '测试' });
  tokens.customer = reg.body.token;
  tokens.admin = (await api.post('/auth/login', ADMIN)).body.token;
  doc = server.app.swagger();
});
afterAll(() => server.close());

const resolve = (s: Schema | undefined): Schema => {
  let out = s ?? {};
  while (out.$ref)
    out = out.$ref
      .split('/')
      .slice(1)
      .reduce((o: any, k: string) => o[k], doc);
  return out;
};

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const security = op.security ?? doc.security ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody ? resolve(op.requestBody.content?.['application/json']?.schema) : undefined,
        secured: security.length > 0,
        roles: op['x-roles'],
      });
    }
  }
  return ops;
}

const nullable = (s: Schema) =>
  s.nullable === true ||
  s.type === 'null' ||
  (s.anyOf ?? s.oneOf ?? []).some((o: Schema) => resolve(o).type === 'null' || resolve(o).nullable);
const variants = (s: Schema): Schema[] =>
  (s.anyOf ?? s.oneOf ?? []).map(resolve).filter((o: Schema) => o.type !== 'null');
const typeOf = (s: Schema): string | undefined => {
  const [first] = variants(s);
  if (first) return typeOf(first);
  return Array.isArray(s.type)
    ? s.type.find((t: string) => t !== 'null')
    : (s.type ?? (s.properties ? 'object' : undefined));
};

let day = 0;
const nextDay = () => new Date(Date.UTC(2030, 0, 1 + day++)).toISOString().slice(0, 10);

/** A value the schema accepts, as far as its JSON Schema tells (refinements are not visible). */
function sample(raw: Schema | undefined): unknown {
  const s = resolve(raw);
  const [first] = variants(s);
  if (first) return sample(first);
  if ('const' in s) return s.const;
  if (s.enum) return s.enum.find((v: unknown) => v !== null);
  if (s.allOf) return sample(s.allOf[0]);
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries(Object.entries<Schema>(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items));
    case 'integer':
      return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      // each date comes after the ones sampled before it: windows open before they close
      if (s.format === 'date-time') return `${nextDay()}T10:00:00+08:00`;
      if (s.format === 'date') return nextDay();
      if (s.pattern === '^1\\d{10}$') return '13912345678';
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 'a';
  }
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\uD800b';
const HUGE = 'x'.repeat(100_000);

/** Values the schema must refuse, each with a label. */
function invalidValues(raw: Schema): [string, unknown][] {
  const s = resolve(raw);
  const out: [string, unknown][] = [['object instead', { a: 1 }]];
  if (!nullable(s)) out.push(['null', null]);
  const type = typeOf(s);
  if (type === 'integer' || type === 'number') {
    out.push(
      ['a string', '12'],
      ['2^31', 2 ** 31],
      ['2^53', 2 ** 53],
      ['-2^31-1', -(2 ** 31) - 1],
      ['1e308', 1e308],
      ['-1e308', -1e308],
    );
    if (type === 'integer') out.push(['a fraction', 1.5]);
  } else if (type === 'string') {
    out.push(['a number', 7], ['NUL', NUL], ['a lone surrogate', LONE_SURROGATE], ['a huge string', HUGE]);
    if (s.format === 'uuid') out.push(['not a uuid', 'LL0000000001']);
    if (s.format === 'date-time') {
      out.push(
        ['year 0000', '0000-01-01T00:00:00Z'],
        ['offset +16:00', '2026-06-01T10:00:00+16:00'],
        ['offset -15:59', '2026-06-01T10:00:00-15:59'],
        ['no such day', '2026-02-30T10:00:00Z'],
      );
    }
    if (s.format === 'date') out.push(['year 0000', '0000-01-01'], ['no such day', '2026-02-30']);
    if (s.enum) out.push(['not in the enum', 'zz-not-a-value']);
  } else if (type === 'boolean') {
    out.push(['a string', 'true'], ['a number', 1]);
  } else if (type === 'array') {
    out.push(
      ['a string', 'x'],
      ['too many items', Array.from({ length: (s.maxItems ?? 20_000) + 1 }, () => sample(s.items))],
    );
  } else if (type === 'object') {
    out.push(['an array', []], ['a string', 'x']);
  }
  return out;
}

/** Every place in a sampled value a single wrong value can go: [path, schema]. */
function leaves(raw: Schema, path: (string | number)[] = []): [(string | number)[], Schema][] {
  const s = resolve(raw);
  const [first] = variants(s);
  if (first && typeOf(first) === typeOf(s) && (first.properties || first.items))
    return [[path, s], ...leaves(first, path).slice(1)];
  const type = typeOf(s);
  const out: [(string | number)[], Schema][] = [[path, s]];
  if (type === 'object')
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) out.push(...leaves(v, [...path, k]));
  if (type === 'array' && s.items) out.push(...leaves(s.items, [...path, 0]));
  return out;
}

const setAt = (value: unknown, path: (string | number)[], next: unknown): unknown => {
  if (!path.length) return next;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), next);
  return copy;
};

const encode = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

function cases(op: Operation): Case[] {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const pathValues = Object.fromEntries(pathParams.map((p) => [p.name, String(sample(p.schema))]));
  const baseQuery = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema))]));
  const url = (pv: Record<string, string> = pathValues, q: Record<string, string> = baseQuery, rawQuery = '') => {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name) => pv[name]);
    const qs = [...Object.entries(q).map(([k, v]) => `${k}=${encode(v)}`), rawQuery].filter(Boolean).join('&');
    return qs ? `${path}?${qs}` : path;
  };
  const base = op.body ? sample(op.body) : undefined;
  const json = (v: unknown) => JSON.stringify(v);
  const out: Case[] = [];
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  const withBody = (what: string, u: string, body = base): Case =>
    hasBody ? { what, url: u, payload: json(body ?? {}), contentType: 'application/json' } : { what, url: u };

  for (const p of pathParams) {
    for (const [what, v, beforeRouting] of [
      ['not an id', 'not-an-id', false],
      ['2^31', String(2 ** 31), false],
      ['NUL', '%00', false],
      ['an encoded slash', '..%2F..%2Fadmin', false],
      ['overlong', 'a'.repeat(5000), true],
      ['bad percent-encoding', '%E0%A4%A', true],
      ['lone surrogate bytes', '%ED%A0%80', true],
    ] as const) {
      out.push({ ...withBody(`path ${p.name}: ${what}`, url({ ...pathValues, [p.name]: v })), beforeRouting });
    }
  }
  out.push(withBody('query: an unknown parameter with NUL', url(pathValues, baseQuery, 'zz=%00')));
  for (const p of query) {
    for (const [what, v] of invalidValues(p.schema)) {
      if (
        v === null ||
        typeof v === 'object' ||
        ['a huge string', 'a number', 'a string', 'a lone surrogate'].includes(what)
      )
        continue;
      out.push(withBody(`query ${p.name}: ${what}`, url(pathValues, { ...baseQuery, [p.name]: String(v) })));
    }
    const t = typeOf(resolve(p.schema));
    if (t === 'integer' || t === 'number') {
      for (const v of ['abc', '1e400', '1.5e3x', '--1'])
        out.push(withBody(`query ${p.name}: ${JSON.stringify(v)}`, url(pathValues, { ...baseQuery, [p.name]: v })));
      // numbers in a query are read as JavaScript reads them ('0x10' is 16, '' is 0): answered, never a failure
      if (op.method === 'GET')
        for (const v of ['0x10', '', ' 7 '])
          out.push({
            what: `query ${p.name}: ${JSON.stringify(v)}`,
            url: url(pathValues, { ...baseQuery, [p.name]: v }),
            mayPass: true,
          });
    }
    if (t === 'string') {
      out.push(
        withBody(`query ${p.name}: 5000 characters`, url(pathValues, { ...baseQuery, [p.name]: 'x'.repeat(5000) })),
      );
      // searches that must be answered, whatever they find
      if (op.method === 'GET' && !resolve(p.schema).format && !resolve(p.schema).enum) {
        for (const v of [`LL${'9'.repeat(25)}`, 'LL99999999999999999', '\\', '%_\\%', "'; select 1; --", '\uFFFD']) {
          out.push({
            what: `query ${p.name}: search ${JSON.stringify(v)}`,
            url: url(pathValues, { ...baseQuery, [p.name]: v }),
            mayPass: true,
          });
        }
      }
    }
  }
  if (op.body) {
    for (const [path, schema] of leaves(op.body)) {
      for (const [what, v] of invalidValues(schema))
        out.push(withBody(`body /${path.join('/')}: ${what}`, url(), setAt(base, path, v)));
    }
  }
  if (hasBody) {
    const u = url();
    let deep = 'null';
    for (let i = 0; i < 40; i++) deep = `{"a":${deep}}`;
    out.push(
      { what: 'body: not JSON', url: u, payload: '{"a":', contentType: 'application/json' },
      {
        what: 'body: deep JSON (100k levels)',
        url: u,
        payload: '['.repeat(100_000) + ']'.repeat(100_000),
        contentType: 'application/json',
      },
      { what: 'body: nested 40 objects deep', url: u, payload: deep, contentType: 'application/json' },
      {
        what: 'body: NUL in an unknown field',
        url: u,
        payload: json({ ...(base as object), zz: NUL }),
        contentType: 'application/json',
      },
      {
        what: 'body: lone surrogate as an escape',
        url: u,
        payload: json(base ?? {})
          .replace(/^\{/, '{"zz":"\\ud800",')
          .replace(',}', '}'),
        contentType: 'application/json',
      },
      {
        what: 'body: over 1 MB',
        url: u,
        payload: json({ ...(base as object), zz: 'x'.repeat(1_100_000) }),
        contentType: 'application/json',
      },
      { what: 'body: form-urlencoded', url: u, payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      {
        what: 'body: multipart',
        url: u,
        payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        contentType: 'multipart/form-data; boundary=x',
      },
      { what: 'body: XML', url: u, payload: '<a>1</a>', contentType: 'application/xml' },
    );
    if (op.body) {
      // a route without a body schema ignores a text body: only where a body is expected is one a mistake
      out.push({ what: 'body: text/plain', url: u, payload: json(base).replace(/"/g, "'"), contentType: 'text/plain' });
      for (const [what, payload] of [
        ['an array', '[]'],
        ['null', 'null'],
        ['a string', '"x"'],
        ['a number', '0'],
      ]) {
        out.push({ what: `body: ${what}`, url: u, payload, contentType: 'application/json' });
      }
      out.push({ what: 'body: missing', url: u });
    }
  }
  return out;
}

/** Row counts of every table and a digest of every table's content (sessions are bookkeeping of sign-ins and may be touched). */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(
    server.ctx.db,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ n: number; digest: string | null }>(
      server.ctx.db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`,
      ),
    );
    out[name] = name === 'sessions' ? String(row.n) : `${row.n}:${row.digest}`;
  }
  return out;
}

/** Where a request schema leaves a value unbounded: [where, what is missing]. */
function unbounded(raw: Schema, where: string): string[] {
  const s = resolve(raw);
  const out: string[] = [];
  for (const v of variants(s)) out.push(...unbounded(v, where));
  if (s.allOf) for (const v of s.allOf) out.push(...unbounded(v, where));
  const type = typeOf(s);
  if (variants(s).length) return out;
  if (type === 'integer' || type === 'number') {
    if (s.maximum === undefined || s.maximum > INT4_MAX) out.push(`${where}: no maximum within 2^31-1`);
    if (s.minimum === undefined || s.minimum < -INT4_MAX - 1) out.push(`${where}: no minimum within -2^31`);
  }
  if (type === 'string' && s.maxLength === undefined && !s.format && !s.enum && !s.pattern && !('const' in s))
    out.push(`${where}: no maxLength`);
  if (type === 'array') {
    if (s.maxItems === undefined) out.push(`${where}: no maxItems`);
    if (s.items) out.push(...unbounded(s.items, `${where}/items`));
  }
  if (type === 'object')
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) out.push(...unbounded(v, `${where}/${k}`));
  return out;
}

describe('fuzzing every documented operation', () => {
  it('bounds every number, string and list a request can carry by what the database holds', () => {
    const found: string[] = [];
    for (const op of operations()) {
      const at = `${op.method} ${op.path}`;
      for (const p of op.params) if (p.in !== 'header') found.push(...unbounded(p.schema, `${at} ${p.in} ${p.name}`));
      if (op.body) found.push(...unbounded(op.body, `${at} body`));
    }
    expect(found).toEqual([]);
  });

  it('answers generated invalid input with a 4xx in the error shape, authorizes first and writes nothing', async () => {
    const started = Date.now();
    const ops = operations();
    expect(ops.length).toBeGreaterThan(90);
    const before = await snapshot();
    const failures: string[] = [];
    let sent = 0;
    const jobs: (() => Promise<void>)[] = [];
    for (const op of ops) {
      const opCases = cases(op);
      for (const [who, token] of Object.entries(tokens)) {
        for (const c of opCases) {
          jobs.push(async () => {
            const res = await server.app.inject({
              method: op.method as 'GET',
              url: c.url,
              payload: c.payload,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(c.contentType ? { 'content-type': c.contentType } : {}),
              },
            });
            sent++;
            const label = `${op.method} ${op.path} ${who} ${c.what}: ${res.statusCode}`;
            let body: any;
            try {
              body = res.json();
            } catch {
              body = undefined;
            }
            if (!res.headers['x-request-id']) failures.push(`${label} without x-request-id`);
            const signedIn = who === 'customer' || who === 'admin';
            let expected: number | undefined;
            if (!c.beforeRouting && op.secured && !signedIn) expected = 401;
            else if (!c.beforeRouting && op.roles && who === 'customer' && !op.roles.includes('customer'))
              expected = 403;
            if (expected !== undefined) {
              if (res.statusCode !== expected) failures.push(`${label}, expected ${expected}`);
            } else if (c.mayPass && res.statusCode < 400) {
              return;
            } else if (res.statusCode < 400 || res.statusCode >= 500) {
              failures.push(`${label} ${res.body.slice(0, 200)}`);
              return;
            }
            if (
              typeof body?.error?.code !== 'string' ||
              !/^[A-Z_]+$/.test(body.error.code) ||
              typeof body.error.message !== 'string'
            ) {
              failures.push(`${label} not in the error shape: ${res.body.slice(0, 200)}`);
            }
          });
        }
      }
    }
    const queue = [...jobs];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (queue.length) await queue.shift()!();
      }),
    );
    const after = await snapshot();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}): ${ops.length} operations, ${sent} requests, ${seconds.toFixed(1)} s`,
    );
    expect(failures.slice(0, 40)).toEqual([]);
    expect(failures.length).toBe(0);
    expect(after).toEqual(before);
  }, 300_000);
});
