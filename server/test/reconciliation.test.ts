import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, exec } from '../src/db/client.js';
import { loadConfig } from '../src/lib/config.js';
import { addDays, businessDate, localTime } from '../src/lib/time.js';
import { outNo } from '../src/modules/payments/wechatpay/crypto.js';
import type { BillLine } from '../src/modules/reconciliation/bill.js';
import { reconcileYesterday } from '../src/modules/reconciliation/service.js';
import { wechatPayClient } from '../src/modules/payments/wechatpay/provider.js';
import { billPlants } from '../src/standin/wechat/bill.js';
import { generateMerchant, linliEnv, type StandinMerchant } from '../src/standin/wechat/keys.js';
import { startWechatStandin, type WechatStandin } from '../src/standin/wechat/server.js';
import { wechatTime } from '../src/standin/wechat/state.js';
import { adminApi } from './fixtures.js';
import type { Api } from './client.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * WeChat Pay reconciliation end to end (decision 064): the stand-in's trade bills against Linli's
 * payments and refunds written as fixtures, every kind of difference planted and each checked
 * against a plain recomputation from the fixtures.
 */

let dir: string;
let merchant: StandinMerchant;
let standin: WechatStandin;
let server: TestServer;
let admin: Api;

const today = () => businessDate(new Date(), 'Asia/Shanghai');
// days whose bills exist whatever the hour: three, four and ten days ago (Beijing)
const D = addDays(today(), -3);
const DAY_BEFORE = addDays(D, -1);
const EMPTY_DAY = addDays(today(), -10);
const at = (date: string, hhmm: string) => localTime(date, hhmm, 'Asia/Shanghai');

interface LinliPay {
  id: string;
  fen: number;
  status: 'pending' | 'succeeded' | 'refunded_on_arrival';
  at: Date | null;
  provider?: string;
}
interface LinliRefund {
  id: string;
  paymentId: string;
  fen: number;
  status: 'pending' | 'succeeded' | 'failed';
  at: Date | null;
}

async function linliPayment(p: LinliPay) {
  await exec(
    server.ctx.db,
    sql`insert into payments (id, order_id, user_id, provider, amount_fen, status, provider_txn_id, succeeded_at)
      values (${p.id}::uuid, ${randomUUID()}::uuid, ${randomUUID()}::uuid, ${p.provider ?? 'wechatpay'}, ${p.fen},
        ${p.status}, ${p.status === 'pending' ? null : `42${randomBytes(13).toString('hex')}`}, ${p.at?.toISOString() ?? null})`,
  );
}
async function linliRefund(r: LinliRefund) {
  await exec(
    server.ctx.db,
    sql`insert into provider_refunds (id, payment_id, order_id, amount_fen, status, completed_at)
      values (${r.id}::uuid, ${r.paymentId}::uuid, ${randomUUID()}::uuid, ${r.fen}, ${r.status}, ${r.at?.toISOString() ?? null})`,
  );
}

/** WeChat Pay's side: a transaction that succeeded at `when`. */
function wechatPaid(paymentId: string, fen: number, when: Date) {
  const no = outNo(paymentId);
  standin.state.transactions.set(no, {
    appid: merchant.appId,
    mchid: merchant.mchid,
    outTradeNo: no,
    description: '邻里团购 订单',
    notifyUrl: 'http://127.0.0.1:9/notify',
    amountTotal: fen,
    tradeType: 'JSAPI',
    payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    prepayId: `wx${randomBytes(8).toString('hex')}`,
    tradeState: 'SUCCESS',
    transactionId: `42${randomBytes(13).toString('hex')}`,
    successTime: wechatTime(when),
    createdAt: when,
  });
}
/** WeChat Pay's side: a refund requested at `when`. */
function wechatRefunded(
  refundId: string,
  paymentId: string,
  fen: number,
  when: Date,
  status: 'SUCCESS' | 'PROCESSING' = 'SUCCESS',
) {
  const t = standin.state.transactions.get(outNo(paymentId));
  standin.state.refunds.set(outNo(refundId), {
    outRefundNo: outNo(refundId),
    refundId: `50${randomBytes(12).toString('hex')}`,
    outTradeNo: outNo(paymentId),
    transactionId: t?.transactionId ?? '4200000000000000000000000000',
    refund: fen,
    total: t?.amountTotal ?? fen,
    status,
    createdAt: when,
    successTime: status === 'SUCCESS' ? wechatTime(when) : undefined,
  });
}

function plantedLine(outTradeNo: string, fen: number, when: Date): BillLine {
  return {
    tradeTime: wechatTime(when).slice(0, 19).replace('T', ' '),
    appId: merchant.appId,
    mchid: merchant.mchid,
    subMchid: '0',
    deviceInfo: '',
    transactionId: `42${randomBytes(13).toString('hex')}`,
    outTradeNo,
    openid: 'oSomeoneElse',
    tradeType: 'JSAPI',
    tradeState: 'SUCCESS',
    bankType: 'OTHERS',
    currency: 'CNY',
    settlementFen: fen,
    couponFen: 0,
    refundId: '',
    outRefundNo: '',
    refundFen: 0,
    rechargeRefundFen: 0,
    refundType: '',
    refundStatus: '',
    body: '未知商品, 含逗号',
    attach: '',
    fee: '0.00000',
    rate: '0.60%',
    totalFen: fen,
    requestedRefundFen: 0,
    rateNote: '',
  };
}

// the fixtures of day D (and one refund requested the day before)
const P = {
  ok1: { id: randomUUID(), fen: 1230 },
  ok2: { id: randomUUID(), fen: 4560 },
  late: { id: randomUUID(), fen: 990 }, // WeChat at 23:59:58 on D, Linli's notification after midnight
  amount: { id: randomUUID(), fen: 2000 }, // the bill says 20.01
  onlyLinli: { id: randomUUID(), fen: 3300 },
  pending: { id: randomUUID(), fen: 1500 }, // WeChat took it, Linli still waits
  simpay: { id: randomUUID(), fen: 700 }, // another provider: never reconciled
};
const R = {
  ok: { id: randomUUID(), paymentId: P.ok1.id, fen: 200 },
  amount: { id: randomUUID(), paymentId: P.ok2.id, fen: 500 }, // the bill says 6.00
  requestedBefore: { id: randomUUID(), paymentId: P.ok2.id, fen: 100 }, // requested D-1, completed D
  onlyLinli: { id: randomUUID(), paymentId: P.ok1.id, fen: 300 },
};
const strangerNo = outNo(randomUUID());

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'linli-wechat-'));
  merchant = generateMerchant(dir);
  standin = await startWechatStandin({ merchant });
  // the sign-in part of the environment is not needed here (its mini-program secret is not made)
  const env = linliEnv(merchant, standin.url, 'http://127.0.0.1:9');
  server = await startTestServer({ wechatPay: loadConfig(env).wechatPay });
  admin = await adminApi(server);

  const noon = at(D, '12:00');
  for (const p of [P.ok1, P.ok2, P.amount, P.onlyLinli]) await linliPayment({ ...p, status: 'succeeded', at: noon });
  await linliPayment({ ...P.late, status: 'succeeded', at: at(addDays(D, 1), '00:00') });
  await linliPayment({ ...P.pending, status: 'pending', at: null });
  await linliPayment({ ...P.simpay, status: 'succeeded', at: noon, provider: 'simpay' });
  for (const p of [P.ok1, P.ok2, P.amount, P.pending]) wechatPaid(p.id, p.fen, noon);
  wechatPaid(P.late.id, P.late.fen, new Date(at(addDays(D, 1), '00:00').getTime() - 2000));
  billPlants(standin.state).amounts.set(outNo(P.amount.id), 2001);
  billPlants(standin.state).lines.push({ billDate: D, line: plantedLine(strangerNo, 4200, noon) });

  const evening = at(D, '18:00');
  for (const r of [R.ok, R.amount, R.requestedBefore, R.onlyLinli])
    await linliRefund({ ...r, status: 'succeeded', at: evening });
  wechatRefunded(R.ok.id, R.ok.paymentId, R.ok.fen, evening);
  wechatRefunded(R.amount.id, R.amount.paymentId, R.amount.fen, evening);
  billPlants(standin.state).amounts.set(outNo(R.amount.id), 600);
  wechatRefunded(
    R.requestedBefore.id,
    R.requestedBefore.paymentId,
    R.requestedBefore.fen,
    at(DAY_BEFORE, '23:00'),
    'PROCESSING',
  );
});

afterAll(async () => {
  await server?.close();
  await standin?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The differences of day D recomputed plainly from the fixtures above. */
function expectedDifferences() {
  return [
    { kind: 'amount_differs', subject: 'payment', outTradeNo: outNo(P.amount.id), linliFen: 2000, wechatFen: 2001 },
    { kind: 'missing_in_linli', subject: 'payment', outTradeNo: strangerNo, linliFen: null, wechatFen: 4200 },
    {
      kind: 'missing_at_wechat',
      subject: 'payment',
      outTradeNo: outNo(P.onlyLinli.id),
      linliFen: 3300,
      wechatFen: null,
    },
    { kind: 'status_differs', subject: 'payment', outTradeNo: outNo(P.pending.id), linliFen: 1500, wechatFen: 1500 },
    {
      kind: 'amount_differs',
      subject: 'refund',
      outTradeNo: outNo(P.ok2.id),
      outRefundNo: outNo(R.amount.id),
      linliFen: 500,
      wechatFen: 600,
    },
    {
      kind: 'missing_at_wechat',
      subject: 'refund',
      outTradeNo: outNo(P.ok1.id),
      outRefundNo: outNo(R.onlyLinli.id),
      linliFen: 300,
      wechatFen: null,
    },
  ]
    .map((d) => ({ outRefundNo: null, ...d }))
    .sort((a, b) =>
      `${a.kind}${a.outTradeNo}${a.outRefundNo}`.localeCompare(`${b.kind}${b.outTradeNo}${b.outRefundNo}`),
    );
}

const shape = (items: any[]) =>
  items
    .map((d) => ({
      kind: d.kind,
      subject: d.subject,
      outTradeNo: d.outTradeNo,
      outRefundNo: d.outRefundNo,
      linliFen: d.linliFen,
      wechatFen: d.wechatFen,
    }))
    .sort((a, b) =>
      `${a.kind}${a.outTradeNo}${a.outRefundNo}`.localeCompare(`${b.kind}${b.outTradeNo}${b.outRefundNo}`),
    );

describe('WeChat Pay reconciliation', () => {
  it('a refund requested the day before is matched on the day it was billed', async () => {
    const res = await admin.post(`/admin/reconciliation/days/${DAY_BEFORE}/run`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', hadStatement: true, wechatRefunds: 1, wechatRefundFen: 100 });
    expect(res.body.differences).toBe(0);
  });

  it('finds every planted difference and nothing else, with the day’s counts and sums', async () => {
    const res = await admin.post(`/admin/reconciliation/days/${D}/run`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      date: D,
      status: 'done',
      hadStatement: true,
      // ok1, ok2, amount (20.01), pending, the stranger's 42.00, the late one at 23:59:58
      wechatPayments: 6,
      wechatPaymentFen: 1230 + 4560 + 2001 + 1500 + 4200 + 990,
      wechatRefunds: 2,
      wechatRefundFen: 200 + 600,
      // ok1, ok2, amount, onlyLinli; the late one is Linli's next day, simpay is not WeChat Pay
      linliPayments: 4,
      linliPaymentFen: 1230 + 4560 + 2000 + 3300,
      linliRefunds: 4,
      linliRefundFen: 200 + 500 + 100 + 300,
      differences: 6,
      unresolved: 6,
    });
    const day = await admin.get(`/admin/reconciliation/days/${D}`);
    expect(day.status).toBe(200);
    expect(shape(day.body.items)).toEqual(expectedDifferences());
    const amount = day.body.items.find((d: any) => d.kind === 'amount_differs' && d.subject === 'payment');
    expect(amount.paymentId).toBe(P.amount.id);
    // the day in the list
    const list = await admin.get(`/admin/reconciliation?from=${addDays(D, -5)}&to=${D}`);
    expect(list.body.configured).toBe(true);
    expect(list.body.items.map((d: any) => d.date)).toEqual([D, DAY_BEFORE]);
    // the .xlsx of the differences: one row per difference under the title and the headers
    const file = await server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/reconciliation/export.xlsx?from=${D}&to=${D}&lang=en`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(file.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as never);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(2 + 6);
    expect(sheet.getRow(2).getCell(4).value).toBe('out_trade_no');
  });

  it('raises one alert in the inbox for the day', async () => {
    const alerts = await rows<{ kind: string; severity: string; details: any }>(
      server.ctx.db,
      sql`select kind, severity, details from operator_alerts where business_key = ${`wechatpay-reconciliation:${D}`}`,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'wechatpay_reconciliation', severity: 'critical' });
    expect(alerts[0].details).toMatchObject({ billDate: D, differences: 6, missing_in_linli: 1 });
    const inbox = await admin.get('/admin/alerts');
    expect(JSON.stringify(inbox.body)).toContain('wechatpay_reconciliation');
  });

  it('a difference is resolved once with a note; a rerun replaces the differences and keeps that resolution', async () => {
    const before = (await admin.get(`/admin/reconciliation/days/${D}`)).body.items;
    const missing = before.find((d: any) => d.kind === 'missing_in_linli');
    expect((await admin.post(`/admin/reconciliation/differences/${missing.id}/resolve`, { note: '' })).status).toBe(
      400,
    );
    const ok = await admin.post(`/admin/reconciliation/differences/${missing.id}/resolve`, {
      note: '他人商户订单，已核实',
    });
    expect(ok.status).toBe(200);
    const again = await admin.post(`/admin/reconciliation/differences/${missing.id}/resolve`, { note: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RESOLVED');
    expect((await admin.post(`/admin/reconciliation/differences/${randomUUID()}/resolve`, { note: 'x' })).status).toBe(
      404,
    );

    const rerun = await admin.post(`/admin/reconciliation/days/${D}/run`);
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ differences: 6, unresolved: 5 });
    const after = (await admin.get(`/admin/reconciliation/days/${D}`)).body.items;
    expect(shape(after)).toEqual(expectedDifferences());
    const kept = after.find((d: any) => d.kind === 'missing_in_linli');
    expect(kept).toMatchObject({ note: '他人商户订单，已核实' });
    expect(kept.resolvedAt).not.toBeNull();
    // still one alert for the day
    const alerts = await rows(
      server.ctx.db,
      sql`select 1 from operator_alerts where kind = 'wechatpay_reconciliation'`,
    );
    expect(alerts).toHaveLength(1);
  });

  it('simultaneous runs of a day give one result', async () => {
    const asked = billPlants(standin.state).requested.length;
    const runs = await Promise.all([1, 2, 3, 4].map(() => admin.post(`/admin/reconciliation/days/${D}/run`)));
    const statuses = runs.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    // a run refused while another holds the day asks WeChat Pay for nothing: one bill fetched per result
    const fetched = billPlants(standin.state).requested.length - asked;
    expect(fetched).toBe(statuses.filter((s) => s === 200).length);
    expect(statuses).toContain(200);
    for (const r of runs.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('RECONCILIATION_RUNNING');
    const after = (await admin.get(`/admin/reconciliation/days/${D}`)).body;
    expect(after.day.status).toBe('done');
    expect(shape(after.items)).toEqual(expectedDifferences());
    const lines = await rows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from reconciliation_lines where bill_date = ${D}::date`,
    );
    expect(lines[0].n).toBe(8);
  });

  it('a file that does not match its SHA1 is refused and the day keeps nothing of it', async () => {
    const plants = billPlants(standin.state);
    plants.tamper = (file) => file.replace('`20.01', '`20.00');
    try {
      const res = await admin.post(`/admin/reconciliation/days/${D}/run`);
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('BILL_FETCH_FAILED');
      const day = (await admin.get(`/admin/reconciliation/days/${D}`)).body;
      expect(day.day).toMatchObject({ status: 'failed' });
      expect(day.day.error).toContain('SHA1');
      // the differences of the last good run stay
      expect(shape(day.items)).toEqual(expectedDifferences());
    } finally {
      plants.tamper = undefined;
    }
    expect((await admin.post(`/admin/reconciliation/days/${D}/run`)).body.status).toBe('done');
  });

  it('a signed download goes to WeChat Pay only', async () => {
    const client = wechatPayClient(server.ctx.config.wechatPay!);
    await expect(client.download('http://127.0.0.1:9/v3/billdownload/file?token=x')).rejects.toMatchObject({
      code: 'DOWNLOAD_URL',
    });
  });

  it('a day WeChat Pay has no bill for (NO_STATEMENT_EXIST): zero lines, no differences', async () => {
    const res = await admin.post(`/admin/reconciliation/days/${EMPTY_DAY}/run`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'done',
      hadStatement: false,
      wechatPayments: 0,
      linliPayments: 0,
      differences: 0,
    });
  });

  it('refuses a day whose bill does not exist yet, bad dates, and changes nothing', async () => {
    const t = await admin.post(`/admin/reconciliation/days/${today()}/run`);
    expect(t.status).toBe(409);
    expect(t.body.error.code).toBe('BILL_NOT_READY');
    expect((await admin.post('/admin/reconciliation/days/2026-02-30/run')).status).toBe(400);
    const old = await admin.post(`/admin/reconciliation/days/${addDays(today(), -200)}/run`);
    expect(old.body.error.code).toBe('BILL_EXPIRED');
    const days = await rows(server.ctx.db, sql`select bill_date from reconciliation_days`);
    expect(days).toHaveLength(3);
  });

  it('the job reconciles yesterday once its bill exists, and only once', async () => {
    // the job as it runs on the day after D+1: D+1 is its yesterday
    const runDay = addDays(D, 2);
    const next = addDays(D, 1);
    const dayOf = () =>
      rows<{ run_id: string; differences: number; linli_payments: number }>(
        server.ctx.db,
        sql`select run_id, differences, linli_payments from reconciliation_days where bill_date = ${next}::date`,
      );
    // before 10:00 Beijing time the bill does not exist: nothing is asked
    await reconcileYesterday(server.ctx.db, server.ctx.config.wechatPay, at(runDay, '09:59'));
    expect(await dayOf()).toHaveLength(0);
    await reconcileYesterday(server.ctx.db, server.ctx.config.wechatPay, at(runDay, '10:15'));
    const first = await dayOf();
    // Linli recorded the late payment on D+1; the bill of D lists it: no difference
    expect(first).toEqual([expect.objectContaining({ differences: 0, linli_payments: 1 })]);
    await reconcileYesterday(server.ctx.db, server.ctx.config.wechatPay, at(runDay, '11:15'));
    expect((await dayOf())[0].run_id).toBe(first[0].run_id);
  });
});

describe('without WeChat Pay', () => {
  it('the console says so and nothing can be run', async () => {
    const plain = await startTestServer();
    try {
      const api = await adminApi(plain);
      const list = await api.get('/admin/reconciliation');
      expect(list.body).toMatchObject({ configured: false, items: [] });
      const run = await api.post(`/admin/reconciliation/days/${D}/run`);
      expect(run.status).toBe(409);
      expect(run.body.error.code).toBe('WECHATPAY_NOT_CONFIGURED');
      await reconcileYesterday(plain.ctx.db, plain.ctx.config.wechatPay);
      expect(await rows(plain.ctx.db, sql`select 1 from reconciliation_days`)).toHaveLength(0);
    } finally {
      await plain.close();
    }
  });
});
