import { createCipheriv, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authorization,
  checkBody,
  decryptResource,
  encryptResource,
  jsapiPayParams,
  outNo,
  parseAuthorization,
  signBody,
  uuidFromOutNo,
} from './crypto.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APIV3 = '0123456789abcdef0123456789abcdef';
const verifyWith = (message: string, signature: string) =>
  createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');

describe('WeChat Pay v3 signing', () => {
  it('signs a request over the five lines the specification names, and the header carries its fields', () => {
    const body = '{"appid":"wx1","mchid":"1900000001"}';
    const header = authorization(
      { mchid: '1900000001', serialNo: '5157F09EFDC096DE15EBE81A47057A72', privateKey },
      'post',
      '/v3/pay/transactions/jsapi',
      body,
      1554208460,
      '593BEC0C930BF1AFEB40B4A08C8FB242',
    );
    const fields = parseAuthorization(header);
    expect(fields).toMatchObject({
      mchid: '1900000001',
      nonce_str: '593BEC0C930BF1AFEB40B4A08C8FB242',
      timestamp: '1554208460',
      serial_no: '5157F09EFDC096DE15EBE81A47057A72',
    });
    const message = `POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n${body}\n`;
    expect(verifyWith(message, fields!.signature)).toBe(true);
    // a GET signs an empty body line
    const get = parseAuthorization(
      authorization({ mchid: 'm', serialNo: 's', privateKey }, 'GET', '/v3/certificates', '', 1, 'n'),
    );
    expect(verifyWith('GET\n/v3/certificates\n1\nn\n\n', get!.signature)).toBe(true);
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeUndefined();
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });

  it('checks a signed body: the key by serial, 5 minutes of skew, the raw bytes', () => {
    const body = '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}';
    const now = 1_700_000_000;
    const headers = {
      timestamp: String(now),
      nonce: 'abc',
      serial: 'PUB_KEY_ID_1',
      signature: createSign('RSA-SHA256').update(`${now}\nabc\n${body}\n`).sign(privateKey, 'base64'),
    };
    const keys = (serial: string) => (serial === 'PUB_KEY_ID_1' ? publicKey : undefined);
    expect(checkBody(body, headers, keys, now + 299)).toBe('ok');
    expect(checkBody(body, headers, keys, now + 301)).toBe('stale');
    expect(checkBody(body, headers, keys, now - 301)).toBe('stale');
    expect(checkBody(body, { ...headers, serial: 'OTHER' }, keys, now)).toBe('unknown_serial');
    // re-serialised JSON (a space) is not what was signed
    expect(checkBody(body.replace(':', ': '), headers, keys, now)).toBe('bad_signature');
    expect(checkBody(body, { ...headers, signature: 'not base64!' }, keys, now)).toBe('bad_signature');
    // and the stand-in's side signs the same way
    expect(checkBody(body, signBody(body, { serial: 'PUB_KEY_ID_1', privateKey }, now), keys, now)).toBe('ok');
  });

  it('decrypts a resource encrypted with AES-256-GCM, the tag at the end, and refuses a changed one', () => {
    const plaintext = '{"out_trade_no":"abc","amount":{"total":990}}';
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(APIV3), Buffer.from('0123456789ab'));
    cipher.setAAD(Buffer.from('transaction'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString(
      'base64',
    );
    const resource = {
      algorithm: 'AEAD_AES_256_GCM' as const,
      ciphertext,
      nonce: '0123456789ab',
      associated_data: 'transaction',
    };
    expect(decryptResource(resource, APIV3)).toBe(plaintext);
    expect(() => decryptResource({ ...resource, associated_data: 'other' }, APIV3)).toThrow();
    expect(() => decryptResource(resource, 'fedcba9876543210fedcba9876543210')).toThrow();
    const again = encryptResource(plaintext, APIV3, 'transaction', 'transaction');
    expect(decryptResource(again, APIV3)).toBe(plaintext);
  });

  it("signs the page's payment parameters over appId, timeStamp, nonceStr and package", () => {
    const p = jsapiPayParams(
      'wx8888888888888888',
      'wx201410272009395522657a690389285100',
      privateKey,
      1_414_561_699_000,
    );
    expect(p).toMatchObject({
      appId: 'wx8888888888888888',
      timeStamp: '1414561699',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    expect(verifyWith(`wx8888888888888888\n1414561699\n${p.nonceStr}\n${p.package}\n`, p.paySign)).toBe(true);
  });

  it('turns a UUID into a 32-character merchant number and back', () => {
    const id = '01a24c3d-583b-7170-a35c-0955e10d66f4';
    expect(outNo(id)).toMatch(/^[0-9a-f]{32}$/);
    expect(uuidFromOutNo(outNo(id))).toBe(id);
    expect(uuidFromOutNo('short')).toBeUndefined();
  });
});
