import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { exec, one, rows } from '../src/db/client.js';
import { assign, armPriceFen } from '../src/modules/experiments/rules.js';
import { normalCdf, normalQuantile, studentTQuantile, studentTTwoSided } from '../src/lib/stats.js';
import type { Api } from './client.js';

/**
 * A/B experiments (decision 048): the operator's life cycle, the price a customer is shown and
 * charged (computed only by the server, from the signed-in customer or the order's pickup point),
 * first exposures written once, and every figure of the report against a plain recomputation from
 * the raw rows on generated data.
 */

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(async () => {
  await server?.close();
});

const count = async (table: string) =>
  (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;

const priceArms = (priceFen: number) => [
  { key: 'control', name: '原价', weight: 1 },
  { key: 'a', name: '特价', weight: 1, priceFen },
];

async function startedExperiment(body: Record<string, unknown>) {
  const created = await world.admin.post('/admin/experiments', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const started = await world.admin.post(`/admin/experiments/${created.body.id}/start`);
  expect(started.status).toBe(200);
  return started.body;
}

/** Registers customers at a point until each arm of the experiment has at least `per` of them. */
async function customersByArm(experiment: any, pointId: string, per: number) {
  const byArm = new Map<string, { api: Api; userId: string }[]>(experiment.arms.map((a: any) => [a.key, []]));
  while ([...byArm.values()].some((l) => l.length < per)) {
    const c = await newCustomer(server, pointId);
    const arm = assign(experiment, { userId: c.userId, pickupPointId: pointId }).key;
    if (byArm.get(arm)!.length < per) byArm.get(arm)!.push(c);
  }
  return byArm;
}

describe('the operator defines, starts and stops an experiment', () => {
  it('refuses bad definitions with a 4xx and writes nothing', async () => {
    const before = await count('experiments');
    const item = world.campaign.items[2];
    const bad = [
      {
        name: 'x',
        campaignItemId: item.id,
        unit: 'customer',
        kind: 'price',
        arms: [{ key: 'control', name: 'c', weight: 1 }],
      },
      { name: 'x', campaignItemId: item.id, unit: 'customer', kind: 'price', arms: priceArms(0) },
      {
        name: 'x',
        campaignItemId: item.id,
        unit: 'customer',
        kind: 'coupon',
        arms: [
          { key: 'control', name: 'c', weight: 1 },
          { key: 'a', name: 'a', weight: 1, couponFen: item.priceFen },
        ],
      },
      {
        name: 'x',
        campaignItemId: item.id,
        unit: 'customer',
        kind: 'price',
        arms: [
          { key: 'control', name: 'c', weight: 1, priceFen: 100 },
          { key: 'a', name: 'a', weight: 1, priceFen: 200 },
        ],
      },
      { name: 'x', campaignItemId: randomUUID(), unit: 'customer', kind: 'price', arms: priceArms(100) },
      { name: 'x', campaignItemId: item.id, unit: 'household', kind: 'price', arms: priceArms(100) },
    ];
    for (const body of bad) {
      const r = await world.admin.post('/admin/experiments', body);
      expect([400, 404]).toContain(r.status);
      expect(r.body.error.code).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
    }
    expect(await count('experiments')).toBe(before);
  });

  it('edits a draft only, runs one experiment per deal, and stops', async () => {
    const item = world.campaign.items[2];
    const body = { name: '标题测试', campaignItemId: item.id, unit: 'customer', kind: 'price', arms: priceArms(2790) };
    const draft = (await world.admin.post('/admin/experiments', body)).body;
    expect(draft).toMatchObject({ status: 'draft', minPerArm: 500, startedAt: null });
    const edited = await world.admin.put(`/admin/experiments/${draft.id}`, { ...body, arms: priceArms(2690) });
    expect(edited.status).toBe(200);
    expect(edited.body.arms[1].priceFen).toBe(2690);
    const running = (await world.admin.post(`/admin/experiments/${draft.id}/start`)).body;
    expect(running.status).toBe('running');
    expect((await world.admin.put(`/admin/experiments/${draft.id}`, body)).status).toBe(409);
    expect((await world.admin.post(`/admin/experiments/${draft.id}/start`)).body.error.code).toBe('INVALID_STATE');
    const second = (await world.admin.post('/admin/experiments', body)).body;
    const clash = await world.admin.post(`/admin/experiments/${second.id}/start`);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('CONFLICT');
    const stopped = (await world.admin.post(`/admin/experiments/${draft.id}/stop`)).body;
    expect(stopped.status).toBe('stopped');
    expect((await world.admin.post(`/admin/experiments/${draft.id}/stop`)).status).toBe(409);
    const list = (await world.admin.get('/admin/experiments')).body;
    expect(list.map((e: any) => e.id)).toEqual(expect.arrayContaining([draft.id, second.id]));
  });
});

describe('the price is the server’s', () => {
  it("a customer is shown, quoted and charged their arm's price; a client cannot pick its arm; orders keep their price", async () => {
    const item = world.campaign.items[0]; // 290 fen
    const point = world.pickupPointIds[0];
    const experiment = await startedExperiment({
      name: '价格测试',
      campaignItemId: item.id,
      unit: 'customer',
      kind: 'price',
      arms: priceArms(199),
    });
    const byArm = await customersByArm(experiment, point, 2);
    const placed: { orderId: string; api: Api; priceFen: number }[] = [];
    for (const [arm, customers] of byArm) {
      const expected = arm === 'a' ? 199 : item.priceFen;
      for (const c of customers) {
        const variants = (await c.api.get(`/me/deal-variants?pickupPointId=${point}`)).body;
        expect(variants).toEqual([
          {
            campaignItemId: item.id,
            experimentId: experiment.id,
            arm,
            priceFen: expected,
            couponFen: null,
            title: null,
          },
        ]);
        // whatever the client sends, the arm is computed from the signed-in customer
        const body = {
          pickupPointId: point,
          items: [{ campaignItemId: item.id, quantity: 2, unitPriceFen: 1, arm: arm === 'a' ? 'control' : 'a' }],
          arm: arm === 'a' ? 'control' : 'a',
          experimentId: experiment.id,
        };
        const quote = await c.api.post('/checkout/quote', body);
        if (quote.status === 200) expect(quote.body.lines[0].unitPriceFen).toBe(expected);
        else expect(quote.status).toBe(400);
        const clean = { pickupPointId: point, items: [{ campaignItemId: item.id, quantity: 2 }] };
        expect((await c.api.post('/checkout/quote', clean)).body.lines[0].unitPriceFen).toBe(expected);
        const order = await buyAndPay(server, c.api, clean);
        expect(order.lines[0].unitPriceFen).toBe(expected);
        expect(order.lines[0].paidFen).toBe(2 * expected);
        expect(order.totalFen).toBe(2 * expected);
        placed.push({ orderId: order.id, api: c.api, priceFen: expected });
      }
    }
    // stopped: the deal sells as it is again, placed orders keep the price they were charged
    await world.admin.post(`/admin/experiments/${experiment.id}/stop`);
    const [variantCustomer] = byArm.get('a')!;
    expect((await variantCustomer.api.get(`/me/deal-variants?pickupPointId=${point}`)).body).toEqual([]);
    const after = await buyAndPay(server, variantCustomer.api, {
      pickupPointId: point,
      items: [{ campaignItemId: item.id, quantity: 1 }],
    });
    expect(after.lines[0].unitPriceFen).toBe(item.priceFen);
    for (const p of placed) {
      const o = (await p.api.get(`/orders/${p.orderId}`)).body;
      expect(o.lines[0].unitPriceFen).toBe(p.priceFen);
    }
  });

  it('a pickup-point experiment gives every customer of a point its arm: an instant coupon off each unit', async () => {
    const item = world.campaign.items[1];
    const couponFen = Math.floor(item.priceFen / 3);
    const experiment = await startedExperiment({
      name: '立减券测试',
      campaignItemId: item.id,
      unit: 'pickup_point',
      kind: 'coupon',
      arms: [
        { key: 'control', name: '无券', weight: 1 },
        { key: 'a', name: '立减', weight: 1, couponFen },
      ],
    });
    for (const point of world.pickupPointIds) {
      const arm = assign(experiment, { userId: '', pickupPointId: point });
      const expected = armPriceFen('coupon', arm, item.priceFen);
      for (let i = 0; i < 2; i++) {
        const c = await newCustomer(server, point);
        const [v] = (await c.api.get(`/me/deal-variants?pickupPointId=${point}`)).body;
        expect(v).toMatchObject({ arm: arm.key, priceFen: expected, couponFen: arm.couponFen ?? null });
        const order = await buyAndPay(server, c.api, {
          pickupPointId: point,
          items: [{ campaignItemId: item.id, quantity: 1 }],
        });
        expect(order.lines[0].unitPriceFen).toBe(expected);
      }
    }
    await server.ctx.exposures.flush();
    // one exposure per point, whatever the number of its customers and views
    const exposures = await rows<{ unit_id: string }>(
      server.ctx.db,
      sql`select unit_id from experiment_exposures where experiment_id = ${experiment.id}`,
    );
    expect(exposures.map((e) => e.unit_id).sort()).toEqual([...world.pickupPointIds].sort());
    await world.admin.post(`/admin/experiments/${experiment.id}/stop`);
  });
});

describe('exposure', () => {
  it('is written once per unit, in shared statements, however often the shop is opened', async () => {
    const item = world.campaign.items[3];
    const point = world.pickupPointIds[1];
    const experiment = await startedExperiment({
      name: '标题',
      campaignItemId: item.id,
      unit: 'customer',
      kind: 'title',
      arms: [
        { key: 'control', name: '原标题', weight: 1 },
        { key: 'a', name: '新标题', weight: 1, title: '产地直发 今日特惠' },
      ],
    });
    const customers = await Promise.all(Array.from({ length: 6 }, () => newCustomer(server, point)));
    await server.ctx.exposures.flush();
    const writesBefore = server.ctx.exposures.writes;
    for (let round = 0; round < 5; round++)
      await Promise.all(customers.map((c) => c.api.get(`/me/deal-variants?pickupPointId=${point}`)));
    await server.ctx.exposures.flush();
    expect(server.ctx.exposures.writes - writesBefore).toBe(1);
    const found = await rows<{ unit_id: string; arm: string }>(
      server.ctx.db,
      sql`select unit_id, arm from experiment_exposures where experiment_id = ${experiment.id}`,
    );
    expect(found.length).toBe(6);
    for (const c of customers) {
      const [v] = (await c.api.get(`/me/deal-variants?pickupPointId=${point}`)).body;
      expect(found.find((f) => f.unit_id === c.userId)!.arm).toBe(v.arm);
      expect(v.title).toBe(v.arm === 'a' ? '产地直发 今日特惠' : null);
      expect(v.priceFen).toBe(item.priceFen);
    }
    await world.admin.post(`/admin/experiments/${experiment.id}/stop`);
  });
});

describe('the report', () => {
  it('every figure equals a plain recomputation from the raw rows; no winner below the minimum sample', async () => {
    const item = world.campaign.items[0];
    const point = world.pickupPointIds[2];
    // an order of the deal before the experiment: not counted
    const early = await newCustomer(server, point);
    await buyAndPay(server, early.api, { pickupPointId: point, items: [{ campaignItemId: item.id, quantity: 1 }] });
    const experiment = await startedExperiment({
      name: '报告',
      campaignItemId: item.id,
      unit: 'customer',
      kind: 'price',
      arms: [
        { key: 'control', name: '原价', weight: 1 },
        { key: 'a', name: '2.49', weight: 1, priceFen: 249 },
        { key: 'b', name: '1.99', weight: 2, priceFen: 199 },
      ],
    });
    const byArm = await customersByArm(experiment, point, 4);
    // the early buyer sees the experiment too, and orders nothing more
    await early.api.get(`/me/deal-variants?pickupPointId=${point}`);
    const buyers: Record<string, number> = { control: 1, a: 3, b: 4 };
    for (const [arm, customers] of byArm) {
      for (const [i, c] of customers.entries()) {
        await c.api.get(`/me/deal-variants?pickupPointId=${point}`);
        if (i >= buyers[arm]) continue;
        const o = await buyAndPay(server, c.api, {
          pickupPointId: point,
          items: [{ campaignItemId: item.id, quantity: 1 + (i % 3) }],
        });
        // a second order of one customer, and a cancelled (refunded) one
        if (i === 0)
          await buyAndPay(server, c.api, { pickupPointId: point, items: [{ campaignItemId: item.id, quantity: 1 }] });
        if (i === 1) expect((await c.api.post(`/orders/${o.id}/cancel`)).status).toBe(200);
      }
      // an unpaid order: not counted
      await customers[customers.length - 1].api.post('/orders', {
        pickupPointId: point,
        items: [{ campaignItemId: item.id, quantity: 1 }],
      });
    }
    // a buyer never shown the experiment: not counted
    const unseen = await newCustomer(server, point);
    await buyAndPay(server, unseen.api, { pickupPointId: point, items: [{ campaignItemId: item.id, quantity: 1 }] });
    await server.ctx.exposures.flush();
    // exposed units that never ordered, so each arm has enough units for the tests to say something
    const padding = { control: 37, a: 25, b: 70 };
    for (const [arm, n] of Object.entries(padding))
      await exec(
        server.ctx.db,
        sql`insert into experiment_exposures (experiment_id, unit_id, arm) select ${experiment.id}, gen_random_uuid(), ${arm} from generate_series(1, ${n})`,
      );

    const plain = await recompute(experiment.id);
    const report = (await world.admin.get(`/admin/experiments/${experiment.id}/report`)).body;
    expect(report.verdict).toEqual({ status: 'insufficient_sample', winner: null });
    expect(report.underMinimum).toEqual(['control', 'a', 'b']);
    checkAgainst(report, plain);

    // the minimum reached: the verdict follows the plain p-values
    await exec(server.ctx.db, sql`update experiments set min_per_arm = 25 where id = ${experiment.id}`);
    const decided = (await world.admin.get(`/admin/experiments/${experiment.id}/report`)).body;
    checkAgainst(decided, plain);
    expect(decided.underMinimum).toEqual([]);
    const better = plain.arms
      .slice(1)
      .filter((a) => a.p !== null && a.p < 0.05 && a.rate > plain.arms[0].rate)
      .sort((x, y) => y.rate - x.rate);
    expect(decided.verdict.status).toBe(better.length ? 'winner' : 'no_difference');
    expect(decided.verdict.winner).toBe(better[0]?.key ?? null);

    const xlsx = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/experiments/${experiment.id}/report.xlsx?lang=en`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    await world.admin.post(`/admin/experiments/${experiment.id}/stop`);
  });
});

/** The report computed plainly from the raw rows: exposures, orders and their lines, read with `select *`. */
async function recompute(experimentId: string) {
  const db = server.ctx.db;
  const e = (await one<any>(db, sql`select * from experiments where id = ${experimentId}`))!;
  const exposures = await rows<any>(db, sql`select * from experiment_exposures where experiment_id = ${experimentId}`);
  const orders = await rows<any>(db, sql`select * from orders`);
  const lines = await rows<any>(db, sql`select * from order_lines`);
  const armOf = new Map(exposures.map((x) => [x.unit_id, x.arm]));
  const start = new Date(e.started_at).getTime();
  const until = e.stopped_at ? new Date(e.stopped_at).getTime() : Date.now();
  const perUnit = new Map<string, { orders: Set<string>; gmv: number; refunds: number }>();
  for (const o of orders) {
    const at = new Date(o.created_at).getTime();
    if (o.paid_at === null || at < start || at > until) continue;
    const unit = e.unit === 'customer' ? o.user_id : o.pickup_point_id;
    if (!armOf.has(unit)) continue;
    for (const l of lines) {
      if (l.order_id !== o.id || l.campaign_item_id !== e.campaign_item_id) continue;
      const u = perUnit.get(unit) ?? { orders: new Set(), gmv: 0, refunds: 0 };
      u.orders.add(o.id);
      u.gmv += l.paid_fen;
      u.refunds += l.refunded_fen;
      perUnit.set(unit, u);
    }
  }
  const arms = (e.arms as any[]).map((arm) => {
    const units = exposures.filter((x) => x.arm === arm.key).map((x) => x.unit_id);
    const values = units.map((u) => perUnit.get(u)?.gmv ?? 0);
    const bought = units.filter((u) => perUnit.has(u));
    const n = units.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
    return {
      key: arm.key,
      exposed: n,
      converted: bought.length,
      rate: bought.length / n,
      orders: bought.reduce((a, u) => a + perUnit.get(u)!.orders.size, 0),
      gmv: bought.reduce((a, u) => a + perUnit.get(u)!.gmv, 0),
      refunds: bought.reduce((a, u) => a + perUnit.get(u)!.refunds, 0),
      mean,
      variance,
      p: null as number | null,
    };
  });
  // the tests written out plainly: pooled z for the p-value, Wald interval; Welch's t and df
  const c = arms[0];
  const compared = arms.slice(1).map((v) => {
    const pooled = (c.converted + v.converted) / (c.exposed + v.exposed);
    const z = (v.rate - c.rate) / Math.sqrt(pooled * (1 - pooled) * (1 / c.exposed + 1 / v.exposed));
    const se = Math.sqrt((c.rate * (1 - c.rate)) / c.exposed + (v.rate * (1 - v.rate)) / v.exposed);
    const q = normalQuantile(0.975);
    const sa = c.variance / c.exposed;
    const sb = v.variance / v.exposed;
    const t = (v.mean - c.mean) / Math.sqrt(sa + sb);
    const df = (sa + sb) ** 2 / (sa ** 2 / (c.exposed - 1) + sb ** 2 / (v.exposed - 1));
    const tq = studentTQuantile(0.975, df);
    v.p = 2 * normalCdf(-Math.abs(z));
    return {
      key: v.key,
      rateDiff: v.rate - c.rate,
      rateCi: [v.rate - c.rate - q * se, v.rate - c.rate + q * se],
      rateP: v.p,
      gmvDiff: v.mean - c.mean,
      gmvCi: [v.mean - c.mean - tq * Math.sqrt(sa + sb), v.mean - c.mean + tq * Math.sqrt(sa + sb)],
      gmvP: studentTTwoSided(t, df),
      df,
    };
  });
  return { arms, compared };
}

function checkAgainst(report: any, plain: Awaited<ReturnType<typeof recompute>>) {
  expect(report.arms.map((a: any) => a.key)).toEqual(plain.arms.map((a) => a.key));
  for (const [i, p] of plain.arms.entries()) {
    const a = report.arms[i];
    expect(a.exposed).toBe(p.exposed);
    expect(a.converted).toBe(p.converted);
    expect(a.conversionRate).toBeCloseTo(p.rate, 12);
    expect(a.orders).toBe(p.orders);
    expect(a.gmvFen).toBe(p.gmv);
    expect(a.refundFen).toBe(p.refunds);
    expect(a.gmvPerExposedFen).toBeCloseTo(p.mean, 9);
  }
  // the generated data holds what the report must count: conversions, refunds, several orders of one unit
  expect(plain.arms.every((a) => a.converted > 0)).toBe(true);
  expect(plain.arms.some((a) => a.refunds > 0)).toBe(true);
  expect(plain.arms.some((a) => a.orders > a.converted)).toBe(true);
  expect(report.arms[0].vsControl).toBeNull();
  for (const [i, p] of plain.compared.entries()) {
    const v = report.arms[i + 1].vsControl;
    expect(v.conversion.difference).toBeCloseTo(p.rateDiff, 12);
    expect(v.conversion.ciLow).toBeCloseTo(p.rateCi[0], 10);
    expect(v.conversion.ciHigh).toBeCloseTo(p.rateCi[1], 10);
    expect(v.conversion.pValue).toBeCloseTo(p.rateP, 10);
    expect(v.conversion.significant).toBe(p.rateP < 0.05);
    expect(v.gmvPerExposed.difference).toBeCloseTo(p.gmvDiff, 8);
    expect(v.gmvPerExposed.df).toBeCloseTo(p.df, 6);
    expect(v.gmvPerExposed.ciLow).toBeCloseTo(p.gmvCi[0], 4);
    expect(v.gmvPerExposed.ciHigh).toBeCloseTo(p.gmvCi[1], 4);
    expect(v.gmvPerExposed.pValue).toBeCloseTo(p.gmvP, 8);
  }
}
