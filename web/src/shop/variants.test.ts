import { describe, expect, it } from 'vitest';
import { withVariants } from './variants';

describe('withVariants', () => {
  it("replaces the price and title of the customer's arm, and leaves other deals as they are", () => {
    const campaigns = [
      {
        id: 'c',
        items: [
          { id: 'a', name: '鸡蛋', priceFen: 1290 },
          { id: 'b', name: '牛奶', priceFen: 990 },
        ],
      },
    ] as never;
    const shown = withVariants(campaigns, [
      { campaignItemId: 'a', experimentId: 'e', arm: 'a', priceFen: 990, couponFen: 300, title: null },
      { campaignItemId: 'b', experimentId: 'f', arm: 'a', priceFen: 990, couponFen: null, title: '牛奶 产地直发' },
    ]);
    expect(shown[0].items.map((i) => [i.name, i.priceFen])).toEqual([
      ['鸡蛋', 990],
      ['牛奶 产地直发', 990],
    ]);
    expect(withVariants(campaigns, [])).toBe(campaigns);
  });
});
