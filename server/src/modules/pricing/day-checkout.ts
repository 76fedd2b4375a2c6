/**
 * One checkout for everything a customer picks up on the same day (decision 032): the lines of
 * several campaigns are priced as one cart by priceOrder — one full-reduction threshold over all
 * of them, one coupon, one points cap — and then split into one order per campaign, each line
 * keeping the discounts priceOrder allocated to it to the fen. Orders stay per campaign (a
 * campaign's cutoff, stock and refunds are its own); only the price is computed together.
 */
import { priceOrder, type PricedLine, type PricedOrder, type PriceInput, type PriceLineInput } from './rules.js';

export interface DayLineInput extends PriceLineInput {
  campaignId: string;
}

export interface DayOrder {
  campaignId: string;
  lines: PricedLine[];
  subtotalFen: number;
  memberDiscountFen: number;
  fullReductionFen: number;
  couponFen: number;
  /** 1 point = 1 fen: the points this order's lines took */
  pointsUsed: number;
  pointsFen: number;
  totalFen: number;
}

export interface PricedDay {
  /** the whole day's cart as one price (what the customer pays in one payment) */
  priced: PricedOrder;
  /** one order per campaign, in the order the campaigns first appear among the lines */
  orders: DayOrder[];
}

const sum = (lines: PricedLine[], of: (l: PricedLine) => number) => lines.reduce((a, l) => a + of(l), 0);

export function priceDay(input: Omit<PriceInput, 'lines'> & { lines: DayLineInput[] }): PricedDay {
  const priced = priceOrder(input);
  const campaignOf = new Map(input.lines.map((l) => [l.key, l.campaignId]));
  const byCampaign = new Map<string, PricedLine[]>();
  for (const line of priced.lines) {
    const campaignId = campaignOf.get(line.key)!;
    byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), line]);
  }
  const orders = [...byCampaign].map(([campaignId, lines]) => {
    const pointsFen = sum(lines, (l) => l.pointsFen);
    return {
      campaignId,
      lines,
      subtotalFen: sum(lines, (l) => l.subtotalFen),
      memberDiscountFen: sum(lines, (l) => l.memberDiscountFen),
      fullReductionFen: sum(lines, (l) => l.fullReductionFen),
      couponFen: sum(lines, (l) => l.couponFen),
      pointsUsed: pointsFen,
      pointsFen,
      totalFen: sum(lines, (l) => l.paidFen),
    };
  });
  return { priced, orders };
}
