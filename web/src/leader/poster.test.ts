import { describe, expect, it } from 'vitest';
import { jielongText, posterHeight, POSTER_MAX_DEALS, shopLink } from './poster';

describe('接龙 text', () => {
  it('numbers the deals between the header and the reply format', () => {
    const text = jielongText(
      [
        { name: '鸡蛋', unit: '盒', priceFen: 2990, listPriceFen: 3990 },
        { name: '青菜', unit: '把', priceFen: 290, listPriceFen: 290 },
      ],
      {
        head: '#接龙',
        point: '自提点：幸福里',
        cutoff: '截单',
        line: (n, d) => `${n}. ${d.name} ${d.priceFen}`,
        order: '链接',
        format: '格式',
        example: '例',
      },
    );
    expect(text.split('\n')).toEqual([
      '#接龙',
      '自提点：幸福里',
      '截单',
      '',
      '1. 鸡蛋 2990',
      '2. 青菜 290',
      '',
      '链接',
      '格式',
      '例',
    ]);
  });
});

describe('poster', () => {
  it('links to one deal, or to the point for several', () => {
    expect(shopLink('https://x', 'p 1', 'i')).toBe('https://x/shop/?point=p%201&item=i');
    expect(shopLink('https://x', 'p')).toBe('https://x/shop/?point=p');
  });
  it('grows with the deals shown, up to the most that fit', () => {
    expect(posterHeight(2)).toBeGreaterThan(posterHeight(1));
    expect(posterHeight(POSTER_MAX_DEALS + 5)).toBe(posterHeight(POSTER_MAX_DEALS) + 56);
  });
});
