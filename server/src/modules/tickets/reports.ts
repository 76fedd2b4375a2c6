import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { quantile } from './rules.js';

/**
 * What the service desk is judged by (decision 059), over the tickets opened in a window: how fast
 * the first response and the resolution came (median, 90th percentile, in minutes of wall-clock
 * time) and the share of clocks met within the SLA, per team or per agent; the volume by category;
 * satisfaction; and the return reasons of after-sales claims per product and supplier.
 */

export interface Window {
  fromAt: string;
  toAt: string;
}

interface ClockSample {
  minutes: number[];
  /** clocks decided: met, or past due without being met */
  decided: number;
  within: number;
}

const emptyClock = (): ClockSample => ({ minutes: [], decided: 0, within: 0 });

const clockView = (c: ClockSample) => {
  const sorted = [...c.minutes].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    medianMinutes: round(quantile(sorted, 0.5)),
    p90Minutes: round(quantile(sorted, 0.9)),
    withinSla: c.decided ? c.within / c.decided : null,
  };
};

interface Row {
  team: string;
  first_responder_id: string | null;
  first_responder_name: string | null;
  resolver_id: string | null;
  resolver_name: string | null;
  status: string;
  first_minutes: number | null;
  first_within: boolean | null;
  resolve_minutes: number | null;
  resolve_within: boolean | null;
  rating: number | null;
}

export interface ServiceReportRow {
  key: string;
  name: string | null;
  tickets: number;
  open: number;
  firstResponse: ReturnType<typeof clockView>;
  resolution: ReturnType<typeof clockView>;
  rated: number;
  averageRating: number | null;
}

/**
 * Per team (every ticket of the team) or per agent (the first responses an agent gave, the
 * resolutions an agent made, the ratings of those). A clock counts within SLA when met by its due
 * instant; one past due and not met counts against it; one still running is not decided yet.
 */
export async function serviceReport(
  db: Db,
  scope: RegionScope,
  window: Window,
  by: 'team' | 'agent',
  now = new Date(),
): Promise<ServiceReportRow[]> {
  const at = now.toISOString();
  const found = await rows<Row>(
    db,
    sql`select t.team, t.first_responder_id, fr.name as first_responder_name, t.resolver_id, rs.name as resolver_name, t.status,
        extract(epoch from t.first_response_at - t.created_at) / 60 as first_minutes,
        case when t.first_response_at is not null then t.first_response_at <= t.first_response_due_at
          when t.first_response_due_at <= ${at} then false end as first_within,
        extract(epoch from t.resolved_at - t.created_at) / 60 as resolve_minutes,
        case when t.resolved_at is not null then t.resolved_at <= t.close_due_at
          when t.close_due_at <= ${at} then false end as resolve_within,
        t.rating
      from tickets t left join users fr on fr.id = t.first_responder_id left join users rs on rs.id = t.resolver_id
      where t.created_at >= ${window.fromAt} and t.created_at < ${window.toAt} and ${inScope(scope, sql`t.region_id`)}`,
  );
  const groups = new Map<
    string,
    { name: string | null; tickets: number; open: number; first: ClockSample; resolve: ClockSample; ratings: number[] }
  >();
  const group = (key: string, name: string | null) => {
    let g = groups.get(key);
    if (!g) {
      g = { name, tickets: 0, open: 0, first: emptyClock(), resolve: emptyClock(), ratings: [] };
      groups.set(key, g);
    }
    return g;
  };
  const addClock = (c: ClockSample, minutes: number | null, within: boolean | null) => {
    if (minutes !== null) c.minutes.push(Number(minutes));
    if (within !== null) {
      c.decided++;
      if (within) c.within++;
    }
  };
  for (const r of found) {
    if (by === 'team') {
      const g = group(r.team, null);
      g.tickets++;
      if (r.status !== 'resolved' && r.status !== 'closed') g.open++;
      addClock(g.first, r.first_minutes, r.first_within);
      addClock(g.resolve, r.resolve_minutes, r.resolve_within);
      if (r.rating !== null) g.ratings.push(r.rating);
    } else {
      if (r.first_responder_id) {
        const g = group(r.first_responder_id, r.first_responder_name);
        g.tickets++;
        addClock(g.first, r.first_minutes, r.first_within);
      }
      if (r.resolver_id) {
        const g = group(r.resolver_id, r.resolver_name);
        if (r.resolver_id !== r.first_responder_id) g.tickets++;
        addClock(g.resolve, r.resolve_minutes, r.resolve_within);
        if (r.rating !== null) g.ratings.push(r.rating);
      }
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      name: g.name,
      tickets: g.tickets,
      open: g.open,
      firstResponse: clockView(g.first),
      resolution: clockView(g.resolve),
      rated: g.ratings.length,
      averageRating: g.ratings.length
        ? Math.round((g.ratings.reduce((a, b) => a + b, 0) / g.ratings.length) * 10) / 10
        : null,
    }))
    .sort((a, b) => b.tickets - a.tickets || a.key.localeCompare(b.key));
}

/** Tickets opened in the window per category, with how many are still open and their average rating. */
export async function ticketVolume(db: Db, scope: RegionScope, window: Window) {
  const found = await rows<{ category: string; tickets: number; open: number; rated: number; rating_sum: number }>(
    db,
    sql`select category, count(*)::int as tickets, (count(*) filter (where status not in ('resolved', 'closed')))::int as open,
        count(rating)::int as rated, coalesce(sum(rating), 0)::int as rating_sum
      from tickets where created_at >= ${window.fromAt} and created_at < ${window.toAt} and ${inScope(scope, sql`region_id`)}
      group by category order by tickets desc, category`,
  );
  return found.map((r) => ({
    category: r.category,
    tickets: r.tickets,
    open: r.open,
    rated: r.rated,
    averageRating: r.rated ? Math.round((r.rating_sum / r.rated) * 10) / 10 : null,
  }));
}

/** The return reasons the seeds analyse (描述不符, 质量, 物流延迟) and the rest of the claim form's. */
export const RETURN_REASONS = [
  'quality',
  'description_mismatch',
  'logistics_delay',
  'missing',
  'wrong_item',
  'other',
] as const;

export type ReturnReason = (typeof RETURN_REASONS)[number];

export interface ReturnReasonRow {
  key: string;
  name: string;
  claims: number;
  units: number;
  refundedFen: number;
  byReason: Record<ReturnReason, number>;
}

/**
 * After-sales claims made in the window (a recall's refunds are not a customer's claim and are left
 * out), per product or supplier: claims (a claim of two products
 * counts once for each), units claimed, money refunded (approved claims only), and claims by reason.
 */
export async function returnReasons(
  db: Db,
  scope: RegionScope,
  window: Window,
  by: 'product' | 'supplier',
): Promise<ReturnReasonRow[]> {
  const key = by === 'product' ? sql`p.id::text` : sql`coalesce(s.id::text, '-')`;
  const name = by === 'product' ? sql`min(p.name)` : sql`coalesce(min(s.name), '-')`;
  const found = await rows<{
    key: string;
    name: string;
    reason: string;
    claims: number;
    units: number;
    refunded_fen: number;
  }>(
    db,
    sql`select ${key} as key, ${name} as name, r.reason, count(distinct r.id)::int as claims, sum(rl.quantity)::int as units,
        coalesce(sum(rl.amount_fen) filter (where r.status = 'refunded'), 0)::int as refunded_fen
      from refunds r join orders o on o.id = r.order_id join refund_lines rl on rl.refund_id = r.id
        join order_lines ol on ol.id = rl.order_line_id join products p on p.id = ol.product_id
        left join suppliers s on s.id = p.supplier_id
      where r.kind = 'aftersales' and r.reason <> 'recall' and r.created_at >= ${window.fromAt} and r.created_at < ${window.toAt}
        and ${inScope(scope, sql`o.region_id`)}
      group by 1, r.reason`,
  );
  const out = new Map<string, ReturnReasonRow>();
  for (const r of found) {
    let row = out.get(r.key);
    if (!row) {
      row = {
        key: r.key,
        name: r.name,
        claims: 0,
        units: 0,
        refundedFen: 0,
        byReason: Object.fromEntries(RETURN_REASONS.map((x) => [x, 0])) as ReturnReasonRow['byReason'],
      };
      out.set(r.key, row);
    }
    row.claims += r.claims;
    row.units += r.units;
    row.refundedFen += r.refunded_fen;
    const reason = (RETURN_REASONS as readonly string[]).includes(r.reason) ? (r.reason as ReturnReason) : 'other';
    row.byReason[reason] += r.claims;
  }
  return [...out.values()].sort((a, b) => b.claims - a.claims || a.name.localeCompare(b.name));
}
