import { rebuildDailyRollups } from '../modules/analytics/rollups.js';
import { demoForecasts } from './forecast.js';
import { demoStock } from './stock.js';
import { demoSuppliers } from './suppliers.js';
import { demoRecall } from './recall.js';
import { demoFreshness } from './freshness.js';
import { exposeDemoExperiment, startDemoExperiment } from './experiment.js';
import { demoKpis } from './kpis.js';
import { sql } from 'drizzle-orm';
import { seedDemoEvents } from './events.js';
import { demoReviews } from './reviews.js';
import { demoTickets } from './tickets.js';
import { demoOnboarding } from './onboarding.js';
import { demoIncidents } from './incidents.js';
import { demoLeaderGrades } from './leader-grades.js';
import { rollUpFunnelDays } from '../modules/events/funnel.js';
import { one, rows, exec, type Db } from '../db/client.js';
import type { Config } from '../lib/config.js';
import { hashPassword } from '../lib/password.js';
import { addDays, localTime } from '../lib/time.js';
import { createCustomers, createUser, setPickupPoint } from '../modules/accounts/service.js';
import { createPickupPoint, createRoute, createWarehouse } from '../modules/network/service.js';
import { createProduct, createSupplier } from '../modules/catalog/service.js';
import { appointLeader } from '../modules/leaders/service.js';
import { createCampaign } from '../modules/campaigns/service.js';
import { createCouponTemplate, createFullReduction, grantCoupons } from '../modules/promotions/service.js';
import { markMemberCouponTemplate } from '../modules/members/coupons.js';
import {
  campaignTitle,
  catalogSpec,
  CITIES,
  cityCatalog,
  dealsForDay,
  DEMO_ADMIN,
  DEMO_PASSWORD,
  DEMO_SEED,
  Rng,
  SUPPLIERS,
  WAREHOUSE_PHONE,
  STAFF_ACCOUNTS,
  CITY_OPERATOR,
  type CitySpec,
} from './data.js';
import { createStorage } from '../lib/storage.js';
import { seedSupplierLicences } from './licences.js';
import { DEFAULT_REGION_ID } from '../modules/network/service.js';
import { createRegion, updateRegion } from '../modules/network/regions.js';
import { startDemoPictures } from './pictures.js';
import { cityOf } from './shoppers.js';
import { rebuildArrivalQuality } from '../modules/coldchain/service.js';
import { demoLifecycleHistory, demoLifecyclePrograms } from './lifecycle.js';
import { demoRegions, openDay, simulateHistory, simulateToday, type SimulateProgress } from './simulate.js';
import { computeRfm } from '../modules/segments/service.js';
import { DEMO_RECALL_PULL, launchDemoRecall, planDemoRecall } from './targeting.js';

/**
 * The demo: two cities' networks (杭州 and 乌鲁木齐, each a region on its own clock), the
 * catalog and people created through the module services, a month of history per city played
 * through the real flows (simulate.ts), and each city's campaign of today open for orders.
 * Runs only on a database without campaigns.
 */

export interface DemoLogin {
  role: string;
  phone: string;
  password: string;
  note: string;
}

export interface SeedOptions {
  /** past order days to simulate (default 30) */
  days?: number;
  /** customers of the first city (default 500); the others get their share (乌鲁木齐 a quarter) */
  customers?: number;
  /** base orders per order day (default simulate.DEFAULT_ORDERS_PER_DAY, sized so the first start stays well under a minute on PGlite) */
  ordersPerDay?: number;
  /** one line per phase; default console.log */
  log?: (line: string) => void;
  onProgress?: (p: SimulateProgress) => void;
}

export async function seedDemoIfEmpty(
  db: Db,
  config: Config,
  opts: SeedOptions = {},
): Promise<{ logins: DemoLogin[] } | null> {
  if (await one(db, sql`select 1 as ok from campaigns limit 1`)) return null;
  const log = opts.log ?? ((line: string) => console.log(line));
  const days = opts.days ?? 30;
  const started = Date.now();
  const phase = async <T>(name: (result: T) => string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work();
    log(`demo: ${name(result)} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return result;
  };

  const seededSince = new Date(Date.now() - 1000);
  const base = await phase(
    (b) => `network, catalog, ${b.customers} customers`,
    () => ensureDemoBase(db, { customers: opts.customers ?? 500 }),
  );
  // the pictures are drawn on the other core while the history plays, and stored after it
  const pictures = await startDemoPictures(db);
  const open = openDay();
  // the earliest local midnight of the history: the first city's is the latest of them all
  const historyStart = new Date(
    Math.min(
      ...CITIES.map((c) => localTime(addDays(openDay(new Date(), c.timeZone), -days), '00:00', c.timeZone).getTime()),
    ),
  );
  const promotionsUntil = localTime(addDays(open, 30), '00:00').toISOString();

  // Promotions running through the whole month, so the history has discounts allocated to its lines.
  await createFullReduction(db, {
    name: '满99减15 · 满199减40',
    startsAt: historyStart.toISOString(),
    endsAt: promotionsUntil,
    tiers: [
      { thresholdFen: 9900, discountFen: 1500 },
      { thresholdFen: 19900, discountFen: 4000 },
    ],
  });
  const newcomer = await createCouponTemplate(db, {
    name: '新人专享 满30减5',
    kind: 'amount',
    thresholdFen: 3000,
    discountFen: 500,
    validFrom: historyStart.toISOString(),
    validTo: promotionsUntil,
    perCustomerLimit: 1,
    stackableWithFullReduction: false,
  });
  const rng = new Rng(DEMO_SEED).fork(3);
  // 新人券 is the welcome program's coupon: switched on in every city, granted to those who signed up while it ran
  await demoLifecyclePrograms(db, {
    welcomeTemplateId: newcomer.id,
    validFrom: historyStart.toISOString(),
    validTo: promotionsUntil,
    newCustomerIds: [...base.demoCustomerIds, ...base.customerIds.filter(() => rng.chance(0.4))],
  });

  // the targeted recall campaign launched three weeks ago: its window lies inside the history
  const recall =
    days >= 22
      ? await planDemoRecall(db, { open, validFrom: historyStart.toISOString(), validTo: promotionsUntil })
      : null;
  log(`demo: playing ${days} days of history through the services …`);
  await phase(
    (h) =>
      `${days} days of history in ${Math.round(h.days / days)} cities: ${h.orders} orders, ${h.pickedUpOrders} picked up, ` +
      `${h.shortageRefunds} shortage and ${h.aftersalesRefunds} after-sales refunds, ${h.settledCommissions} commissions settled`,
    () =>
      simulateHistory(db, config, {
        days,
        ordersPerDay: opts.ordersPerDay,
        onProgress: opts.onProgress,
        pull: recall ? { from: recall.from, to: recall.to, factor: DEMO_RECALL_PULL, who: recall.treated } : undefined,
      }),
  );
  // arrival quality was counted on the days the history played; count it on the days it was moved to
  await rebuildArrivalQuality(db);
  await phase(
    (r) => `${r.pictures} product pictures drawn meanwhile, stored`,
    () => pictures.store(createStorage(config.media)),
  );
  await phase(
    (r) => `${r.documents} supplier licences, ${r.alerts} expiring soon`,
    () => seedSupplierLicences(db, createStorage(config.media)),
  );

  await phase(
    (r) => `a finished recall: ${r.customers} customers told and refunded ${(r.refundedFen / 100).toFixed(2)} yuan`,
    () => demoRecall(db, config),
  );
  await phase(
    (t) =>
      `today's campaigns with ${t.deals} deals, ${t.orders} orders so far, coupons granted; ` +
      `a price experiment shown to ${t.exposed} customers, ${t.experimentBuyers} of them buyers today`,
    async () => {
      let deals = 0;
      let orders = 0;
      let exposed = 0;
      let experimentBuyers = 0;
      for (const region of await demoRegions(db)) {
        const campaign = await openTodaysCampaign(db, region);
        // an A/B price test in the default city, running before today's orders so checkout charges its arms
        const experimentId = region.id === DEFAULT_REGION_ID ? await startDemoExperiment(db, campaign.id) : undefined;
        // today's orders so far: the customers who shopped between 07:00 and now
        const sold = await simulateToday(db, config, campaign.id, { ordersPerDay: opts.ordersPerDay });
        deals += campaign.deals;
        orders += sold.orders;
        if (experimentId) {
          const shown = await exposeDemoExperiment(db, config, experimentId);
          exposed += shown.exposed;
          experimentBuyers += shown.buyers;
        }
      }
      const today = await createCouponTemplate(db, {
        name: '邻里福利 满50减5',
        kind: 'amount',
        thresholdFen: 5000,
        discountFen: 500,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo: localTime(addDays(open, 7), '23:59').toISOString(),
        perCustomerLimit: 1,
        stackableWithFullReduction: true,
      });
      await grantCoupons(db, today.id, [...base.demoCustomerIds, ...base.customerIds.filter(() => rng.chance(0.3))]);
      // the members' monthly pack (会员月券包): a demo customer who joins gets this month's at once
      const pack = await createCouponTemplate(db, {
        name: '会员月券 满39减6',
        kind: 'amount',
        thresholdFen: 3900,
        discountFen: 600,
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo: promotionsUntil,
        perCustomerLimit: 1,
        stackableWithFullReduction: true,
      });
      await markMemberCouponTemplate(db, pack.id, 'monthly_pack');
      return { deals, orders, exposed, experimentBuyers };
    },
  );
  await phase(
    (r) => `delivery cost of ${r.entries} route-days entered`,
    () => enterRouteCosts(db),
  );
  await phase(
    (r) => `${r.writeOffs} write-offs and ${r.counts} stock counts posted`,
    () => demoStock(db),
  );
  await phase(
    (r) =>
      `supplier scorecards of ${r.closedMonths.join(', ') || 'no month'} closed (${r.belowStandard} below standard), ${r.statements} statements, ${r.paid} paid`,
    () => demoSuppliers(db),
  );
  await phase(
    (r) => `${r.writeOffs} expired lots written off, ${r.alerts} near-expiry alerts, ${r.deals} clearance deals`,
    () => demoFreshness(db),
  );
  await phase(
    (r) => `customer segments: ${r.customers} customers, last week's snapshot and tonight's`,
    async () => {
      // the run as it stood a week ago writes last week's snapshot, so the movement shows at once
      await computeRfm(db, new Date(Date.now() - 7 * 86_400_000));
      return computeRfm(db);
    },
  );
  await backdateSetUp(db, seededSince, historyStart);
  if (recall)
    await phase(
      (r) => `targeted recall campaign: ${r.treated} customers sent a coupon, ${r.control} held out`,
      () => launchDemoRecall(db, recall),
    );
  await phase(
    (r) => `lifecycle programs: ${r.reminders} repurchase reminders of the past days replayed`,
    () => demoLifecycleHistory(db, Math.min(days, 21)),
  );
  await phase(
    (r) => `${r.reviews} product reviews of picked-up orders, ${r.hidden} hidden by the operator`,
    () => demoReviews(db),
  );
  await phase(
    (r) =>
      `service desk: ${r.history} tickets of past claims answered, ${r.today} of today in every state, ${r.breached} clocks breached`,
    () => demoTickets(db),
  );
  await phase(
    (r) =>
      `${r.plans} commission plans on ${r.leaders} leaders, a course ${r.passed} of them passed, ${r.applications} leader applications`,
    () => demoOnboarding(db, createStorage(config.media)),
  );
  await phase(
    (r) => `${r.incidents} incidents, ${r.customers} customers compensated with ${r.coupons} coupons`,
    () => demoIncidents(db, config, base.demoCustomerIds),
  );
  await phase(
    (r) =>
      `leader grades: ${r.graded} leader-months graded, ${r.coupons} allowance coupons sent to dormant customers, ${r.recalled} came back`,
    () => demoLeaderGrades(db, config),
  );
  // before the dashboard's rollups: the plans are dated back among the days those roll up
  await phase(
    (r) =>
      `${r.members} paid memberships, ${r.flashDeals} past flash deals, KPI rollups of ${r.days} closed days, ${r.alerts} KPI alerts`,
    () => demoKpis(db),
  );
  await phase(
    (r) => `dashboard rollups of ${r.days} closed days`,
    () => rebuildDailyRollups(db),
  );
  await phase(
    (r) => `demand rollup of ${r.days} closed days, ${r.recorded} forecast cells recorded`,
    () => demoForecasts(db),
  );
  await phase(
    (r) => `${r.events} behaviour events consistent with the orders, funnel rolled up`,
    async () => {
      const seeded = await seedDemoEvents(db, historyStart);
      await rollUpFunnelDays(db);
      return seeded;
    },
  );
  // Statistics for the tables the history just filled: prepared statements are planned with them,
  // and a plan made on a table believed empty scans it whole (decision 011).
  await exec(db, sql`analyze`);
  log(`demo: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const adminPassword = base.adminCreated
    ? DEMO_ADMIN.password
    : config.adminPhone === DEMO_ADMIN.phone && config.adminPassword
      ? config.adminPassword
      : '(existing account, unchanged)';
  return {
    logins: [
      { role: 'admin', phone: DEMO_ADMIN.phone, password: adminPassword, note: '运营后台 operator console' },
      ...base.cities.flatMap((c) => [
        {
          role: 'leader',
          phone: c.leaderPhone,
          password: DEMO_PASSWORD,
          note: `团长 of ${c.demoPointName} (${c.name})`,
        },
        {
          role: 'customer',
          phone: c.customerPhone,
          password: DEMO_PASSWORD,
          note: `顾客 at ${c.demoPointName} (${c.name}), with coupons`,
        },
      ]),
      { role: 'warehouse', phone: WAREHOUSE_PHONE, password: DEMO_PASSWORD, note: '仓库 warehouse staff' },
      ...STAFF_ACCOUNTS.map((a) => ({ role: a.role, phone: a.phone, password: DEMO_PASSWORD, note: a.note })),
      {
        role: 'admin',
        phone: CITY_OPERATOR.phone,
        password: DEMO_PASSWORD,
        note: `城市运营 of ${base.cities[1]?.name ?? ''} only (sees and changes that city alone)`,
      },
    ],
  };
}

export interface DemoBase {
  customers: number;
  customerIds: string[];
  /** each city's demo customer, the first city's first */
  demoCustomerIds: string[];
  cities: { name: string; leaderPhone: string; customerPhone: string; demoPointName: string }[];
  adminCreated: boolean;
}

let passwordHashing: Promise<string> | undefined;

/**
 * One scrypt hash for every demo account: hashing 500+ passwords one by one would take ~15 s and
 * they all share the published demo password anyway (real accounts each get their own salt).
 * It is computed on libuv's thread pool, so the start asks for it before opening the database and
 * the ~0.6 s run beside the database's set-up instead of after it.
 */
export function demoPasswordHash(): Promise<string> {
  passwordHashing ??= hashPassword(DEMO_PASSWORD);
  return passwordHashing;
}

/**
 * The network, catalog, leaders and staff (created when the database has no products yet),
 * and at least `customers` customers in the first city bound to its pickup points (each other
 * city its share). One transaction: a crash leaves nothing half-built.
 */
export async function ensureDemoBase(db: Db, opts: { customers: number }): Promise<DemoBase> {
  const passwordHash = await demoPasswordHash();
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    let adminCreated = false;
    if (!(await one(tx, sql`select 1 as ok from products limit 1`)))
      adminCreated = await buildNetworkAndCatalog(tx, passwordHash);
    const regions = await rows<{ id: string; name: string }>(
      tx,
      sql`select id, name from regions order by created_at, id`,
    );
    const cities: DemoBase['cities'] = [];
    const demoCustomerIds: string[] = [];
    const customerIds: string[] = [];
    for (const region of regions) {
      const city = cityOf(region);
      const points = await rows<{ id: string; name: string }>(
        tx,
        sql`select id, name from pickup_points where region_id = ${region.id} order by created_at, name`,
      );
      if (!city || !points.length) continue;
      // the demo customer shops at the demo leader's point, so both logins see the same orders
      const demoPoint = await one<{ pickup_point_id: string }>(
        tx,
        sql`
        select l.pickup_point_id from leaders l join users u on u.id = l.user_id where u.phone = ${city.leaderPhone(0)} and l.status = 'active'`,
      );
      await ensureCustomers(
        tx,
        city,
        region.id,
        Math.round(opts.customers * city.share),
        points.map((p) => p.id),
        demoPoint?.pickup_point_id ?? points[0].id,
        passwordHash,
      );
      const customers = await rows<{ id: string; phone: string; pickup_point_id: string }>(
        tx,
        sql`
        select u.id, u.phone, u.pickup_point_id from users u join pickup_points p on p.id = u.pickup_point_id
        where p.region_id = ${region.id} and not ('admin' = any(u.roles)) and not ('leader' = any(u.roles)) order by u.phone`,
      );
      const demo = customers.find((c) => c.phone === city.customerPhone(0)) ?? customers[0];
      customerIds.push(...customers.filter((c) => c !== demo).map((c) => c.id));
      demoCustomerIds.push(demo.id);
      cities.push({
        name: city.name,
        leaderPhone: city.leaderPhone(0),
        customerPhone: demo.phone,
        demoPointName: points.find((p) => p.id === demo.pickup_point_id)?.name ?? '',
      });
    }
    if (!cities.length) throw new Error('The database has products but no pickup points; create the network first');
    return {
      customers: customerIds.length + demoCustomerIds.length,
      customerIds,
      demoCustomerIds,
      cities,
      adminCreated,
    };
  });
}

async function buildNetworkAndCatalog(tx: Db, passwordHash: string): Promise<boolean> {
  const rng = new Rng(DEMO_SEED).fork(1);
  const existingAdmin = await one(tx, sql`select 1 as ok from users where phone = ${DEMO_ADMIN.phone}`);
  if (!existingAdmin) {
    await createUser(tx, {
      phone: DEMO_ADMIN.phone,
      name: '运营管理员',
      password: DEMO_ADMIN.password,
      roles: ['admin', 'customer'],
    });
  }
  if (!(await one(tx, sql`select 1 as ok from users where phone = ${WAREHOUSE_PHONE}`))) {
    await createUser(tx, { phone: WAREHOUSE_PHONE, name: '仓管 老周', passwordHash, roles: ['warehouse'] });
  }
  for (const a of STAFF_ACCOUNTS)
    if (!(await one(tx, sql`select 1 as ok from users where phone = ${a.phone}`)))
      await createUser(tx, { phone: a.phone, name: a.name, passwordHash, roles: [a.role] });
  const supplierIds: string[] = [];
  for (const name of SUPPLIERS) supplierIds.push((await createSupplier(tx, { name })).id);
  for (const p of catalogSpec()) {
    await createProduct(tx, {
      name: p.name,
      category: p.category,
      supplierId: supplierIds[p.supplier],
      unit: p.unit,
      listPriceFen: p.listPriceFen,
      costFen: p.costFen,
      temperatureZone: p.temperatureZone,
      shelfLifeDays: p.shelfLifeDays,
      packSize: p.packSize,
    });
  }
  for (const [k, city] of CITIES.entries()) {
    // The first city is the default region (named for it while it still has the migration's
    // placeholder name); every other city is a region of its own, made the way the console makes one.
    const existing = await one<{ id: string }>(tx, sql`select id from regions where name = ${city.name}`);
    let regionId = existing?.id;
    if (!regionId && k === 0) {
      const unnamed = await one(
        tx,
        sql`select 1 as ok from regions where id = ${DEFAULT_REGION_ID} and name = '默认城市'`,
      );
      if (unnamed) regionId = (await updateRegion(tx, DEFAULT_REGION_ID, { name: city.name })).id;
    }
    regionId ??= (await createRegion(tx, { name: city.name, timeZone: city.timeZone })).id;
    await buildCity(tx, city, regionId, k === 0 ? rng : rng.fork(k), passwordHash);
    if (k === 1 && !(await one(tx, sql`select 1 as ok from users where phone = ${CITY_OPERATOR.phone}`))) {
      const operator = await createUser(tx, {
        phone: CITY_OPERATOR.phone,
        name: CITY_OPERATOR.name,
        passwordHash,
        roles: ['admin'],
      });
      await exec(tx, sql`update users set region_ids = array[${regionId}::uuid] where id = ${operator.id}`);
    }
  }
  return !existingAdmin;
}

async function buildCity(tx: Db, city: CitySpec, regionId: string, rng: Rng, passwordHash: string): Promise<void> {
  const network = city.network();
  const central = await createWarehouse(tx, { name: network.central, kind: 'central', regionId });
  let leaderIndex = 0;
  for (const grid of network.grids) {
    const gridId = (await createWarehouse(tx, { name: grid.name, kind: 'grid', parentId: central.id })).id;
    for (const route of grid.routes) {
      const routeId = (await createRoute(tx, { name: route.name, warehouseId: gridId })).id;
      for (const point of route.points) {
        const pointId = (
          await createPickupPoint(tx, {
            name: point.name,
            address: `${point.address}`,
            routeId,
            lat: point.lat,
            lng: point.lng,
          })
        ).id;
        const leader = await createUser(tx, {
          phone: city.leaderPhone(leaderIndex++),
          name: point.leaderName,
          passwordHash,
        });
        await setPickupPoint(tx, leader.id, pointId);
        // commission 8–12 %, in whole tenths of a percent
        await appointLeader(tx, {
          userId: leader.id,
          pickupPointId: pointId,
          commissionBps: 800 + rng.int(0, 4) * 100,
        });
      }
    }
  }
}

/** Creates a city's customers until `count` exist there, each bound to one of its pickup points (busier points get more). */
async function ensureCustomers(
  tx: Db,
  city: CitySpec,
  regionId: string,
  count: number,
  pointIds: string[],
  demoPointId: string,
  passwordHash: string,
): Promise<void> {
  const existing = await one<{ n: number }>(
    tx,
    sql`
    select count(*)::int as n from users u join pickup_points p on p.id = u.pickup_point_id
    where p.region_id = ${regionId} and not ('admin' = any(u.roles)) and not ('leader' = any(u.roles))`,
  );
  const cityIndex = CITIES.indexOf(city);
  const rng = new Rng(DEMO_SEED).fork(cityIndex === 0 ? 2 : 2 + 100 * cityIndex);
  const pointWeights = pointIds.map(() => 0.5 + rng.next() * 1.5);
  // One statement per round: a round creates the customers still missing, numbered on from the
  // last one tried; a number somebody already registered is skipped and the next one is used.
  let made = existing?.n ?? 0;
  let index = made;
  while (made < count) {
    const people = Array.from({ length: count - made }, (_, k) => {
      const person = new Rng(DEMO_SEED).fork(10_000 + 1_000_000 * cityIndex + index + k);
      const name = city.personName(person);
      const pickupPointId = index + k === 0 ? demoPointId : pointIds[person.weighted(pointWeights)];
      // most came by their leader's poster link, the rest found their point in the chooser
      const via = (index + k) % 3 === 2 ? ('chooser' as const) : ('link' as const);
      return { phone: city.customerPhone(index + k), name, pickupPointId, via };
    });
    index += people.length;
    made += (await createCustomers(tx, people, passwordHash)).size;
  }
}

/**
 * A region's campaign of today: about 40 deals, cut off at 23:00 on the region's clock, picked up
 * the next local day; one flash deal opens at 20:00 when that is still ahead, and one group-tier
 * deal (拼团) gets cheaper as buyers join.
 */
async function openTodaysCampaign(
  db: Db,
  region: { id: string; name: string; timeZone: string },
): Promise<{ id: string; deals: number }> {
  const tz = region.timeZone;
  const date = openDay(new Date(), tz);
  const products = await rows<{ id: string; name: string }>(db, sql`select id, name from products`);
  const city = cityOf(region);
  const specs = city ? cityCatalog(city) : catalogSpec().filter((p) => p.only === undefined);
  const byName = new Map(products.map((p) => [p.name, p.id]));
  const known = specs.filter((s) => byName.has(s.name));
  const deals = dealsForDay(
    new Rng(DEMO_SEED).fork(Date.parse(`${date}T00:00:00Z`) / 86_400_000 + (city ? CITIES.indexOf(city) : 0) * 100_000),
    known,
    40,
    { ordersPerDay: 120 },
  );
  const now = Date.now();
  const cutoffAt = localTime(date, '23:00', tz);
  const flashAt = localTime(date, '20:00', tz);
  const flashIndex = deals.findIndex((d) => d.quota !== undefined);
  const tierIndex = deals.findIndex(
    (d, i) => i !== flashIndex && d.quota === undefined && d.memberPriceFen === undefined,
  );
  const campaign = await createCampaign(db, {
    regionId: region.id,
    title: campaignTitle(date, region.id === DEFAULT_REGION_ID ? undefined : region.name),
    startsAt: new Date(Math.min(now - 60_000, localTime(date, '07:00', tz).getTime())).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(date, 1),
    items: deals.map((d, i) => ({
      productId: byName.get(known[d.product].name)!,
      priceFen: d.priceFen,
      memberPriceFen: d.memberPriceFen,
      quota: d.quota,
      perCustomerLimit: d.perCustomerLimit,
      ...(i === flashIndex && flashAt.getTime() > now ? { saleStartsAt: flashAt.toISOString() } : {}),
      ...(i === tierIndex ? { groupTiers: groupTiersFor(d.priceFen) } : {}),
    })),
  });
  return { id: campaign.id, deals: deals.length };
}

/** 3 buyers: 10 % off, 10 buyers: 20 % off (rounded down to the jiao, as shops price). */
function groupTiersFor(priceFen: number) {
  const off = (share: number) => Math.floor((priceFen * share) / 10) * 10;
  return [
    { minBuyers: 3, priceFen: off(0.9) },
    { minBuyers: 10, priceFen: off(0.8) },
  ];
}

/**
 * The set-up rows were created seconds ago but stand for a network that existed before the
 * month of history: they are dated two weeks before it, and each customer signs up shortly
 * before their first order (customers who never ordered, somewhere in the month).
 */
export async function backdateSetUp(db: Db, since: Date, historyStart: Date): Promise<void> {
  const setUpAt = new Date(historyStart.getTime() - 14 * 86_400_000).toISOString();
  const sinceIso = since.toISOString();
  const spanSeconds = Math.max(0, (Date.now() - historyStart.getTime()) / 1000);
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    for (const table of ['suppliers', 'products', 'warehouses', 'routes', 'pickup_points', 'leaders']) {
      await exec(tx, sql`update ${sql.identifier(table)} set created_at = ${setUpAt} where created_at >= ${sinceIso}`);
    }
    await exec(tx, sql`update full_reduction_promotions set created_at = starts_at where created_at >= ${sinceIso}`);
    await exec(
      tx,
      sql`update coupon_templates set created_at = least(created_at, valid_from) where created_at >= ${sinceIso}`,
    );
    await exec(
      tx,
      sql`update coupons c set created_at = t.valid_from from coupon_templates t
      where t.id = c.template_id and c.created_at >= ${sinceIso} and t.valid_from < c.created_at`,
    );
    // hashtext gives each user a stable pseudo-random offset
    await exec(
      tx,
      sql`
      update users u set created_at = case
          when 'leader' = any(u.roles) or 'admin' = any(u.roles) or 'warehouse' = any(u.roles) then ${setUpAt}::timestamptz
          when f.first_order is not null then greatest(${historyStart.toISOString()}::timestamptz - interval '10 days',
            f.first_order - make_interval(mins => 5 + abs(hashtext(u.id::text)) % 4320))
          else ${historyStart.toISOString()}::timestamptz + make_interval(secs => (abs(hashtext(u.id::text)) % 1000) * ${spanSeconds / 1000}::float8)
        end
      from (select u2.id, (select min(o.created_at) from orders o where o.user_id = u2.id) as first_order from users u2) f
      where f.id = u.id and u.created_at >= ${sinceIso}`,
    );
  });
}

/**
 * What each route's van cost on each pickup day of its city up to today (today's van leaves in the
 * small hours), as a dispatcher enters it (`PUT /admin/routes/{id}/costs/{date}`), so the
 * dashboard's delivery cost share has figures:
 * ¥180–¥260 a day, varying by route and day (a fixed spread, the same on every seed).
 */
async function enterRouteCosts(db: Db): Promise<{ entries: number }> {
  const entered = await rows<{ id: string }>(
    db,
    sql`
    insert into route_costs (route_id, day, cost_fen, note)
    select rt.id, d.pickup_date, 18000 + mod(abs(hashtext(rt.id::text || d.pickup_date::text)), 8001), '车辆油费与司机'
    from routes rt
    join regions r on r.id = rt.region_id
    join (select distinct region_id, pickup_date from campaigns) d on d.region_id = rt.region_id
    where d.pickup_date <= (now() at time zone r.time_zone)::date
    on conflict (route_id, day) do nothing
    returning id`,
  );
  return { entries: entered.length };
}
