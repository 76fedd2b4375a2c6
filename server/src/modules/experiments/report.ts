import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { RegionScope } from '../../lib/region-scope.js';
import { sampleFromSums, twoProportionZTest, welchTTest } from '../../lib/stats.js';
import { getExperiment, type ExperimentView } from './service.js';

/** The significance level a winner must reach (p < 0.05, as the operating rules ask). */
export const ALPHA = 0.05;

export interface Comparison {
  difference: number;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  significant: boolean;
}

export interface ArmReport {
  key: string;
  name: string;
  /** the arm's unit price (fen) and title as shown */
  priceFen: number;
  title: string | null;
  /** units (customers or pickup points) shown the arm at least once */
  exposed: number;
  /** exposed units with at least one paid order of the deal while the experiment ran */
  converted: number;
  conversionRate: number | null;
  /** paid orders of the deal by exposed units */
  orders: number;
  /** paid value of the deal's lines in those orders */
  gmvFen: number;
  /** money refunded on those lines */
  refundFen: number;
  gmvPerExposedFen: number | null;
  /** against the control (absent for the control): rate difference by the two-proportion z-test, GMV per exposed unit by Welch's t-test */
  vsControl: { conversion: Comparison; gmvPerExposed: Comparison & { df: number | null } } | null;
}

export interface ExperimentReport {
  experiment: ExperimentView;
  arms: ArmReport[];
  alpha: number;
  /**
   * `insufficient_sample`: an arm has fewer exposed units than the minimum, no winner is called;
   * `winner`: a variant converts better than the control at p < alpha (the best such one);
   * `control_better`: every variant converts worse at p < alpha; `no_difference` otherwise.
   */
  verdict: { status: 'insufficient_sample' | 'winner' | 'control_better' | 'no_difference'; winner: string | null };
  /** the arms under the minimum sample */
  underMinimum: string[];
}

const compare = (r: { difference: number; ci: [number, number] | null; pValue: number | null }): Comparison => ({
  difference: r.difference,
  ciLow: r.ci?.[0] ?? null,
  ciHigh: r.ci?.[1] ?? null,
  pValue: r.pValue,
  significant: r.pValue !== null && r.pValue < ALPHA,
});

/**
 * Per arm: exposure, conversion, orders, GMV and refunds, and each variant against the control.
 * An exposed unit's orders are its paid orders holding the deal, placed between the experiment's
 * start and its stop (now while it runs): checkout charged them the unit's arm price. Units that
 * ordered without being recorded as exposed are left out (the shop records every unit it shows an arm).
 */
export async function experimentReport(db: Db, id: string, scope: RegionScope): Promise<ExperimentReport> {
  const experiment = await getExperiment(db, id, scope);
  const [exposed, bought] = await Promise.all([
    rows<{ arm: string; n: number }>(
      db,
      sql`select arm, count(*)::int as n from experiment_exposures where experiment_id = ${id} group by arm`,
    ),
    rows<{ arm: string; converted: number; orders: number; gmv: number; gmv_squares: string; refunds: number }>(
      db,
      sql`
      with e as (
        select campaign_item_id, unit, started_at, coalesce(stopped_at, now()) as until from experiments where id = ${id}),
      per_unit as (
        select case when e.unit = 'customer' then o.user_id else o.pickup_point_id end as unit_id,
          count(distinct o.id) as orders, sum(l.paid_fen) as gmv, sum(l.refunded_fen) as refunds
        from e join order_lines l on l.campaign_item_id = e.campaign_item_id join orders o on o.id = l.order_id
        where o.paid_at is not null and o.created_at >= e.started_at and o.created_at <= e.until
        group by 1)
      select x.arm, count(*)::int as converted, sum(u.orders)::int as orders, sum(u.gmv)::bigint as gmv,
        sum(u.gmv::numeric * u.gmv)::text as gmv_squares, sum(u.refunds)::bigint as refunds
      from per_unit u join experiment_exposures x on x.experiment_id = ${id} and x.unit_id = u.unit_id
      group by x.arm`,
    ),
  ]);
  const exposedOf = new Map(exposed.map((r) => [r.arm, Number(r.n)]));
  const boughtOf = new Map(bought.map((r) => [r.arm, r]));
  const arms = experiment.arms.map((arm) => {
    const n = exposedOf.get(arm.key) ?? 0;
    const b = boughtOf.get(arm.key);
    const gmv = Number(b?.gmv ?? 0);
    return {
      arm,
      n,
      converted: Number(b?.converted ?? 0),
      orders: Number(b?.orders ?? 0),
      gmv,
      squares: Number(b?.gmv_squares ?? 0),
      refunds: Number(b?.refunds ?? 0),
    };
  });
  const control = arms[0];
  const base = experiment.deal.priceFen;
  const report: ArmReport[] = arms.map((a, i) => {
    let vsControl: ArmReport['vsControl'] = null;
    if (i > 0) {
      const conversion = twoProportionZTest(
        { successes: control.converted, n: control.n },
        { successes: a.converted, n: a.n },
      );
      const welch = welchTTest(
        sampleFromSums(control.n, control.gmv, control.squares),
        sampleFromSums(a.n, a.gmv, a.squares),
      );
      vsControl = { conversion: compare(conversion), gmvPerExposed: { ...compare(welch), df: welch.df } };
    }
    const priceFen =
      experiment.kind === 'price' && a.arm.priceFen != null
        ? a.arm.priceFen
        : experiment.kind === 'coupon' && a.arm.couponFen != null
          ? Math.max(1, base - a.arm.couponFen)
          : base;
    return {
      key: a.arm.key,
      name: a.arm.name,
      priceFen,
      title: experiment.kind === 'title' ? (a.arm.title ?? null) : null,
      exposed: a.n,
      converted: a.converted,
      conversionRate: a.n ? a.converted / a.n : null,
      orders: a.orders,
      gmvFen: a.gmv,
      refundFen: a.refunds,
      gmvPerExposedFen: a.n ? a.gmv / a.n : null,
      vsControl,
    };
  });
  const underMinimum = report.filter((a) => a.exposed < experiment.minPerArm).map((a) => a.key);
  let verdict: ExperimentReport['verdict'];
  if (underMinimum.length) verdict = { status: 'insufficient_sample', winner: null };
  else {
    const variants = report.slice(1);
    const better = variants
      .filter((v) => v.vsControl!.conversion.significant && v.vsControl!.conversion.difference > 0)
      .sort((x, y) => y.vsControl!.conversion.difference - x.vsControl!.conversion.difference);
    if (better.length) verdict = { status: 'winner', winner: better[0].key };
    else if (variants.every((v) => v.vsControl!.conversion.significant && v.vsControl!.conversion.difference < 0))
      verdict = { status: 'control_better', winner: report[0].key };
    else verdict = { status: 'no_difference', winner: null };
  }
  return { experiment, arms: report, alpha: ALPHA, verdict, underMinimum };
}
