import { sql } from 'drizzle-orm';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { one, rows, exec, type Db } from '../../db/client.js';
import { invalidState, limitExceeded, notFound } from '../../lib/errors.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { iso } from '../../lib/time.js';
import { commissionFen, reversalFen } from './rules.js';

/*
 * The leader's money lives in append-only ledger entries; leader_accounts holds the running
 * balances and changes only in the same statement batch as the entries. Every entry has a
 * business key, so retries never double an effect:
 *   commission:<lineId>                      pending   +c   (at pickup)
 *   reversal:<refundId>:<lineId>             pending|available  −r  (a refund of that line)
 *   settle:<commissionId> / settle-in:<id>   pending −n / available +n  (after the delay)
 *   withdrawal:<id>:available|withdrawn      available −a / withdrawn +a
 *   withdrawal_rejected:<id>:withdrawn|available  withdrawn −a / available +a
 *   grade-bonus:<leaderId>:<month>          available +b  (the month's grade bonus, decision 062)
 *
 * Lock order, everywhere: order row → commission entry row → leader_accounts row(s) in
 * leader_id order. Settlement locks the accounts first and then takes commissions with SKIP
 * LOCKED, so it never waits for a commission while holding an account another writer needs.
 */

export interface PickedUpLine {
  id: string;
  paidFen: number;
  refundedFen: number;
  /** the line's own rate (a commission plan's, decision 061); without it the call's rate */
  commissionBps?: number;
}

/**
 * Books the commission for lines just picked up at the leader's point: pending until
 * `availableAfterDays` have passed (0: due at once; the caller settles it in the same
 * transaction). Returns the total booked now (lines already booked are skipped).
 * Days are 24 hours, as in Asia/Shanghai: a `days` interval would follow the session's zone and
 * be an hour short or long across a daylight-saving change.
 */
export async function recordCommissions(
  db: Db,
  input: { leaderId: string; commissionBps: number; lines: PickedUpLine[]; availableAfterDays: number },
): Promise<number> {
  if (!input.lines.length) return 0;
  const values = input.lines.map(
    (
      l,
    ) => sql`(${input.leaderId}::uuid, 'pending', ${commissionFen(l.paidFen, l.refundedFen, l.commissionBps ?? input.commissionBps)}::int,
    'commission', ${'commission:' + l.id}, ${l.id}::uuid, now() + make_interval(hours => 24 * ${input.availableAfterDays}::int))`,
  );
  const booked = await one<{ total: number }>(
    db,
    sql`
    with ins as (
      insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, available_at)
      values ${sql.join(values, sql`, `)}
      on conflict (business_key) do nothing returning amount_fen)
    select coalesce(sum(amount_fen), 0)::int as total from ins`,
  );
  const total = booked?.total ?? 0;
  if (total !== 0) {
    await exec(
      db,
      sql`update leader_accounts set pending_fen = pending_fen + ${total} where leader_id = ${input.leaderId}`,
    );
  }
  return total;
}

/**
 * A refund takes back the commission earned on the refunded part of a line (see
 * rules.reversalFen: the standing commission prorated over the value still kept, so a full
 * refund nets the line's commission to exactly zero). It comes out of the bucket the
 * commission sits in now: pending before settlement, available after (which may then go below
 * zero and is netted against later earnings). The commission row is locked first so a
 * concurrent settlement cannot move the money between reading the bucket and writing.
 */
export async function reverseCommissionForRefund(
  db: Db,
  input: { refundId: string; orderLineId: string; linePaidFen: number; refundedBeforeFen: number; refundFen: number },
): Promise<void> {
  const commission = await one<{ id: number; leader_id: string; amount_fen: number }>(
    db,
    sql`
    select id, leader_id, amount_fen from ledger_entries
    where business_key = ${'commission:' + input.orderLineId} for update`,
  );
  if (!commission || commission.amount_fen === 0) return;
  // A separate statement after the lock: under READ COMMITTED it sees a settlement that
  // committed while we waited.
  const state = await one<{ settled: boolean; reversed: number }>(
    db,
    sql`
    select exists (select 1 from ledger_entries where business_key = ${'settle:' + commission.id}) as settled,
      coalesce((select sum(amount_fen) from ledger_entries
        where leader_id = ${commission.leader_id} and order_line_id = ${input.orderLineId} and kind = 'reversal'), 0)::int as reversed`,
  );
  const standing = commission.amount_fen + (state?.reversed ?? 0);
  const keptValue = input.linePaidFen - input.refundedBeforeFen;
  if (standing <= 0 || keptValue <= 0) return;
  const reversal = reversalFen(standing, keptValue, Math.min(input.refundFen, keptValue));
  if (reversal === 0) return;
  const bucket = state?.settled ? 'available' : 'pending';
  const inserted = await one(
    db,
    sql`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id)
    values (${commission.leader_id}, ${bucket}, ${-reversal}, 'reversal', ${`reversal:${input.refundId}:${input.orderLineId}`}, ${input.orderLineId})
    on conflict (business_key) do nothing returning id`,
  );
  if (!inserted) return;
  await exec(
    db,
    sql`update leader_accounts set
      pending_fen = pending_fen - ${bucket === 'pending' ? reversal : 0},
      available_fen = available_fen - ${bucket === 'available' ? reversal : 0}
    where leader_id = ${commission.leader_id}`,
  );
}

/**
 * The standing commission of a line (its commission entry plus every reversal so far), with the
 * commission row locked and the bucket it sits in now (available once settled).
 */
async function standingCommission(db: Db, orderLineId: string) {
  const commission = await one<{ id: number; leader_id: string; amount_fen: number }>(
    db,
    sql`select id, leader_id, amount_fen from ledger_entries where business_key = ${'commission:' + orderLineId} for update`,
  );
  if (!commission) return null;
  const state = await one<{ settled: boolean; reversed: number }>(
    db,
    sql`
    select exists (select 1 from ledger_entries where business_key = ${'settle:' + commission.id}) as settled,
      coalesce((select sum(amount_fen) from ledger_entries
        where leader_id = ${commission.leader_id} and order_line_id = ${orderLineId} and kind = 'reversal'), 0)::int as reversed`,
  );
  return {
    leaderId: commission.leader_id,
    standing: commission.amount_fen + (state?.reversed ?? 0),
    bucket: state?.settled ? ('available' as const) : ('pending' as const),
  };
}

/** Moves a line's standing commission by `delta` with an entry keyed `key` (once only), in its current bucket. */
async function adjustCommission(db: Db, orderLineId: string, key: string, delta: (standing: number) => number) {
  const c = await standingCommission(db, orderLineId);
  if (!c) return;
  const amount = delta(c.standing);
  if (amount === 0) return;
  const inserted = await one(
    db,
    sql`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id)
    values (${c.leaderId}, ${c.bucket}, ${amount}, 'reversal', ${key}, ${orderLineId})
    on conflict (business_key) do nothing returning id`,
  );
  if (!inserted) return;
  await exec(
    db,
    sql`update leader_accounts set
      pending_fen = pending_fen + ${c.bucket === 'pending' ? amount : 0},
      available_fen = available_fen + ${c.bucket === 'available' ? amount : 0}
    where leader_id = ${c.leaderId}`,
  );
}

/**
 * An undone pickup (decision 034) takes back each line's whole standing commission, from the
 * bucket it sits in now (pending before settlement, available after), as a reversal keyed
 * undo:<pickupId>:<lineId>: settlement and later refunds see the line at zero.
 */
export async function undoCommissions(db: Db, input: { pickupId: string; lineIds: string[] }): Promise<void> {
  for (const lineId of [...input.lineIds].sort())
    await adjustCommission(db, lineId, `undo:${input.pickupId}:${lineId}`, (standing) => -Math.max(0, standing));
}

/**
 * A line handed over again after an undo earns what a first pickup would earn now (its
 * commission entry exists, so recordCommissions skipped it): the difference to its standing
 * commission, keyed redo:<pickupId>:<lineId>. For a line booked just now that difference is 0.
 */
export async function restoreCommissions(
  db: Db,
  input: { pickupId: string; commissionBps: number; lines: PickedUpLine[] },
): Promise<void> {
  for (const l of [...input.lines].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const fresh = commissionFen(l.paidFen, l.refundedFen, l.commissionBps ?? input.commissionBps);
    await adjustCommission(db, l.id, `redo:${input.pickupId}:${l.id}`, (standing) => Math.max(0, fresh - standing));
  }
}

/**
 * Settles one batch of due commissions (available_at passed, not yet settled), optionally of
 * one leader, inside the caller's transaction. Each settled commission moves the line's
 * remaining pending money — the commission minus reversals already taken from pending — to
 * available, as two entries keyed settle:<id> / settle-in:<id>. Set-based: a handful of
 * statements per batch. Work is found through the `unsettled` marker (partial indexes), so
 * already settled commissions are never looked at; the settle:<id> key stays the once-only
 * guard, and the marker is cleared in the same statement as the entries are written.
 * Returns { due: candidates seen, settled: commissions settled, cleared: markers cleared }.
 */
export async function settleDue(
  db: Db,
  opts: { leaderId?: string; limit?: number; lookbackDays?: number } = {},
): Promise<{ due: number; settled: number; cleared: number }> {
  const limit = opts.limit ?? 500;
  const byLeader = opts.leaderId ? sql`and c.leader_id = ${opts.leaderId}` : sql``;
  const window =
    opts.lookbackDays !== undefined
      ? sql`and c.available_at > now() - make_interval(days => ${opts.lookbackDays}::int)`
      : sql``;
  const candidates = await rows<{ id: number; leader_id: string }>(
    db,
    sql`
    select c.id, c.leader_id from ledger_entries c
    where c.kind = 'commission' and c.unsettled and c.available_at <= now() ${byLeader} ${window}
    order by c.available_at, c.id limit ${limit}`,
  );
  if (!candidates.length) return { due: 0, settled: 0, cleared: 0 };
  const leaderIds = [...new Set(candidates.map((c) => c.leader_id))].sort();
  await exec(
    db,
    sql`select leader_id from leader_accounts
    where leader_id in (${sql.join(
      leaderIds.map((l) => sql`${l}`),
      sql`, `,
    )}) order by leader_id for update`,
  );
  // A fresh statement after the lock: under READ COMMITTED it sees a settlement that committed
  // meanwhile (its marker is gone), and SKIP LOCKED leaves those being settled right now.
  const locked = await rows<{ id: number }>(
    db,
    sql`
    select id from ledger_entries where id in (${sql.join(
      candidates.map((c) => sql`${c.id}`),
      sql`, `,
    )}) and unsettled
    order by id for update skip locked`,
  );
  if (!locked.length) return { due: candidates.length, settled: 0, cleared: 0 };
  const ids = sql.join(
    locked.map((c) => sql`${c.id}`),
    sql`, `,
  );
  // Each commission moves what reversals have not already taken out of pending for its line
  // (reversals are negative), never below zero; the whole batch in one statement. A commission
  // that already has its settle:<id> entry only loses its marker.
  const result = await one<{ settled: number; cleared: number }>(
    db,
    sql`
    with due as (
      select c.id, c.leader_id, c.order_line_id,
        greatest(0, c.amount_fen + coalesce((select sum(r.amount_fen) from ledger_entries r
          where r.order_line_id = c.order_line_id and r.kind = 'reversal' and r.leader_id = c.leader_id and r.bucket = 'pending'), 0))::int as net
      from ledger_entries c
      where c.id in (${ids})
        and not exists (select 1 from ledger_entries s where s.business_key = 'settle:' || c.id)),
    moved_out as (
      insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, unsettled)
      select leader_id, 'pending', -net, 'settlement', 'settle:' || id, order_line_id, null from due
      on conflict (business_key) do nothing
      returning leader_id, order_line_id, -amount_fen as net, substr(business_key, 8) as commission_id),
    moved_in as (
      insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key, order_line_id, unsettled)
      select leader_id, 'available', net, 'settlement', 'settle-in:' || commission_id, order_line_id, null from moved_out
      returning 1),
    balances as (
      update leader_accounts a set pending_fen = a.pending_fen - t.net, available_fen = a.available_fen + t.net
      from (select leader_id, sum(net)::int as net from moved_out group by leader_id) t
      where a.leader_id = t.leader_id returning 1),
    marked as (
      update ledger_entries c set unsettled = null where c.id in (${ids}) and c.unsettled returning 1)
    select (select count(*) from moved_out)::int as settled, (select count(*) from marked)::int as cleared,
      (select count(*) from moved_in)::int + (select count(*) from balances)::int as touched`,
  );
  return { due: candidates.length, settled: result?.settled ?? 0, cleared: result?.cleared ?? 0 };
}

/**
 * The settle-commissions job (and lazy settlement of one leader): batches, one transaction each.
 * Callers pass `lookbackDays` so a run probes only recently due commissions instead of the
 * whole history (the job: 3 days, every 10 minutes; a leader looking at or withdrawing money:
 * 60 days); anything older — the job was down for longer — is settled by the operator's full
 * sweep, POST /admin/commissions/settle, which has no window.
 */
export async function settleDueCommissions(
  db: Db,
  opts: { leaderId?: string; batchSize?: number; lookbackDays?: number } = {},
): Promise<number> {
  const limit = opts.batchSize ?? 500;
  let settled = 0;
  for (;;) {
    const batch = await db.transaction((tx) => settleDue(tx as unknown as Db, { ...opts, limit }));
    settled += batch.settled;
    // Fewer than a full batch: done. No marker cleared: the rest is locked by others, retried next run.
    if (batch.due < limit || batch.cleared === 0) return settled;
  }
}

export interface LedgerEntryView {
  id: string;
  kind: string;
  bucket: string;
  amountFen: number;
  orderLineId: string | null;
  availableAt: string | null;
  createdAt: string;
}

export interface CommissionSummary {
  pendingFen: number;
  availableFen: number;
  withdrawnFen: number;
  inReviewFen: number;
  entries: LedgerEntryView[];
}

/** Ledger entries are listed newest first by their (unique, increasing) id. */
export const LEDGER_KEYSET = keyset('ledger', [sql`ledger_entries.id`, 'int']);

export async function commissionSummary(
  db: Db,
  leaderId: string,
  page: PageRequest = { limit: 100, after: null },
): Promise<CommissionSummary & { nextCursor: string | null }> {
  const p = pageSql(LEDGER_KEYSET, page);
  // withdrawn_fen moves at the request; what is still under review is told apart so the leader is
  // never shown as paid out before the money went out
  const account = await one<{ pending_fen: number; available_fen: number; withdrawn_fen: number; in_review: number }>(
    db,
    sql`
    select pending_fen, available_fen, withdrawn_fen,
      (select coalesce(sum(amount_fen), 0)::int from withdrawals w where w.leader_id = a.leader_id and w.status = 'requested') as in_review
    from leader_accounts a where leader_id = ${leaderId}`,
  );
  const { items: entries, nextCursor } = pageOf(
    LEDGER_KEYSET,
    page,
    await rows<LedgerEntryView>(
      db,
      sql`
      select id::text, kind, bucket, amount_fen as "amountFen", order_line_id as "orderLineId",
        available_at as "availableAt", created_at as "createdAt", ${p.select}
      from ledger_entries where leader_id = ${leaderId} and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
    ),
  );
  return {
    pendingFen: account?.pending_fen ?? 0,
    availableFen: account?.available_fen ?? 0,
    withdrawnFen: account?.withdrawn_fen ?? 0,
    inReviewFen: account?.in_review ?? 0,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      bucket: e.bucket,
      amountFen: e.amountFen,
      orderLineId: e.orderLineId,
      availableAt: iso(e.availableAt),
      createdAt: iso(e.createdAt)!,
    })),
    nextCursor,
  };
}

export interface WithdrawalView {
  id: string;
  leaderId: string;
  amountFen: number;
  status: 'requested' | 'paid' | 'rejected';
  createdAt: string;
  decidedAt: string | null;
  leaderName?: string;
  pickupPointId?: string;
  pickupPointName?: string;
}

/**
 * Moves `amountFen` from available to withdrawn. The conditional update is the guard: of
 * simultaneous requests, each one re-checks the balance after the previous one committed, so
 * together they never take more than was available. Call inside a transaction.
 */
export async function requestWithdrawal(db: Db, leaderId: string, amountFen: number): Promise<WithdrawalView> {
  const taken = await one<{ available_fen: number }>(
    db,
    sql`
    update leader_accounts set available_fen = available_fen - ${amountFen}, withdrawn_fen = withdrawn_fen + ${amountFen}
    where leader_id = ${leaderId} and available_fen >= ${amountFen} returning available_fen`,
  );
  if (!taken) {
    const account = await one<{ available_fen: number }>(
      db,
      sql`select available_fen from leader_accounts where leader_id = ${leaderId}`,
    );
    throw limitExceeded('The amount is more than the available balance', {
      availableFen: Math.max(0, account?.available_fen ?? 0),
    });
  }
  const w = (await one<{ id: string; created_at: unknown }>(
    db,
    sql`
    insert into withdrawals (leader_id, amount_fen) values (${leaderId}, ${amountFen}) returning id, created_at`,
  ))!;
  await exec(
    db,
    sql`
    insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key) values
      (${leaderId}, 'available', ${-amountFen}, 'withdrawal', ${`withdrawal:${w.id}:available`}),
      (${leaderId}, 'withdrawn', ${amountFen}, 'withdrawal', ${`withdrawal:${w.id}:withdrawn`})`,
  );
  return { id: w.id, leaderId, amountFen, status: 'requested', createdAt: iso(w.created_at)!, decidedAt: null };
}

/** Admin: the money went out (bank transfer done). requested → paid; the balances already moved at request. */
export async function payWithdrawal(db: Db, withdrawalId: string, scope: RegionScope = null): Promise<WithdrawalView> {
  const paid = await one<{ id: string }>(
    db,
    sql`
    update withdrawals w set status = 'paid', decided_at = now()
    where w.id = ${withdrawalId} and w.status = 'requested' and ${leaderInScope(scope)} returning w.id`,
  );
  if (!paid) await refuseDecision(db, withdrawalId, scope);
  return (await loadWithdrawal(db, withdrawalId))!;
}

/** Admin: refused. requested → rejected, and the amount goes back to available with its entries. */
export async function rejectWithdrawal(
  db: Db,
  withdrawalId: string,
  scope: RegionScope = null,
): Promise<WithdrawalView> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const w = await one<{ leader_id: string; amount_fen: number }>(
      tx,
      sql`
      update withdrawals w set status = 'rejected', decided_at = now()
      where w.id = ${withdrawalId} and w.status = 'requested' and ${leaderInScope(scope)}
      returning w.leader_id, w.amount_fen`,
    );
    if (!w) await refuseDecision(tx, withdrawalId, scope);
    await exec(
      tx,
      sql`
      insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key) values
        (${w!.leader_id}, 'withdrawn', ${-w!.amount_fen}, 'withdrawal_rejected', ${`withdrawal_rejected:${withdrawalId}:withdrawn`}),
        (${w!.leader_id}, 'available', ${w!.amount_fen}, 'withdrawal_rejected', ${`withdrawal_rejected:${withdrawalId}:available`})`,
    );
    await exec(
      tx,
      sql`update leader_accounts set available_fen = available_fen + ${w!.amount_fen}, withdrawn_fen = withdrawn_fen - ${w!.amount_fen}
      where leader_id = ${w!.leader_id}`,
    );
    return (await loadWithdrawal(tx, withdrawalId))!;
  });
}

/** A withdrawal is its leader's point's region's (checked in the statement that decides it: a point can move). */
const leaderInScope = (scope: RegionScope) =>
  scope === null
    ? sql`true`
    : sql`exists (select 1 from leaders l join pickup_points pp on pp.id = l.pickup_point_id
        where l.id = w.leader_id and ${inScope(scope, sql`pp.region_id`)})`;

async function refuseDecision(db: Db, withdrawalId: string, scope: RegionScope): Promise<never> {
  const exists = await one<{ status: string }>(
    db,
    sql`select w.status from withdrawals w where w.id = ${withdrawalId} and ${leaderInScope(scope)}`,
  );
  if (!exists) throw notFound('Withdrawal');
  throw invalidState(`The withdrawal is already ${exists.status}`);
}

/** Withdrawals are listed newest first; the id orders those requested at the same instant. */
export const WITHDRAWAL_KEYSET = keyset('withdrawals', [sql`w.created_at`, 'time'], [sql`w.id`, 'uuid']);

export async function listWithdrawals(
  db: Db,
  filter: { leaderId?: string; status?: string; id?: string; scope?: RegionScope },
  page: PageRequest = { limit: 1, after: null },
): Promise<Page<WithdrawalView>> {
  const p = pageSql(WITHDRAWAL_KEYSET, page);
  const found = await rows<{
    id: string;
    leader_id: string;
    amount_fen: number;
    status: WithdrawalView['status'];
    created_at: unknown;
    decided_at: unknown;
    leader_name: string;
    pickup_point_id: string;
    pickup_point_name: string;
  }>(
    db,
    sql`
    select w.id, w.leader_id, w.amount_fen, w.status, w.created_at, w.decided_at,
      u.name as leader_name, l.pickup_point_id, pp.name as pickup_point_name, ${p.select}
    from withdrawals w join leaders l on l.id = w.leader_id join users u on u.id = l.user_id
    join pickup_points pp on pp.id = l.pickup_point_id
    where ${filter.leaderId ? sql`w.leader_id = ${filter.leaderId}` : sql`true`}
      and ${filter.status ? sql`w.status = ${filter.status}` : sql`true`}
      and ${filter.id ? sql`w.id = ${filter.id}` : sql`true`} and ${p.after}
      and ${inScope(filter.scope ?? null, sql`pp.region_id`)}
    order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(WITHDRAWAL_KEYSET, page, found);
  const views = items.map((w) => ({
    id: w.id,
    leaderId: w.leader_id,
    amountFen: w.amount_fen,
    status: w.status,
    createdAt: iso(w.created_at)!,
    decidedAt: iso(w.decided_at),
    leaderName: w.leader_name,
    pickupPointId: w.pickup_point_id,
    pickupPointName: w.pickup_point_name,
  }));
  return { items: views, nextCursor };
}

const loadWithdrawal = async (db: Db, id: string) => (await listWithdrawals(db, { id })).items[0];
