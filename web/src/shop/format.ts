import type { TFunction } from 'i18next';
import { yuan } from '../shared/money';

interface CouponTerms {
  kind: string;
  thresholdFen: number;
  discountFen: number | null;
  percentOffBps: number | null;
  maxDiscountFen: number | null;
}

/** "满¥50.00减¥5.00" / "9折 最多减¥10.00" from the coupon's own terms. */
export function couponTitle(c: CouponTerms, t: TFunction): string {
  if (c.kind === 'percent' && c.percentOffBps !== null) {
    const pct = c.percentOffBps / 100;
    // 10% off is written 9折 in Chinese
    const zhe = (10_000 - c.percentOffBps) / 1000;
    const text = t('coupon.percent', { pct, zhe });
    return c.maxDiscountFen !== null ? `${text} ${t('coupon.cap', { cap: yuan(c.maxDiscountFen) })}` : text;
  }
  const off = yuan(c.discountFen ?? 0);
  return c.thresholdFen > 0
    ? t('coupon.amount', { threshold: yuan(c.thresholdFen), off })
    : t('coupon.noThreshold', { off });
}

/** Times are the business's (Asia/Shanghai, where cut-off and pickup happen), whatever zone the phone is set to. */
const TZ = 'Asia/Shanghai';

export function dateTime(iso: string, lang: string) {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

export function date(iso: string, lang: string) {
  return new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TZ });
}

/**
 * The pickup day with its hours when the server gave them (the region's local time): "明天 08:00–21:00 到店自提"
 * style, as `deals.pickupWindow`; without hours, `deals.pickupDate`.
 */
export function pickupText(
  t: TFunction,
  c: { pickupDate: string; pickupFrom?: string; pickupUntil?: string },
  lang: string,
): string {
  const date = calendarDay(c.pickupDate, lang);
  return c.pickupFrom && c.pickupUntil
    ? t('deals.pickupWindow', { date, from: c.pickupFrom, until: c.pickupUntil })
    : t('deals.pickupDate', { date });
}

/** A calendar day "YYYY-MM-DD" (the pickup day) as "11月28日 周六" / "Sat 28 Nov" — read as a date, no zone shift. */
export function calendarDay(ymd: string, lang: string) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  });
}
