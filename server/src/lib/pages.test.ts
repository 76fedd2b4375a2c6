import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { encodeCursor, keyset, pageOf, pageRequest, PAGE_DEFAULT } from './pages.js';

const orders = keyset('orders', [sql`o.created_at`, 'time'], [sql`o.seq`, 'int']);
const refunds = keyset('refunds', [sql`r.created_at`, 'time'], [sql`r.id`, 'uuid']);
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return 'accepted';
};

describe('keyset cursors', () => {
  it('the cursor of a page is the last row key, and reads back as the same key', () => {
    const rows = [1, 2, 3].map((i) => ({ id: i, page_k0: `2026-03-01T08:00:00.00000${i}Z`, page_k1: 10 - i }));
    const page = pageOf(orders, { limit: 2, after: null }, rows);
    expect(page.items.map((r) => r.id)).toEqual([1, 2]);
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(pageRequest(orders, { cursor: page.nextCursor! })).toEqual({
      limit: PAGE_DEFAULT,
      after: ['2026-03-01T08:00:00.000002Z', 8],
    });
    // a page no fuller than the limit is the last one
    expect(pageOf(orders, { limit: 3, after: null }, rows).nextCursor).toBeNull();
  });

  it('refuses what is not a cursor of this list', () => {
    const at = '2026-03-01T08:00:00.000000Z';
    for (const cursor of [
      'not a cursor',
      '',
      Buffer.from('[1,2]').toString('base64url'),
      encodeCursor(refunds, [at, crypto.randomUUID()]),
      encodeCursor(orders, [at]),
      encodeCursor(orders, [at, '7']),
      encodeCursor(orders, [at, 1.5]),
      encodeCursor(orders, ['2026-02-29T08:00:00.000000Z', 1]),
      encodeCursor(orders, ['1899-12-31T23:59:59.999999Z', 1]),
      encodeCursor(orders, ['2026-03-01 08:00:00.000000Z', 1]),
    ]) {
      expect(
        refused(() => pageRequest(orders, { cursor })),
        cursor,
      ).toBe('400 VALIDATION_FAILED');
    }
    expect(refused(() => pageRequest(refunds, { cursor: encodeCursor(refunds, [at, 'ABC']) }))).toBe(
      '400 VALIDATION_FAILED',
    );
    expect(refused(() => pageRequest(refunds, { cursor: encodeCursor(refunds, [at, crypto.randomUUID()]) }))).toBe(
      'accepted',
    );
  });
});
