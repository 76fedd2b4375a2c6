import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { grantRole } from '../src/modules/accounts/service.js';

/** The .xlsx exports are read back with exceljs and compared with the JSON documents. */
let server: TestServer;
let world: World;
let clerkToken: string;
let customerToken: string;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const p0 = world.pickupPointIds[0];
  const p2 = world.pickupPointIds[2];
  const [apple, greens, milk, eggs] = world.campaign.items.map((i) => i.id);
  const a = await newCustomer(server, p0);
  const b = await newCustomer(server, p2);
  await buyAndPay(server, a.api, {
    pickupPointId: p0,
    items: [
      { campaignItemId: apple, quantity: 3 },
      { campaignItemId: milk, quantity: 2 },
    ],
  });
  await buyAndPay(server, b.api, {
    pickupPointId: p2,
    items: [
      { campaignItemId: greens, quantity: 4 },
      { campaignItemId: eggs, quantity: 1 },
    ],
  });
  expect((await world.admin.post(`/admin/campaigns/${world.campaign.id}/cutoff`)).status).toBe(200);
  const clerk = await newCustomer(server, undefined, '仓管');
  await grantRole(server.ctx.db, clerk.userId, 'warehouse');
  clerkToken = clerk.api.token!;
  customerToken = a.api.token!;
});
afterAll(() => server.close());

async function download(path: string, token: string | null | undefined = world.admin.token) {
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/v1${path}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return res;
}

async function readSheet(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  expect(book.worksheets).toHaveLength(1);
  const ws = book.worksheets[0];
  const values: unknown[][] = [];
  ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, title: values[0][0], header: values[1], rows: values.slice(2) };
}

describe('purchase orders export', () => {
  it('has one row per purchase order line with names and quantities', async () => {
    const res = await download(`/admin/purchase-orders/export.xlsx?campaignId=${world.campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('采购单-今日团购.xlsx'));
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.name).toBe('采购单');
    expect(sheet.title).toBe('团购活动: 今日团购');
    expect(sheet.header.slice(0, 3)).toEqual(['供应商', '商品', '单位']);

    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    const expected = pos.flatMap((po: any) =>
      po.lines.map((l: any) => [
        po.supplierName,
        l.productName,
        l.unit,
        l.packSize,
        l.demandQuantity,
        l.fromStockQuantity,
        l.quantity,
        '待收货',
        po.id,
        l.productId,
      ]),
    );
    // columns 8–9 (accepted/rejected) are blank before receiving
    const got = sheet.rows.map((r) => [...r.slice(0, 7), r[9], r[10], r[11]]);
    const key = (r: unknown[]) => `${r[8]}:${r[9]}`;
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    for (const row of got) expect(row).toEqual(expected.find((e: unknown[]) => key(e) === key(row)));
    expect(sheet.rows.length).toBe(4);
  });

  it('shows accepted and rejected quantities once received, and English headers on request', async () => {
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${world.campaign.id}`)).body;
    const po = pos[0];
    const rec = await world.admin.post(`/admin/purchase-orders/${po.id}/receive`, {
      lines: po.lines.map((l: any) => ({ productId: l.productId, acceptedQuantity: l.quantity, rejectedQuantity: 1 })),
    });
    expect(rec.status).toBe(200);
    const res = await download(
      `/admin/purchase-orders/export.xlsx?campaignId=${world.campaign.id}&lang=en`,
      clerkToken,
    );
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.name).toBe('Purchase orders');
    expect(sheet.header.slice(0, 2)).toEqual(['Supplier', 'Product']);
    const received = sheet.rows.filter((r) => r[10] === po.id);
    expect(received).toHaveLength(po.lines.length);
    for (const r of received) {
      const line = po.lines.find((l: any) => l.productId === r[11]);
      expect(r[7]).toBe(line.quantity);
      expect(r[8]).toBe(1);
      expect(r[9]).toBe('Received');
    }
  });
});

describe('sorting lists export', () => {
  it('has one row per pickup point and product, matching the sorting lists', async () => {
    const res = await download(`/admin/sorting-lists/export.xlsx?campaignId=${world.campaign.id}`);
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.name).toBe('分拣单');
    expect(sheet.header.slice(0, 5)).toEqual(['仓库', '线路', '自提点', '温层', '商品']);
    const lists = (await world.admin.get(`/admin/sorting-lists?campaignId=${world.campaign.id}`)).body;
    const expected = lists.flatMap((sl: any) =>
      sl.lines.map((l: any) => ({
        point: sl.pickupPointName,
        route: sl.routeName,
        product: l.productName,
        quantity: l.quantity,
        pointId: sl.pickupPointId,
        productId: l.productId,
      })),
    );
    expect(sheet.rows).toHaveLength(expected.length);
    expect(expected.length).toBe(4);
    for (const e of expected) {
      const row = sheet.rows.find((r) => r[10] === e.pointId && r[11] === e.productId)!;
      expect(row).toBeTruthy();
      expect([row[1], row[2], row[4], row[7]]).toEqual([e.route, e.point, e.product, e.quantity]);
    }
    expect(sum(sheet.rows.map((r) => Number(r[7])))).toBe(3 + 2 + 4 + 1);
  });
});

describe('access and input', () => {
  it('is for operators and warehouse staff, for a campaign that exists', async () => {
    expect(
      (await download(`/admin/sorting-lists/export.xlsx?campaignId=${world.campaign.id}`, customerToken)).statusCode,
    ).toBe(403);
    expect(
      (await download(`/admin/purchase-orders/export.xlsx?campaignId=${world.campaign.id}`, null)).statusCode,
    ).toBe(401);
    expect(
      (await download(`/admin/sorting-lists/export.xlsx?campaignId=${world.campaign.id}`, clerkToken)).statusCode,
    ).toBe(200);
    const missing = await download(
      '/admin/purchase-orders/export.xlsx?campaignId=00000000-0000-4000-8000-000000000000',
    );
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('NOT_FOUND');
    expect((await download('/admin/purchase-orders/export.xlsx')).statusCode).toBe(400);
  });
});

function sum(xs: number[]) {
  return xs.reduce((a, b) => a + b, 0);
}
