import type { Answer } from '../shared/api-shapes';
import type { Campaign } from './api';

export type DealVariant = Answer<'/me/deal-variants'>[number];

/**
 * The deal list as this customer's arms of running experiments show it (decision 048): the shared
 * list is the same for everyone, the customer's arm replaces a deal's price (an instant coupon is
 * already taken off it) or title. Display only: checkout charges the arm computed by the server.
 */
export function withVariants(campaigns: Campaign[], variants: DealVariant[]): Campaign[] {
  if (!variants.length) return campaigns;
  const byItem = new Map(variants.map((v) => [v.campaignItemId, v]));
  return campaigns.map((c) => ({
    ...c,
    items: c.items.map((i) => {
      const v = byItem.get(i.id);
      if (!v) return i;
      return { ...i, priceFen: v.priceFen, ...(v.title ? { name: v.title } : {}) };
    }),
  }));
}
