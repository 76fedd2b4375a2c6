import { z } from 'zod';
import { isoDateTime } from '../../lib/schemas.js';

/**
 * The pure rules of behaviour events (decision 045): what a batch may hold, how a search text is
 * made safe to keep, which time an event is filed under, and the day partitions' names and bounds.
 */

/** What the apps send. `page_viewed` is for the console's and leader app's screens. */
export const CLIENT_EVENT_TYPES = [
  'deal_viewed',
  'cart_added',
  'checkout_started',
  'order_placed',
  'shared',
  'searched',
  'coupon_claimed',
  'page_viewed',
] as const;
/** What only the server writes, where the fact happens (never accepted from a browser). */
export const SERVER_EVENT_TYPES = ['paid', 'refunded', 'picked_up'] as const;
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

export const EVENT_SOURCES = ['shop', 'leader', 'console'] as const;

/** events per batch: the apps send at most this many at once */
export const MAX_BATCH = 100;
/** characters of a search text kept */
export const MAX_QUERY = 40;

/**
 * How far an event's own time may lie from the server's: an event from further back is filed at the
 * earliest accepted time, one from the future at the server's time. The window bounds how long a
 * closed day can still change (the funnel rollup re-reads the days it covers).
 */
export const ACCEPT_PAST_MS = 24 * 3600_000;
export const ACCEPT_FUTURE_MS = 5 * 60_000;

const uuid = z.uuid();
export const clientEvent = z.strictObject({
  id: uuid.describe("the client's own id of the event (a UUID): sent again, it is kept once"),
  type: z.enum(CLIENT_EVENT_TYPES),
  at: isoDateTime.describe("when it happened, by the client's clock"),
  dealId: uuid.optional(),
  productId: uuid.optional(),
  pickupPointId: uuid.optional(),
  orderId: uuid.optional(),
  query: z.string().max(200).optional().describe('a search text; stored capped, without digits runs'),
  page: z
    .string()
    .regex(/^[a-z0-9/_-]{1,60}$/)
    .optional()
    .describe("a screen's route name (lower-case letters, digits, / _ -)"),
});
export type ClientEvent = z.infer<typeof clientEvent>;

export const eventBatch = z.strictObject({
  source: z.enum(EVENT_SOURCES),
  deviceId: uuid.describe("the browser's anonymous id, kept in its storage"),
  /** the bearer token of a signed-in session: a beacon cannot send headers */
  session: z.string().max(200).optional(),
  events: z.array(clientEvent).min(1).max(MAX_BATCH),
});
export type EventBatch = z.infer<typeof eventBatch>;

/**
 * A search text safe to keep: anything that could be a phone number, an id card, an order number
 * or a pickup code — any run of 4 or more digits, with spaces or dashes inside — and e-mail
 * addresses are removed; whitespace is folded and the text capped. Null when nothing is left.
 */
export function scrubQuery(text: string | undefined): string | null {
  if (text === undefined) return null;
  const cleaned = text
    .normalize('NFKC')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\+?\d[\d\s-]{2,}\d/g, (run) => (run.replace(/\D/g, '').length >= 4 ? ' ' : run))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY)
    .trim();
  return cleaned === '' ? null : cleaned;
}

/** The time an event is filed under: its own, kept inside the accepted window around `now`. */
export function fileTime(at: string, now: Date): Date {
  const t = Date.parse(at);
  const earliest = now.getTime() - ACCEPT_PAST_MS;
  const latest = now.getTime() + ACCEPT_FUTURE_MS;
  return new Date(Math.min(latest, Math.max(earliest, t)));
}

/** The UTC day (YYYY-MM-DD) of an instant: the partition it is stored in. */
export const partitionDay = (at: Date) => at.toISOString().slice(0, 10);

/** The partition's table name of a UTC day. */
export const partitionName = (day: string) => `behaviour_events_p${day.replaceAll('-', '')}`;

/** The day of a partition's table name, or null for the default partition or any other table. */
export function dayOfPartition(name: string): string | null {
  const m = /^behaviour_events_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The partitions past retention: those whose whole day ended more than `retentionDays` days before `today`. */
export function expiredDays(days: readonly string[], today: string, retentionDays: number): string[] {
  const keepFrom = Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000;
  return days.filter((d) => Date.parse(`${d}T00:00:00Z`) + 86_400_000 <= keepFrom).sort();
}
