import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { AppError, invalidState } from '../lib/errors.js';
import type { Leader } from '../modules/leaders/service.js';
import type { ColdZone } from '../modules/coldchain/rules.js';
import { breachedZones, leaderDelivery, readingsOf } from '../modules/coldchain/service.js';
import { confirmArrival, type ArrivalResult } from './arrival.js';

/**
 * A leader refuses the goods of a zone that broke its temperature range (at the route's dispatch
 * or at arrival at the leader's point): every product of that zone on the point's sorting list
 * not yet confirmed is confirmed as arrived damaged, so its customers' lines are refunded as
 * arrival losses by the arrival flow itself — once per line, under the list's lock. Products
 * already confirmed keep their confirmation (409 when none is left to refuse).
 */
export async function refuseZone(
  db: Db,
  leader: Leader,
  input: { campaignId: string; zone: ColdZone },
): Promise<ArrivalResult> {
  const d = await leaderDelivery(db, leader.pickupPointId, input.campaignId);
  if (d.status === 'pending') throw invalidState('The goods for your pickup point have not been dispatched yet');
  const readings = await readingsOf(db, { routeIds: [d.routeId], day: d.day, pickupPointId: leader.pickupPointId });
  if (!breachedZones(readings, leader.pickupPointId).includes(input.zone))
    throw new AppError(
      'NO_TEMPERATURE_BREACH',
      409,
      'No reading of these goods is out of range: they cannot be refused',
      {
        field: 'zone',
      },
    );
  const lines = await rows<{ product_id: string; quantity: number }>(
    db,
    sql`
    select sll.product_id, sll.quantity from sorting_list_lines sll join products p on p.id = sll.product_id
    where sll.sorting_list_id = ${d.sortingListId} and p.temperature_zone = ${input.zone} and sll.received_quantity is null
    order by sll.product_id`,
  );
  if (!lines.length) throw invalidState('Every product of this zone was already confirmed', { field: 'zone' });
  // A refusal racing another (or a confirmation) finds a product confirmed under the list's lock: 409, nothing refunded twice.
  return confirmArrival(
    db,
    leader,
    {
      campaignId: input.campaignId,
      lines: lines.map((l) => ({
        productId: l.product_id,
        receivedQuantity: 0,
        missingQuantity: 0,
        damagedQuantity: l.quantity,
      })),
    },
    {
      damagedNote:
        input.zone === 'chilled'
          ? 'Refused at the pickup point: chilled goods out of their temperature range'
          : 'Refused at the pickup point: frozen goods out of their temperature range',
    },
  );
}
