import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BILL_HEADER,
  BillFormatError,
  fenToYuan,
  formatBill,
  parseBill,
  summarize,
  yuanToFen,
  type BillLine,
} from './bill.js';

const text = fc.stringMatching(/^[A-Za-z0-9_\-|*. :%\u4e00-\u9fa5,]{0,20}$/).filter((s) => !s.includes(',`'));
const fen = fc.integer({ min: 0, max: 100_000_000 });

const line: fc.Arbitrary<BillLine> = fc.record({
  tradeTime: fc.constant('2026-12-05 10:34:56'),
  appId: text,
  mchid: text,
  subMchid: fc.constant('0'),
  deviceInfo: text,
  transactionId: fc.stringMatching(/^\d{28}$/),
  outTradeNo: fc.stringMatching(/^[0-9a-f]{32}$/),
  openid: text,
  tradeType: fc.constantFrom('JSAPI', 'MWEB'),
  tradeState: fc.constantFrom('SUCCESS', 'REFUND', 'REVOKED'),
  bankType: text,
  currency: fc.constant('CNY'),
  settlementFen: fen,
  couponFen: fen,
  refundId: text,
  outRefundNo: text,
  refundFen: fen,
  rechargeRefundFen: fen,
  refundType: fc.constantFrom('', 'ORIGINAL', 'BALANCE'),
  refundStatus: fc.constantFrom('', 'SUCCESS', 'PROCESSING'),
  // product names and the merchant's data may hold commas: WeChat Pay does not quote them
  body: text,
  attach: text,
  fee: fc.constantFrom('0.00600', '-0.01200', '0.00000'),
  rate: fc.constant('0.60%'),
  totalFen: fen,
  requestedRefundFen: fen,
  rateNote: text,
});

describe('yuan and fen', () => {
  it('reads yuan exactly, without floating point error', () => {
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('1.10')).toBe(110);
    // 0.29 * 100 = 28.999999999999996 in floating point
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1234567.89')).toBe(123456789);
    expect(yuanToFen('-3.05')).toBe(-305);
  });

  it('refuses what is not yuan with at most two decimals', () => {
    for (const bad of ['', '1.234', '1,00', '¥1.00', '1e3', ' 1.00', '.5', 'abc'])
      expect(() => yuanToFen(bad)).toThrow(BillFormatError);
  });

  it('fen → yuan → fen is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (n) => {
        expect(yuanToFen(fenToYuan(n))).toBe(n);
      }),
    );
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(1200)).toBe('12.00');
  });
});

describe('the trade bill', () => {
  it('parse(format(lines)) gives the lines back', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const bill = parseBill(formatBill(lines));
        expect(bill.lines).toEqual(lines);
        expect(bill.summary).toEqual(summarize(lines));
      }),
    );
  });

  it('reads the published layout: backticks, yuan, the summary after its header', () => {
    const file = [
      BILL_HEADER.join(','),
      '`2026-12-05 10:34:56,`wxd678efh567hg6787,`1900009191,`0,`,`4200000001202612051234567890,`0f1e2d3c4b5a69788796a5b4c3d2e1f0,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.30,`0.00,`,`,`0.00,`0.00,`,`,`鲜橙 3斤装,`,`0.07380,`0.60%,`12.30,`0.00,`',
      '`2026-12-05 18:00:01,`wxd678efh567hg6787,`1900009191,`0,`,`4200000001202612051234567890,`0f1e2d3c4b5a69788796a5b4c3d2e1f0,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000012026120500000001,`aa1e2d3c4b5a69788796a5b4c3d2e1f0,`2.00,`0.00,`ORIGINAL,`SUCCESS,`鲜橙 3斤装,`,`-0.01200,`0.60%,`0.00,`2.00,`',
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      '`2,`12.30,`2.00,`0.00,`0.06180,`12.30,`2.00',
      '',
    ].join('\r\n');
    const { lines, summary } = parseBill(`\uFEFF${file}`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      tradeState: 'SUCCESS',
      totalFen: 1230,
      outTradeNo: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    });
    expect(lines[1]).toMatchObject({ tradeState: 'REFUND', requestedRefundFen: 200, refundStatus: 'SUCCESS' });
    expect(summary).toMatchObject({ count: 2, totalFen: 1230, refundFen: 200, fee: '0.06180' });
  });

  it('refuses a truncated or altered file', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const rows = formatBill(lines).split('\r\n');
        // a line lost in transit: the summary no longer counts the lines
        const lost = [...rows.slice(0, 1), ...rows.slice(2)].join('\r\n');
        expect(() => parseBill(lost)).toThrow(BillFormatError);
        // the summary cut off
        expect(() => parseBill(rows.slice(0, -3).join('\r\n'))).toThrow(BillFormatError);
      }),
    );
    expect(() => parseBill('交易时间,商户号\r\n')).toThrow(BillFormatError);
  });
});
