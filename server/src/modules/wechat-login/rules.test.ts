import { describe, expect, it } from 'vitest';
import { accountFor, accountName, maskOpenid, safeReturnTo, wechatRefusal } from './rules.js';

describe('WeChat sign-in rules', () => {
  it('sends the customer back only to a path of the shop', () => {
    expect(safeReturnTo('/deals?x=1')).toBe('/deals?x=1');
    expect(safeReturnTo(undefined)).toBe('/');
    for (const bad of [
      'https://evil.example.com',
      '//evil.example.com',
      '/\\evil.example.com',
      'deals',
      '/a\nb',
      `/${'x'.repeat(300)}`,
    ])
      expect(safeReturnTo(bad)).toBe('/');
  });

  it('masks openids', () => {
    expect(maskOpenid('oAbCdEfGhIjKlMnOpQrStUvWxYz1')).toBe('oAbC****xYz1');
    expect(maskOpenid('short')).toBe('****');
  });

  it("names a new account after the WeChat nickname, else the phone's last digits", () => {
    expect(accountName('  小王🍊 ', '13912345678')).toBe('小王🍊');
    expect(accountName('', '13912345678')).toBe('微信用户5678');
    expect(accountName(null, '13912345678')).toBe('微信用户5678');
    expect(accountName('a\u0000\u0007', '13912345678')).toBe('a');
    expect([...accountName('字'.repeat(80), '13912345678')]).toHaveLength(50);
  });

  it("maps WeChat's errcodes to what the customer is told", () => {
    for (const errcode of [40029, 40163, 42003])
      expect(wechatRefusal(errcode)).toMatchObject({ code: 'WECHAT_CODE_INVALID', status: 401 });
    for (const errcode of [40013, 40125, -1, 45011])
      expect(wechatRefusal(errcode)).toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503 });
    expect(wechatRefusal(40226)).toMatchObject({ code: 'WECHAT_USER_BLOCKED', status: 403 });
  });

  it('finds the account: its own link, else the unionid linked through another app, else none', () => {
    const known = [
      { userId: 'u1', appId: 'mp', openid: 'o-mp-1', unionid: 'union-1' },
      { userId: 'u2', appId: 'oa', openid: 'o-oa-2', unionid: null },
    ];
    expect(accountFor({ appId: 'oa', openid: 'o-oa-2' }, known)).toEqual({ userId: 'u2', adopt: false });
    expect(accountFor({ appId: 'oa', openid: 'o-oa-1', unionid: 'union-1' }, known)).toEqual({
      userId: 'u1',
      adopt: true,
    });
    expect(accountFor({ appId: 'oa', openid: 'o-oa-1' }, known)).toBeUndefined();
    expect(accountFor({ appId: 'oa', openid: 'o-oa-3', unionid: 'union-9' }, known)).toBeUndefined();
  });
});
