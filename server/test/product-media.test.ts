import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { startStandInS3, type StandInS3 } from './s3-stand-in.js';

const SECRET_MARK = 'Linli-Secret-Camera-Owner';
const missing = '00000000-0000-4000-8000-00000000dead';

/** A JPEG as a phone writes it: EXIF with a maker note of ours and a GPS position. */
const jpegWithExif = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .withExif({
      IFD0: { Copyright: SECRET_MARK, Make: 'LinliCam', Model: SECRET_MARK },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .jpeg()
    .toBuffer();
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 30, g: 160, b: 90, alpha: 1 } } })
    .withExif({ IFD0: { Copyright: SECRET_MARK } })
    .png()
    .toBuffer();
const webp = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 240, g: 200, b: 30 } } })
    .withExif({ IFD0: { Copyright: SECRET_MARK } })
    .webp()
    .toBuffer();

async function upload(
  server: TestServer,
  world: World,
  productId: string,
  body: Buffer,
  type = 'image/jpeg',
  token?: string,
) {
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/v1/admin/products/${productId}/images`,
    headers: { authorization: `Bearer ${token ?? world.admin.token}`, 'content-type': type },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

const media = (server: TestServer, url: string) => server.app.inject({ method: 'GET', url });

describe('product pictures on local disk', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('accepts JPEG, PNG and WebP, told from the bytes, stored as WebP at 800 and 240 px without metadata', async () => {
    const productId = world.products[0].id;
    const cases = [
      { body: await jpegWithExif(1600, 1200), type: 'image/jpeg', size: [800, 600], thumb: [240, 180] },
      // the declared type is ignored: a PNG sent as application/octet-stream is still a PNG
      { body: await png(1000, 500), type: 'application/octet-stream', size: [800, 400], thumb: [240, 120] },
      // never enlarged: a small picture keeps its size
      { body: await webp(300, 200), type: 'image/png', size: [300, 200], thumb: [240, 160] },
    ];
    for (const [n, c] of cases.entries()) {
      const res = await upload(server, world, productId, c.body, c.type);
      expect(res.status).toBe(201);
      expect(res.body.images).toHaveLength(n + 1);
      const image = res.body.images[n];
      expect([image.width, image.height]).toEqual(c.size);
      expect([image.thumbWidth, image.thumbHeight]).toEqual(c.thumb);
      expect(image.url).toMatch(/^\/media\/products\/[0-9a-f]{32}-\d+\.webp$/);
      for (const [url, [w, h]] of [
        [image.url, c.size],
        [image.thumbUrl, c.thumb],
      ] as const) {
        const file = await media(server, url);
        expect(file.statusCode).toBe(200);
        expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(file.headers['content-type']).toBe('image/webp');
        const meta = await sharp(file.rawPayload).metadata();
        expect(meta).toMatchObject({ format: 'webp', width: w, height: h });
        expect(meta.exif).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(meta.icc).toBeUndefined();
        expect(file.rawPayload.includes(SECRET_MARK)).toBe(false);
      }
    }
    // the uploads themselves carried the mark, so its absence above means it was removed
    expect((await jpegWithExif(10, 10)).includes(SECRET_MARK)).toBe(true);
    // and the files on disk are exactly what is served: no original kept anywhere
    const dir = join(server.ctx.config.media.dir, 'products');
    const files = await readdir(dir);
    expect(files).toHaveLength(6);
    for (const f of files) {
      expect(f).toMatch(/\.webp$/);
      expect((await readFile(join(dir, f))).includes(SECRET_MARK)).toBe(false);
    }
  });

  it('refuses a renamed non-image, a damaged picture, a GIF and anything over 5 MB, writing nothing', async () => {
    const productId = world.products[1].id;
    const before = await readdir(join(server.ctx.config.media.dir, 'products'));
    const text = await upload(server, world, productId, Buffer.from('just some text named photo.jpg'), 'image/jpeg');
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('UNSUPPORTED_IMAGE');
    const gif = await upload(server, world, productId, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'image/gif');
    expect(gif.body.error.code).toBe('UNSUPPORTED_IMAGE');
    const svg = await upload(
      server,
      world,
      productId,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    );
    expect(svg.body.error.code).toBe('UNSUPPORTED_IMAGE');
    const jpeg = await jpegWithExif(400, 300);
    const damaged = await upload(server, world, productId, jpeg.subarray(0, 40), 'image/jpeg');
    expect(damaged.status).toBe(400);
    expect(damaged.body.error.code).toBe('UNREADABLE_IMAGE');
    const large = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 + 1 - jpeg.length)]);
    const tooLarge = await upload(server, world, productId, large, 'image/jpeg');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await upload(server, world, productId, Buffer.alloc(0), 'image/jpeg');
    expect(empty.status).toBe(400);
    // not an admin; not a product
    expect((await upload(server, world, productId, jpeg, 'image/jpeg', world.leaders[0].api.token)).status).toBe(403);
    expect((await upload(server, world, missing, jpeg)).status).toBe(404);
    expect((await world.admin.get(`/products/${productId}`)).body.images).toEqual([]);
    expect(await readdir(join(server.ctx.config.media.dir, 'products'))).toEqual(before);
  });

  it('orders pictures (first = cover, shown on the deal) and deletes them with their files', async () => {
    const productId = world.products[2].id;
    const item = world.campaign.items.find((i) => i.productId === productId)!;
    const colours = [
      { r: 255, g: 0, b: 0 },
      { r: 0, g: 255, b: 0 },
      { r: 0, g: 0, b: 255 },
    ];
    let images: any[] = [];
    for (const background of colours) {
      const body = await sharp({ create: { width: 500, height: 500, channels: 3, background } })
        .png()
        .toBuffer();
      images = (await upload(server, world, productId, body, 'image/png')).body.images;
    }
    const [red, green, blue] = images;
    const cover = async () =>
      (await world.anon.get('/campaigns/active')).body[0].items.find((d: any) => d.id === item.id).image;
    expect(await cover()).toEqual(red);

    const order = await world.admin.put(`/admin/products/${productId}/images/order`, {
      imageIds: [blue.id, red.id, green.id],
    });
    expect(order.status).toBe(200);
    expect(order.body.images.map((i: any) => i.id)).toEqual([blue.id, red.id, green.id]);
    expect((await world.anon.get(`/products/${productId}`)).body.images.map((i: any) => i.id)).toEqual([
      blue.id,
      red.id,
      green.id,
    ]);
    expect(await cover()).toEqual(blue);
    // an order that leaves one out, repeats one or names another's picture is refused
    for (const imageIds of [
      [blue.id, red.id],
      [blue.id, red.id, red.id],
      [blue.id, red.id, missing],
    ]) {
      const res = await world.admin.put(`/admin/products/${productId}/images/order`, { imageIds });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }

    const del = await world.admin.request('DELETE', `/admin/products/${productId}/images/${blue.id}`);
    expect(del.status).toBe(200);
    expect(del.body.images.map((i: any) => i.id)).toEqual([red.id, green.id]);
    expect(await cover()).toEqual(red);
    expect((await media(server, blue.url)).statusCode).toBe(404);
    expect((await media(server, blue.thumbUrl)).statusCode).toBe(404);
    expect((await media(server, red.url)).statusCode).toBe(200);
    expect((await world.admin.request('DELETE', `/admin/products/${productId}/images/${blue.id}`)).status).toBe(404);
    // positions stay dense: a new picture goes last
    const body = await sharp({ create: { width: 50, height: 50, channels: 3, background: 'white' } })
      .jpeg()
      .toBuffer();
    const added = (await upload(server, world, productId, body)).body.images;
    expect(added.map((i: any) => i.id).slice(0, 2)).toEqual([red.id, green.id]);
    expect(added).toHaveLength(3);
  });

  it('serves no file outside the storage and nothing for an unknown name', async () => {
    expect((await media(server, '/media/products/none.webp')).statusCode).toBe(404);
    expect((await media(server, '/media/../package.json')).statusCode).toBe(404);
    expect((await media(server, '/media/%2e%2e/%2e%2e/package.json')).statusCode).toBe(404);
  });

  it('keeps product details: sanitised description, origin, specification, storage, shelf life, nutrition', async () => {
    const p = world.products[3];
    const details = {
      description:
        '<p onclick="x()">草饲<strong>谷饲</strong><script>alert(1)</script></p><ul><li><a href="javascript:x">好</a></li></ul>',
      origin: '内蒙古 锡林郭勒',
      specification: '500g/盒',
      storage: '0–4℃ 冷藏',
      shelfLifeDays: 5,
      nutrition: { energyKj: 820, proteinG: 20.1, fatG: 12.5, carbohydrateG: 0, sodiumMg: 65 },
    };
    const res = await world.admin.request('PATCH', `/admin/products/${p.id}`, details);
    expect(res.status).toBe(200);
    const stored = {
      ...details,
      description: '<p>草饲<strong>谷饲</strong></p><ul><li>好</li></ul>',
    };
    expect(res.body).toMatchObject(stored);
    expect((await world.admin.get('/admin/products')).body.find((x: any) => x.id === p.id)).toMatchObject(stored);
    const page = (await world.anon.get(`/products/${p.id}`)).body;
    expect(page).toMatchObject({ id: p.id, name: p.name, ...stored, images: [] });
    expect(page.costFen).toBeUndefined();
    expect(page.supplierId).toBeUndefined();
    const item = world.campaign.items.find((i) => i.productId === p.id)!;
    const deal = await world.anon.get(`/deals/${item.id}`);
    expect(deal.status).toBe(200);
    expect(deal.body).toMatchObject({
      id: item.id,
      productId: p.id,
      priceFen: item.priceFen,
      campaign: { id: world.campaign.id },
      product: stored,
    });
    expect((await world.anon.get(`/deals/${missing}`)).status).toBe(404);

    // bad values are refused and nothing changes
    for (const bad of [
      { nutrition: { ...details.nutrition, proteinG: -1 } },
      { nutrition: { energyKj: 1 } },
      { origin: 'x'.repeat(101) },
      { description: 'x'.repeat(5001) },
    ]) {
      const refused = await world.admin.request('PATCH', `/admin/products/${p.id}`, bad);
      expect(refused.status).toBe(400);
    }
    expect((await world.anon.get(`/products/${p.id}`)).body).toMatchObject(stored);

    // null clears; a description with nothing visible left is stored as none
    const cleared = await world.admin.request('PATCH', `/admin/products/${p.id}`, {
      description: '<script>x</script>',
      origin: null,
      nutrition: null,
    });
    expect(cleared.body).toMatchObject({ description: null, origin: null, nutrition: null, storage: details.storage });

    // created with details in one request
    const createdRes = await world.admin.post('/admin/products', {
      name: '有机燕麦片',
      category: 'fresh',
      supplierId: world.supplierIds[0],
      unit: '1kg/袋',
      listPriceFen: 3990,
      costFen: 2000,
      temperatureZone: 'ambient',
      description: '<p>早餐<em>好伴侣</em></p>',
      specification: '1kg',
    });
    expect(createdRes.status).toBe(201);
    expect((await world.anon.get(`/products/${createdRes.body.id}`)).body).toMatchObject({
      description: '<p>早餐<em>好伴侣</em></p>',
      specification: '1kg',
      origin: null,
      nutrition: null,
    });
  });
});

describe('product pictures in S3-compatible object storage', () => {
  let server: TestServer;
  let world: World;
  let s3: StandInS3;
  beforeAll(async () => {
    s3 = await startStandInS3();
    server = await startTestServer({
      media: {
        dir: '/nonexistent/never-used',
        s3: {
          endpoint: s3.endpoint,
          bucket: s3.bucket,
          region: s3.region,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          pathStyle: true,
        },
      },
    });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server.close();
    await s3.close();
  });

  it('stores, serves and deletes through signed S3 requests', async () => {
    const productId = world.products[0].id;
    const res = await upload(server, world, productId, await jpegWithExif(1200, 900));
    expect(res.status).toBe(201);
    const [image] = res.body.images;
    const key = image.url.slice('/media/'.length);
    expect(s3.objects.get(key)?.contentType).toBe('image/webp');
    expect(s3.objects.get(key)?.body.includes(SECRET_MARK)).toBe(false);
    const served = await media(server, image.thumbUrl);
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await sharp(served.rawPayload).metadata()).width).toBe(240);
    expect(s3.log.every((l) => l.status < 300 || l.code === 'NoSuchKey')).toBe(true);
    await world.admin.request('DELETE', `/admin/products/${productId}/images/${image.id}`);
    expect(s3.objects.size).toBe(0);
    expect((await media(server, image.url)).statusCode).toBe(404);
  });
});
