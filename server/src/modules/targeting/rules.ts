import { sampleFromSums, twoProportionZTest, welchTTest } from '../../lib/stats.js';

/** One group's figures over the window, as the result query sums them per customer. */
export interface GroupSums {
  customers: number;
  /** customers who paid at least one order in the window */
  recalled: number;
  orders: number;
  /** paid, net of refunds */
  gmvFen: number;
  /** Σ (a customer's GMV)², customers without an order counting 0 */
  gmvSquares: number;
}

export interface GroupFigures {
  customers: number;
  recalled: number;
  recallRate: number | null;
  orders: number;
  gmvFen: number;
  gmvPerCustomerFen: number | null;
}

const figures = (g: GroupSums): GroupFigures => ({
  customers: g.customers,
  recalled: g.recalled,
  recallRate: g.customers ? g.recalled / g.customers : null,
  orders: g.orders,
  gmvFen: g.gmvFen,
  gmvPerCustomerFen: g.customers ? g.gmvFen / g.customers : null,
});

/**
 * The campaign's lift: treated against control (B − A = treated − control), the recall rate by the
 * two-proportion z-test, GMV per customer by Welch's t-test, each with its 95 % interval.
 */
export function campaignLift(treated: GroupSums, control: GroupSums) {
  const recall = twoProportionZTest(
    { successes: control.recalled, n: control.customers },
    { successes: treated.recalled, n: treated.customers },
  );
  const gmv = welchTTest(
    sampleFromSums(control.customers, control.gmvFen, control.gmvSquares),
    sampleFromSums(treated.customers, treated.gmvFen, treated.gmvSquares),
  );
  return {
    treated: figures(treated),
    control: figures(control),
    recallLift: {
      difference: recall.rateA === null || recall.rateB === null ? null : recall.difference,
      ci: recall.ci,
      pValue: recall.pValue,
    },
    gmvPerCustomerDiff: {
      difference: treated.customers && control.customers ? gmv.difference : null,
      ci: gmv.ci,
      pValue: gmv.pValue,
      df: gmv.df,
    },
  };
}
