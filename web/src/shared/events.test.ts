import { describe, expect, it } from 'vitest';
import { pageName } from './events';

describe('pageName', () => {
  it('names the screen, never the record, within what the server accepts', () => {
    expect(pageName('/admin/targeted-campaigns/0193A2B4-5C6D-7E8F-9A0B-1C2D3E4F5A6B')).toBe(
      '/admin/targeted-campaigns/id',
    );
    expect(pageName('/Leader/Orders 订单')).toBe('/leader/orders');
    expect(pageName('/admin/' + 'a'.repeat(100))).toHaveLength(60);
    expect(pageName('')).toBe('/');
    expect(pageName('/admin/experiments/0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b')).toMatch(/^[a-z0-9/_-]{1,60}$/);
  });
});
