import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { addDays, businessDate } from '../lib/time.js';
import { rollUpDemand } from '../modules/forecast/rollup.js';
import { recordForecasts, recordPastForecasts } from '../modules/forecast/service.js';

/**
 * The demand rollup of the played history, and the forecasts each played day would have had
 * recorded the evening before (from the days before it only), from the second week on — today's
 * included, so the cutoff screens compare expected with actual from the first start — and
 * tomorrow's, as the hourly job records it.
 */
export async function demoForecasts(db: Db, now = new Date()): Promise<{ days: number; recorded: number }> {
  const days = await rollUpDemand(db, now);
  let recorded = 0;
  const regions = await rows<{ id: string; time_zone: string; first: string | null }>(
    db,
    sql`select r.id, r.time_zone, (select to_char(min(paid_at) at time zone r.time_zone, 'YYYY-MM-DD') from orders o
        where o.region_id = r.id and o.kind = 'goods' and o.paid_at is not null) as first
      from regions r`,
  );
  for (const r of regions) {
    if (!r.first) continue;
    recorded += await recordPastForecasts(db, r.id, addDays(r.first, 7), businessDate(now, r.time_zone), now);
  }
  recorded += await recordForecasts(db, now);
  return { days, recorded };
}
