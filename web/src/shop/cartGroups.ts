import type { Campaign, Deal } from './api';

export interface CartGroup {
  campaign: Campaign;
  lines: { deal: Deal; quantity: number }[];
}

/**
 * An order holds deals of one campaign, so the cart is shown and checked out per campaign.
 * Cart entries whose deal is no longer on sale are returned as `gone`.
 */
export function groupCart(
  cart: Record<string, number>,
  campaigns: Campaign[],
): { groups: CartGroup[]; gone: string[] } {
  const groups: CartGroup[] = [];
  const found = new Set<string>();
  for (const campaign of campaigns) {
    const lines = campaign.items.filter((d) => cart[d.id]).map((deal) => ({ deal, quantity: cart[deal.id] }));
    for (const l of lines) found.add(l.deal.id);
    if (lines.length) groups.push({ campaign, lines });
  }
  return { groups, gone: Object.keys(cart).filter((id) => !found.has(id)) };
}
