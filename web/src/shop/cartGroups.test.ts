import { describe, expect, it } from 'vitest';
import type { Campaign } from './api';
import { cartDays, checkoutPath, groupCart, quotePath } from './cartGroups';

const campaign = (id: string, pickupDate: string, deals: { id: string; remaining?: number }[]) =>
  ({ id, pickupDate, items: deals }) as unknown as Campaign;

describe('cartDays', () => {
  const campaigns = [
    campaign('a', '2026-12-06', [{ id: 'a1' }, { id: 'a2' }]),
    campaign('b', '2026-12-07', [{ id: 'b1' }]),
    campaign('c', '2026-12-06', [{ id: 'c1' }]),
    campaign('d', '2026-12-06', [{ id: 'd1', remaining: 0 }]),
  ];

  it('puts the selected campaigns collected on one day together, in the cart order, each day checked out on its own', () => {
    const { groups } = groupCart({ a1: 1, b1: 2, c1: 1, d1: 1 }, campaigns);
    const days = cartDays(groups);
    // d has nothing orderable (sold out): it is shown in the cart but not checked out
    expect(days.map((d) => [d.pickupDate, d.groups.map((g) => g.campaign.id)])).toEqual([
      ['2026-12-06', ['a', 'c']],
      ['2026-12-07', ['b']],
    ]);
    expect(days.map(checkoutPath)).toEqual(['/checkout?day=2026-12-06', '/checkout?campaign=b']);
    expect(days.map(quotePath)).toEqual(['/checkout/day/quote', '/checkout/quote']);
  });

  it('leaves out campaigns whose lines are all deselected', () => {
    const { groups } = groupCart({ a1: 1, a2: 1, c1: 1 }, campaigns, ['c1']);
    expect(cartDays(groups).map((d) => d.groups.map((g) => g.campaign.id))).toEqual([['a']]);
    expect(checkoutPath(cartDays(groups)[0])).toBe('/checkout?campaign=a');
  });
});
