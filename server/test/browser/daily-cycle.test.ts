import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../harness.js';
import { PASSWORD, startBrowserWorld, type BrowserWorld } from './harness.js';
import { expectCompletedWithRefund, orderAndPay, readPickupCode } from './shop-steps.js';
import { dispatchAll, receiveWithShortage, runCutoff } from './admin-steps.js';
import { confirmArrival, expectCommission, verifyPickup } from './leader-steps.js';

/**
 * The whole daily cycle by clicking, across the three apps, in Chinese: a customer orders and
 * pays in the shop; the operator cuts off, receives one product short and dispatches in the
 * console; the leader confirms arrival and verifies the pickup code; the customer sees the
 * order completed with the shortage refunded; the leader sees the commission.
 */
describe('the daily cycle in a real browser', () => {
  let env: BrowserWorld;
  beforeAll(async () => {
    env = await startBrowserWorld();
  });
  afterAll(() => env?.close());

  it('runs from order to commission through the shop, the console and the leader app', async () => {
    const { world, baseUrl } = env;
    const shop = await env.phonePage();
    await env.signIn(shop, 'shop', env.customer);
    const { orderId } = await orderAndPay(shop, baseUrl, [
      { productName: '红富士苹果', quantity: 2 },
      { productName: '本地小青菜', quantity: 2 },
    ]);
    await env.shot(shop, 'flow-1-shop-paid');

    const admin = await env.desktopPage();
    await env.signIn(admin, 'admin', ADMIN);
    await runCutoff(admin, baseUrl, '今日团购');
    await receiveWithShortage(admin, baseUrl, '今日团购', '本地小青菜', 1);
    await env.shot(admin, 'flow-2-admin-received');
    await dispatchAll(admin, baseUrl, '今日团购');

    const leader = await env.phonePage();
    await env.signIn(leader, 'leader', { phone: world.leaders[0].phone, password: PASSWORD });
    await confirmArrival(leader, baseUrl, '今日团购');
    const code = await readPickupCode(shop, baseUrl, orderId);
    await verifyPickup(leader, baseUrl, code);
    await env.shot(leader, 'flow-3-leader-verified');

    // The amounts, from the prices and the leader's rate alone: 2 apples and 2 greens at the
    // campaign's prices, no discount; one bunch of greens short, refunded at its price; the
    // commission is the rate on what each line kept, floored per line.
    const price = (name: string) => world.products.find((p) => p.name === name)!.priceFen;
    const [apples, greensPaid] = [2 * price('红富士苹果'), 2 * price('本地小青菜')];
    const refundFen = price('本地小青菜');
    const rateBps = 1000; // createWorld appoints every leader at 10 %
    const commissionFen =
      Math.floor((apples * rateBps) / 10_000) + Math.floor(((greensPaid - refundFen) * rateBps) / 10_000);
    expect([apples + greensPaid, refundFen, commissionFen]).toEqual([2560, 290, 198 + 29]);

    await expectCompletedWithRefund(shop, baseUrl, orderId, refundFen);
    await env.shot(shop, 'flow-4-shop-completed');
    await expectCommission(leader, baseUrl, commissionFen);
    await env.shot(leader, 'flow-5-leader-commission');

    // What the screens said is what the books say.
    const order = (await env.customer.api.get(`/orders/${orderId}`)).body;
    const greens = order.lines.find((l: any) => l.productName === '本地小青菜');
    expect(order.status).toBe('completed');
    expect(order.totalFen).toBe(apples + greensPaid);
    expect(greens.refundQuantity).toBe(1);
    expect(greens.refundedFen).toBe(refundFen);
    expect(order.refundedFen).toBe(refundFen);
    const commissions = (await world.leaders[0].api.get('/leader/commissions')).body;
    expect(commissions).toMatchObject({ pendingFen: commissionFen, availableFen: 0 });
    expect(commissions.entries.map((e: any) => e.amountFen).sort((a: number, b: number) => a - b)).toEqual(
      [Math.floor(((greensPaid - refundFen) * rateBps) / 10_000), Math.floor((apples * rateBps) / 10_000)].sort(
        (a, b) => a - b,
      ),
    );
  });
});
