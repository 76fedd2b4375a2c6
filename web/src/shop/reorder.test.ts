import { describe, expect, it } from 'vitest';
import { reorderLines } from './reorder';

const now = Date.parse('2026-12-05T10:00:00Z');

describe('reorderLines', () => {
  it('offers again what is on sale today, within the limit and what is left', () => {
    const lines = [
      { productId: 'apple', quantity: 3, refundQuantity: 0 },
      { productId: 'milk', quantity: 2, refundQuantity: 2 },
      { productId: 'gone', quantity: 1, refundQuantity: 0 },
      { productId: 'soldout', quantity: 1, refundQuantity: 0 },
      { productId: 'later', quantity: 1, refundQuantity: 0 },
    ];
    const deals = [
      { id: 'd-apple', productId: 'apple', remaining: 10, perCustomerLimit: 2 },
      { id: 'd-milk', productId: 'milk', remaining: 1 },
      { id: 'd-soldout', productId: 'soldout', remaining: 0 },
      { id: 'd-later', productId: 'later', saleStartsAt: '2026-12-05T12:00:00Z' },
    ];
    expect(reorderLines(lines, deals, now)).toEqual([
      { dealId: 'd-apple', quantity: 2 },
      { dealId: 'd-milk', quantity: 1 },
    ]);
  });

  it('adds the lines of one product together and offers nothing when nothing is on sale', () => {
    const lines = [
      { productId: 'apple', quantity: 1, refundQuantity: 0 },
      { productId: 'apple', quantity: 2, refundQuantity: 0 },
    ];
    expect(reorderLines(lines, [{ id: 'd', productId: 'apple' }], now)).toEqual([{ dealId: 'd', quantity: 3 }]);
    expect(reorderLines(lines, [], now)).toEqual([]);
  });
});
