import i18n from 'i18next';

/**
 * Dates the way a leader reads them ("11月27日 18:00"), in the business time zone (Asia/Shanghai):
 * cut-off and pickup times are the community's, not whatever zone the phone happens to be set to.
 */
const BUSINESS_ZONE = 'Asia/Shanghai';
const partsByZone = new Map<string, Intl.DateTimeFormat>();
const partsIn = (timeZone: string) => {
  let f = partsByZone.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsByZone.set(timeZone, f);
  }
  return f;
};

/** `timeZone`: the point's region's clock when the server names it (a 乌鲁木齐 point's deadline on 乌鲁木齐 time). */
export function dateTime(isoText: string, timeZone = BUSINESS_ZONE): string {
  const p = Object.fromEntries(
    partsIn(timeZone)
      .formatToParts(new Date(isoText))
      .map((x) => [x.type, x.value]),
  );
  return i18n.t('fmt.dateTime', { month: Number(p.month), day: Number(p.day), hh: p.hour, mm: p.minute });
}

/** A calendar date "YYYY-MM-DD" (pickup day) — no time zone shift. */
export function calendarDate(ymd: string): string {
  const [, m, d] = ymd.split('-').map(Number);
  return i18n.t('fmt.date', { month: m, day: d });
}

const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_ZONE });
const clock = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "18:05" for a moment of today (business time zone), the full date and time for an earlier day. */
export function timeOrDateTime(isoText: string, now = new Date()): string {
  const at = new Date(isoText);
  return dayOf.format(at) === dayOf.format(now) ? clock.format(at) : dateTime(isoText);
}
