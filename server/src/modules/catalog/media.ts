import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../../db/client.js';
import { notFound, validation } from '../../lib/errors.js';
import { processImage, type ProcessedImage } from '../../lib/images.js';
import { mediaUrl, type FileStorage } from '../../lib/storage.js';

/** A product picture as the APIs show it: the display rendition and its thumbnail, both WebP. */
export interface ImageView {
  id: string;
  url: string;
  width: number;
  height: number;
  thumbUrl: string;
  thumbWidth: number;
  thumbHeight: number;
}

interface ImageRow {
  id: string;
  product_id: string;
  display_key: string;
  display_width: number;
  display_height: number;
  thumb_key: string;
  thumb_width: number;
  thumb_height: number;
}

export const imageView = (r: Omit<ImageRow, 'product_id'>): ImageView => ({
  id: r.id,
  url: mediaUrl(r.display_key),
  width: r.display_width,
  height: r.display_height,
  thumbUrl: mediaUrl(r.thumb_key),
  thumbWidth: r.thumb_width,
  thumbHeight: r.thumb_height,
});

/** The cover (first picture) of a product as one JSON value, for the deal queries. */
export const coverImageSql = (productId: ReturnType<typeof sql>) => sql`(
  select json_build_object('id', pi.id, 'display_key', pi.display_key, 'display_width', pi.display_width,
    'display_height', pi.display_height, 'thumb_key', pi.thumb_key, 'thumb_width', pi.thumb_width, 'thumb_height', pi.thumb_height)
  from product_images pi where pi.product_id = ${productId} order by pi.position, pi.created_at, pi.id limit 1)`;

export const MAX_IMAGES_PER_PRODUCT = 12;

/** Pictures of the given products, each product's in order (cover first). */
export async function productImages(db: Db, productIds: string[]): Promise<Map<string, ImageView[]>> {
  const byProduct = new Map<string, ImageView[]>();
  if (!productIds.length) return byProduct;
  const found = await rows<ImageRow>(
    db,
    sql`
    select id, product_id, display_key, display_width, display_height, thumb_key, thumb_width, thumb_height
    from product_images where product_id in (${sql.join(
      productIds.map((id) => sql`${id}`),
      sql`, `,
    )}) order by product_id, position, created_at, id`,
  );
  for (const r of found) {
    const list = byProduct.get(r.product_id) ?? [];
    list.push(imageView(r));
    byProduct.set(r.product_id, list);
  }
  return byProduct;
}

/** Locks the product for a change of its pictures (one change at a time per product); 404 when missing. */
async function lockProduct(tx: Db, productId: string) {
  if (!(await one(tx, sql`select 1 as ok from products where id = ${productId} for update`))) throw notFound('Product');
}

/**
 * Adds a picture as the product's last: the bytes are checked and made into two WebP renditions
 * (lib/images.ts), stored under names made of their content hash, then recorded. Returns the
 * product's pictures in order.
 */
export async function addProductImage(db: Db, storage: FileStorage, productId: string, bytes: Buffer) {
  if (!(await one(db, sql`select 1 as ok from products where id = ${productId}`))) throw notFound('Product');
  return storeProductImage(db, storage, productId, await processImage(bytes));
}

/** The second half of an upload: stores checked renditions (processImage's) and records them as the product's last picture. */
export async function storeProductImage(db: Db, storage: FileStorage, productId: string, image: ProcessedImage) {
  const displayKey = `products/${image.display.hash}-${image.display.width}.webp`;
  const thumbKey = `products/${image.thumb.hash}-${image.thumb.width}.webp`;
  // stored before recorded: a row never names missing bytes (a crash between leaves an unnamed file, harmless)
  await storage.put(displayKey, image.display.bytes, 'image/webp');
  await storage.put(thumbKey, image.thumb.bytes, 'image/webp');
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await lockProduct(tx, productId);
    const count = await one<{ n: number }>(
      tx,
      sql`select count(*)::int as n from product_images where product_id = ${productId}`,
    );
    if ((count?.n ?? 0) >= MAX_IMAGES_PER_PRODUCT)
      throw validation(`A product may have at most ${MAX_IMAGES_PER_PRODUCT} pictures`, {
        maxImages: MAX_IMAGES_PER_PRODUCT,
      });
    await exec(
      tx,
      sql`
      insert into product_images (product_id, position, display_key, display_width, display_height, thumb_key, thumb_width, thumb_height)
      values (${productId}, ${count?.n ?? 0}, ${displayKey}, ${image.display.width}, ${image.display.height},
              ${thumbKey}, ${image.thumb.width}, ${image.thumb.height})`,
    );
  });
  return (await productImages(db, [productId])).get(productId) ?? [];
}

/** Puts the product's pictures in the given order (the first is the cover); the ids must be exactly its pictures. */
export async function reorderProductImages(db: Db, productId: string, imageIds: string[]) {
  await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await lockProduct(tx, productId);
    const current = await rows<{ id: string }>(tx, sql`select id from product_images where product_id = ${productId}`);
    const known = new Set(current.map((r) => r.id));
    if (
      new Set(imageIds).size !== imageIds.length ||
      imageIds.length !== known.size ||
      imageIds.some((id) => !known.has(id))
    )
      throw validation("The order must list each of the product's pictures exactly once", {
        field: 'imageIds',
        imageIds: [...known],
      });
    if (!imageIds.length) return;
    await exec(
      tx,
      sql`
      update product_images pi set position = o.position - 1
      from unnest(${`{${imageIds.join(',')}}`}::uuid[]) with ordinality as o(id, position)
      where pi.id = o.id`,
    );
  });
  return (await productImages(db, [productId])).get(productId) ?? [];
}

/** Removes a picture; its files go too unless another picture uses the same bytes. */
export async function deleteProductImage(db: Db, storage: FileStorage, productId: string, imageId: string) {
  const removed = await db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    await lockProduct(tx, productId);
    const row = await one<{ display_key: string; thumb_key: string; position: number }>(
      tx,
      sql`delete from product_images where id = ${imageId} and product_id = ${productId}
          returning display_key, thumb_key, position`,
    );
    if (!row) throw notFound('Picture');
    await exec(
      tx,
      sql`update product_images set position = position - 1 where product_id = ${productId} and position > ${row.position}`,
    );
    return row;
  });
  for (const key of [removed.display_key, removed.thumb_key]) {
    const used = await one(
      db,
      sql`select 1 as ok from product_images where display_key = ${key} or thumb_key = ${key} limit 1`,
    );
    if (!used) await storage.delete(key);
  }
  return (await productImages(db, [productId])).get(productId) ?? [];
}
