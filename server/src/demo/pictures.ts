import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { rows, type Db } from '../db/client.js';
import { processImage } from '../lib/images.js';
import type { FileStorage } from '../lib/storage.js';
import { storeProductImage } from '../modules/catalog/media.js';

/**
 * The demo's product pictures, drawn here rather than downloaded: a card per product with its
 * category's colour, a simple shape and the product's Chinese name, rendered by sharp and then
 * taken through the same checks and renditions as an operator's upload. They are illustrations
 * and look like it — nothing pretends to be a photograph.
 */

const SIZE = 800;

/** background, shape colour and text colour per category */
const STYLES: Record<string, { bg: string; fg: string; text: string; shape: (fg: string) => string }> = {
  fresh: {
    bg: '#e8f5e9',
    fg: '#66bb6a',
    text: '#1b5e20',
    shape: (c) =>
      `<circle cx="400" cy="330" r="170" fill="${c}"/><path d="M400 160 C430 90 500 80 540 100 C510 150 460 170 400 160Z" fill="#2e7d32"/>`,
  },
  meat_eggs: {
    bg: '#fff3e0',
    fg: '#ffb74d',
    text: '#bf360c',
    shape: (c) => `<ellipse cx="400" cy="330" rx="140" ry="180" fill="${c}"/>`,
  },
  seafood: {
    bg: '#e3f2fd',
    fg: '#42a5f5',
    text: '#0d47a1',
    shape: (c) =>
      `<ellipse cx="370" cy="330" rx="190" ry="110" fill="${c}"/><path d="M540 330 L660 230 L660 430Z" fill="${c}"/><circle cx="280" cy="305" r="18" fill="#0d47a1"/>`,
  },
  dairy: {
    bg: '#f3f8ff',
    fg: '#90caf9',
    text: '#1a237e',
    shape: (c) =>
      `<rect x="320" y="130" width="160" height="60" rx="12" fill="#5c6bc0"/><rect x="280" y="180" width="240" height="330" rx="40" fill="${c}"/>`,
  },
  grain_oil: {
    bg: '#fffde7',
    fg: '#fbc02d',
    text: '#795548',
    shape: (c) =>
      `<path d="M220 290 H580 C580 420 500 500 400 500 C300 500 220 420 220 290Z" fill="${c}"/><ellipse cx="400" cy="290" rx="180" ry="40" fill="#fff59d"/>`,
  },
  snacks: {
    bg: '#fce4ec',
    fg: '#ec407a',
    text: '#880e4f',
    shape: (c) =>
      `<polygon points="400,140 450,280 600,280 480,370 525,510 400,425 275,510 320,370 200,280 350,280" fill="${c}"/>`,
  },
  daily: {
    bg: '#ede7f6',
    fg: '#9575cd',
    text: '#311b92',
    shape: (c) =>
      `<rect x="250" y="180" width="300" height="300" rx="28" fill="${c}"/><rect x="250" y="260" width="300" height="26" fill="#b39ddb"/>`,
  },
};

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function demoPictureSvg(name: string, category: string): string {
  const style = STYLES[category] ?? STYLES.daily;
  // long names get smaller type so they stay inside the card
  const fontSize = Math.min(84, Math.floor(680 / Math.max(1, [...name].length)));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
<rect width="${SIZE}" height="${SIZE}" fill="${style.bg}"/>
${style.shape(style.fg)}
<text x="400" y="660" font-size="${fontSize}" font-family="Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, sans-serif" font-weight="bold" text-anchor="middle" fill="${style.text}">${escapeXml(name)}</text>
</svg>`;
}

/**
 * Starts drawing a picture for every product without one, in the background: sharp works off the
 * main thread, so while the demo's history plays (PGlite on the main thread, one core) the
 * drawing takes the other core. One picture at a time and one libvips thread, so it never takes
 * both. `store` waits for the drawing and writes the records one after another.
 */
export async function startDemoPictures(db: Db): Promise<{
  store: (storage: FileStorage) => Promise<{ pictures: number; ms: number }>;
}> {
  const started = Date.now();
  const products = await rows<{ id: string; name: string; category: string }>(
    db,
    sql`select p.id, p.name, p.category from products p
        where not exists (select 1 from product_images i where i.product_id = p.id) order by p.name`,
  );
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  const drawing = (async () => {
    const processed: { id: string; image: Awaited<ReturnType<typeof processImage>> }[] = [];
    try {
      for (const p of products) {
        // PNG at the lowest compression: it is decoded again at once, so squeezing it is wasted time
        const drawn = await sharp(Buffer.from(demoPictureSvg(p.name, p.category)))
          .png({ compressionLevel: 0 })
          .toBuffer();
        processed.push({ id: p.id, image: await processImage(drawn) });
      }
    } finally {
      sharp.concurrency(threads);
    }
    return processed;
  })();
  // a failure is reported by `store`, not as an unhandled rejection while the history plays
  drawing.catch(() => {});
  return {
    async store(storage) {
      const processed = await drawing;
      for (const { id, image } of processed) await storeProductImage(db, storage, id, image);
      return { pictures: processed.length, ms: Date.now() - started };
    },
  };
}

/** Gives every product without a picture its drawn one. */
export async function addDemoPictures(db: Db, storage: FileStorage): Promise<{ pictures: number; ms: number }> {
  return (await startDemoPictures(db)).store(storage);
}
