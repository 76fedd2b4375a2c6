import { execFileSync } from 'node:child_process';
import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keys for a stand-in merchant, generated fresh: the merchant's API key pair (Linli signs with the
 * private half, the stand-in checks with the public half), the APIv3 key both share, and WeChat
 * Pay's signing key in either mode — one public key with a PUB_KEY_ID_ id, or platform certificates
 * (made with the openssl command) that Linli downloads from /v3/certificates. Written to files as an
 * operator would keep them, with the environment that points Linli at them.
 */
export interface PlatformKey {
  /** PUB_KEY_ID_… or a certificate's serial number */
  serial: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PEM, in certificate mode */
  certificate?: string;
}

export interface StandinMerchant {
  mchid: string;
  appId: string;
  miniProgramAppId: string;
  /** the mini-program's AppSecret (its sign-in; paying in the mini-program needs the payer's openid from it) */
  miniProgramSecret: string;
  merchantSerial: string;
  merchantPublicKey: KeyObject;
  apiV3Key: string;
  mode: 'public_key' | 'certificate';
  /** the keys WeChat Pay signs with; the last one signs, the older ones stay known (a rotation) */
  platform: PlatformKey[];
  dir: string;
}

const hexSerial = () => randomBytes(20).toString('hex').toUpperCase();

function platformKey(dir: string, mode: StandinMerchant['mode'], n: number): PlatformKey {
  if (mode === 'public_key') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { serial: `PUB_KEY_ID_0114${hexSerial().slice(0, 28)}`, privateKey, publicKey };
  }
  const keyFile = join(dir, `platform_${n}_key.pem`);
  const certFile = join(dir, `platform_${n}_cert.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '30',
      '-subj',
      '/C=CN/O=Tenpay.com/CN=Tenpay.com Root CA',
      '-set_serial',
      `0x${hexSerial()}`,
    ],
    { stdio: 'ignore' },
  );
  const certificate = readFileSync(certFile, 'utf8');
  const x509 = new X509Certificate(certificate);
  return {
    serial: x509.serialNumber.toUpperCase(),
    privateKey: createPrivateKey(readFileSync(keyFile)),
    publicKey: x509.publicKey,
    certificate,
  };
}

export function generateMerchant(dir: string, mode: StandinMerchant['mode'] = 'public_key'): StandinMerchant {
  mkdirSync(dir, { recursive: true });
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'apiclient_key.pem'), merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  const apiV3Key = randomBytes(16).toString('hex');
  writeFileSync(join(dir, 'apiv3.key'), apiV3Key, { mode: 0o600 });
  const miniProgramSecret = randomBytes(16).toString('hex');
  writeFileSync(join(dir, 'mp_secret'), miniProgramSecret, { mode: 0o600 });
  const result: StandinMerchant = {
    mchid: '1900009191',
    appId: 'wxd678efh567hg6787',
    miniProgramAppId: 'wx5f6e7d8c9b0a1f2e',
    miniProgramSecret,
    merchantSerial: hexSerial(),
    merchantPublicKey: createPublicKey(merchant.privateKey),
    apiV3Key,
    mode,
    platform: [],
    dir,
  };
  rotatePlatformKey(result);
  return result;
}

/**
 * A new WeChat Pay signing key. Platform certificates rotate (the new one is served beside the old
 * and signs from now on); a WeChat Pay public key is configured once with its id, so it is made once.
 */
export function rotatePlatformKey(m: StandinMerchant): PlatformKey {
  if (m.mode === 'public_key' && m.platform.length > 0)
    throw new Error('a WeChat Pay public key is not rotated; platform certificates are');
  const key = platformKey(m.dir, m.mode, m.platform.length);
  m.platform.push(key);
  if (m.mode === 'public_key')
    writeFileSync(join(m.dir, 'wechatpay_pub.pem'), key.publicKey.export({ type: 'spki', format: 'pem' }));
  return key;
}

export const currentPlatformKey = (m: StandinMerchant) => m.platform[m.platform.length - 1];

/** The environment that points Linli's WeChat Pay at this merchant and the stand-in at `url`. */
export function linliEnv(m: StandinMerchant, standinUrl: string, linliUrl: string): Record<string, string> {
  return {
    LINLI_WECHATPAY: '1',
    LINLI_WECHATPAY_BASE_URL: standinUrl,
    LINLI_WECHATPAY_MCHID: m.mchid,
    LINLI_WECHATPAY_APPID: m.appId,
    LINLI_WECHAT_MP_APPID: m.miniProgramAppId,
    LINLI_WECHAT_MP_SECRET_FILE: join(m.dir, 'mp_secret'),
    LINLI_WECHATPAY_SERIAL_NO: m.merchantSerial,
    LINLI_WECHATPAY_PRIVATE_KEY_FILE: join(m.dir, 'apiclient_key.pem'),
    LINLI_WECHATPAY_APIV3_KEY_FILE: join(m.dir, 'apiv3.key'),
    LINLI_WECHATPAY_NOTIFY_BASE_URL: linliUrl,
    ...(m.mode === 'public_key'
      ? {
          LINLI_WECHATPAY_PUBLIC_KEY_FILE: join(m.dir, 'wechatpay_pub.pem'),
          LINLI_WECHATPAY_PUBLIC_KEY_ID: m.platform[0].serial,
        }
      : {}),
  };
}
