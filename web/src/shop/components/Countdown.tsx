import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Ticks once a second; every countdown on a screen shares the same clock reading. */
export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function parts(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86400);
  return { days, hms: `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` };
}

/** "12:03:09" (with days when far away) until `until`; calls onDone once it is reached. */
export function Countdown({ until, label, onDone, testId }: { until: string; label: string; onDone?: () => void; testId?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = new Date(until).getTime() - now;
  useEffect(() => {
    if (left <= 0) onDone?.();
    // only the crossing matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left <= 0]);
  const { days, hms } = parts(left);
  return (
    <span className="shop-countdown" data-testid={testId} aria-live="off">
      {label} {days > 0 ? t('deals.days', { n: days }) + ' ' : ''}<b>{hms}</b>
    </span>
  );
}
