import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../db/client.js';
import { assign, unitOf } from '../modules/experiments/rules.js';
import { createExperiment, startExperiment } from '../modules/experiments/service.js';
import { placeOrder } from '../flows/checkout.js';
import type { Config } from '../lib/config.js';
import { DEMO_SEED, Rng } from './data.js';
import { pay } from './shoppers.js';

/**
 * A running price experiment on one of today's deals in the default city, started before today's
 * orders are played, so checkout charges each simulated buyer their arm's price exactly as it
 * would a real one. Its start is moved to the campaign's opening (the orders are dated through
 * the day). Returns the experiment's id, or undefined when the campaign has no deal for it.
 */
export async function startDemoExperiment(db: Db, campaignId: string): Promise<string | undefined> {
  // a deal of everyday value that sold well in the history, not a flash or group-tier one (those are not experimented on)
  const deal = await one<{ id: string; price_fen: number; name: string }>(
    db,
    sql`select ci.id, ci.price_fen, p.name from campaign_items ci join products p on p.id = ci.product_id
      where ci.campaign_id = ${campaignId} and ci.sale_starts_at is null and ci.group_tiers is null and ci.quota is null
        and ci.member_price_fen is null and ci.price_fen between 800 and 3000
      order by (select count(*) from order_lines l where l.product_id = ci.product_id) desc, p.name limit 1`,
  );
  if (!deal) return undefined;
  // 15 % off, rounded down to the jiao
  const variantFen = Math.floor((deal.price_fen * 0.85) / 10) * 10;
  const experiment = await createExperiment(
    db,
    {
      name: `${deal.name} 价格测试`,
      campaignItemId: deal.id,
      unit: 'customer',
      kind: 'price',
      arms: [
        { key: 'control', name: '原价', weight: 1 },
        { key: 'a', name: '85折', weight: 1, priceFen: variantFen },
      ],
    },
    null,
  );
  await startExperiment(db, experiment.id, null);
  await exec(
    db,
    sql`update experiments e set started_at = least(e.started_at, c.starts_at)
      from campaign_items ci join campaigns c on c.id = ci.campaign_id where e.id = ${experiment.id} and ci.id = e.campaign_item_id`,
  );
  return experiment.id;
}

/**
 * The experiment's first exposures, as the shop would have recorded them today: every customer
 * of the city who ordered today, and about two in three of the others (they opened the shop),
 * in one statement, each unit with the arm the shop and checkout compute. Today's orders so far
 * grow with the hour (few at 07:00), so some of the exposed customers also buy the deal now —
 * about 14 % of those shown the control and 20 % of those shown the lower price — through
 * checkout, which charges each the arm's price, and the simulated provider.
 */
export async function exposeDemoExperiment(
  db: Db,
  config: Config,
  experimentId: string,
): Promise<{ exposed: number; buyers: number }> {
  const e = (await one<{
    id: string;
    unit: 'customer';
    kind: 'price';
    arms: never;
    region_id: string;
    campaign_id: string;
  }>(
    db,
    sql`select e.id, e.unit, e.kind, e.arms, e.region_id, ci.campaign_id from experiments e
      join campaign_items ci on ci.id = e.campaign_item_id where e.id = ${experimentId}`,
  ))!;
  const customers = await rows<{ id: string; point: string; bought: boolean }>(
    db,
    sql`select u.id, u.pickup_point_id as point,
        exists (select 1 from orders o where o.user_id = u.id and o.campaign_id = ${e.campaign_id}) as bought
      from users u join pickup_points pp on pp.id = u.pickup_point_id
      where pp.region_id = ${e.region_id} and 'customer' = any(u.roles)
      order by u.id`,
  );
  const rng = new Rng(DEMO_SEED).fork(48);
  const shown = customers.filter((c) => c.bought || rng.chance(0.67));
  const units = shown.map((c) => ({
    unit: unitOf(e, { userId: c.id, pickupPointId: c.point }),
    arm: assign(e, { userId: c.id, pickupPointId: c.point }).key,
  }));
  await exec(
    db,
    sql`insert into experiment_exposures (experiment_id, unit_id, arm)
      select ${experimentId}, * from unnest(${pgArray(units.map((u) => u.unit))}::uuid[], ${pgArray(units.map((u) => u.arm))}::text[])
      on conflict do nothing`,
  );
  const item = (await one<{ id: string }>(
    db,
    sql`select campaign_item_id as id from experiments where id = ${experimentId}`,
  ))!;
  let buyers = shown.filter((c) => c.bought).length;
  for (const [i, c] of shown.entries()) {
    if (c.bought || !rng.chance(units[i].arm === 'control' ? 0.14 : 0.2)) continue;
    try {
      const order = await placeOrder(
        db,
        c.id,
        { pickupPointId: c.point, items: [{ campaignItemId: item.id, quantity: rng.chance(0.25) ? 2 : 1 }] },
        { unpaidExpiryMinutes: config.unpaidExpiryMinutes, flashUnpaidExpiryMinutes: config.flashUnpaidExpiryMinutes },
      );
      await pay(db, c.id, order.id);
      buyers++;
    } catch {
      // the campaign closed meanwhile (a seed run at 23:00): today's orders stay as they are
    }
  }
  return { exposed: units.length, buyers };
}
