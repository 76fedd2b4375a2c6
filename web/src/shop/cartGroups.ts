import type { Campaign, Deal } from './api';

export interface CartLine {
  deal: Deal;
  quantity: number;
  /** ticked for checking out now (a deselected line stays in the cart) */
  selected: boolean;
  /** what stops the line from being ordered as it is: none left, or fewer left than wanted */
  stock: { kind: 'ok' } | { kind: 'sold_out' } | { kind: 'short'; remaining: number };
}

export interface CartGroup {
  campaign: Campaign;
  lines: CartLine[];
}

/** Whether the deal has enough left for the quantity (deals without a quota never run out). */
export function stockOf(deal: Deal, quantity: number): CartLine['stock'] {
  if (deal.remaining === undefined) return { kind: 'ok' };
  if (deal.remaining <= 0) return { kind: 'sold_out' };
  return deal.remaining < quantity ? { kind: 'short', remaining: deal.remaining } : { kind: 'ok' };
}

/** The lines an order may hold now: selected, with enough left. */
export const orderable = (g: CartGroup) => g.lines.filter((l) => l.selected && l.stock.kind === 'ok');

/**
 * An order holds deals of one campaign, so the cart is shown and checked out per campaign.
 * Cart entries whose deal is no longer on sale are returned as `gone`.
 */
export function groupCart(
  cart: Record<string, number>,
  campaigns: Campaign[],
  deselected: string[] = [],
): { groups: CartGroup[]; gone: string[] } {
  const groups: CartGroup[] = [];
  const found = new Set<string>();
  const off = new Set(deselected);
  for (const campaign of campaigns) {
    const lines = campaign.items
      .filter((d) => cart[d.id])
      .map((deal) => ({
        deal,
        quantity: cart[deal.id],
        selected: !off.has(deal.id),
        stock: stockOf(deal, cart[deal.id]),
      }));
    for (const l of lines) found.add(l.deal.id);
    if (lines.length) groups.push({ campaign, lines });
  }
  return { groups, gone: Object.keys(cart).filter((id) => !found.has(id)) };
}

/** The selected campaigns collected on one day: checked out together and paid once (decision 032). */
export interface CartDay {
  pickupDate: string;
  groups: CartGroup[];
}

/** The campaigns with lines to order now, by pickup day, in the cart's order. */
export function cartDays(groups: CartGroup[]): CartDay[] {
  const days: CartDay[] = [];
  for (const g of groups.filter((x) => orderable(x).length > 0)) {
    const day = days.find((d) => d.pickupDate === g.campaign.pickupDate);
    if (day) day.groups.push(g);
    else days.push({ pickupDate: g.campaign.pickupDate, groups: [g] });
  }
  return days;
}

/** One campaign is checked out as an order of its own; several of one day together. */
export const checkoutPath = (day: CartDay) =>
  day.groups.length === 1 ? `/checkout?campaign=${day.groups[0].campaign.id}` : `/checkout?day=${day.pickupDate}`;

/** The quote a day's lines are priced by: one campaign's order, or the day's cart of several. */
export const quotePath = (day: CartDay) => (day.groups.length === 1 ? '/checkout/quote' : '/checkout/day/quote');
