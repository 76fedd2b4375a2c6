/**
 * Behaviour events of an app (decision 045): queued in memory and sent in batches to
 * POST /api/v1/events with navigator.sendBeacon — when the page is hidden (visibilitychange,
 * pagehide) and every few seconds — so tracking never waits for the network nor holds the page.
 * Each event carries its own id (a batch sent twice is kept once) and the time it happened; the
 * device's anonymous id is kept in its storage. The signed-in user is not sent as a field: the
 * session's token travels in the batch, as a beacon cannot send headers, and the server resolves it.
 */
export type TrackedType =
  | 'deal_viewed'
  | 'cart_added'
  | 'checkout_started'
  | 'order_placed'
  | 'shared'
  | 'searched'
  | 'coupon_claimed'
  | 'page_viewed';

export interface EventPayload {
  dealId?: string;
  productId?: string;
  pickupPointId?: string;
  orderId?: string;
  query?: string;
  page?: string;
}

interface Queued extends EventPayload {
  id: string;
  type: TrackedType;
  at: string;
}

export interface Tracker {
  track(type: TrackedType, payload?: EventPayload): void;
  /** the pickup point added to every event that names none (the shop's chosen point) */
  setPickupPoint(id: string | undefined): void;
  /** sends what is queued now (tests, and the page being hidden) */
  flush(): void;
}

const ENDPOINT = '/api/v1/events';
const MAX_BATCH = 100;
const MAX_QUEUE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A random (version 4) UUID, also where crypto.randomUUID is missing (a page not served over HTTPS). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The device's anonymous id: made once and kept (a fresh one each load where storage is refused). */
function deviceId(): string {
  const key = 'linli.device';
  try {
    const known = localStorage.getItem(key);
    if (known && UUID.test(known)) return known;
    const made = randomId();
    localStorage.setItem(key, made);
    return made;
  } catch {
    return randomId();
  }
}

export function createTracker(opts: {
  source: 'shop' | 'leader' | 'console';
  /** the session's bearer token, when signed in */
  token: () => string | undefined;
  intervalMs?: number;
}): Tracker {
  let queue: Queued[] = [];
  let pickupPointId: string | undefined;
  let device: string | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const send = (body: string) => {
    try {
      if (navigator.sendBeacon?.(ENDPOINT, body)) return;
      // the beacon queue is full (or there is none): a keepalive request, never awaited
      void fetch(ENDPOINT, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(
        () => {},
      );
    } catch {
      // tracking never breaks the page
    }
  };

  const flush = () => {
    while (queue.length) {
      // an event tracked before the point was known (the page's first moment) gets it when sent
      const events = queue
        .slice(0, MAX_BATCH)
        .map((e) => (e.pickupPointId || !pickupPointId ? e : { ...e, pickupPointId }));
      queue = queue.slice(MAX_BATCH);
      device ??= deviceId();
      const session = opts.token();
      send(JSON.stringify({ source: opts.source, deviceId: device, ...(session ? { session } : {}), events }));
    }
  };

  const start = () => {
    if (timer || typeof window === 'undefined') return;
    timer = setInterval(flush, opts.intervalMs ?? 5000);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
    window.addEventListener('pagehide', flush);
  };

  return {
    track(type, payload = {}) {
      start();
      const event: Queued = { id: randomId(), type, at: new Date().toISOString() };
      for (const [k, v] of Object.entries({ pickupPointId, ...payload }))
        if (typeof v === 'string' && v) (event as unknown as Record<string, string>)[k] = v;
      if (event.query !== undefined) event.query = event.query.slice(0, 200);
      if (event.pickupPointId && !UUID.test(event.pickupPointId)) delete event.pickupPointId;
      queue.push(event);
      if (queue.length > MAX_QUEUE) queue = queue.slice(-MAX_QUEUE);
    },
    setPickupPoint(id) {
      pickupPointId = id;
    },
    flush,
  };
}

/**
 * A screen's name for a `page_viewed` event: the route without its ids (a UUID becomes `id`), in
 * the characters and length the server accepts, so a page view names a screen, never a record.
 */
export function pageName(pathname: string): string {
  return (
    pathname
      .toLowerCase()
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id')
      .replace(/[^a-z0-9/_-]/g, '')
      .slice(0, 60) || '/'
  );
}
