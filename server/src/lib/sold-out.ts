/**
 * Deals known to be sold out, remembered for a moment in this process so that a rush of buyers
 * on a sold-out flash deal is answered without touching the database. The memory is short
 * because units come back when unpaid orders expire or are cancelled: a give-back in this
 * process clears it at once (`unitsGivenBack`); another process's memory lapses within the
 * time to live (docs/architecture.md).
 */
export class SoldOutCache {
  private readonly until = new Map<string, number>();

  constructor(private readonly ttlMs = 500) {
    live.add(new WeakRef(this));
  }

  private readonly listeners = new Set<(itemId: string) => void>();

  mark(itemId: string, now = Date.now()) {
    const known = (this.until.get(itemId) ?? 0) > now;
    this.until.set(itemId, now + this.ttlMs);
    if (!known) for (const listener of this.listeners) listener(itemId);
  }

  /** Calls `listener` when a deal becomes known to be sold out (not again while remembered); returns the unsubscribe. */
  onSoldOut(listener: (itemId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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

  forget(itemIds: Iterable<string>) {
    for (const id of itemIds) this.until.delete(id);
  }
}

/**
 * Every sold-out memory of this process: the cancel flow and the expiry job give units back
 * without an app context at hand, and a process normally has one (tests build many).
 */
const live = new Set<WeakRef<SoldOutCache>>();

/** Units of these deals came back: no memory of this process may call them sold out any more. */
export function unitsGivenBack(itemIds: readonly string[]): void {
  if (!itemIds.length) return;
  for (const ref of live) {
    const cache = ref.deref();
    if (cache) cache.forget(itemIds);
    else live.delete(ref);
  }
}
