import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInS3, type StandInS3 } from '../../test/s3-stand-in.js';
import { S3Error, S3Storage, signV4 } from './s3.js';
import { createStorage } from './storage.js';
import { loadConfig, validateProduction } from './config.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('Signature V4', () => {
  // The worked example "GET Object" of the S3 Signature Version 4 documentation (header-based auth).
  it('reproduces the published GET Object example', () => {
    const { authorization } = signV4({
      method: 'GET',
      path: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      amzDate: '20130524T000000Z',
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('S3Storage against a stand-in S3 server', () => {
  let s3: StandInS3;
  beforeAll(async () => {
    s3 = await startStandInS3();
  });
  afterAll(() => s3.close());

  const storage = (over: Partial<{ secretAccessKey: string; accessKeyId: string; bucket: string }> = {}) =>
    new S3Storage({
      endpoint: s3.endpoint,
      bucket: over.bucket ?? s3.bucket,
      region: s3.region,
      accessKeyId: over.accessKeyId ?? s3.accessKeyId,
      secretAccessKey: over.secretAccessKey ?? s3.secretAccessKey,
      pathStyle: true,
    });

  it('puts, gets and deletes objects with signed requests', async () => {
    const body = Buffer.from('RIFF\0\0\0\0WEBPVP8 pretend picture bytes');
    await storage().put('products/abc123-800.webp', body, 'image/webp');
    expect(s3.objects.get('products/abc123-800.webp')?.body.equals(body)).toBe(true);
    const got = await storage().get('products/abc123-800.webp');
    expect(got?.body.equals(body)).toBe(true);
    expect(got?.contentType).toBe('image/webp');
    expect(await storage().get('products/missing.webp')).toBeNull();
    await storage().delete('products/abc123-800.webp');
    expect(s3.objects.has('products/abc123-800.webp')).toBe(false);
    expect(await storage().get('products/abc123-800.webp')).toBeNull();
    // deleting what is not there is not an error, as in S3
    await storage().delete('products/abc123-800.webp');
    expect(storage().url('products/abc123-800.webp')).toBe('/media/products/abc123-800.webp');
  });

  it('is refused with a wrong secret, a wrong key id or a wrong bucket, and stores nothing', async () => {
    const before = s3.objects.size;
    const wrongSecret = storage({ secretAccessKey: `${s3.secretAccessKey}x` });
    const err = await wrongSecret.put('products/x.webp', Buffer.from('x'), 'image/webp').catch((e) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    await expect(wrongSecret.get('products/x.webp')).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(
      storage({ accessKeyId: 'AKIDNOBODY' }).put('products/x.webp', Buffer.from('x'), 'image/webp'),
    ).rejects.toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    await expect(
      storage({ bucket: 'other' }).put('products/x.webp', Buffer.from('x'), 'image/webp'),
    ).rejects.toMatchObject({ status: 404, code: 'NoSuchBucket' });
    expect(s3.objects.size).toBe(before);
    expect(s3.log.filter((l) => l.code === 'SignatureDoesNotMatch').length).toBe(2);
  });

  it('signs the body: bytes changed after signing are refused', async () => {
    // the stand-in checks x-amz-content-sha256 against what arrived
    const signedFor = createHash('sha256').update('one').digest('hex');
    const res = await fetch(`${s3.endpoint}/${s3.bucket}/products/y.webp`, {
      method: 'PUT',
      headers: { 'x-amz-content-sha256': signedFor, authorization: 'AWS4-HMAC-SHA256 nonsense' },
      body: 'two',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('never stores under a key that could leave its folder', async () => {
    await expect(storage().put('../etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toThrow(/storage key/);
  });
});

describe('media configuration', () => {
  const s3Env = {
    LINLI_S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com',
    LINLI_S3_BUCKET: 'linli',
    LINLI_S3_ACCESS_KEY_ID: 'AKID',
  };
  it('keeps files in a folder under the data directory by default, or LINLI_MEDIA_DIR', () => {
    expect(loadConfig({ LINLI_DATA_DIR: '/srv/linli' }).media).toEqual({ dir: '/srv/linli/media', s3: undefined });
    expect(loadConfig({ LINLI_MEDIA_DIR: '/var/pictures' }).media.dir).toBe('/var/pictures');
    expect(createStorage(loadConfig({}).media).kind).toBe('local');
  });

  it('uses object storage when configured, virtual-hosted unless path style is asked for', () => {
    const config = loadConfig({ ...s3Env, LINLI_S3_SECRET_ACCESS_KEY: 's', LINLI_S3_REGION: 'oss-cn-hangzhou' });
    expect(config.media.s3).toEqual({
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      bucket: 'linli',
      region: 'oss-cn-hangzhou',
      accessKeyId: 'AKID',
      secretAccessKey: 's',
      pathStyle: false,
    });
    expect(createStorage(config.media).kind).toBe('s3');
    expect(() => loadConfig({ ...s3Env, LINLI_S3_BUCKET: '', LINLI_S3_SECRET_ACCESS_KEY: 's' })).toThrow(
      /LINLI_S3_BUCKET/,
    );
    expect(() => loadConfig({ ...s3Env })).toThrow(/LINLI_S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...s3Env, LINLI_S3_ENDPOINT: 'oss.example' })).toThrow(/LINLI_S3_ENDPOINT/);
  });

  it('production refuses object storage without its secret', () => {
    const problems = validateProduction({ NODE_ENV: 'production', ...s3Env });
    expect(problems.some((p) => p.startsWith('LINLI_S3_SECRET_ACCESS_KEY is not set'))).toBe(true);
    const fine = validateProduction({ NODE_ENV: 'production', ...s3Env, LINLI_S3_SECRET_ACCESS_KEY: 's' });
    expect(fine.some((p) => p.includes('LINLI_S3'))).toBe(false);
    expect(validateProduction({ NODE_ENV: 'production' }).some((p) => p.includes('LINLI_S3'))).toBe(false);
  });
});
