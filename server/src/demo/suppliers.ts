import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import { businessDate } from '../lib/time.js';
import { readSetting } from '../modules/settings/service.js';
import { drawUpStatements, payStatement, returnToSupplier } from '../modules/suppliers/payables.js';
import { addMonths } from '../modules/suppliers/rules.js';
import { closeDueScorecardMonths } from '../modules/suppliers/scorecard.js';
import { DELIVERY_DUE } from '../modules/suppliers/settings.js';
import { SUPPLIERS } from './data.js';

/** The demo's unreliable supplier: its deliveries come short and late every night. */
export const UNRELIABLE_SUPPLIER: string = SUPPLIERS[1];

/**
 * The supplier screens' first figures, after the history has played and been moved to its days:
 * the purchase orders' due times and payables follow their moved days, the unreliable supplier's
 * trucks arrive after the due time every night (below standard however short the history), last month is closed (ranked, the
 * unreliable supplier below standard), one unit goes back to a supplier, last month's statements
 * are drawn up and one of them is paid. A few set-based statements (the first start is time-critical).
 */
export async function demoSuppliers(
  db: Db,
  now = new Date(),
): Promise<{ closedMonths: string[]; statements: number; paid: number; belowStandard: number }> {
  const due = await readSetting(db, DELIVERY_DUE);
  // the cutoff set the due time from the pickup day the campaign had before it was moved
  await exec(
    db,
    sql`
    update purchase_orders po set expected_at = (c.pickup_date - ${due.daysBeforePickup}::int + ${due.time}::time) at time zone rg.time_zone
    from campaigns c join regions rg on rg.id = c.region_id where c.id = po.campaign_id`,
  );
  await exec(
    db,
    sql`
    update purchase_orders po set received_at = po.expected_at + make_interval(mins => 25 + (abs(hashtext(po.id::text)) % 90))
    from suppliers s, campaigns c
    where s.id = po.supplier_id and s.name = ${UNRELIABLE_SUPPLIER} and c.id = po.campaign_id and po.status = 'received'
      and po.expected_at + interval '2 hours' < now()`,
  );
  await exec(
    db,
    sql`update supplier_payables sp set occurred_at = po.received_at from purchase_orders po
    where po.id = sp.purchase_order_id and sp.kind = 'receipt' and po.received_at is not null`,
  );

  // a unit of a delivery's surplus sent back to its supplier (a credit on its payables)
  const lot = await one<{ purchase_order_id: string; product_id: string; actor: string }>(
    db,
    sql`
    select l.purchase_order_id, l.product_id, (select id from users where roles @> array['admin']::text[] order by created_at limit 1) as actor
    from lots l join purchase_orders po on po.id = l.purchase_order_id
    where l.remaining >= 2 and po.status = 'received' order by po.received_at desc, l.id limit 1`,
  );
  if (lot?.actor)
    await returnToSupplier(
      db,
      null,
      lot.purchase_order_id,
      { productId: lot.product_id, quantity: 1, reason: '外包装破损，退回供应商', businessKey: 'demo-return' },
      lot.actor,
      now,
    );

  const closedMonths = await closeDueScorecardMonths(db, now);
  const lastMonth = addMonths(businessDate(now).slice(0, 7), -1);
  const statements = await drawUpStatements(db, null, { period: lastMonth }, now);
  // the oldest supplier's statement of the default region is paid; the others wait
  const first = [...statements].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.supplierName.localeCompare(b.supplierName, 'zh-CN'),
  )[0];
  let paid = 0;
  if (first && lot?.actor) {
    await payStatement(db, null, first.id, `BANK-${lastMonth.replace('-', '')}-0001`, lot.actor);
    paid = 1;
  }
  const below = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from supplier_scorecards where month = ${lastMonth} and below_standard`,
  );
  return { closedMonths, statements: statements.length, paid, belowStandard: below[0]?.n ?? 0 };
}
