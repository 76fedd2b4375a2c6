import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { startTestServer, type TestServer } from './harness.js';
import { buyAndPay, createWorld, newCustomer, type World } from './fixtures.js';
import { one } from '../src/db/client.js';
import { raiseDocumentExpiryAlerts } from '../src/modules/catalog/documents.js';
import { localTime, addDays } from '../src/lib/time.js';
import { raiseUnsuppliedBeforeCutoffAlerts, UNSUPPLIED_WARNING_HOURS } from '../src/modules/campaigns/supply.js';

/**
 * Suppliers that are qualified and whose suspension means something (decision 038): a product
 * without a usable supplier cannot join a campaign, the cutoff orders from the backup supplier or
 * from nobody (and says so), documents are private, typed by their bytes and reviewed, and an
 * expiring licence raises one alert.
 */

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
});
afterAll(() => server.close());

const pdfBytes = () =>
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const pngBytes = () =>
  sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .png()
    .toBuffer();

async function counts() {
  return (await one<{ campaigns: number; items: number; jobs: number }>(
    server.ctx.db,
    sql`select (select count(*) from campaigns)::int as campaigns, (select count(*) from campaign_items)::int as items,
               (select count(*) from jobs)::int as jobs`,
  ))!;
}

let seq = 0;
async function newSupplier(body: Record<string, unknown> = {}) {
  const res = await world.admin.post('/admin/suppliers', { name: `供应商${++seq}`, ...body });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function newProduct(supplierId: string, extra: Record<string, unknown> = {}) {
  const res = await world.admin.post('/admin/products', {
    name: `商品${++seq}`,
    category: 'fresh',
    supplierId,
    unit: '份',
    listPriceFen: 1000,
    costFen: 500,
    temperatureZone: 'ambient',
    packSize: 1,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const campaignBody = (productIds: string[]) => {
  const now = Date.now();
  return {
    title: '供应商团期',
    startsAt: new Date(now - 3_600_000).toISOString(),
    cutoffAt: new Date(now + 3_600_000).toISOString(),
    pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
    items: productIds.map((productId) => ({ productId, priceFen: 800 })),
  };
};
const patchSupplier = (id: string, body: unknown) => world.admin.request('PATCH', `/admin/suppliers/${id}`, body);

/** token null: no sign-in */
async function upload(supplierId: string, bytes: Buffer, query: string, token: string | null = world.admin.token!) {
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/v1/admin/suppliers/${supplierId}/documents?${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  return { status: res.statusCode, body: res.json() };
}

describe('a suspended supplier', () => {
  it('its products cannot join a campaign (409 SUPPLIER_UNAVAILABLE naming them, nothing written), through every way in', async () => {
    const supplier = await newSupplier();
    const product = await newProduct(supplier);
    const fine = world.products[0].id;
    expect((await patchSupplier(supplier, { status: 'suspended' })).status).toBe(200);

    const before = await counts();
    const refused = await world.admin.post('/admin/campaigns', campaignBody([fine, product]));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SUPPLIER_UNAVAILABLE');
    expect(refused.body.error.details.products).toEqual([
      expect.objectContaining({ productId: product, supplierId: supplier, reason: 'supplier_suspended' }),
    ]);
    expect(await counts()).toEqual(before);

    // added to an open campaign
    const added = await world.admin.post(`/admin/campaigns/${world.campaign.id}/items`, {
      productId: product,
      priceFen: 800,
    });
    expect(added.status).toBe(409);
    expect(added.body.error.code).toBe('SUPPLIER_UNAVAILABLE');
    expect(await counts()).toEqual(before);

    // copied to tomorrow: a campaign holding it while the supplier was active
    expect((await patchSupplier(supplier, { status: 'active' })).status).toBe(200);
    const source = await world.admin.post('/admin/campaigns', campaignBody([product]));
    expect(source.status).toBe(201);
    expect((await patchSupplier(supplier, { status: 'suspended' })).status).toBe(200);
    const beforeCopy = await counts();
    const copy = await world.admin.post(`/admin/campaigns/${source.body.id}/copy-to-tomorrow`);
    expect(copy.status).toBe(409);
    expect(copy.body.error.code).toBe('SUPPLIER_UNAVAILABLE');
    expect(await counts()).toEqual(beforeCopy);

    // the campaign that holds it warns before its cutoff
    const detail = await world.admin.get(`/admin/campaigns/${source.body.id}`);
    expect(detail.body.unsuppliedDeals).toEqual([
      expect.objectContaining({ productId: product, reason: 'supplier_suspended' }),
    ]);
  });

  it('a usable backup supplier keeps its products sellable', async () => {
    const supplier = await newSupplier();
    const backup = await newSupplier();
    const product = await newProduct(supplier, { backupSupplierId: backup });
    await patchSupplier(supplier, { status: 'suspended' });
    const res = await world.admin.post('/admin/campaigns', campaignBody([product]));
    expect(res.status).toBe(201);
    // the backup suspended too: no usable supplier left
    await patchSupplier(backup, { status: 'suspended' });
    expect((await world.admin.post('/admin/campaigns', campaignBody([product]))).status).toBe(409);
  });

  it('a product cannot be its own backup', async () => {
    const supplier = await newSupplier();
    const res = await world.admin.post('/admin/products', {
      name: '自备',
      category: 'fresh',
      supplierId: supplier,
      backupSupplierId: supplier,
      unit: '份',
      listPriceFen: 100,
      costFen: 50,
      temperatureZone: 'ambient',
    });
    expect(res.status).toBe(400);
  });

  it('at cutoff: demand goes to the backup supplier, no purchase order to the suspended one, the rest reported', async () => {
    const supplier = await newSupplier();
    const backup = await newSupplier();
    const withBackup = await newProduct(supplier, { backupSupplierId: backup });
    const without = await newProduct(supplier);
    const other = world.products[3]; // eggs, the world's second supplier
    const campaign = await world.admin.post('/admin/campaigns', campaignBody([withBackup, without, other.id]));
    expect(campaign.status).toBe(201);
    const item = (p: string) => campaign.body.items.find((i: any) => i.productId === p).id;
    const point = world.pickupPointIds[0];
    const customer = await newCustomer(server, point);
    const first = await buyAndPay(server, customer.api, {
      pickupPointId: point,
      items: [
        { campaignItemId: item(withBackup), quantity: 3 },
        { campaignItemId: item(without), quantity: 2 },
        { campaignItemId: item(other.id), quantity: 1 },
      ],
    });
    // a later payer of the same deal, and one unit of it on the shelf
    const later = await newCustomer(server, point);
    const second = await buyAndPay(server, later.api, {
      pickupPointId: point,
      items: [{ campaignItemId: item(without), quantity: 1 }],
    });
    const shelved = await world.admin.post('/admin/inventory/adjust', {
      warehouseId: world.centralWarehouseId,
      productId: without,
      quantityDelta: 1,
      reason: '入库',
    });
    expect(shelved.status).toBe(200);
    await patchSupplier(supplier, { status: 'suspended' });

    // told before the cutoff
    const detail = await world.admin.get(`/admin/campaigns/${campaign.body.id}`);
    expect(detail.body.unsuppliedDeals.map((d: any) => d.productId)).toEqual([without]);
    const preview = await world.admin.post(`/admin/campaigns/${campaign.body.id}/cutoff/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.unsuppliedProducts).toEqual([expect.objectContaining({ productId: without, units: 2 })]);
    // and in the inbox, without opening the campaign: only within the hours before the cutoff, once
    const early = new Date(Date.parse(campaign.body.cutoffAt) - (UNSUPPLIED_WARNING_HOURS + 1) * 3_600_000);
    expect(await raiseUnsuppliedBeforeCutoffAlerts(server.ctx.db, early)).toBe(0);
    await raiseUnsuppliedBeforeCutoffAlerts(server.ctx.db);
    expect(await raiseUnsuppliedBeforeCutoffAlerts(server.ctx.db)).toBe(0);
    const warned = (await world.admin.get('/admin/alerts')).body.items.filter(
      (a: any) => a.kind === 'deal_without_supplier_before_cutoff' && a.subjectId === campaign.body.id,
    );
    expect(warned.map((a: any) => a.details.productId)).toEqual([without]);

    const cut = await world.admin.post(`/admin/campaigns/${campaign.body.id}/cutoff`);
    expect(cut.status).toBe(200);
    expect(cut.body.unsuppliedProducts).toEqual([
      expect.objectContaining({ productId: without, supplierId: supplier, units: 2 }),
    ]);
    const pos = (await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.body.id}`)).body;
    expect(pos.map((p: any) => p.supplierId).sort()).toEqual([backup, other.supplierId].sort());
    expect(pos.find((p: any) => p.supplierId === backup).lines).toEqual([
      expect.objectContaining({ productId: withBackup, quantity: 3 }),
    ]);
    expect(pos.some((p: any) => p.supplierId === supplier)).toBe(false);

    // what no purchase order brings is refunded now: the shelf's unit to the first payer, the rest
    // of each line refunded as a shortage at the price paid; the crate holds the one unit
    const lineOf = async (order: any) =>
      (await one<{ status: string; refund_quantity: number; refunded_fen: number }>(
        server.ctx.db,
        sql`select status, refund_quantity, refunded_fen from order_lines where order_id = ${order.id} and product_id = ${without}`,
      ))!;
    expect(await lineOf(first)).toEqual({ status: 'allocated', refund_quantity: 1, refunded_fen: 800 });
    expect(await lineOf(second)).toEqual({ status: 'short', refund_quantity: 1, refunded_fen: 800 });
    const shortages = await one<{ n: number; fen: number }>(
      server.ctx.db,
      sql`select count(*)::int as n, sum(amount_fen)::int as fen from refunds
          where kind = 'shortage' and status = 'refunded' and order_id in (${first.id}, ${second.id})`,
    );
    expect(shortages).toEqual({ n: 2, fen: 1600 });
    const crate = await one<{ quantity: number }>(
      server.ctx.db,
      sql`select sll.quantity from sorting_list_lines sll join sorting_lists sl on sl.id = sll.sorting_list_id
          where sl.campaign_id = ${campaign.body.id} and sl.pickup_point_id = ${point} and sll.product_id = ${without}`,
    );
    expect(crate?.quantity).toBe(1);

    // the inbox has it, once; a second cutoff changes nothing and says the same
    const again = await world.admin.post(`/admin/campaigns/${campaign.body.id}/cutoff`);
    expect(again.body).toMatchObject({ ranNow: false, unsuppliedProducts: cut.body.unsuppliedProducts });
    const alerts = (await world.admin.get('/admin/alerts')).body.items.filter(
      (a: any) => a.kind === 'deals_without_supplier' && a.subjectId === campaign.body.id,
    );
    expect(alerts).toHaveLength(1);
  });
});

describe('qualification documents', () => {
  it('an unqualified supplier: products refused, and no purchase order at cutoff', async () => {
    const supplier = await newSupplier({ requiredDocuments: ['business_licence'] });
    const product = await newProduct(supplier);
    let listed = (await world.admin.get('/admin/suppliers')).body.find((s: any) => s.id === supplier);
    expect(listed).toMatchObject({ qualified: false, usable: false, missingDocuments: ['business_licence'] });
    const refused = await world.admin.post('/admin/campaigns', campaignBody([product]));
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.products[0].reason).toBe('supplier_unqualified');

    // uploaded but pending: still unqualified; approved: qualified
    const doc = await upload(supplier, pdfBytes(), `kind=business_licence&number=91310000MA1&expiresOn=2099-12-31`);
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({ reviewStatus: 'pending', contentType: 'application/pdf', expiry: 'valid' });
    expect((await world.admin.post('/admin/campaigns', campaignBody([product]))).status).toBe(409);
    const approve = await world.admin.post(`/admin/suppliers/${supplier}/documents/${doc.body.id}/review`, {
      decision: 'approved',
    });
    expect(approve.status).toBe(200);
    listed = (await world.admin.get('/admin/suppliers')).body.find((s: any) => s.id === supplier);
    expect(listed).toMatchObject({ qualified: true, usable: true, missingDocuments: [] });
    const campaign = await world.admin.post('/admin/campaigns', campaignBody([product]));
    expect(campaign.status).toBe(201);
    const point = world.pickupPointIds[1];
    const customer = await newCustomer(server, point);
    await buyAndPay(server, customer.api, {
      pickupPointId: point,
      items: [{ campaignItemId: campaign.body.items[0].id, quantity: 4 }],
    });

    // rejected (a reason is required): unqualified again, so the cutoff raises nothing to it
    const noReason = await world.admin.post(`/admin/suppliers/${supplier}/documents/${doc.body.id}/review`, {
      decision: 'rejected',
    });
    expect(noReason.status).toBe(400);
    const reject = await world.admin.post(`/admin/suppliers/${supplier}/documents/${doc.body.id}/review`, {
      decision: 'rejected',
      reason: '照片模糊',
    });
    expect(reject.body).toMatchObject({ reviewStatus: 'rejected', reviewReason: '照片模糊' });
    const cut = await world.admin.post(`/admin/campaigns/${campaign.body.id}/cutoff`);
    expect(cut.body.purchaseOrders).toBe(0);
    expect(cut.body.unsuppliedProducts).toEqual([expect.objectContaining({ productId: product, units: 4 })]);
    expect((await world.admin.get(`/admin/purchase-orders?campaignId=${campaign.body.id}`)).body).toEqual([]);
  });

  it('an approved licence that has expired leaves the supplier unqualified', async () => {
    const supplier = await newSupplier({ requiredDocuments: ['food_licence'] });
    const product = await newProduct(supplier);
    const doc = await upload(supplier, pdfBytes(), `kind=food_licence&number=JY1&expiresOn=2020-01-31`);
    expect(doc.body.expiry).toBe('expired');
    await world.admin.post(`/admin/suppliers/${supplier}/documents/${doc.body.id}/review`, { decision: 'approved' });
    const detail = (await world.admin.get(`/admin/suppliers/${supplier}`)).body;
    expect(detail).toMatchObject({ qualified: false, missingDocuments: ['food_licence'] });
    expect((await world.admin.post('/admin/campaigns', campaignBody([product]))).status).toBe(409);
  });

  it('files are typed by their bytes, limited to 10 MB, and private', async () => {
    const supplier = await newSupplier();
    // a PNG called .pdf is stored and served as the PNG it is
    const png = await pngBytes();
    const up = await upload(supplier, png, `kind=other&number=X1&fileName=licence.pdf`);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: 'image/png', fileName: 'licence.pdf', expiry: 'no_expiry' });
    const file = await server.app.inject({
      method: 'GET',
      url: up.body.fileUrl,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);

    // anything else, and too large: refused, nothing recorded
    const docs = async () =>
      (await one<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from supplier_documents`))!.n;
    const before = await docs();
    const text = await upload(
      supplier,
      Buffer.from('<html>not a licence</html>'),
      'kind=other&number=X2&fileName=a.pdf',
    );
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('UNSUPPORTED_FILE');
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(supplier, big, 'kind=other&number=X3')).status).toBe(413);
    expect(await docs()).toBe(before);

    // never through the public media route, nor for a customer, a leader or nobody
    const key = (await one<{ file_key: string }>(
      server.ctx.db,
      sql`select file_key from supplier_documents where id = ${up.body.id}`,
    ))!.file_key;
    expect((await server.app.inject({ method: 'GET', url: `/media/${key}` })).statusCode).toBe(404);
    const customer = await newCustomer(server);
    for (const [token, status] of [
      [customer.api.token, 403],
      [world.leaders[0].api.token, 403],
      [null, 401],
    ] as const) {
      const res = await server.app.inject({
        method: 'GET',
        url: up.body.fileUrl,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(res.statusCode).toBe(status);
      expect((await upload(supplier, pdfBytes(), 'kind=other&number=X4', token)).status).toBe(status);
    }
    // another supplier's document id under this supplier: 404
    const stranger = await newSupplier();
    const wrong = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/suppliers/${stranger}/documents/${up.body.id}/file`,
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('a licence expiring raises one alert 30 days before, never twice', async () => {
    const supplier = await newSupplier({ requiredDocuments: ['business_licence'] });
    const expiresOn = '2031-03-15';
    const doc = await upload(supplier, pdfBytes(), `kind=business_licence&number=EXP1&expiresOn=${expiresOn}`);
    await world.admin.post(`/admin/suppliers/${supplier}/documents/${doc.body.id}/review`, { decision: 'approved' });
    const noonOn = (days: number) => localTime(addDays(expiresOn, days), '12:00');
    const mine = async () =>
      (await world.admin.get('/admin/alerts')).body.items.filter((a: any) => a.details.documentId === doc.body.id);

    // (other tests' documents may raise their own alerts here: only this document's are counted)
    await raiseDocumentExpiryAlerts(server.ctx.db, localTime(addDays(expiresOn, -31), '23:59'));
    expect(await mine()).toEqual([]);
    // 30 days before, just after midnight in Shanghai; then again that day, the next, and later
    await raiseDocumentExpiryAlerts(server.ctx.db, localTime(addDays(expiresOn, -30), '00:01'));
    expect(await mine()).toHaveLength(1);
    for (const day of [-30, -29, -1]) {
      expect(await raiseDocumentExpiryAlerts(server.ctx.db, noonOn(day))).toBe(0);
      expect(await mine()).toHaveLength(1);
    }
    const [alert] = await mine();
    expect(alert).toMatchObject({
      kind: 'supplier_document_expiring',
      subjectId: supplier,
      details: expect.objectContaining({ expiresOn, daysLeft: 30, kind: 'business_licence' }),
    });
    const inbox = (await world.admin.get('/admin/alerts')).body;
    expect(inbox.openCount).toBeGreaterThan(0);
    const ack = await world.admin.post(`/admin/alerts/${alert.id}/ack`);
    expect(ack.status).toBe(200);
    expect(await mine()).toEqual([]);
    expect((await world.admin.get('/admin/alerts')).body.openCount).toBe(inbox.openCount - 1);
    // a renewal with a later expiry replaces it: the old one raises nothing more
    const renewal = await upload(supplier, pdfBytes(), `kind=business_licence&number=EXP2&expiresOn=2036-03-15`);
    expect(renewal.status).toBe(201);
    await raiseDocumentExpiryAlerts(server.ctx.db, noonOn(1));
    expect(
      (await world.admin.get('/admin/alerts?all=true')).body.items.filter(
        (a: any) => a.details.documentId === doc.body.id,
      ),
    ).toHaveLength(1);
    // a customer cannot read the inbox
    const customer = await newCustomer(server);
    expect((await customer.api.get('/admin/alerts')).status).toBe(403);
  });
});
