import i18n from 'i18next';

/** Dates the way a leader reads them ("11月27日 18:00"), in the phone's own time zone. */
const pad = (n: number) => String(n).padStart(2, '0');

export function dateTime(isoText: string): string {
  const d = new Date(isoText);
  return i18n.t('fmt.dateTime', { month: d.getMonth() + 1, day: d.getDate(), hh: pad(d.getHours()), mm: pad(d.getMinutes()) });
}

/** A calendar date "YYYY-MM-DD" (pickup day) — no time zone shift. */
export function calendarDate(ymd: string): string {
  const [, m, d] = ymd.split('-').map(Number);
  return i18n.t('fmt.date', { month: m, day: d });
}
