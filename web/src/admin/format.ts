import { currentLang } from '../shared/i18n';

/** Times are shown in the business time zone (Asia/Shanghai), whatever the operator's computer says. */
const TZ = 'Asia/Shanghai';
// Building an Intl formatter is costly; tables format hundreds of cells, so keep one per language.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const locale = currentLang() === 'en' ? 'en-GB' : 'zh-CN';
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(locale, f);
  }
  return f.format(new Date(value));
}
