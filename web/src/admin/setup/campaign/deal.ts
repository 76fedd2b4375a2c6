import type { Dayjs } from 'dayjs';
import type { Campaign, Deal, GroupTier } from '../api';
import { fen, fenOrUndefined, toDayjs, toIso, yuanText } from '../parts';

/** What the deal form holds: money as yuan text, the opening time as a dayjs. */
export interface DealValues {
  productId: string;
  price: string;
  memberPrice?: string;
  quota?: number | null;
  perCustomerLimit?: number | null;
  saleStartsAt?: Dayjs | null;
  groupTiers?: { minBuyers?: number; price?: string }[];
}

/** The body of a new deal (POST), optional fields left out when empty. */
export interface DealInput {
  productId: string;
  priceFen: number;
  memberPriceFen?: number;
  quota?: number;
  perCustomerLimit?: number;
  saleStartsAt?: string;
  groupTiers?: GroupTier[];
}

export function toInput(v: DealValues): DealInput {
  const memberPriceFen = fenOrUndefined(v.memberPrice);
  const tiers = (v.groupTiers ?? [])
    .filter((x) => x.minBuyers && x.price)
    .map((x) => ({ minBuyers: x.minBuyers!, priceFen: fen(x.price!) }));
  return {
    productId: v.productId,
    priceFen: fen(v.price),
    ...(memberPriceFen !== undefined ? { memberPriceFen } : {}),
    ...(v.quota != null ? { quota: v.quota } : {}),
    ...(v.perCustomerLimit != null ? { perCustomerLimit: v.perCustomerLimit } : {}),
    ...(v.saleStartsAt ? { saleStartsAt: toIso(v.saleStartsAt) } : {}),
    ...(tiers.length ? { groupTiers: tiers } : {}),
  };
}

export function toValues(d: DealInput | Deal): DealValues {
  return {
    productId: d.productId,
    price: yuanText(d.priceFen)!,
    memberPrice: yuanText(d.memberPriceFen),
    quota: d.quota ?? null,
    perCustomerLimit: d.perCustomerLimit ?? null,
    saleStartsAt: d.saleStartsAt ? toDayjs(d.saleStartsAt) : null,
    groupTiers: (d.groupTiers ?? []).map((x) => ({ minBuyers: x.minBuyers, price: yuanText(x.priceFen) })),
  };
}

/**
 * Only what changed, with null for a cleared field: a deal on sale may change just its quota,
 * so sending unchanged fields would be refused.
 */
export function diff(before: Deal, after: DealInput): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (after.priceFen !== before.priceFen) patch.priceFen = after.priceFen;
  if ((after.memberPriceFen ?? null) !== (before.memberPriceFen ?? null))
    patch.memberPriceFen = after.memberPriceFen ?? null;
  if ((after.quota ?? null) !== (before.quota ?? null)) patch.quota = after.quota ?? null;
  if ((after.perCustomerLimit ?? null) !== (before.perCustomerLimit ?? null))
    patch.perCustomerLimit = after.perCustomerLimit ?? null;
  const t = (s?: string) => (s ? new Date(s).getTime() : null);
  if (t(after.saleStartsAt) !== t(before.saleStartsAt)) patch.saleStartsAt = after.saleStartsAt ?? null;
  if (JSON.stringify(after.groupTiers ?? []) !== JSON.stringify(before.groupTiers ?? []))
    patch.groupTiers = after.groupTiers ?? null;
  return patch;
}

export type Phase = 'upcoming' | 'selling' | 'awaiting_cutoff' | 'cut_off';

export function phase(c: Pick<Campaign, 'status' | 'startsAt' | 'cutoffAt'>, now = Date.now()): Phase {
  if (c.status === 'cut_off') return 'cut_off';
  if (new Date(c.cutoffAt).getTime() <= now) return 'awaiting_cutoff';
  return new Date(c.startsAt).getTime() > now ? 'upcoming' : 'selling';
}

/** A deal on sale (or with units sold) may change only its quota; the server enforces the same. */
export function dealLocked(c: Campaign, d: Deal, now = Date.now()): boolean {
  if (d.sold > 0) return true;
  const started = new Date(c.startsAt).getTime() <= now;
  return started && (!d.saleStartsAt || new Date(d.saleStartsAt).getTime() <= now);
}
