import { sql } from 'drizzle-orm';
import { exec, one, pgArray, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import {
  compensateIncident,
  declareIncident,
  filePostmortem,
  resolveIncident,
  selectIncidentOrders,
} from '../modules/incidents/service.js';
import { DEFAULT_REGION_ID } from '../modules/network/service.js';
import { deliverOutbox, OUTBOX_BATCH } from '../modules/outbox/service.js';
import { outboxHandlers } from '../modules/outbox/senders.js';
import { DEMO_ADMIN } from './data.js';

const HOUR = 3_600_000;

/**
 * Incidents of the default city (decision 060): a B-grade cold-chain delay on the demo customer's
 * route on the latest past pickup day, through the services as the console does it: declared that
 * evening, its orders selected by route and pickup day, every customer sent the apology and one
 * coupon, the post-mortem filed and the incident resolved; and a C-grade damaged batch at a pickup
 * point of another route, declared 80 hours ago, not compensated, whose post-mortem is overdue (red on the list).
 */
export async function demoIncidents(db: Db, config: Config, demoCustomerIds: string[]) {
  const admin = await one<{ id: string }>(db, sql`select id from users where phone = ${DEMO_ADMIN.phone}`);
  if (!admin) return { incidents: 0, customers: 0, coupons: 0 };
  // the latest past pickup day with paid orders on a demo customer's route (any route of the city failing that)
  const day = await one<{ route_id: string; route_name: string; pickup_date: string }>(
    db,
    sql`select pp.route_id, r.name as route_name, c.pickup_date::text as pickup_date
    from orders o join pickup_points pp on pp.id = o.pickup_point_id join routes r on r.id = pp.route_id
      join campaigns c on c.id = o.campaign_id
    where o.region_id = ${DEFAULT_REGION_ID} and o.kind = 'goods' and o.paid_at is not null and o.status <> 'cancelled'
      and c.pickup_date <= (now() at time zone 'Asia/Shanghai')::date
    order by (o.user_id = any(${pgArray(demoCustomerIds)}::uuid[])) desc,
      -- a day before today when there is one (after 23:00 the history's last pickup day is today)
      (c.pickup_date < (now() at time zone 'Asia/Shanghai')::date) desc, c.pickup_date desc, pp.route_id
    limit 1`,
  );
  if (!day) return { incidents: 0, customers: 0, coupons: 0 };
  // 20:00 in Shanghai that day (today's 20:00 has passed when today is the history's last pickup day)
  const evening = new Date(Math.min(Date.parse(`${day.pickup_date}T12:00:00Z`), Date.now() - 60_000));
  const b = await declareIncident(
    db,
    null,
    admin.id,
    {
      grade: 'B',
      title: `${day.route_name}冷链车故障，到货晚 3 小时`,
      description: `${day.pickup_date} 冷藏车压缩机故障，${day.route_name}各自提点冷藏商品晚到约 3 小时，部分顾客当天未能按时提货。`,
    },
    evening,
  );
  await selectIncidentOrders(db, null, b.id, admin.id, {
    routeIds: [day.route_id],
    pickupFrom: day.pickup_date,
    pickupTo: day.pickup_date,
  });
  const done = await compensateIncident(db, null, b.id, admin.id, {
    message: '昨日冷藏车故障导致到货延误，给您带来不便，非常抱歉。已为您发放一张 5 元无门槛补偿券。',
    newCoupon: { name: '冷链延误补偿券 5元', discountFen: 500, thresholdFen: 0, validDays: 14 },
  });
  await filePostmortem(db, null, b.id, admin.id, {
    cause: '冷藏车压缩机老化，出车前检查未覆盖制冷系统',
    impact: `${done.orders} 个订单、${done.customers} 位顾客的冷藏商品晚到约 3 小时，无变质报损`,
    actions: '调备用冷藏车接驳；团长群内通知延时提货；向受影响顾客致歉并发放 5 元补偿券',
    prevention: '出车前检查加入制冷温度项；冷藏车按季度保养；温度超限 15 分钟自动告警',
  });
  await resolveIncident(db, null, b.id, admin.id);
  // the timeline as it happened that evening and the next morning
  await exec(
    db,
    sql`update incident_events e set at = least(now(), i.declared_at + case e.kind
        when 'orders_selected' then interval '20 minutes' when 'compensated' then interval '45 minutes'
        when 'resolved' then interval '3 hours' when 'postmortem_filed' then interval '16 hours' else interval '0' end)
      from incidents i where i.id = e.incident_id and i.id = ${b.id}`,
  );
  await exec(
    db,
    sql`update incidents set selected_at = least(now(), declared_at + interval '20 minutes'),
      compensated_at = least(now(), declared_at + interval '45 minutes'), resolved_at = least(now(), declared_at + interval '3 hours'),
      pm_filed_at = least(now(), declared_at + interval '16 hours') where id = ${b.id}`,
  );

  // a smaller one, declared 80 hours ago, whose post-mortem is overdue
  const point = await one<{ pickup_point_id: string; name: string; pickup_date: string }>(
    db,
    sql`select o.pickup_point_id, pp.name, c.pickup_date::text as pickup_date
    from orders o join pickup_points pp on pp.id = o.pickup_point_id join campaigns c on c.id = o.campaign_id
    where o.region_id = ${DEFAULT_REGION_ID} and o.kind = 'goods' and o.paid_at is not null and o.status <> 'cancelled'
      and c.pickup_date <= (now() at time zone 'Asia/Shanghai')::date
    order by (pp.route_id = ${day.route_id}), c.pickup_date desc, o.pickup_point_id limit 1`,
  );
  let incidents = 1;
  if (point) {
    const c = await declareIncident(
      db,
      null,
      admin.id,
      {
        grade: 'C',
        title: `${point.name}整箱鸡蛋破损`,
        description: '配送途中一箱鸡蛋破损，团长已拍照反馈，待客服逐一联系顾客。',
      },
      new Date(Date.now() - 80 * HOUR),
    );
    await selectIncidentOrders(db, null, c.id, admin.id, {
      pickupPointIds: [point.pickup_point_id],
      pickupFrom: point.pickup_date,
      pickupTo: point.pickup_date,
    });
    incidents++;
  }
  // the apologies reach the customers' messages now
  while ((await deliverOutbox(db, outboxHandlers(config))) === OUTBOX_BATCH);
  return { incidents, customers: done.customers, coupons: done.couponsGranted };
}
