/**
 * Deals known to be sold out, remembered for a moment in this process so that a rush of buyers
 * on a sold-out flash deal is answered without touching the database. The memory is short
 * because units come back when unpaid orders expire or are cancelled.
 */
export class SoldOutCache {
  private readonly until = new Map<string, number>();

  constructor(private readonly ttlMs = 500) {}

  mark(itemId: string, now = Date.now()) {
    this.until.set(itemId, now + this.ttlMs);
  }

  /** The first sold-out deal among these, if any. */
  find(itemIds: string[], now = Date.now()): string | undefined {
    for (const id of itemIds) {
      const t = this.until.get(id);
      if (t === undefined) continue;
      if (t > now) return id;
      this.until.delete(id);
    }
    return undefined;
  }
}
