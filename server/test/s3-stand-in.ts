import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An S3 server in the test process, faithful to what Linli's adapter relies on: path-style
 * addressing, header-based AWS Signature V4 checked against its own keys (computed here
 * independently of the adapter's code), x-amz-content-sha256 checked against the body, and
 * PUT / GET / HEAD / DELETE of objects answered as S3 does, refusals as S3's error XML. There is
 * no MinIO or other S3 server on the machines that run the tests, so this stands in for one.
 */
export interface StandInS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** every request: method, path and the answer's status (and S3 error code) */
  log: { method: string; path: string; status: number; code?: string }[];
  close(): Promise<void>;
}

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const mac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function errorXml(code: string, message: string, resource: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>standin</RequestId></Error>`;
}

export async function startStandInS3(
  opts: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<StandInS3> {
  const bucket = opts.bucket ?? 'linli-media';
  const region = opts.region ?? 'cn-test-1';
  const accessKeyId = opts.accessKeyId ?? 'AKIDSTANDIN000000001';
  const secretAccessKey = opts.secretAccessKey ?? 'stand-in-secret-key-0123456789abcdefghij';
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const log: StandInS3['log'] = [];

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const rawPath = (req.url ?? '/').split('?')[0];
    const fail = (status: number, code: string, message: string) => {
      log.push({ method: req.method ?? '', path: rawPath, status, code });
      const xml = errorXml(code, message, rawPath);
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : xml);
    };

    // --- Signature V4 (header form), as S3 checks it ---
    const auth = req.headers.authorization ?? '';
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return fail(403, 'AccessDenied', 'Missing or malformed Authorization header');
    const [, keyId, date, scopeRegion, signedHeaders, signature] = m;
    if (keyId !== accessKeyId)
      return fail(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist');
    if (scopeRegion !== region)
      return fail(400, 'AuthorizationHeaderMalformed', `the region '${scopeRegion}' is wrong; expecting '${region}'`);
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (!at || amzDate.slice(0, 8) !== date || Math.abs(Date.now() - at) > 15 * 60_000)
      return fail(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large',
      );
    const names = signedHeaders.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256'))
      return fail(403, 'AccessDenied', 'host, x-amz-date and x-amz-content-sha256 must be signed');
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== hex(body))
      return fail(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed",
      );
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonical = [
      req.method,
      rawPath,
      query,
      names
        .map(
          (n) =>
            `${n}:${String(req.headers[n] ?? '')
              .trim()
              .replace(/\s+/g, ' ')}\n`,
        )
        .join(''),
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonical)}`;
    const signingKey = mac(mac(mac(mac(`AWS4${secretAccessKey}`, date), region), 's3'), 'aws4_request');
    const expected = createHmac('sha256', signingKey).update(toSign).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
      return fail(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided',
      );

    // --- path-style addressing: /bucket/key ---
    const [, pathBucket, ...rest] = rawPath.split('/');
    if (pathBucket !== bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const key = decodeURIComponent(rest.join('/'));
    if (!key) return fail(400, 'InvalidRequest', 'An object key is needed');
    const ok = (status: number, headers: Record<string, string> = {}, content?: Buffer) => {
      log.push({ method: req.method ?? '', path: rawPath, status });
      res.writeHead(status, headers);
      res.end(content);
    };
    switch (req.method) {
      case 'PUT': {
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
        return ok(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      }
      case 'GET':
      case 'HEAD': {
        const found = objects.get(key);
        if (!found) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
        const headers = { 'content-type': found.contentType, 'content-length': String(found.body.length) };
        return ok(200, headers, req.method === 'GET' ? found.body : undefined);
      }
      case 'DELETE':
        objects.delete(key);
        return ok(204);
      default:
        return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  };

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
