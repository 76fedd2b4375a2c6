import type { LeaderCampaign } from './api';

/** Small decisions of the leader app, kept apart from the screens so they can be unit-tested. */

/** Today's calendar date in the business time zone (Asia/Shanghai), "YYYY-MM-DD" (en-CA writes ISO dates). */
const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function todayYmd(now = new Date()): string {
  return ymd.format(now);
}

/**
 * Which campaign (团期) the orders and arrival screens show by default: the one that matters
 * today — the newest cut-off campaign with orders still to arrive or be picked up (pickup day
 * today or later), else the newest open one, else the newest with orders at all. The list comes
 * newest cutoff first from GET /leader/campaigns.
 */
export function defaultCampaign(campaigns: LeaderCampaign[], today = todayYmd()): LeaderCampaign | undefined {
  const awaiting = campaigns.find((c) => c.status !== 'open' && c.orders > 0 && c.pickupDate >= today);
  return awaiting ?? campaigns.find((c) => c.status === 'open') ?? campaigns[0];
}

/** The code inside a scanned QR: the raw text, or a `code=` parameter when the QR holds a link. */
export function codeFromScan(raw: string): string {
  try {
    const url = new URL(raw);
    return (url.searchParams.get('code') ?? raw).trim();
  } catch {
    return raw.trim();
  }
}
