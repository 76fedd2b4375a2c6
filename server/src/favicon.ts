import { crc32, deflateSync } from 'node:zlib';
import type { App } from './context.js';

/**
 * The site icon: a white house (邻里, neighbours) on the shop's green, drawn here rather than kept
 * as a binary file. /favicon.svg is what the apps link; /favicon.ico is for whatever asks for the
 * old default path (browsers on pages without a link, bookmarks, feed readers).
 */
const GREEN = [0x07, 0xc1, 0x60] as const;

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#07c160"/>
<path d="M16 6 L27 15 L24 15 L24 26 L8 26 L8 15 L5 15 Z" fill="#fff"/>
<rect x="13" y="18" width="6" height="8" fill="#07c160"/>
</svg>`;

/** The same drawing as the SVG, as a test of one point (x, y in 0..32). */
function inside(x: number, y: number): 'green' | 'white' | 'none' {
  const r = 7;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 'none';
  const door = x >= 13 && x <= 19 && y >= 18 && y <= 26;
  const body = x >= 8 && x <= 24 && y >= 15 && y <= 26;
  // the roof: below both lines from the ridge (16, 6) to the eaves (5, 15) and (27, 15)
  const roof = y <= 15 && y >= 6 + (Math.abs(x - 16) * 9) / 11;
  return (body || roof) && !door ? 'white' : 'green';
}

/** A size×size RGBA picture of the icon, 4×4 samples per pixel for smooth edges. */
function pixels(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const scale = 32 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let white = 0;
      let cover = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const what = inside((px + (sx + 0.5) / 4) * scale, (py + (sy + 0.5) / 4) * scale);
          if (what !== 'none') cover++;
          if (what === 'white') white++;
        }
      }
      const o = (py * size + px) * 4;
      const w = cover ? white / cover : 0;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(GREEN[c] + (255 - GREEN[c]) * w);
      out[o + 3] = Math.round((cover / 16) * 255);
    }
  }
  return out;
}

function png(size: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rgba = pixels(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding PNG images (every browser since IE 9 reads them). */
export function faviconIco(sizes = [16, 32, 48]): Buffer {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size % 256, e);
    header.writeUInt8(size % 256, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

export function registerFavicon(app: App): void {
  const ico = faviconIco();
  const cache = 'public, max-age=86400';
  app.get('/favicon.svg', { schema: { hide: true } }, (_req, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', cache).send(FAVICON_SVG),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) =>
    reply.header('content-type', 'image/x-icon').header('cache-control', cache).send(ico),
  );
}
