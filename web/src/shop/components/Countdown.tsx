import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The time now, re-read once a second while `ticking` (a static deal needs no timer). */
export function useNow(ticking = true) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [ticking]);
  return now;
}

function parts(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86400);
  return { days, hms: `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` };
}

/** "12:03:09" (with days when far away) until `until`; calls onDone once it is reached. */
export function Countdown({
  until,
  label,
  onDone,
  testId,
}: {
  until: string;
  label: string;
  onDone?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const left = new Date(until).getTime() - now;
  const reached = left <= 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the crossing matters, not every tick or a new onDone
  useEffect(() => {
    if (reached) onDone?.();
  }, [reached]);
  const { days, hms } = parts(left);
  return (
    <span className="shop-countdown" data-testid={testId} aria-live="off">
      {label} {days > 0 ? t('deals.days', { n: days }) + ' ' : ''}
      <b>{hms}</b>
    </span>
  );
}
