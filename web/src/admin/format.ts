import { currentLang } from '../shared/i18n';

/** Times are shown in the business time zone (Asia/Shanghai), whatever the operator's computer says. */
const TZ = 'Asia/Shanghai';

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(value));
}
