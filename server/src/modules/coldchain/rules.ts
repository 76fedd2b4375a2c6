import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { defineSetting } from '../settings/service.js';

/**
 * The cold chain's pure rules: the ranges each zone must keep (settings, in tenths of a degree),
 * whether a reading keeps them, and the loggers' webhook signature.
 */

export type ColdZone = 'chilled' | 'frozen';
export const COLD_ZONES: readonly ColdZone[] = ['chilled', 'frozen'];

/** what a thermometer can honestly read in a truck or a pickup point: −50.0 … +60.0 °C */
export const MIN_TENTHS = -500;
export const MAX_TENTHS = 600;

const tenths = z.number().int().min(MIN_TENTHS).max(MAX_TENTHS);

export const CHILLED_RANGE = defineSetting({
  key: 'coldchain.chilledRangeTenths',
  schema: z.object({ min: tenths, max: tenths }).refine((r) => r.min <= r.max, 'min must not be above max'),
  default: { min: 0, max: 80 },
  description: 'Chilled goods (冷藏) must read between min and max, in tenths of a degree Celsius (0–8 °C: 0 and 80)',
});

export const FROZEN_MAX = defineSetting({
  key: 'coldchain.frozenMaxTenths',
  schema: tenths,
  default: -180,
  description: 'Frozen goods (冷冻) must read at most this, in tenths of a degree Celsius (−18 °C: −180)',
});

export const ARRIVAL_QUALITY_TARGET = defineSetting({
  key: 'coldchain.arrivalQualityTargetBps',
  schema: z.number().int().min(0).max(10_000),
  default: 9_800,
  description:
    'Arrival quality rate (到货品质达标率) target in basis points: order lines arrived without damage or temperature breach over lines dispatched (98 %: 9800)',
});

export interface ZoneRange {
  /** null: no lower bound (frozen goods cannot be too cold) */
  min: number | null;
  max: number;
}

export function zoneRanges(chilled: { min: number; max: number }, frozenMax: number): Record<ColdZone, ZoneRange> {
  return { chilled: { min: chilled.min, max: chilled.max }, frozen: { min: null, max: frozenMax } };
}

export function inRange(range: ZoneRange, t: number): boolean {
  return (range.min === null || t >= range.min) && t <= range.max;
}

/** "−18.5 °C" from −185 */
export const celsius = (t: number) => `${t < 0 ? '−' : ''}${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10} °C`;

// ---- the loggers' webhook ----

/** how old a signed delivery may be (and how far ahead of our clock) */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/**
 * The signature a logger sends: HMAC-SHA256, hex, over `<timestamp>.<raw body>`. The timestamp is
 * signed with the body, or anyone replaying a captured delivery could put a fresh time on it.
 */
export function signLoggerDelivery(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export type SignatureVerdict = 'ok' | 'bad_signature' | 'stale';

export function verifyLoggerDelivery(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  nowMs: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'stale';
  if (!signature) return 'bad_signature';
  const given = signature.startsWith('sha256=') ? signature.slice(7) : signature;
  if (!/^[0-9a-f]{64}$/i.test(given)) return 'bad_signature';
  const expected = Buffer.from(signLoggerDelivery(input.secret, timestamp, input.rawBody), 'hex');
  // constant time: the comparison must not tell how much of a guess was right
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'bad_signature';
  const age = Math.abs(input.nowMs / 1000 - Number(timestamp));
  return age > REPLAY_WINDOW_SECONDS ? 'stale' : 'ok';
}
