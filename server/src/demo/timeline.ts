import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../db/client.js';

/**
 * Moving a simulated day back in time.
 *
 * The history is produced by the real services, which check the real clock (a campaign is
 * open only while now() is before its cutoff, unpaid orders expire 15 minutes after now(),
 * commission becomes available days after now()). So each past day is played at full speed
 * *now* — a day takes a second or so — and afterwards its rows are moved to the day they
 * stand for. Only the clock moves: every amount, status and count was written by the services.
 *
 * While the day plays, the simulator marks moments: "the real clock reads r, which stands for
 * local time h of that day" (e.g. after 30 % of the orders → 12:40; the cutoff → 23:00). The
 * mapping between marks is linear, so it is monotonic: events keep their order (paid after
 * created, picked up after arrival), and the day's orders spread over realistic hours instead
 * of all landing in the same second. Before the first mark and after the last one it is a
 * plain shift. Each table is then updated with one set-based UPDATE per table.
 */

export interface Mark {
  /** real instant, epoch seconds (database clock) */
  real: number;
  /** the instant it stands for, epoch seconds */
  hist: number;
}

/** The outbox's last id (0 when empty): rows written from now on have greater ones. */
export async function lastOutboxId(db: Db): Promise<number> {
  const row = await one<{ id: number }>(db, sql`select coalesce(max(id), 0)::float8 as id from outbox`);
  return Number(row!.id);
}

/**
 * The database's own clock, so marks agree with the now() the services wrote. The embedded PGlite
 * runs in this process and its clock is this process's (`Date.now()`, milliseconds), so it is read
 * here without a statement; a PostgreSQL server is asked.
 */
export async function dbClock(db: Db): Promise<number> {
  if ((db as unknown as { $client?: unknown }).$client instanceof PGlite) return Date.now() / 1000;
  const row = await one<{ t: number }>(db, sql`select extract(epoch from clock_timestamp())::float8 as t`);
  return Number(row!.t);
}

/**
 * Keeps the marks strictly increasing in both clocks, and squeezes the tail so nothing lands
 * after `limit` (the most recent simulated day may not have finished yet in reality, e.g. its
 * pickups would be this evening). The part after `anchor` (the cutoff) is compressed into
 * [anchor, limit]; when even the anchor is too late, the whole day is.
 */
export function fitMarks(marks: readonly Mark[], limit: number, anchorIndex = 0): Mark[] {
  const clean: Mark[] = [];
  for (const m of marks) {
    const prev = clean[clean.length - 1];
    if (prev && (m.real <= prev.real || m.hist <= prev.hist)) continue;
    clean.push({ ...m });
  }
  if (!clean.length) return clean;
  const last = clean[clean.length - 1].hist;
  if (last <= limit) return clean;
  let from = Math.min(Math.max(anchorIndex, 0), clean.length - 1);
  if (clean[from].hist >= limit) from = 0;
  const start = clean[from].hist;
  if (start >= limit) {
    // the whole day lies in the future: shift it back as one piece
    const shift = limit - last;
    return clean.map((m) => ({ real: m.real, hist: m.hist + shift }));
  }
  const scale = (limit - start) / (last - start);
  return clean.map((m, i) => (i <= from ? m : { real: m.real, hist: start + (m.hist - start) * scale }));
}

/** Pure version of the SQL mapping, for tests and for computing single instants. */
export function mapInstant(marks: readonly Mark[], t: number): number {
  if (!marks.length) return t;
  if (t < marks[0].real) return t + (marks[0].hist - marks[0].real);
  for (let i = 0; i + 1 < marks.length; i++) {
    const a = marks[i];
    const b = marks[i + 1];
    if (t < b.real) return a.hist + ((t - a.real) * (b.hist - a.hist)) / (b.real - a.real);
  }
  const z = marks[marks.length - 1];
  return t + (z.hist - z.real);
}

/**
 * The marks as the one-row relation `m` a statement joins: `m.r` the real instants, `m.h` what
 * they stand for (epoch seconds, float8 arrays). Passed as two parameters, so each table's UPDATE
 * has the same text every day and is parsed and planned once (decision 026), where marks written
 * into the text made every day's statements new ones: planning them was most of the move's time.
 */
export function marksRelation(marks: readonly Mark[]): SQL {
  const reals = pgArray(marks.map((m) => m.real));
  const hists = pgArray(marks.map((m) => m.hist));
  return sql`(select ${reals}::float8[] as r, ${hists}::float8[] as h) m`;
}

/**
 * The SQL expression mapping timestamptz column `col` through the marks of relation `m` (null
 * stays null), as `mapInstant` does: `width_bucket` finds the last mark at or before the instant;
 * before the first mark and from the last one on it is a plain shift, between two marks linear.
 */
export function mapSql(col: SQL): SQL {
  const e = sql`extract(epoch from ${col})::float8`;
  // the segment: the last mark at or before the instant (1 … n-1 here)
  const i = sql`width_bucket(${e}, m.r)`;
  return sql`(case
      when ${col} is null then null
      when cardinality(m.r) = 0 then ${col}
      when ${e} < m.r[1] then ${col} + make_interval(secs => m.h[1] - m.r[1])
      when ${e} >= m.r[cardinality(m.r)] then ${col} + make_interval(secs => m.h[cardinality(m.h)] - m.r[cardinality(m.r)])
      else to_timestamp(m.h[${i}] + (${e} - m.r[${i}]) * ((m.h[${i} + 1] - m.h[${i}]) / (m.r[${i} + 1] - m.r[${i}])))
    end)`;
}

/** One played day's marks and the real interval it played in: everything it wrote lies inside. */
export interface PlayedDay {
  /** its marks, fitted (strictly increasing in both clocks) */
  marks: readonly Mark[];
  /** real instants (epoch s) the day started and finished playing */
  since: number;
  until: number;
}

/**
 * The marks of days played one after another, as one mapping: a day's rows are moved as its own
 * marks say, including the plain shifts before its first mark and after its last one (a mark at
 * the day's start and one at its end stand for them). The days' real intervals follow each other,
 * so the real instants keep increasing, while what they stand for may go back (a day's pickups lie
 * after the next day's first orders). A day without marks stays where it is.
 */
export function joinDays(days: readonly PlayedDay[]): Mark[] {
  const joined: Mark[] = [];
  const push = (m: Mark) => {
    const last = joined[joined.length - 1];
    if (!last || m.real > last.real) joined.push(m);
  };
  for (const d of days) {
    if (!d.marks.length) {
      push({ real: d.since, hist: d.since });
      push({ real: d.until, hist: d.until });
      continue;
    }
    const first = d.marks[0];
    const last = d.marks[d.marks.length - 1];
    push({ real: d.since, hist: first.hist - (first.real - d.since) });
    for (const m of d.marks) push(m);
    push({ real: d.until, hist: last.hist + (d.until - last.real) });
  }
  return joined;
}

/** A campaign as it should read after the move: opened, cut off at, picked up on. */
export interface MovedCampaign {
  id: string;
  startsAt: Date;
  cutoffAt: Date;
  pickupDate: string;
}

export interface Shift {
  /** the campaigns whose days are moved, all of one region */
  campaigns: MovedCampaign[];
  marks: Mark[];
  /** real instant (epoch s) the first day started playing: user-level rows written since belong to the days */
  since: number;
  /** the outbox's last id before the first day started playing (its ids grow: the days' rows come after it) */
  outboxAfter: number;
  timeZone: string;
  /** today's campaign, still open: its own times and its cutoff job stay as they are */
  open?: boolean;
}

/**
 * Moves every row the campaigns' days produced to the time it stands for: one UPDATE per table
 * for all the days at once, each touching only those campaigns' rows (or, for per-user tables
 * without a campaign link, rows written since the first day started — nothing else writes during
 * a simulation). Moving each day as it finished took 17 statements a day, and the per-user tables
 * were scanned again every day.
 */
export async function shiftDays(db: Db, d: Shift): Promise<void> {
  if (!d.campaigns.length) return;
  const m = (col: string) => mapSql(sql.raw(col));
  const from = marksRelation(d.marks);
  const since = sql`to_timestamp(${d.since}::float8)`;
  const ids = sql`${pgArray(d.campaigns.map((c) => c.id))}::uuid[]`;
  const orderIds = sql`(select id from orders where campaign_id = any(${ids}))`;
  const moved = JSON.stringify(
    d.campaigns.map((c) => ({
      id: c.id,
      starts_at: c.startsAt.toISOString(),
      cutoff_at: c.cutoffAt.toISOString(),
      pickup_date: c.pickupDate,
    })),
  );
  const x = sql`jsonb_to_recordset(${moved}::jsonb) as x (id uuid, starts_at timestamptz, cutoff_at timestamptz, pickup_date date)`;
  const statements: SQL[] = d.open
    ? []
    : [
        sql`update campaigns c set starts_at = x.starts_at, cutoff_at = x.cutoff_at, pickup_date = x.pickup_date,
      cut_off_at = ${m('c.cut_off_at')}, created_at = ${m('c.created_at')} from ${x}, ${from} where c.id = x.id`,
        // The simulator ran the cutoff itself, so the job is done — unless the cutoff instant had
        // not passed yet (seeding a minute after 23:00): then the job runs it when the server starts.
        sql`update jobs j set run_at = x.cutoff_at, locked_until = null, updated_at = ${m('j.updated_at')},
      status = case when exists (select 1 from campaigns where id = x.id and status = 'cut_off') then 'done' else 'pending' end
      from ${x}, ${from} where j.key = 'cutoff:' || x.id::text`,
      ];
  statements.push(
    // expires_at keeps its 15 minutes after created_at rather than following the mapping
    sql`update orders set created_at = ${m('created_at')}, paid_at = ${m('paid_at')}, closed_at = ${m('closed_at')},
      ready_at = ${m('ready_at')}, completed_at = ${m('completed_at')}, cancelled_at = ${m('cancelled_at')},
      expires_at = ${m('created_at')} + (expires_at - created_at) from ${from} where campaign_id = any(${ids})`,
    sql`update order_lines set picked_up_at = ${m('picked_up_at')} from ${from} where order_id in ${orderIds} and picked_up_at is not null`,
    sql`update payments set created_at = ${m('created_at')}, succeeded_at = ${m('succeeded_at')} from ${from} where order_id in ${orderIds}`,
    sql`update payment_events set received_at = ${m('received_at')} from ${from}
      where payment_id in (select id from payments where order_id in ${orderIds})`,
    sql`update refunds set created_at = ${m('created_at')}, decided_at = ${m('decided_at')} from ${from} where order_id in ${orderIds}`,
    sql`update provider_refunds set created_at = ${m('created_at')}, completed_at = ${m('completed_at')} from ${from} where order_id in ${orderIds}`,
    sql`update coupons set used_at = ${m('used_at')} from ${from} where order_id in ${orderIds} and used_at is not null`,
    // tickets the claims opened (their promised times are counted again from the moved opening, demo/tickets.ts)
    sql`update tickets set created_at = ${m('created_at')}, updated_at = ${m('updated_at')} from ${from} where order_id in ${orderIds}`,
    sql`update ticket_events set at = ${m('at')} from ${from}
      where ticket_id in (select id from tickets where order_id in ${orderIds})`,
    // available_at keeps its settlement delay after created_at (the pickup)
    sql`update ledger_entries set created_at = ${m('created_at')}, available_at = ${m('created_at')} + (available_at - created_at) from ${from}
      where order_line_id in (select l.id from order_lines l where l.order_id in ${orderIds})`,
    sql`update lots set expires_on = expires_on + ((${m('received_at')} at time zone ${d.timeZone})::date - (received_at at time zone ${d.timeZone})::date),
      received_at = ${m('received_at')} from ${from} where purchase_order_id in (select id from purchase_orders where campaign_id = any(${ids}))`,
    sql`update purchase_orders set created_at = ${m('created_at')}, received_at = ${m('received_at')} from ${from} where campaign_id = any(${ids})`,
    sql`update stock_movements set created_at = ${m('created_at')} from ${from} where created_at >= ${since}`,
    sql`update sorting_lists set dispatched_at = ${m('dispatched_at')}, arrived_at = ${m('arrived_at')} from ${from} where campaign_id = any(${ids})`,
    sql`update delivery_manifests set dispatched_at = ${m('dispatched_at')} from ${from} where campaign_id = any(${ids})`,
    sql`update notifications set created_at = ${m('created_at')} from ${from} where created_at >= ${since}`,
    sql`update outbox set created_at = ${m('created_at')}, next_attempt_at = ${m('next_attempt_at')}, delivered_at = ${m('delivered_at')} from ${from}
      where id > ${d.outboxAfter}`,
    sql`update points_entries set created_at = ${m('created_at')} from ${from} where created_at >= ${since}`,
  );
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    for (const s of statements) await exec(tx, s);
  });
}
