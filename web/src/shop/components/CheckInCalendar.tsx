import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { monthGrid } from './flash-rules';
import './CheckInCalendar.css';

type Month = Answer<'/me/check-ins'>;

/** 签到日历: the month's check-in days (the region's business days, as the server counts them). */
export function CheckInCalendar({ data }: { data: Month }) {
  const { t } = useTranslation();
  const done = new Set(data.days);
  const { blanks, days } = monthGrid(data.month);
  return (
    <div className="checkin-calendar" data-testid="checkin-calendar" data-month={data.month}>
      <div className="checkin-calendar-head">
        <b>{t('me.calendar', { month: data.month })}</b>
        <span className="shop-muted" data-testid="checkin-streak">
          {t('me.streak', { n: data.streakDays })}
        </span>
      </div>
      <div className="checkin-calendar-grid">
        {t('me.weekdays')
          .split(',')
          .map((w) => (
            <span key={w} className="checkin-weekday" aria-hidden="true">
              {w}
            </span>
          ))}
        {blanks > 0 && <span style={{ gridColumn: `span ${blanks}`, aspectRatio: 'auto' }} aria-hidden="true" />}
        {days.map((d) => (
          <span
            key={d}
            className={`${done.has(d) ? 'checkin-done' : ''} ${d === data.today ? 'checkin-today' : ''}`}
            data-testid={done.has(d) ? 'checkin-day' : undefined}
            data-date={d}
          >
            {Number(d.slice(8))}
          </span>
        ))}
      </div>
      <div className="shop-muted">{t('me.calendarNote')}</div>
    </div>
  );
}
