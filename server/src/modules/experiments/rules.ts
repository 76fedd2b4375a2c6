import { createHash } from 'node:crypto';
import type { Arm } from './schema.js';

/** What checkout and the shop need of a running experiment to price or show a deal. */
export interface RunningExperiment {
  id: string;
  unit: 'customer' | 'pickup_point';
  kind: 'price' | 'coupon' | 'title';
  arms: Arm[];
}

/**
 * The unit's bucket in [0, 1): the first 32 bits of SHA-256 of `experimentId:unitId`. Stable across
 * processes, restarts and versions (no seed, no state), independent between experiments (the
 * experiment id is hashed in), and uniform: a unit's arm cannot be chosen, only computed.
 */
export function bucketOf(experimentId: string, unitId: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${unitId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The arm whose share of [0, 1) holds the bucket; shares are proportional to the weights, in arm order. */
export function armAt(arms: Pick<Arm, 'weight'>[], bucket: number): number {
  const total = arms.reduce((a, x) => a + x.weight, 0);
  let upTo = 0;
  for (let i = 0; i < arms.length; i++) {
    upTo += arms[i].weight;
    if (bucket * total < upTo) return i;
  }
  return arms.length - 1;
}

/** The unit an experiment splits by, for a buyer ordering at (or browsing for) a pickup point. */
export const unitOf = (e: Pick<RunningExperiment, 'unit'>, buyer: { userId: string; pickupPointId: string }) =>
  e.unit === 'customer' ? buyer.userId : buyer.pickupPointId;

/** The buyer's arm of a running experiment. */
export function assign(e: RunningExperiment, buyer: { userId: string; pickupPointId: string }): Arm {
  return e.arms[armAt(e.arms, bucketOf(e.id, unitOf(e, buyer)))];
}

/** The unit price an arm charges for a deal of `basePriceFen`: its price, or the base less its instant coupon. */
export function armPriceFen(kind: RunningExperiment['kind'], arm: Arm, basePriceFen: number): number {
  if (kind === 'price' && arm.priceFen != null) return arm.priceFen;
  if (kind === 'coupon' && arm.couponFen != null) return Math.max(1, basePriceFen - arm.couponFen);
  return basePriceFen;
}

export class ArmsInvalid extends Error {}

/**
 * Checks an experiment's arms before it is saved: 2 to 5 arms with distinct keys and whole positive
 * weights; the first is the control and carries no value; every other arm carries exactly the
 * value of the experiment's kind — a price of at least 1 fen, a coupon of 1 fen to less than the
 * deal's price, or a title.
 */
export function checkArms(kind: RunningExperiment['kind'], arms: Arm[], basePriceFen: number): void {
  if (arms.length < 2 || arms.length > 5) throw new ArmsInvalid('An experiment has 2 to 5 arms');
  if (new Set(arms.map((a) => a.key)).size !== arms.length) throw new ArmsInvalid('Arm keys must differ');
  for (const a of arms) {
    if (!Number.isInteger(a.weight) || a.weight < 1 || a.weight > 1000)
      throw new ArmsInvalid('Arm weights are whole numbers from 1 to 1000');
  }
  const [control, ...variants] = arms;
  if (control.priceFen != null || control.couponFen != null || control.title != null)
    throw new ArmsInvalid('The first arm is the control: the deal as it is');
  for (const v of variants) {
    const other = (['priceFen', 'couponFen', 'title'] as const).filter(
      (f) => f !== { price: 'priceFen', coupon: 'couponFen', title: 'title' }[kind] && v[f] != null,
    );
    if (other.length) throw new ArmsInvalid(`A ${kind} experiment's arms carry only a ${kind}`);
    if (kind === 'price' && !(Number.isInteger(v.priceFen) && v.priceFen! >= 1 && v.priceFen! <= 100_000_000))
      throw new ArmsInvalid('Each variant has a price of at least 1 fen');
    if (kind === 'coupon' && !(Number.isInteger(v.couponFen) && v.couponFen! >= 1 && v.couponFen! < basePriceFen))
      throw new ArmsInvalid("Each variant's coupon is at least 1 fen and less than the deal's price");
    if (kind === 'title' && !(typeof v.title === 'string' && v.title.trim().length > 0))
      throw new ArmsInvalid('Each variant has a title');
  }
}
