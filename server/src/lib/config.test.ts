import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, loadConfig, validateProduction } from './config.js';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../demo/data.js';

const strong = 'x'.repeat(32);
const fit = {
  NODE_ENV: 'production',
  LINLI_ADMIN_PHONE: '13800000001',
  LINLI_ADMIN_PASSWORD: 'a-long-admin-password',
  LINLI_SMS_PROVIDER: 'webhook',
  LINLI_SMS_WEBHOOK_URL: 'https://sms.example.com/send',
  LINLI_SMS_WEBHOOK_SECRET: strong,
};

describe('production validation', () => {
  it('asks nothing outside production, where the defaults stay convenient', () => {
    expect(validateProduction({})).toEqual([]);
    expect(validateProduction({ LINLI_ADMIN_PASSWORD: 'short', LINLI_SIMPAY: '1' })).toEqual([]);
    const config = loadConfig({});
    expect(config).toMatchObject({ production: false, demo: true, simpay: true, smsVerify: false, scryptLogN: 17 });
    expect(config.simpaySecret).toBe('linli-dev-simpay-secret');
  });

  it('accepts a fit production environment, with no demo, no simulated payments and SMS verification on', () => {
    expect(validateProduction(fit)).toEqual([]);
    expect(loadConfig(fit)).toMatchObject({ production: true, demo: false, simpay: false, smsVerify: true });
    // LINLI_ENV works the same as NODE_ENV
    const { NODE_ENV: _, ...viaLinliEnv } = fit;
    expect(loadConfig({ ...viaLinliEnv, LINLI_ENV: 'production' })).toMatchObject({
      production: true,
      demo: false,
      simpay: false,
    });
    // only an explicit 1 turns the demo and the simulated provider on; LINLI_SMS_VERIFY=0 turns SMS off
    expect(
      loadConfig({ ...fit, LINLI_DEMO: '1', LINLI_SIMPAY: '1', LINLI_SIMPAY_SECRET: strong, LINLI_SMS_VERIFY: '0' }),
    ).toMatchObject({ demo: true, simpay: true, smsVerify: false });
    expect(loadConfig({ ...fit, LINLI_DEMO: 'yes', LINLI_SIMPAY: 'true' })).toMatchObject({
      demo: false,
      simpay: false,
    });
    expect(loadConfig({ LINLI_SMS_VERIFY: '1' }).smsVerify).toBe(true);
  });

  it('names the variable of each secret that is missing, built in or shorter than 32 characters', () => {
    const simpay = { ...fit, LINLI_SIMPAY: '1' };
    expect(validateProduction(simpay)).toEqual([
      'LINLI_SIMPAY_SECRET is not set; production needs a secret of at least 32 characters',
    ]);
    expect(validateProduction({ ...simpay, LINLI_SIMPAY_SECRET: 'linli-dev-simpay-secret' })).toEqual([
      'LINLI_SIMPAY_SECRET is a built-in default; set a secret of your own',
    ]);
    expect(validateProduction({ ...simpay, LINLI_SIMPAY_SECRET: 'x'.repeat(31) })).toEqual([
      'LINLI_SIMPAY_SECRET is shorter than 32 characters',
    ]);
    expect(validateProduction({ ...simpay, LINLI_SIMPAY_SECRET: strong })).toEqual([]);
    expect(validateProduction({ ...fit, LINLI_SMS_WEBHOOK_SECRET: 'short' })).toEqual([
      'LINLI_SMS_WEBHOOK_SECRET is shorter than 32 characters',
    ]);
    expect(validateProduction({ ...fit, LINLI_SMS_WEBHOOK_URL: '' })).toEqual([
      'LINLI_SMS_WEBHOOK_URL is not set; the webhook SMS provider needs it',
    ]);
    const aliyun = {
      ...fit,
      LINLI_SMS_PROVIDER: 'aliyun',
      LINLI_ALIYUN_ACCESS_KEY_ID: 'LTAI-id',
      LINLI_ALIYUN_ACCESS_KEY_SECRET: 'secret',
      LINLI_ALIYUN_SMS_SIGN_NAME: '邻里',
      LINLI_ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
    };
    expect(validateProduction(aliyun)).toEqual([]);
    expect(validateProduction({ ...aliyun, LINLI_ALIYUN_ACCESS_KEY_SECRET: '' })).toEqual([
      'LINLI_ALIYUN_ACCESS_KEY_SECRET is not set; the aliyun SMS provider needs it',
    ]);
  });

  it('refuses an admin password shorter than 12 characters or published with the demo', () => {
    expect(validateProduction({ ...fit, LINLI_ADMIN_PASSWORD: 'elevenchars' })).toEqual([
      'LINLI_ADMIN_PASSWORD is shorter than 12 characters',
    ]);
    expect(validateProduction({ ...fit, LINLI_ADMIN_PASSWORD: 'twelve-chars' })).toEqual([]);
    for (const demo of ['linli-admin', 'linli-demo']) {
      expect(validateProduction({ ...fit, LINLI_ADMIN_PASSWORD: demo })).toEqual([
        'LINLI_ADMIN_PASSWORD is a demo password; choose your own',
      ]);
    }
    // the list production refuses is the demo's own
    expect([...DEMO_PASSWORDS].sort()).toEqual([DEMO_ADMIN.password, DEMO_PASSWORD].sort());
  });

  it('refuses a lowered password-hashing cost and an SMS step nobody could receive', () => {
    expect(validateProduction({ ...fit, LINLI_SCRYPT_LOG_N: '12' })).toEqual([
      'LINLI_SCRYPT_LOG_N lowers password hashing below its production strength; unset it',
    ]);
    expect(validateProduction({ ...fit, LINLI_SCRYPT_LOG_N: '17' })).toEqual([]);
    const { LINLI_SMS_PROVIDER: _, ...logProvider } = fit;
    expect(validateProduction(logProvider)).toEqual([
      'LINLI_SMS_PROVIDER must be webhook or aliyun while SMS verification is on (LINLI_SMS_VERIFY=0 turns it off)',
    ]);
    expect(validateProduction({ ...logProvider, LINLI_SMS_VERIFY: '0' })).toEqual([]);
  });

  it('reports every problem at once, one line each', () => {
    const problems = validateProduction({
      NODE_ENV: 'production',
      LINLI_SIMPAY: '1',
      LINLI_ADMIN_PASSWORD: 'linli-admin',
    });
    expect(problems).toHaveLength(3);
    expect(problems.every((p) => /^LINLI_[A-Z_]+ /.test(p) && !p.includes('\n'))).toBe(true);
  });
});

describe('LINLI_TRUST_PROXY', () => {
  it('is off unless set, and takes addresses, CIDR ranges, range names or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ LINLI_TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ LINLI_TRUST_PROXY: ' 10.0.0.5 , 192.168.0.0/16,::1,fd00::/8,loopback ' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ LINLI_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it.each([
    ['true', 'is not an address or CIDR range'],
    ['*', 'is not an address or CIDR range'],
    ['10.0.0.256', 'is not an address or CIDR range'],
    ['10.0.0.0/33', 'whose prefix is not 0 to 32'],
    ['10.0.0.0/8/1', 'is not an address or CIDR range'],
    ['0.0.0.0/0', 'would trust every address'],
    ['::/0', 'would trust every address'],
    ['10.0.0.1,,10.0.0.2', 'has an empty entry'],
    ['0', 'allows 1 to 10 hops'],
    ['11', 'allows 1 to 10 hops'],
  ])('refuses "%s", naming the variable', (value, why) => {
    expect(() => loadConfig({ LINLI_TRUST_PROXY: value })).toThrow(/^LINLI_TRUST_PROXY /);
    expect(() => loadConfig({ LINLI_TRUST_PROXY: value })).toThrow(why);
  });
});

describe('WeChat Pay (LINLI_WECHATPAY)', () => {
  const pay = {
    LINLI_WECHATPAY: '1',
    LINLI_WECHATPAY_MCHID: '1900009191',
    LINLI_WECHATPAY_APPID: 'wxd678efh567hg6787',
    LINLI_WECHATPAY_SERIAL_NO: 'ABC123',
    LINLI_WECHATPAY_PRIVATE_KEY_FILE: '/etc/linli/apiclient_key.pem',
    LINLI_WECHATPAY_APIV3_KEY_FILE: '/etc/linli/apiv3.key',
    LINLI_WECHATPAY_NOTIFY_BASE_URL: 'https://shop.example.com/api/v1',
  };

  it('is off unless switched on, and on with its settings (WeChat Pay itself by default, 5 minutes before asking)', () => {
    expect(loadConfig({}).wechatPay).toBeUndefined();
    expect(loadConfig(pay).wechatPay).toMatchObject({
      baseUrl: 'https://api.mch.weixin.qq.com',
      mchid: '1900009191',
      appId: 'wxd678efh567hg6787',
      notifyBaseUrl: 'https://shop.example.com/api/v1',
      queryAfterMinutes: 5,
    });
  });

  it('names each missing setting, and refuses a public key without its id', () => {
    for (const name of Object.keys(pay).filter((n) => n !== 'LINLI_WECHATPAY' && n !== 'LINLI_WECHATPAY_APPID')) {
      expect(() => loadConfig({ ...pay, [name]: '' })).toThrow(name);
    }
    expect(() => loadConfig({ ...pay, LINLI_WECHATPAY_PUBLIC_KEY_FILE: '/etc/linli/pub.pem' })).toThrow(
      'LINLI_WECHATPAY_PUBLIC_KEY_ID',
    );
    expect(() => loadConfig({ ...pay, LINLI_WECHATPAY_QUERY_AFTER_MINUTES: '0' })).toThrow('1 to 60');
  });

  it('refuses plain http in production: towards WeChat Pay and for the notifications', () => {
    const prod = { ...pay, NODE_ENV: 'production' };
    expect(loadConfig(prod).wechatPay?.baseUrl).toBe('https://api.mch.weixin.qq.com');
    expect(() => loadConfig({ ...prod, LINLI_WECHATPAY_BASE_URL: 'http://127.0.0.1:3999' })).toThrow(
      'LINLI_WECHATPAY_BASE_URL must be https in production',
    );
    expect(() => loadConfig({ ...prod, LINLI_WECHATPAY_NOTIFY_BASE_URL: 'http://shop.example.com/api/v1' })).toThrow(
      'LINLI_WECHATPAY_NOTIFY_BASE_URL must be https in production',
    );
    // outside production the local stand-in is plain http
    expect(loadConfig({ ...pay, LINLI_WECHATPAY_BASE_URL: 'http://127.0.0.1:3999' }).wechatPay?.baseUrl).toBe(
      'http://127.0.0.1:3999',
    );
  });
});
