import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BillLine } from './bill.js';
import { differenceKey, matchDay, type LinliPayment, type LinliRefund, type LinliSide } from './match.js';

const hex = (n: number) => n.toString(16).padStart(32, '0');

function payLine(outTradeNo: string, totalFen: number, tradeState = 'SUCCESS'): BillLine {
  return {
    tradeTime: '2026-12-05 10:00:00',
    appId: 'wx1',
    mchid: '1900009191',
    subMchid: '0',
    deviceInfo: '',
    transactionId: `42${outTradeNo.slice(0, 26)}`,
    outTradeNo,
    openid: 'o1',
    tradeType: 'JSAPI',
    tradeState,
    bankType: 'OTHERS',
    currency: 'CNY',
    settlementFen: totalFen,
    couponFen: 0,
    refundId: '',
    outRefundNo: '',
    refundFen: 0,
    rechargeRefundFen: 0,
    refundType: '',
    refundStatus: '',
    body: '',
    attach: '',
    fee: '0.00000',
    rate: '0.60%',
    totalFen,
    requestedRefundFen: 0,
    rateNote: '',
  };
}

function refundLine(outTradeNo: string, outRefundNo: string, fen: number, refundStatus = 'SUCCESS'): BillLine {
  return {
    ...payLine(outTradeNo, 0),
    tradeState: 'REFUND',
    settlementFen: 0,
    refundId: `50${outRefundNo.slice(0, 20)}`,
    outRefundNo,
    refundFen: fen,
    refundType: 'ORIGINAL',
    refundStatus,
    requestedRefundFen: fen,
  };
}

const payment = (n: number, amountFen: number, status = 'succeeded'): LinliPayment => ({
  id: `p${n}`,
  outTradeNo: hex(n),
  amountFen,
  status,
  transactionId: null,
});
const refund = (n: number, paymentN: number, amountFen: number, status = 'succeeded'): LinliRefund => ({
  id: `r${n}`,
  outRefundNo: hex(1_000_000 + n),
  outTradeNo: hex(paymentN),
  amountFen,
  status,
  refundId: null,
});

function side(
  day: { payments?: LinliPayment[]; refunds?: LinliRefund[] },
  others: LinliPayment[] = [],
  otherRefunds: LinliRefund[] = [],
): LinliSide {
  const payments = [...(day.payments ?? []), ...others];
  const refunds = [...(day.refunds ?? []), ...otherRefunds];
  return {
    dayPayments: day.payments ?? [],
    dayRefunds: day.refunds ?? [],
    paymentsByOutNo: new Map(payments.map((p) => [p.outTradeNo, p])),
    refundsByOutNo: new Map(refunds.map((r) => [r.outRefundNo, r])),
    listedOnOtherDays: new Set(),
  };
}

describe('matching a day', () => {
  it('finds nothing when both sides agree', () => {
    const p1 = payment(1, 1230);
    const r1 = refund(1, 1, 200);
    expect(
      matchDay(
        [payLine(p1.outTradeNo, 1230), refundLine(p1.outTradeNo, r1.outRefundNo, 200)],
        side({ payments: [p1], refunds: [r1] }),
      ),
    ).toEqual([]);
  });

  it('finds each kind of difference', () => {
    const ok = payment(1, 500);
    const off = payment(2, 800);
    const unpaid = payment(3, 900, 'pending');
    const onlyLinli = payment(4, 1000);
    const r = refund(1, 1, 300, 'pending');
    const lines = [
      payLine(ok.outTradeNo, 500),
      payLine(off.outTradeNo, 801),
      payLine(unpaid.outTradeNo, 900),
      payLine(hex(99), 4200),
      refundLine(ok.outTradeNo, r.outRefundNo, 300, 'SUCCESS'),
      refundLine(ok.outTradeNo, hex(2_000_000), 100),
    ];
    const found = matchDay(lines, side({ payments: [ok, off, onlyLinli] }, [unpaid], [r]));
    expect(found.map((d) => differenceKey(d)).sort()).toEqual(
      [
        `amount_differs:payment:${off.outTradeNo}`,
        `missing_at_wechat:payment:${onlyLinli.outTradeNo}`,
        `missing_in_linli:payment:${hex(99)}`,
        `missing_in_linli:refund:${hex(2_000_000)}`,
        `status_differs:payment:${unpaid.outTradeNo}`,
        `status_differs:refund:${r.outRefundNo}`,
      ].sort(),
    );
    const amount = found.find((d) => d.kind === 'amount_differs')!;
    expect(amount).toMatchObject({ linliFen: 800, wechatFen: 801, paymentId: off.id });
    const missing = found.find((d) => d.kind === 'missing_in_linli' && d.subject === 'payment')!;
    expect(missing).toMatchObject({ linliFen: null, wechatFen: 4200, paymentId: null });
  });

  it('a Linli record listed by another day’s bill is not missing', () => {
    const late = payment(7, 700);
    const s = side({ payments: [late] });
    expect(matchDay([], s)).toHaveLength(1);
    s.listedOnOtherDays.add(late.outTradeNo);
    expect(matchDay([], s)).toEqual([]);
  });

  it('a line of a record Linli dated another day matches it', () => {
    const yesterday = payment(8, 800);
    expect(matchDay([payLine(yesterday.outTradeNo, 800)], side({}, [yesterday]))).toEqual([]);
  });

  it('agrees with a plain recomputation on any day', () => {
    const day = fc.array(
      fc.record({
        n: fc.integer({ min: 1, max: 40 }),
        linli: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
        wechat: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(day, (entries) => {
        const byN = new Map(entries.map((e) => [e.n, e]));
        const payments = [...byN.values()].filter((e) => e.linli !== undefined).map((e) => payment(e.n, e.linli!));
        const lines = [...byN.values()].filter((e) => e.wechat !== undefined).map((e) => payLine(hex(e.n), e.wechat!));
        const found = matchDay(lines, side({ payments }));
        const expected: string[] = [];
        for (const e of byN.values()) {
          if (e.linli !== undefined && e.wechat === undefined) expected.push(`missing_at_wechat:payment:${hex(e.n)}`);
          if (e.linli === undefined && e.wechat !== undefined) expected.push(`missing_in_linli:payment:${hex(e.n)}`);
          if (e.linli !== undefined && e.wechat !== undefined && e.linli !== e.wechat)
            expected.push(`amount_differs:payment:${hex(e.n)}`);
        }
        expect(found.map(differenceKey).sort()).toEqual(expected.sort());
      }),
    );
  });
});
