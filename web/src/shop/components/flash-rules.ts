// Pure rules of the 秒杀 strip and the check-in calendar (unit-tested without a browser).

/** Share of the quota sold, whole percent (rounded down, so 100 % only when nothing is left). */
export function grabbedPercent(quota: number, remaining: number): number {
  if (quota <= 0) return 100;
  return Math.floor(((quota - Math.max(0, remaining)) * 100) / quota);
}

/** Days of the month (YYYY-MM) with the weekday of its first day, Monday first. */
export function monthGrid(month: string): { blanks: number; days: string[] } {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const blanks = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  return { blanks, days: Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`) };
}
