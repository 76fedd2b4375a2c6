/**
 * Plan checker: the plan of every statement the hot paths send, on a database with history.
 *
 *   npm run bench:plans [-- --history year|month|empty] [--only browse,leader] [--verbose]
 *   npm run bench:plans -- --database-url postgres://…   an existing copy of a history database (e.g. one
 *                                                         copied by hand, to try new migrations on it)
 *
 * Starts the real server on a copy of the history database with LINLI_RECORD_STATEMENTS set (db/client.ts
 * then writes each distinct statement text with the parameters of its first execution), drives the
 * endpoints listed in STEPS once, stops the server, and runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of each
 * recorded statement as the application runs it: a prepared statement executed with the application's
 * session settings (db/client.ts SESSION_OPTIONS, so generic plans), inside a transaction that is rolled
 * back. A statement that cannot run again (e.g. an insert of a key that now exists) is explained without
 * ANALYZE. Each plan is printed compactly; the run fails (exit 1) when a plan is JIT-compiled or reads a
 * table of more than LARGE_TABLE_ROWS rows with a sequential scan, and names those statements.
 *
 * To cover another endpoint, add a step to STEPS.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SESSION_OPTIONS } from '../server/src/db/client.js';
import { HISTORY_CREDENTIALS, historyArg, historyDatabase } from './history.js';
import { jsonClient, type JsonResponse, startServer } from './lib.js';

const LARGE_TABLE_ROWS = 10_000;
/**
 * Sequential scans of a large table that are the honest plan, each with its reason. A scan is allowed
 * only on the named table and only in a statement matching `statement`; anywhere else it fails.
 */
const ALLOWED_SEQ_SCANS: { table: string; statement: RegExp; why: string }[] = [
  {
    table: 'users',
    statement: /name like \$\d+/,
    why:
      'the console finds customers by any part of their name (like %q%): no b-tree serves a substring, ' +
      'and the customers of a city (60,000 rows, a few ms) are read whole',
  },
];
const SECRET = 'bench-plans-simpay-secret';
const argv = process.argv.slice(2);
const HISTORY = historyArg(argv);
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const VERBOSE = argv.includes('--verbose');
const DATABASE_URL = argv.includes('--database-url') ? argv[argv.indexOf('--database-url') + 1] : undefined;

type Role = 'customer' | 'leader' | 'admin' | 'public';
interface Ctx {
  pickupPointId: string;
  /** the open campaign's first deals */
  itemIds: string[];
  /** yesterday's (last cut-off) campaign */
  pastCampaignId: string;
  orderId?: string;
  payment?: { paymentId: string; amountFen: number };
  /** a product of the catalogue, for the flash deal */
  productId: string;
  /** the flash deal on sale (整点秒杀): its orders go the batched lane (flows/flash-lane.ts) */
  flashItemId?: string;
}
interface Step {
  group: string;
  as: Role;
  method: string;
  path: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => unknown;
  /** what the answer gives the later steps */
  keep?: (ctx: Ctx, body: any) => void;
}

const get = (group: string, as: Role, path: string | ((ctx: Ctx) => string)): Step => ({
  group,
  as,
  method: 'GET',
  path: typeof path === 'string' ? () => path : path,
});

/** The hot paths, in order (later steps may use what earlier ones kept). */
const STEPS: Step[] = [
  get('browse', 'public', '/campaigns/active'),
  get('browse', 'customer', '/campaigns/active'),
  get('browse', 'customer', '/me'),
  {
    group: 'checkout',
    as: 'customer',
    method: 'POST',
    path: () => '/checkout/quote',
    body: (c) => ({
      pickupPointId: c.pickupPointId,
      items: c.itemIds.slice(0, 3).map((id) => ({ campaignItemId: id, quantity: 1 })),
    }),
  },
  {
    group: 'checkout',
    as: 'customer',
    method: 'POST',
    path: () => '/orders',
    body: (c) => ({
      pickupPointId: c.pickupPointId,
      items: c.itemIds.slice(0, 3).map((id) => ({ campaignItemId: id, quantity: 1 })),
    }),
    keep: (c, b) => {
      c.orderId = b.id;
    },
  },
  {
    group: 'checkout',
    as: 'customer',
    method: 'POST',
    path: (c) => `/orders/${c.orderId}/pay`,
    body: () => ({ method: 'simpay' }),
    keep: (c, b) => {
      c.payment = b;
    },
  },
  {
    group: 'checkout',
    as: 'public',
    method: 'NOTIFY', // the provider's signed notification
    path: () => '/payments/simpay/notify',
  },
  get('orders', 'customer', '/me/orders'),
  get('orders', 'customer', (c) => `/orders/${c.orderId}`),
  get('orders', 'customer', '/me/notifications'),
  get('orders', 'customer', '/me/points'),
  get('orders', 'customer', '/me/coupons'),
  get('orders', 'customer', '/me/refunds'),
  get('leader', 'leader', '/leader/me'),
  get('leader', 'leader', '/leader/campaigns'),
  get('leader', 'leader', (c) => `/leader/orders?campaignId=${c.pastCampaignId}`),
  get('leader', 'leader', (c) => `/leader/orders/by-product?campaignId=${c.pastCampaignId}`),
  get('leader', 'leader', '/leader/orders/uncollected'),
  get('leader', 'leader', '/leader/commissions'),
  get('leader', 'leader', '/leader/withdrawals'),
  get('console', 'admin', '/admin/orders'),
  get('console', 'admin', '/admin/orders?q=18600000123'),
  get('console', 'admin', '/admin/orders?status=completed&limit=50'),
  get('console', 'admin', (c) => `/admin/orders?campaignId=${c.pastCampaignId}&pickupPointId=${c.pickupPointId}`),
  get('console', 'admin', '/admin/orders/uncollected'),
  get('console', 'admin', '/admin/refunds'),
  get('console', 'admin', '/admin/withdrawals'),
  get('console', 'admin', '/admin/users?q=1860000'),
  get('console', 'admin', '/admin/campaigns'),
  get('console', 'admin', (c) => `/admin/sorting-lists?campaignId=${c.pastCampaignId}`),
  get('console', 'admin', (c) => `/admin/purchase-orders?campaignId=${c.pastCampaignId}`),
  {
    group: 'flash',
    as: 'admin',
    method: 'POST',
    path: () => '/admin/campaigns',
    body: (c) => {
      const now = Date.now();
      return {
        title: '整点秒杀',
        startsAt: new Date(now - 60_000).toISOString(),
        cutoffAt: new Date(now + 3_600_000).toISOString(),
        pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
        items: [
          {
            productId: c.productId,
            priceFen: 990,
            quota: 500,
            perCustomerLimit: 1,
            saleStartsAt: new Date(now).toISOString(),
          },
        ],
      };
    },
    keep: (c, b) => {
      c.flashItemId = b.items[0].id;
    },
  },
  {
    group: 'flash',
    as: 'customer',
    method: 'POST',
    path: () => '/orders',
    body: (c) => ({ pickupPointId: c.pickupPointId, items: [{ campaignItemId: c.flashItemId, quantity: 1 }] }),
  },
  get('dashboard', 'admin', '/admin/analytics/dashboard?days=1'),
  get('dashboard', 'admin', '/admin/analytics/dashboard?days=7'),
  get('dashboard', 'admin', '/admin/analytics/dashboard?days=30'),
  get('dashboard', 'admin', '/admin/analytics/dashboard?days=90'),
];

const SKIP =
  /^\s*(begin|commit|rollback|savepoint|release|set\s|show\s|listen|unlisten|notify|create|alter|drop|analyze|vacuum|lock|deallocate)\b|pg_advisory|__drizzle_migrations|"drizzle"/i;

async function main() {
  const url = DATABASE_URL ?? (await historyDatabase(HISTORY, 'linli_bench_plans'));
  const dir = mkdtempSync(join(tmpdir(), 'linli-plans-'));
  const file = join(dir, 'statements.jsonl');
  const server = await startServer(
    {
      DATABASE_URL: url,
      LINLI_RECORD_STATEMENTS: file,
      LINLI_SIMPAY_SECRET: SECRET,
      LINLI_ADMIN_PHONE: HISTORY_CREDENTIALS.admin.phone,
      LINLI_ADMIN_PASSWORD: HISTORY_CREDENTIALS.admin.password,
    },
    3940,
  );
  const db = new pg.Client({ connectionString: url, options: SESSION_OPTIONS });
  await db.connect();
  let failures: string[] = [];
  try {
    const request = jsonClient(server.url, 4);
    const login = async (phone: string, password: string) => {
      const r = await request('POST', '/api/v1/auth/login', { phone, password });
      if (r.status !== 200) throw new Error(`sign-in of ${phone}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    };
    // an empty database has no customers, leaders or campaigns of its own: only the history ones are driven
    if (HISTORY === 'empty' && !DATABASE_URL)
      throw new Error('bench:plans needs --history month or year (the empty database has nothing to drive)');
    const tokens: Record<Role, string | undefined> = {
      public: undefined,
      customer: await login(HISTORY_CREDENTIALS.customerPhone(0), HISTORY_CREDENTIALS.password),
      leader: await login(HISTORY_CREDENTIALS.leaderPhone(0), HISTORY_CREDENTIALS.password),
      admin: await login(HISTORY_CREDENTIALS.admin.phone, HISTORY_CREDENTIALS.admin.password),
    };
    const found = await db.query<{ point: string; past: string; items: string[]; product: string }>(`
      select (select pickup_point_id from users where phone = '${HISTORY_CREDENTIALS.customerPhone(0)}') as point,
        (select id from products order by created_at, id limit 1) as product,
        (select id from campaigns where status = 'cut_off' order by cutoff_at desc limit 1) as past,
        array(select ci.id::text from campaign_items ci join campaigns c on c.id = ci.campaign_id
              where c.status = 'open' and ci.per_customer_limit is null order by ci.position limit 3) as items`);
    const ctx: Ctx = {
      pickupPointId: found.rows[0].point,
      pastCampaignId: found.rows[0].past,
      itemIds: found.rows[0].items,
      productId: found.rows[0].product,
    };
    for (const step of STEPS) {
      if (ONLY && !ONLY.includes(step.group)) continue;
      const path = step.path(ctx);
      const t0 = performance.now();
      let r: JsonResponse;
      if (step.method === 'NOTIFY') {
        if (!ctx.payment || !ctx.orderId) continue;
        const raw = JSON.stringify({
          paymentId: ctx.payment.paymentId,
          orderId: ctx.orderId,
          amountFen: ctx.payment.amountFen,
          providerTxnId: `plans-${ctx.payment.paymentId}`,
        });
        const sig = createHmac('sha256', SECRET).update(raw).digest('hex');
        r = await request('POST', `/api/v1${path}`, raw, { 'x-simpay-signature': sig });
      } else {
        const token = tokens[step.as];
        r = await request(
          step.method,
          `/api/v1${path}`,
          step.body?.(ctx),
          token ? { authorization: `Bearer ${token}` } : {},
        );
      }
      const ms = performance.now() - t0;
      const size = r.body === undefined ? 0 : JSON.stringify(r.body).length;
      console.log(
        `${step.method.padEnd(6)} ${path.padEnd(70)} ${r.status}  ${ms.toFixed(0).padStart(6)} ms  ${size} bytes`,
      );
      if (r.status >= 400) console.log(`       ${JSON.stringify(r.body).slice(0, 200)}`);
      else step.keep?.(ctx, r.body);
    }
  } finally {
    await server.stop();
  }
  try {
    failures = await explainAll(db, file);
  } finally {
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`\n${failures.length} statement(s) fail the plan rules:`);
    for (const f of failures) console.log(`  ${f}`);
    process.exitCode = 1;
  } else console.log('\nevery plan passes: no JIT, no sequential scan of a large table');
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Plan Rows'?: number;
  'Total Cost'?: number;
  Plans?: PlanNode[];
};

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `'${text.replace(/'/g, "''")}'`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

async function explainAll(db: pg.Client, file: string): Promise<string[]> {
  const statements = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string; values: unknown[] })
    .filter((s) => !SKIP.test(s.text));
  const sizes = new Map(
    (
      await db.query<{ name: string; rows: number }>(
        `select relname as name, reltuples::float8 as rows from pg_class where relkind in ('r', 'p', 'm')`,
      )
    ).rows.map((r) => [r.name, Number(r.rows)]),
  );
  const settings = (
    await db.query<{ jit: string; above: string }>(
      `select current_setting('jit') as jit, current_setting('jit_above_cost') as above`,
    )
  ).rows[0];
  console.log(
    `\n${statements.length} distinct statements; session: ${SESSION_OPTIONS}; jit=${settings.jit} (above cost ${settings.above})\n`,
  );
  const failures: string[] = [];
  for (const [i, s] of statements.entries()) {
    const name = `plans_${i}`;
    const execute = `execute ${name}${s.values.length ? `(${s.values.map(literal).join(', ')})` : ''}`;
    let plan: { Plan: PlanNode; JIT?: unknown; 'Execution Time'?: number } | undefined;
    let analyzed = true;
    let error = '';
    for (const options of ['analyze, buffers, format json', 'format json']) {
      analyzed = options.startsWith('analyze');
      await db.query('begin');
      try {
        await db.query(`prepare ${name} as ${s.text}`);
        const r = await db.query(`explain (${options}) ${execute}`);
        plan = (r.rows[0]['QUERY PLAN'] as (typeof plan)[])[0];
        break;
      } catch (e) {
        error = (e as Error).message;
      } finally {
        await db.query('rollback');
        await db.query(`deallocate ${name}`).catch(() => {});
      }
    }
    const head = `#${i} ${oneLine(s.text).slice(0, 150)}`;
    if (!plan) {
      console.log(`${head}\n   not explained: ${error}\n`);
      continue;
    }
    const problems: string[] = [];
    const notes: string[] = [];
    // run: the plan says whether it was compiled; only explained: its cost against the JIT threshold
    const jit = analyzed
      ? plan.JIT !== undefined
      : settings.jit === 'on' && (plan.Plan['Total Cost'] ?? 0) > Number(settings.above);
    if (jit) problems.push('JIT');
    const lines: string[] = [];
    const walk = (n: PlanNode, depth: number) => {
      const rel = n['Relation Name'];
      const tableRows = rel ? (sizes.get(rel) ?? 0) : 0;
      if (n['Node Type'] === 'Seq Scan' && rel && tableRows > LARGE_TABLE_ROWS) {
        const allowed = ALLOWED_SEQ_SCANS.find((a) => a.table === rel && a.statement.test(s.text));
        if (allowed) notes.push(`Seq Scan on ${rel} allowed: ${allowed.why}`);
        else problems.push(`Seq Scan on ${rel} (${Math.round(tableRows).toLocaleString('en')} rows)`);
      }
      const what = [n['Node Type'], rel && `on ${rel}`, n['Index Name'] && `using ${n['Index Name']}`]
        .filter(Boolean)
        .join(' ');
      const actual = analyzed
        ? `rows=${n['Actual Rows']}${(n['Actual Loops'] ?? 1) > 1 ? `×${n['Actual Loops']}` : ''} ${n['Actual Total Time']?.toFixed(2)} ms`
        : `est rows=${n['Plan Rows']}`;
      lines.push(`${'  '.repeat(depth + 1)}${what}  (${actual})`);
      for (const c of n.Plans ?? []) walk(c, depth + 1);
    };
    walk(plan.Plan, 0);
    const time = plan['Execution Time'] !== undefined ? `${plan['Execution Time'].toFixed(2)} ms` : 'not run';
    const verdict = problems.length ? `FAIL: ${problems.join('; ')}` : notes.length ? `ok (${notes.join('; ')})` : 'ok';
    if (problems.length || notes.length || VERBOSE || (plan['Execution Time'] ?? 0) > 50) {
      console.log(
        `${head}\n   ${time}, ${verdict}${analyzed ? '' : ' (explained without running: it could not run again)'}`,
      );
      console.log(lines.join('\n'));
      console.log();
    } else console.log(`${head}\n   ${time}, ok: ${lines.map((l) => l.trim().replace(/\s+\(.*$/, '')).join(' > ')}\n`);
    if (problems.length) failures.push(`#${i} ${problems.join('; ')}: ${oneLine(s.text).slice(0, 120)}`);
  }
  return failures;
}

await main();
