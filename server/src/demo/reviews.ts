import { sql } from 'drizzle-orm';
import { exec, one, pgArray, rows, type Db } from '../db/client.js';
import { moderateReview, reviewOrder } from '../modules/reviews/service.js';
import { DEMO_ADMIN } from './data.js';

/** Stars customers give, weighted as a fresh-produce shop's reviews run: mostly content, a few not. */
const STARS: [stars: number, weight: number][] = [
  [5, 55],
  [4, 25],
  [3, 10],
  [2, 6],
  [1, 4],
];
const WORDS: Record<number, string[]> = {
  5: ['很新鲜，家里人都说好吃', '团长送货及时，品质不错', '第二次买了，还是一样好', '分量足，性价比高'],
  4: ['挺好的，就是个头小了点', '味道不错，包装可以再好些', '整体满意'],
  3: ['一般，和描述差不多', '有一两个不太新鲜'],
  2: ['到货时有压坏的', '不太新鲜，和描述不符'],
  1: ['坏了好几个，很失望', '物流太慢，到手已经不新鲜'],
};

const MAX_DEMO_REVIEWS = 200;

/** the stars at `u` (0–1) of the way through STARS' weights */
function starsAt(u: number) {
  let left = u * STARS.reduce((t, [, w]) => t + w, 0);
  for (const [stars, weight] of STARS) {
    if (left < weight) return stars;
    left -= weight;
  }
  return STARS[STARS.length - 1][0];
}

/** a number in [0, 1) from an id, to spread the reviews over orders, lines and words */
const unit = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(-8), 16) / 0x1_0000_0000;

/**
 * Reviews of the history's picked-up orders: one order in four (at most 200), by its customer, through
 * the service (so they earn their points as any review does), dated a few hours after the pickup;
 * the lowest one hidden by the operator as an advert, so the moderation queue has a decision in it.
 */
export async function demoReviews(db: Db) {
  const orders = await rows<{ id: string; user_id: string; line_id: string; completed_at: string }>(
    db,
    sql`select o.id, o.user_id, (select l.id from order_lines l where l.order_id = o.id order by l.id limit 1) as line_id,
        o.completed_at::text
      from orders o where o.kind = 'goods' and o.status = 'completed' and o.completed_at is not null
      order by o.completed_at, o.id`,
  );
  // one order in four, at most MAX_DEMO_REVIEWS of them (each is a transaction of the seed)
  const chosen = orders
    .map((o) => ({ ...o, u: unit(o.id) }))
    .sort((a, b) => a.u - b.u)
    .slice(0, Math.min(MAX_DEMO_REVIEWS, Math.ceil(orders.length / 4)));
  let written = 0;
  for (const [i, o] of chosen.entries()) {
    // the stars in the proportions of STARS over the chosen orders
    const u = i / chosen.length;
    const stars = starsAt(u);
    const words = WORDS[stars];
    const whole = unit(o.line_id) < 0.5;
    const done = await reviewOrder(db, o.user_id, o.id, {
      rating: stars,
      text: words[Math.floor(unit(o.user_id) * words.length)],
      orderLineId: whole ? undefined : o.line_id,
    });
    await exec(
      db,
      sql`update product_reviews set created_at = ${o.completed_at}::timestamptz + make_interval(hours => ${2 + (Math.floor(u * 200) % 30)})
        where id = any(${pgArray(done.reviewIds)}::uuid[]) and created_at > ${o.completed_at}::timestamptz`,
    );
    written += done.reviewIds.length;
  }
  const admin = await one<{ id: string }>(db, sql`select id from users where phone = ${DEMO_ADMIN.phone}`);
  const low = await one<{ id: string }>(
    db,
    sql`select id from product_reviews where hidden_at is null order by rating, created_at desc, id limit 1`,
  );
  if (admin && low) await moderateReview(db, null, low.id, admin.id, '含广告或与商品无关的内容');
  return { reviews: written, hidden: low ? 1 : 0 };
}
