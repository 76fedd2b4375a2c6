import { randomUUID } from 'node:crypto';
import { ADMIN, SIMPAY_SECRET, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { signSimpay } from '../src/modules/payments/simpay.js';

/**
 * A small but complete network through the real API: 2 suppliers, a central and a grid
 * warehouse, 2 routes, 3 pickup points each with a leader, 4 products and an open campaign.
 */
export interface World {
  admin: Api;
  anon: Api;
  supplierIds: string[];
  centralWarehouseId: string;
  gridWarehouseId: string;
  routeIds: string[];
  pickupPointIds: string[];
  leaders: { api: Api; userId: string; leaderId: string; pickupPointId: string; phone: string }[];
  products: { id: string; name: string; supplierId: string; packSize: number; priceFen: number }[];
  campaign: { id: string; items: { id: string; productId: string; priceFen: number }[] };
}

export interface WorldOptions {
  /** quota and per-customer limits by product index */
  quotas?: (number | undefined)[];
  limits?: (number | undefined)[];
  cutoffInMinutes?: number;
}

async function created(res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status !== 201) throw new Error(`expected 201, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function adminApi(server: TestServer): Promise<Api> {
  const login = await new Api(server.app).post('/auth/login', ADMIN);
  return new Api(server.app, login.body.token);
}

export async function newCustomer(server: TestServer, pickupPointId?: string, name = '顾客') {
  const phone = nextPhone();
  const reg = await created(new Api(server.app).post('/auth/register', { phone, password: 'customer-123', name }));
  const api = new Api(server.app, reg.token);
  if (pickupPointId) await api.put('/me/pickup-point', { pickupPointId });
  return { api, userId: reg.user.id as string, phone };
}

export async function createWorld(server: TestServer, opts: WorldOptions = {}): Promise<World> {
  const admin = await adminApi(server);
  const supplierIds = [
    (await created(admin.post('/admin/suppliers', { name: '绿源果蔬合作社' }))).id,
    (await created(admin.post('/admin/suppliers', { name: '康乳乳业' }))).id,
  ];
  const centralWarehouseId = (await created(admin.post('/admin/warehouses', { name: '中心仓', kind: 'central' }))).id;
  const gridWarehouseId = (
    await created(admin.post('/admin/warehouses', { name: '东区网格仓', kind: 'grid', parentId: centralWarehouseId }))
  ).id;
  const routeIds = [
    (await created(admin.post('/admin/routes', { name: '东一线', warehouseId: gridWarehouseId }))).id,
    (await created(admin.post('/admin/routes', { name: '东二线', warehouseId: gridWarehouseId }))).id,
  ];
  const pickupPointIds: string[] = [];
  const leaders: World['leaders'] = [];
  for (const [i, routeId] of [routeIds[0], routeIds[0], routeIds[1]].entries()) {
    const pointId = (
      await created(
        admin.post('/admin/pickup-points', {
          name: `幸福里${i + 1}号自提点`,
          address: `幸福路${i + 1}号`,
          routeId,
          lat: 31.2 + i / 100,
          lng: 121.4,
        }),
      )
    ).id;
    pickupPointIds.push(pointId);
    const leader = await newCustomer(server, pointId, `团长${i + 1}`);
    const appointed = await created(
      admin.post('/admin/leaders', { userId: leader.userId, pickupPointId: pointId, commissionBps: 1000 }),
    );
    leaders.push({
      api: leader.api,
      userId: leader.userId,
      leaderId: appointed.id,
      pickupPointId: pointId,
      phone: leader.phone,
    });
  }
  const specs = [
    {
      name: '红富士苹果',
      category: 'fresh',
      supplierId: supplierIds[0],
      unit: '斤',
      listPriceFen: 1290,
      costFen: 600,
      priceFen: 990,
      temperatureZone: 'ambient',
      shelfLifeDays: 10,
      packSize: 10,
    },
    {
      name: '本地小青菜',
      category: 'fresh',
      supplierId: supplierIds[0],
      unit: '把',
      listPriceFen: 450,
      costFen: 150,
      priceFen: 290,
      temperatureZone: 'chilled',
      shelfLifeDays: 3,
      packSize: 1,
    },
    {
      name: '鲜牛奶 950ml',
      category: 'dairy',
      supplierId: supplierIds[1],
      unit: '盒',
      listPriceFen: 1800,
      costFen: 1000,
      priceFen: 1390,
      temperatureZone: 'chilled',
      shelfLifeDays: 7,
      packSize: 12,
    },
    {
      name: '土鸡蛋 30枚',
      category: 'meat_eggs',
      supplierId: supplierIds[1],
      unit: '盒',
      listPriceFen: 3990,
      costFen: 2200,
      priceFen: 2990,
      temperatureZone: 'ambient',
      shelfLifeDays: 20,
      packSize: 1,
    },
  ] as const;
  const products: World['products'] = [];
  for (const { priceFen, ...p } of specs) {
    const id = (await created(admin.post('/admin/products', p))).id;
    products.push({ id, name: p.name, supplierId: p.supplierId, packSize: p.packSize, priceFen });
  }
  const now = Date.now();
  const campaign = await created(
    admin.post('/admin/campaigns', {
      title: '今日团购',
      startsAt: new Date(now - 3_600_000).toISOString(),
      cutoffAt: new Date(now + (opts.cutoffInMinutes ?? 600) * 60_000).toISOString(),
      pickupDate: new Date(now + 86_400_000).toISOString().slice(0, 10),
      items: products.map((p, i) => ({
        productId: p.id,
        priceFen: p.priceFen,
        ...(opts.quotas?.[i] !== undefined ? { quota: opts.quotas[i] } : {}),
        ...(opts.limits?.[i] !== undefined ? { perCustomerLimit: opts.limits[i] } : {}),
      })),
    }),
  );
  return {
    admin,
    anon: new Api(server.app),
    supplierIds,
    centralWarehouseId,
    gridWarehouseId,
    routeIds,
    pickupPointIds,
    leaders,
    products,
    campaign: {
      id: campaign.id,
      items: campaign.items.map((it: any) => ({ id: it.id, productId: it.productId, priceFen: it.priceFen })),
    },
  };
}

/** Sends a correctly signed simpay notification, as the provider would. */
export async function notifyPaid(
  server: TestServer,
  payment: { paymentId: string; orderId: string; amountFen: number },
  providerTxnId = `txn-${randomUUID()}`,
) {
  const raw = JSON.stringify({ ...payment, providerTxnId });
  return new Api(server.app).request('POST', '/payments/simpay/notify', raw, {
    'x-simpay-signature': signSimpay(raw, SIMPAY_SECRET),
  });
}

/** Places an order and pays it through the simulated provider; returns the paid order. */
export async function buyAndPay(
  server: TestServer,
  customer: Api,
  body: {
    pickupPointId: string;
    items: { campaignItemId: string; quantity: number }[];
    couponId?: string;
    pointsToUse?: number;
  },
) {
  const order = await created(customer.post('/orders', body));
  const pay = await customer.post(`/orders/${order.id}/pay`, { method: 'simpay' });
  if (pay.status !== 200) throw new Error(`pay failed: ${JSON.stringify(pay.body)}`);
  const notified = await notifyPaid(server, {
    paymentId: pay.body.paymentId,
    orderId: order.id,
    amountFen: pay.body.amountFen,
  });
  if (notified.status !== 200) throw new Error(`notify failed: ${JSON.stringify(notified.body)}`);
  const paid = await customer.get(`/orders/${order.id}`);
  return paid.body;
}
