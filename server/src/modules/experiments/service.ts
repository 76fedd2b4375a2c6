import { sql } from 'drizzle-orm';
import { exec, isUniqueViolation, one, pgArray, rows, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation } from '../../lib/errors.js';
import { inScope, requireInScope, type RegionScope } from '../../lib/region-scope.js';
import { iso } from '../../lib/time.js';
import { armPriceFen, ArmsInvalid, assign, checkArms, unitOf, type RunningExperiment } from './rules.js';
import type { Arm } from './schema.js';

export interface ExperimentInput {
  name: string;
  campaignItemId: string;
  unit: 'customer' | 'pickup_point';
  kind: 'price' | 'coupon' | 'title';
  arms: Arm[];
  minPerArm?: number;
}

export interface ExperimentView extends Required<Omit<ExperimentInput, 'minPerArm'>> {
  id: string;
  regionId: string;
  minPerArm: number;
  status: 'draft' | 'running' | 'stopped';
  startedAt: string | null;
  stoppedAt: string | null;
  createdAt: string;
  /** the deal as it is (the control) */
  deal: { productName: string; priceFen: number; campaignId: string; campaignTitle: string; pickupDate: string };
}

interface Row {
  id: string;
  region_id: string;
  name: string;
  campaign_item_id: string;
  unit: ExperimentView['unit'];
  kind: ExperimentView['kind'];
  arms: Arm[];
  min_per_arm: number;
  status: ExperimentView['status'];
  started_at: string | null;
  stopped_at: string | null;
  created_at: string;
  product_name: string;
  price_fen: number;
  campaign_id: string;
  campaign_title: string;
  pickup_date: string;
}

const viewOf = (r: Row): ExperimentView => ({
  id: r.id,
  regionId: r.region_id,
  name: r.name,
  campaignItemId: r.campaign_item_id,
  unit: r.unit,
  kind: r.kind,
  arms: r.arms,
  minPerArm: r.min_per_arm,
  status: r.status,
  startedAt: iso(r.started_at),
  stoppedAt: iso(r.stopped_at),
  createdAt: iso(r.created_at)!,
  deal: {
    productName: r.product_name,
    priceFen: r.price_fen,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    pickupDate: r.pickup_date,
  },
});

const selectExperiments = sql`
  select e.id, e.region_id, e.name, e.campaign_item_id, e.unit, e.kind, e.arms, e.min_per_arm, e.status,
    e.started_at::text, e.stopped_at::text, e.created_at::text, p.name as product_name, ci.price_fen,
    c.id as campaign_id, c.title as campaign_title, c.pickup_date::text as pickup_date
  from experiments e join campaign_items ci on ci.id = e.campaign_item_id join products p on p.id = ci.product_id
    join campaigns c on c.id = ci.campaign_id`;

export async function listExperiments(db: Db, scope: RegionScope): Promise<ExperimentView[]> {
  const found = await rows<Row>(
    db,
    sql`${selectExperiments} where ${inScope(scope, sql`e.region_id`)} order by e.created_at desc, e.id limit 500`,
  );
  return found.map(viewOf);
}

export async function getExperiment(db: Db, id: string, scope: RegionScope): Promise<ExperimentView> {
  const r = await one<Row>(db, sql`${selectExperiments} where e.id = ${id}`);
  if (!r) throw notFound('Experiment');
  requireInScope(scope, r.region_id, 'Experiment');
  return viewOf(r);
}

/** The deal an experiment is defined on, checked: in the caller's regions, neither a flash nor a group-tier deal. */
async function dealFor(db: Db, campaignItemId: string, scope: RegionScope) {
  const deal = await one<{ region_id: string; price_fen: number; flash: boolean; tiered: boolean }>(
    db,
    sql`select c.region_id, ci.price_fen, ci.sale_starts_at is not null as flash, ci.group_tiers is not null as tiered
      from campaign_items ci join campaigns c on c.id = ci.campaign_id where ci.id = ${campaignItemId}`,
  );
  if (!deal) throw notFound('Deal');
  requireInScope(scope, deal.region_id, 'Deal');
  // a flash deal is priced by the flash lane and a group-tier deal by its buyers: an arm price would fight either
  if (deal.flash || deal.tiered)
    throw validation('Flash and group-tier deals cannot be experimented on', { field: 'campaignItemId' });
  return deal;
}

function checked(input: ExperimentInput, basePriceFen: number) {
  try {
    checkArms(input.kind, input.arms, basePriceFen);
  } catch (err) {
    if (err instanceof ArmsInvalid) throw validation(err.message, { field: 'arms' });
    throw err;
  }
  // only the kind's value is kept on each arm
  return input.arms.map((a) => ({
    key: a.key,
    name: a.name,
    weight: a.weight,
    ...(input.kind === 'price' && a.priceFen != null ? { priceFen: a.priceFen } : {}),
    ...(input.kind === 'coupon' && a.couponFen != null ? { couponFen: a.couponFen } : {}),
    ...(input.kind === 'title' && a.title != null ? { title: a.title.trim() } : {}),
  }));
}

export async function createExperiment(db: Db, input: ExperimentInput, scope: RegionScope): Promise<ExperimentView> {
  const deal = await dealFor(db, input.campaignItemId, scope);
  const arms = checked(input, deal.price_fen);
  const r = await one<{ id: string }>(
    db,
    sql`insert into experiments (region_id, name, campaign_item_id, unit, kind, arms, min_per_arm)
      values (${deal.region_id}, ${input.name}, ${input.campaignItemId}, ${input.unit}, ${input.kind}, ${JSON.stringify(arms)}::jsonb,
        ${input.minPerArm ?? 500}) returning id`,
  );
  return getExperiment(db, r!.id, scope);
}

/** Changes a draft; a running or stopped experiment's arms are fixed (its units were already shown them). */
export async function updateExperiment(
  db: Db,
  id: string,
  input: ExperimentInput,
  scope: RegionScope,
): Promise<ExperimentView> {
  const current = await getExperiment(db, id, scope);
  if (current.status !== 'draft') throw invalidState('Only a draft experiment can be changed');
  const deal = await dealFor(db, input.campaignItemId, scope);
  const arms = checked(input, deal.price_fen);
  const r = await one<{ id: string }>(
    db,
    sql`update experiments set name = ${input.name}, campaign_item_id = ${input.campaignItemId}, region_id = ${deal.region_id},
      unit = ${input.unit}, kind = ${input.kind}, arms = ${JSON.stringify(arms)}::jsonb, min_per_arm = ${input.minPerArm ?? 500},
      updated_at = now()
    where id = ${id} and status = 'draft' returning id`,
  );
  if (!r) throw invalidState('Only a draft experiment can be changed');
  return getExperiment(db, id, scope);
}

/** draft → running: from now on checkout charges each unit its arm's price. One running experiment per deal. */
export async function startExperiment(db: Db, id: string, scope: RegionScope): Promise<ExperimentView> {
  await getExperiment(db, id, scope);
  try {
    const r = await one<{ id: string }>(
      db,
      sql`update experiments set status = 'running', started_at = now(), updated_at = now()
        where id = ${id} and status = 'draft' returning id`,
    );
    if (!r) throw invalidState('Only a draft experiment can be started');
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Another experiment is running on this deal');
    throw err;
  }
  return getExperiment(db, id, scope);
}

/** running → stopped: the deal is sold as it is again; orders already placed keep the price they were charged. */
export async function stopExperiment(db: Db, id: string, scope: RegionScope): Promise<ExperimentView> {
  await getExperiment(db, id, scope);
  const r = await one<{ id: string }>(
    db,
    sql`update experiments set status = 'stopped', stopped_at = now(), updated_at = now()
      where id = ${id} and status = 'running' returning id`,
  );
  if (!r) throw invalidState('Only a running experiment can be stopped');
  return getExperiment(db, id, scope);
}

/**
 * The running experiments of a deal, as checkout reads them in its own statement (one row per deal;
 * `experiments_running_item_key` makes it at most one): the price charged is decided on the row,
 * never on what a client or a cache says.
 */
export const runningExperimentSql = (itemId: ReturnType<typeof sql>) =>
  sql`(select json_build_object('id', e.id, 'unit', e.unit, 'kind', e.kind, 'arms', e.arms)
    from experiments e where e.campaign_item_id = ${itemId} and e.status = 'running')`;

/** The unit price of a deal for a buyer: its arm's when an experiment runs on it, else the deal's own. */
export function experimentPriceFen(
  experiment: RunningExperiment | null | undefined,
  buyer: { userId: string; pickupPointId: string },
  basePriceFen: number,
): number {
  if (!experiment) return basePriceFen;
  return armPriceFen(experiment.kind, assign(experiment, buyer), basePriceFen);
}

// ---------------------------------------------------------------------------------------------
// The shop's view: each signed-in customer's arms, and their first exposures

interface LiveExperiment extends RunningExperiment {
  campaignItemId: string;
  regionId: string;
  basePriceFen: number;
}

/** A deal as the caller's arm shows it (the shop lays these over the shared deal list). */
export interface DealVariant {
  campaignItemId: string;
  experimentId: string;
  arm: string;
  priceFen: number;
  /** kind `coupon`: the instant coupon per unit, shown as 立减 */
  couponFen: number | null;
  title: string | null;
}

/**
 * The running experiments on deals of open campaigns, kept per process for `ttlMs` (default 2 s)
 * and dropped at once by this process's own start, stop or change. What it serves is only a
 * display: checkout reads the experiment on the deal's row in its own statement, so a process that
 * has not yet seen a start or stop shows the old price for at most `ttlMs`, and charges the new one
 * (the quote before paying shows it).
 */
export class RunningExperiments {
  private loaded?: { at: number; list: LiveExperiment[] };
  private loading?: Promise<LiveExperiment[]>;
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2_000,
  ) {}

  drop() {
    this.loaded = undefined;
  }

  async list(now = Date.now()): Promise<LiveExperiment[]> {
    if (this.loaded && now - this.loaded.at < this.ttlMs) return this.loaded.list;
    this.loading ??= this.load(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(now: number) {
    const found = await rows<{
      id: string;
      unit: LiveExperiment['unit'];
      kind: LiveExperiment['kind'];
      arms: Arm[];
      campaign_item_id: string;
      region_id: string;
      price_fen: number;
    }>(
      this.db,
      sql`select e.id, e.unit, e.kind, e.arms, e.campaign_item_id, c.region_id, ci.price_fen
        from experiments e join campaign_items ci on ci.id = e.campaign_item_id join campaigns c on c.id = ci.campaign_id
        where e.status = 'running' and c.status = 'open' and c.cutoff_at > now()`,
    );
    const list = found.map((r) => ({
      id: r.id,
      unit: r.unit,
      kind: r.kind,
      arms: r.arms,
      campaignItemId: r.campaign_item_id,
      regionId: r.region_id,
      basePriceFen: r.price_fen,
    }));
    this.loaded = { at: now, list };
    return list;
  }
}

/**
 * First exposures, written without a write per view: each process remembers the (experiment, unit)
 * pairs it has already written (up to `remember` of them, then it starts afresh) and queues only new
 * ones; the queue goes to the database in one `insert … on conflict do nothing` statement at most
 * every `flushMs` (or at `batch` pairs). A shopper reloading the shop costs a Set lookup; a new
 * unit costs one row in a shared statement. A pair queued in a process that dies before its flush
 * is written at the unit's next view.
 */
export class ExposureLog {
  private readonly seen = new Set<string>();
  private queue: { experimentId: string; unitId: string; arm: string }[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /** statements written (for the benchmark and tests) */
  writes = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { flushMs?: number; batch?: number; remember?: number } = {},
  ) {}

  record(experimentId: string, unitId: string, arm: string) {
    const key = `${experimentId}:${unitId}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= (this.opts.remember ?? 200_000)) this.seen.clear();
    this.seen.add(key);
    this.queue.push({ experimentId, unitId, arm });
    if (this.queue.length >= (this.opts.batch ?? 1_000)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs ?? 500);
  }

  /** Writes what is queued (tests and shutdown call it; the timer does otherwise). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(async () => {
      if (!taken.length) return;
      try {
        this.writes++;
        await exec(
          this.db,
          sql`insert into experiment_exposures (experiment_id, unit_id, arm)
            select * from unnest(${pgArray(taken.map((t) => t.experimentId))}::uuid[], ${pgArray(taken.map((t) => t.unitId))}::uuid[],
              ${pgArray(taken.map((t) => t.arm))}::text[])
            on conflict do nothing`,
        );
      } catch {
        // not written (database away): forget them, so the units' next views queue them again
        for (const t of taken) this.seen.delete(`${t.experimentId}:${t.unitId}`);
      }
    });
    return this.flushing;
  }
}

/**
 * The caller's arms of the running experiments on deals offered in the pickup point's region, and
 * their exposures recorded. The unit is the customer, or the pickup point the shop shows deals for
 * (the point the customer orders at: checkout uses the order's point).
 */
export async function dealVariants(
  running: RunningExperiments,
  log: ExposureLog,
  buyer: { userId: string; pickupPointId: string; regionId: string },
): Promise<DealVariant[]> {
  const list = await running.list();
  const out: DealVariant[] = [];
  for (const e of list) {
    if (e.regionId !== buyer.regionId) continue;
    const arm = assign(e, buyer);
    log.record(e.id, unitOf(e, buyer), arm.key);
    out.push({
      campaignItemId: e.campaignItemId,
      experimentId: e.id,
      arm: arm.key,
      priceFen: armPriceFen(e.kind, arm, e.basePriceFen),
      couponFen: e.kind === 'coupon' ? (arm.couponFen ?? null) : null,
      title: e.kind === 'title' ? (arm.title ?? null) : null,
    });
  }
  return out;
}
