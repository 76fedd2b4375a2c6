import { sql } from 'drizzle-orm';
import { one, pgArray, rows, type Db } from '../../db/client.js';
import { conflict, invalidState, notFound, validation } from '../../lib/errors.js';
import { processImage } from '../../lib/images.js';
import { keyset, pageOf, pageSql, type PageRequest } from '../../lib/pages.js';
import { inScope, type RegionScope } from '../../lib/region-scope.js';
import { type FileStorage, mediaUrl } from '../../lib/storage.js';
import { maskPhone } from '../../lib/phone.js';
import { iso } from '../../lib/time.js';
import { addPoints } from '../accounts/points.js';
import { addGrowth } from '../members/service.js';
import { REVIEW_GROWTH, REVIEW_POINTS } from '../members/rules.js';

/**
 * Reviews people can read (decision 058): a completed order's lines are reviewed one by one
 * (rating, text, up to 6 photos), the order's first review earns the points and growth it always
 * did, the deal page shows a product's visible reviews with their average, and the console hides
 * a review with a reason and reports them per product and supplier.
 */
export const MAX_REVIEW_PHOTOS = 6;
/** photos uploaded but not yet on a review, per customer: enough for a few reviews under way */
const MAX_LOOSE_PHOTOS = 24;

export interface PhotoView {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

const photoView = (p: {
  id: string;
  display_key: string;
  thumb_key: string;
  display_width: number;
  display_height: number;
}) => ({
  id: p.id,
  url: mediaUrl(p.display_key),
  thumbUrl: mediaUrl(p.thumb_key),
  width: p.display_width,
  height: p.display_height,
});

/** Stores a customer's review photo (checked, metadata removed, WebP) until a review takes it. */
export async function uploadReviewPhoto(
  db: Db,
  storage: FileStorage,
  userId: string,
  bytes: Buffer,
): Promise<PhotoView> {
  const loose = await one<{ n: number }>(
    db,
    sql`select count(*)::int as n from review_photos where user_id = ${userId} and review_id is null`,
  );
  if ((loose?.n ?? 0) >= MAX_LOOSE_PHOTOS)
    throw invalidState('Too many photos waiting for a review: write the review or start again later', {
      maxPhotos: MAX_LOOSE_PHOTOS,
    });
  const image = await processImage(bytes);
  const displayKey = `reviews/${image.display.hash}-${image.display.width}.webp`;
  const thumbKey = `reviews/${image.thumb.hash}-${image.thumb.width}.webp`;
  // stored before recorded: a row never names missing bytes
  await storage.put(displayKey, image.display.bytes, 'image/webp');
  await storage.put(thumbKey, image.thumb.bytes, 'image/webp');
  const row = await one<{
    id: string;
    display_key: string;
    thumb_key: string;
    display_width: number;
    display_height: number;
  }>(
    db,
    sql`insert into review_photos (user_id, display_key, display_width, display_height, thumb_key, thumb_width, thumb_height)
      values (${userId}, ${displayKey}, ${image.display.width}, ${image.display.height}, ${thumbKey}, ${image.thumb.width},
        ${image.thumb.height})
      returning id, display_key, thumb_key, display_width, display_height`,
  );
  return photoView(row!);
}

export interface ReviewInput {
  rating: number;
  text?: string;
  /** the line reviewed; without it every line of the order not reviewed yet gets this review */
  orderLineId?: string;
  photoIds?: string[];
}

/**
 * Reviews a completed order's line (or every line not reviewed yet). One review per line (a
 * unique key: a second is 409, even at the same instant); photos must be the customer's own and
 * not on another review. The order's first review earns REVIEW_POINTS and REVIEW_GROWTH, once.
 */
export async function reviewOrder(db: Db, userId: string, orderId: string, input: ReviewInput) {
  const photoIds = [...new Set(input.photoIds ?? [])];
  if (photoIds.length > MAX_REVIEW_PHOTOS)
    throw validation(`At most ${MAX_REVIEW_PHOTOS} photos`, { field: 'photoIds', maxPhotos: MAX_REVIEW_PHOTOS });
  if (photoIds.length && !input.orderLineId)
    throw validation('Photos show one product: name its line (orderLineId)', { field: 'orderLineId' });
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const order = await one<{ status: string; region_id: string }>(
      tx,
      sql`select status, region_id from orders where id = ${orderId} and user_id = ${userId} and kind = 'goods'`,
    );
    if (!order) throw notFound('Order');
    if (order.status !== 'completed')
      throw invalidState('Only a completed order can be reviewed', { status: order.status });
    if (input.orderLineId) {
      const line = await one(
        tx,
        sql`select 1 as ok from order_lines where id = ${input.orderLineId} and order_id = ${orderId}`,
      );
      if (!line) throw notFound('Order line');
    }
    const written = await rows<{ id: string }>(
      tx,
      sql`
      insert into product_reviews (order_id, order_line_id, user_id, product_id, supplier_id, region_id, rating, text)
      select ${orderId}, l.id, ${userId}, l.product_id, p.supplier_id, ${order.region_id}, ${input.rating}, ${input.text ?? null}
      from order_lines l join products p on p.id = l.product_id
      where l.order_id = ${orderId} ${input.orderLineId ? sql`and l.id = ${input.orderLineId}` : sql``}
      on conflict (order_line_id) do nothing
      returning id`,
    );
    if (!written.length)
      throw conflict(
        input.orderLineId ? 'This product has already been reviewed' : 'This order has already been reviewed',
      );
    if (photoIds.length) {
      const attached = await rows<{ id: string }>(
        tx,
        sql`update review_photos ph set review_id = ${written[0].id}, position = k.position
          from unnest(${pgArray(photoIds)}::uuid[]) with ordinality as k(id, position)
          where ph.id = k.id and ph.user_id = ${userId} and ph.review_id is null
          returning ph.id`,
      );
      // a photo of someone else's, or already on a review: nothing of this review is kept
      if (attached.length !== photoIds.length)
        throw validation('A photo is not yours or is on another review', {
          field: 'photoIds',
          photoIds: photoIds.filter((p) => !attached.some((a) => a.id === p)),
        });
    }
    const points = await addPoints(tx, userId, REVIEW_POINTS, `review:${orderId}`, 'review');
    const growth = await addGrowth(tx, userId, REVIEW_GROWTH, `review:${orderId}`, 'review');
    return {
      reviewIds: written.map((w) => w.id),
      pointsAwarded: points ? REVIEW_POINTS : 0,
      growthAwarded: growth ? REVIEW_GROWTH : 0,
    };
  });
}

interface ReviewRow {
  id: string;
  order_id: string;
  order_line_id: string;
  product_id: string;
  product_name: string;
  supplier_name: string | null;
  region_id: string;
  rating: number;
  text: string | null;
  user_name: string;
  phone: string;
  hidden_at: unknown;
  hidden_reason: string | null;
  created_at: unknown;
}

async function photosOf(db: Db, reviewIds: string[]) {
  const found = reviewIds.length
    ? await rows<{
        id: string;
        review_id: string;
        display_key: string;
        thumb_key: string;
        display_width: number;
        display_height: number;
      }>(
        db,
        sql`select id, review_id, display_key, thumb_key, display_width, display_height from review_photos
          where review_id = any(${pgArray(reviewIds)}::uuid[]) order by review_id, position`,
      )
    : [];
  const by = new Map<string, PhotoView[]>();
  for (const p of found) by.set(p.review_id, [...(by.get(p.review_id) ?? []), photoView(p)]);
  return by;
}

/** The customer's reviews of one of their orders, by line (hidden ones too: they wrote them). */
export async function orderReviews(db: Db, userId: string, orderId: string) {
  if (!(await one(db, sql`select 1 as ok from orders where id = ${orderId} and user_id = ${userId}`)))
    throw notFound('Order');
  const found = await rows<{
    id: string;
    order_line_id: string;
    rating: number;
    text: string | null;
    hidden: boolean;
    created_at: unknown;
  }>(
    db,
    sql`select id, order_line_id, rating, text, hidden_at is not null as hidden, created_at from product_reviews
      where order_id = ${orderId} order by created_at, id`,
  );
  const photos = await photosOf(
    db,
    found.map((r) => r.id),
  );
  return found.map((r) => ({
    id: r.id,
    orderLineId: r.order_line_id,
    rating: r.rating,
    text: r.text,
    hidden: r.hidden,
    photos: photos.get(r.id) ?? [],
    createdAt: iso(r.created_at)!,
  }));
}

/** a customer's name as others see it: the family name and a star (王*), never the phone */
export const maskedName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}*` : '*';
};

export const REVIEW_KEYSET = keyset('reviews', [sql`r.created_at`, 'time'], [sql`r.id`, 'uuid']);

const reviewColumns = sql`r.id, r.order_id, r.order_line_id, r.product_id, p.name as product_name, s.name as supplier_name,
    r.region_id, r.rating, r.text, u.name as user_name, u.phone, r.hidden_at, r.hidden_reason, r.created_at`;
const reviewFrom = sql`product_reviews r join products p on p.id = r.product_id join users u on u.id = r.user_id
    left join suppliers s on s.id = r.supplier_id`;

/** A product's visible reviews, newest first, for anyone (names masked). */
export async function productReviews(db: Db, productId: string, page: PageRequest) {
  const p = pageSql(REVIEW_KEYSET, page);
  const found = await rows<ReviewRow>(
    db,
    sql`select ${reviewColumns}, ${p.select} from ${reviewFrom}
    where r.product_id = ${productId} and r.hidden_at is null and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(REVIEW_KEYSET, page, found);
  const photos = await photosOf(
    db,
    items.map((r) => r.id),
  );
  return {
    items: items.map((r) => ({
      id: r.id,
      rating: r.rating,
      text: r.text,
      name: maskedName(r.user_name),
      photos: photos.get(r.id) ?? [],
      createdAt: iso(r.created_at)!,
    })),
    nextCursor,
  };
}

/** A product's visible reviews summed: how many, their average, and how many of each star. */
export async function reviewSummary(db: Db, productId: string) {
  if (!(await one(db, sql`select 1 as ok from products where id = ${productId}`))) throw notFound('Product');
  const found = await rows<{ rating: number; n: number; with_photos: number }>(
    db,
    sql`select r.rating, count(*)::int as n,
        (count(*) filter (where exists (select 1 from review_photos ph where ph.review_id = r.id)))::int as with_photos
      from product_reviews r where r.product_id = ${productId} and r.hidden_at is null group by r.rating`,
  );
  const count = found.reduce((t, r) => t + r.n, 0);
  const stars = [1, 2, 3, 4, 5].map((s) => found.find((r) => r.rating === s)?.n ?? 0);
  return {
    count,
    average: count ? Math.round((found.reduce((t, r) => t + r.rating * r.n, 0) / count) * 10) / 10 : null,
    stars,
    withPhotos: found.reduce((t, r) => t + r.with_photos, 0),
  };
}

export interface ReviewFilter {
  hidden?: boolean;
  /** at most this many stars (the low ones first to answer) */
  maxRating?: number;
  productId?: string;
}

/** The console's queue: reviews of the operator's regions, newest first, with who wrote them (phone masked). */
export async function adminReviews(db: Db, scope: RegionScope, filter: ReviewFilter, page: PageRequest) {
  const p = pageSql(REVIEW_KEYSET, page);
  const found = await rows<ReviewRow>(
    db,
    sql`select ${reviewColumns}, ${p.select} from ${reviewFrom}
    where ${inScope(scope, sql`r.region_id`)}
      ${filter.hidden === undefined ? sql`` : filter.hidden ? sql`and r.hidden_at is not null` : sql`and r.hidden_at is null`}
      ${filter.maxRating ? sql`and r.rating <= ${filter.maxRating}` : sql``}
      ${filter.productId ? sql`and r.product_id = ${filter.productId}` : sql``}
      and ${p.after} order by ${p.orderBy} limit ${p.limit}`,
  );
  const { items, nextCursor } = pageOf(REVIEW_KEYSET, page, found);
  const photos = await photosOf(
    db,
    items.map((r) => r.id),
  );
  return { items: items.map((r) => adminView(r, photos.get(r.id) ?? [])), nextCursor };
}

function adminView(r: ReviewRow, photos: PhotoView[]) {
  return {
    id: r.id,
    orderId: r.order_id,
    orderLineId: r.order_line_id,
    productId: r.product_id,
    productName: r.product_name,
    supplierName: r.supplier_name,
    regionId: r.region_id,
    rating: r.rating,
    text: r.text,
    customerName: r.user_name,
    customerPhone: maskPhone(r.phone),
    photos,
    hidden: r.hidden_at !== null,
    hiddenReason: r.hidden_reason,
    createdAt: iso(r.created_at)!,
  };
}

/**
 * Hides a review from the shop with the moderator's reason, or shows it again (reason null). A
 * review of another region is not found; hiding a hidden one keeps its first reason (409).
 */
export async function moderateReview(db: Db, scope: RegionScope, reviewId: string, by: string, reason: string | null) {
  const changed = await one<{ id: string }>(
    db,
    sql`update product_reviews set hidden_at = ${reason === null ? null : sql`now()`}, hidden_reason = ${reason},
        hidden_by = ${reason === null ? null : by}
      where id = ${reviewId} and ${inScope(scope, sql`region_id`)}
        and ${reason === null ? sql`hidden_at is not null` : sql`hidden_at is null`}
      returning id`,
  );
  if (!changed) {
    const found = await one<{ hidden: boolean }>(
      db,
      sql`select hidden_at is not null as hidden from product_reviews where id = ${reviewId} and ${inScope(scope, sql`region_id`)}`,
    );
    if (!found) throw notFound('Review');
    throw invalidState(found.hidden ? 'The review is hidden already' : 'The review is not hidden', {
      hidden: found.hidden,
    });
  }
  const row = await one<ReviewRow>(db, sql`select ${reviewColumns} from ${reviewFrom} where r.id = ${reviewId}`);
  return adminView(row!, (await photosOf(db, [reviewId])).get(reviewId) ?? []);
}

export interface ReviewReportRow {
  key: string;
  name: string;
  /** every review of the period, hidden ones included: moderation does not change what was said */
  reviews: number;
  average: number | null;
  /** reviews of 1 or 2 stars */
  low: number;
  withPhotos: number;
  hidden: number;
}

/** Reviews of `from`..`to` (created, UTC instants) per product or per supplier, most reviewed first. */
export async function reviewReport(
  db: Db,
  scope: RegionScope,
  by: 'product' | 'supplier',
  range: { fromAt: string; toAt: string },
): Promise<ReviewReportRow[]> {
  const key = by === 'product' ? sql`r.product_id` : sql`r.supplier_id`;
  const name = by === 'product' ? sql`p.name` : sql`coalesce(s.name, '')`;
  const found = await rows<{
    key: string | null;
    name: string;
    reviews: number;
    total: number;
    low: number;
    photos: number;
    hidden: number;
  }>(
    db,
    sql`select ${key}::text as key, min(${name}) as name, count(*)::int as reviews, sum(r.rating)::int as total,
        (count(*) filter (where r.rating <= 2))::int as low,
        (count(*) filter (where exists (select 1 from review_photos ph where ph.review_id = r.id)))::int as photos,
        (count(*) filter (where r.hidden_at is not null))::int as hidden
      from product_reviews r join products p on p.id = r.product_id left join suppliers s on s.id = r.supplier_id
      where ${inScope(scope, sql`r.region_id`)} and r.created_at >= ${range.fromAt}::timestamptz and r.created_at < ${range.toAt}::timestamptz
      group by ${key} order by count(*) desc, min(${name})`,
  );
  return found.map((r) => ({
    key: r.key ?? '',
    name: r.name,
    reviews: r.reviews,
    average: r.reviews ? Math.round((r.total / r.reviews) * 100) / 100 : null,
    low: r.low,
    withPhotos: r.photos,
    hidden: r.hidden,
  }));
}
