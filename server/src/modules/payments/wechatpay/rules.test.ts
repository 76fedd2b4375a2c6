import { describe, expect, it } from 'vitest';
import {
  appIdFor,
  h5CashierUrl,
  isShopPath,
  paymentNotifyUrl,
  prepayBody,
  publicBase,
  shopUrl,
  transactionProblem,
  wechatTime,
} from './rules.js';

describe('WeChat Pay adapter rules', () => {
  it("notifies Linli's API whether the base names the site or its API", () => {
    for (const base of [
      'https://shop.example.com',
      'https://shop.example.com/',
      'https://shop.example.com/api',
      'https://shop.example.com/api/v1',
    ])
      expect(paymentNotifyUrl({ notifyBaseUrl: base })).toBe(
        'https://shop.example.com/api/v1/payments/wechatpay/notify',
      );
    expect(publicBase('https://example.com/linli/api')).toBe('https://example.com/linli');
    expect(shopUrl({ notifyBaseUrl: 'https://example.com/linli' }, '/shop/orders/1')).toBe(
      'https://example.com/linli/shop/orders/1',
    );
  });

  it('sends the payer back only to a path of the shop', () => {
    expect(isShopPath('/shop/orders/abc')).toBe(true);
    expect(isShopPath('/shop/me/membership/welcome?order=1')).toBe(true);
    for (const bad of [
      '//evil.example.com',
      'https://evil.example.com',
      '/shop//evil.example.com',
      '/admin',
      '/shop\\x',
      '/shop/ x',
    ])
      expect(isShopPath(bad)).toBe(false);
  });

  it('pays the mini-program under its own app id, and refuses it when none is configured', () => {
    expect(appIdFor({ appId: 'wxA', miniProgramAppId: 'wxM' }, 'miniprogram')).toBe('wxM');
    expect(appIdFor({ appId: 'wxA' }, 'jsapi')).toBe('wxA');
    expect(appIdFor({ appId: 'wxA' }, 'miniprogram')).toBeUndefined();
  });

  it('builds the prepay bodies of the specification', () => {
    const input = {
      appId: 'wxA',
      mchid: '1900009191',
      outTradeNo: '0123456789abcdef0123456789abcdef',
      description: '邻里优选-订单 LL00000001',
      notifyUrl: 'https://shop.example.com/api/v1/payments/wechatpay/notify',
      amountFen: 1990,
      expiresAt: new Date('2026-12-06T01:15:00Z'),
    };
    expect(prepayBody({ ...input, channel: 'jsapi', openid: 'o1' })).toEqual({
      appid: 'wxA',
      mchid: '1900009191',
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: '2026-12-06T09:15:00+08:00',
      notify_url: input.notifyUrl,
      amount: { total: 1990, currency: 'CNY' },
      payer: { openid: 'o1' },
    });
    expect(prepayBody({ ...input, channel: 'h5', payerIp: '10.0.0.1' })).toMatchObject({
      scene_info: { payer_client_ip: '10.0.0.1', h5_info: { type: 'Wap' } },
    });
    expect(wechatTime(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T04:00:00+08:00');
  });

  it("appends the way back to WeChat Pay's H5 page", () => {
    expect(
      h5CashierUrl(
        'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2',
        'https://s/shop/orders/1',
      ),
    ).toBe(
      'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2&redirect_url=https%3A%2F%2Fs%2Fshop%2Forders%2F1',
    );
  });

  it('applies only a transaction of this merchant, its apps, with an id and the amount of the payment', () => {
    const known = { amountFen: 1990, appIds: ['wxA', 'wxM'], mchid: '1900009191' };
    const t = {
      appid: 'wxM',
      mchid: '1900009191',
      out_trade_no: 'x',
      transaction_id: '4200000001',
      trade_state: 'SUCCESS',
      amount: { total: 1990 },
    };
    expect(transactionProblem(t, known)).toBeUndefined();
    expect(transactionProblem({ ...t, mchid: '1' }, known)).toBe('mchid differs');
    expect(transactionProblem({ ...t, appid: 'wxZ' }, known)).toBe('appid differs');
    expect(transactionProblem({ ...t, transaction_id: undefined }, known)).toBe('transaction_id missing');
    expect(transactionProblem({ ...t, amount: { total: 1991 } }, known)).toBe('amount differs');
    expect(transactionProblem({ ...t, amount: undefined }, known)).toBe('amount missing');
    expect(transactionProblem({ ...t, amount: { total: 1991 } }, { ...known, amountFen: undefined })).toBeUndefined();
  });
});
