import { sql, type SQL } from 'drizzle-orm';
import { exec, rows, type Db } from '../../db/client.js';
import { keyset, pageOf, pageSql, type Page, type PageRequest } from '../../lib/pages.js';
import { iso } from '../../lib/time.js';
import { nameKeys, pinyinQuery } from './keys.js';
import { pointTargetedSql } from '../campaigns/targets.js';

/**
 * The product's text a query is matched against, besides the name's pinyin (decision 025): its
 * name and its origin (产地: 寿光 finds the vegetables from Shouguang).
 */
const PRODUCT_FIELDS: SQL[] = [sql`p.name`, sql`p.origin`];
/** The category's names, matched too (a category's products are found by its name). */
const CATEGORY_FIELDS: SQL[] = [sql`cat.name_zh`, sql`cat.name_en`];

/**
 * Relevance, highest first: the whole text, its start, anywhere in it, a near miss (a misspelling),
 * then the name's pinyin or initials. Results are ordered by relevance, then deals on sale at the
 * point before catalogue products, then sales, then id.
 */
export const RELEVANCE = {
  exact: 6,
  prefix: 5,
  substring: 4,
  similar: 3,
  pinyin: 2,
} as const;

/** Share of a Chinese query's character pairs a name must contain to count as a near miss. */
export const PAIR_SHARE = 0.5;
/** At most this many of a long Chinese query's character pairs are looked for. */
const MAX_PAIRS = 8;

/** `like` pattern text: the query's own %, _ and \ match themselves. */
const likeEscape = (q: string) => q.replace(/[\\%_]/g, '\\$&');

/** A query's adjacent character pairs, each once (西红市 → 西红, 红市), at most MAX_PAIRS. */
export function characterPairs(q: string): string[] {
  const chars = [...q.replace(/\s+/g, '')];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length && pairs.size < MAX_PAIRS; i++) pairs.add(chars[i] + chars[i + 1]);
  return [...pairs];
}

const hasHan = (q: string) => /\p{Script=Han}/u.test(q);

/**
 * The relevance of a row as one SQL expression (0: no match), and the query of the ids of
 * every matching row, so the relevance is worked out only for those. Trigrams (pg_trgm) only see a
 * Chinese query at the edges of a name, as names have no spaces between words (黄瓜 and
 * 精品黄瓜1kg share no trigram), so a Chinese query is matched anywhere by `like` and a Chinese
 * near miss by the share of its character pairs found in the name; trigram word similarity
 * (`<%`, at pg_trgm's default threshold 0.6, which its index on the name answers) is for Latin text,
 * where it works (decision 025).
 */
function matchSql(q: string): { relevance: SQL; candidates: SQL } {
  const lower = q.toLowerCase();
  const escaped = likeEscape(lower);
  // with no letter but Chinese ones in the query, case cannot matter: no lower() of every row's text
  const cased = /\p{L}/u.test(q.replace(/\p{Script=Han}/gu, ''));
  const folded = (f: SQL) => (cased ? sql`lower(${f})` : f);
  const any = (fields: SQL[], test: (field: SQL) => SQL) =>
    sql.join(
      fields.map((f) => test(folded(f))),
      sql` or `,
    );
  const fields = [...PRODUCT_FIELDS, ...CATEGORY_FIELDS];
  const anywhere = (f: SQL) => sql`${f} like ${`%${escaped}%`}`;
  const cases: SQL[] = [
    sql`when ${any(fields, (f) => sql`${f} = ${lower}`)} then ${RELEVANCE.exact}`,
    sql`when ${any(fields, (f) => sql`${f} like ${`${escaped}%`}`)} then ${RELEVANCE.prefix}`,
    sql`when ${any(fields, anywhere)} then ${RELEVANCE.substring}`,
  ];
  // `like` on a name is a cheap test of each row; `<%` is not, so it is asked of its trigram index
  // apart; the categories are a handful of rows, matched once
  const scanned: SQL[] = [
    any(PRODUCT_FIELDS, anywhere),
    sql`p.category in (select cat.code from categories cat where ${any(CATEGORY_FIELDS, anywhere)})`,
  ];
  const indexed: SQL[] = [];
  const pairs = characterPairs(lower);
  if (hasHan(q) && pairs.length >= 2) {
    const found = pairs.map((pair) => sql`(${folded(sql`p.name`)} like ${`%${likeEscape(pair)}%`})`);
    cases.push(
      sql`when (${sql.join(
        found.map((f) => sql`${f}::int`),
        sql` + `,
      )}) >= ${Math.ceil(pairs.length * PAIR_SHARE)} then ${RELEVANCE.similar}`,
    );
    scanned.push(...found);
  } else if (!hasHan(q) && lower.length >= 3) {
    // pg_trgm compares in lower case itself, and its index on the name answers this
    const similar = sql`${lower} <% p.name`;
    cases.push(sql`when ${similar} then ${RELEVANCE.similar}`);
    indexed.push(similar);
  }
  const py = pinyinQuery(q);
  if (py) {
    const pattern = `%${likeEscape(py)}%`;
    const pinyin = sql`p.name_pinyin like ${pattern} or p.name_initials like ${pattern}`;
    cases.push(sql`when ${pinyin} then ${RELEVANCE.pinyin}`);
    scanned.push(pinyin);
  }
  return {
    relevance: sql`(case ${sql.join(cases, sql` `)} else 0 end)`,
    candidates: sql.join(
      [
        sql`select p.id from products p where ${sql.join(scanned, sql` or `)}`,
        ...indexed.map((condition) => sql`select p.id from products p where ${condition}`),
      ],
      sql` union `,
    ),
  };
}

/** Search results page by relevance, on sale first, sales, then id — all descending. */
export const SEARCH_KEYSET = keyset(
  'search',
  [sql`s.relevance`, 'int'],
  [sql`s.on_sale`, 'int'],
  [sql`s.sales`, 'int'],
  [sql`s.id`, 'uuid'],
);

export interface SearchHit {
  /** the deal's id when on sale (what goes into the cart), else the product's */
  id: string;
  productId: string;
  name: string;
  unit: string;
  /** 产地, when the product names one */
  origin?: string;
  category: string;
  categoryNameZh: string;
  categoryNameEn: string;
  listPriceFen: number;
  /** on sale today at the pickup point: a deal that can be put in the cart */
  onSale: boolean;
  /** the deal's price; absent for a catalogue product not on sale */
  priceFen?: number;
  remaining?: number;
  cutoffAt?: string;
  /** units: the deal's sold count when on sale, else units sold over the last 30 closed days */
  sales: number;
  relevance: number;
}

/**
 * The campaigns a pickup point can buy from now: of its region, offered there (a campaign
 * targeting routes or points only at those). Without a point, every region's campaigns offered
 * in their whole region, as the deal list shows without one.
 */
const activeAt = (pickupPointId: string | undefined) => sql`
  cp.status = 'open' and cp.starts_at <= now() and cp.cutoff_at > now()
  ${
    pickupPointId
      ? sql`and cp.region_id = (select region_id from pickup_points where id = ${pickupPointId})
        and ${pointTargetedSql(sql`cp.id`, sql`${pickupPointId}::uuid`)}`
      : sql`and not exists (select 1 from campaign_targets t where t.campaign_id = cp.id)`
  }`;

/** The search's one statement (exported for the benchmark's plans). */
export function searchSql(q: string, pickupPointId: string | undefined, page: PageRequest): SQL {
  const match = matchSql(q);
  const p = pageSql(SEARCH_KEYSET, page);
  return sql`
    with matched as (
      select p.id, p.name, p.unit, p.origin, p.category, cat.name_zh, cat.name_en, p.list_price_fen, ${match.relevance} as relevance
      from products p join categories cat on cat.code = p.category
      where p.id in (${match.candidates})
    ), deals as (
      select distinct on (ci.product_id) ci.id, ci.product_id, ci.price_fen, ci.quota - ci.sold as remaining, ci.sold, cp.cutoff_at
      from campaign_items ci join campaigns cp on cp.id = ci.campaign_id
      where ${activeAt(pickupPointId)} and ci.product_id in (select id from matched where relevance > 0)
      order by ci.product_id, cp.cutoff_at, ci.id
    )
    select s.*, ${p.select} from (
      select coalesce(d.id, m.id) as id, m.id as product_id, m.name, m.unit, m.origin, m.category, m.name_zh, m.name_en,
        m.list_price_fen, (d.id is not null)::int as on_sale, d.price_fen, d.remaining, d.cutoff_at,
        coalesce(case when d.id is not null then d.sold else s30.quantity end, 0) as sales, m.relevance
      from matched m left join deals d on d.product_id = m.id
      -- each product's own last 30 days (index analytics_day_products_product_idx), not a scan of every product's;
      -- each region's rows by its own business days (the UTC bound, a day wider than any zone, keeps the index range)
      left join lateral (
        select sum(a.quantity)::int as quantity from analytics_day_products a join regions r on r.id = a.region_id
        where a.product_id = m.id and a.day >= (now() at time zone 'UTC')::date - 31
          and a.day >= (now() at time zone r.time_zone)::date - 30) s30 on true
      where m.relevance > 0
    ) s
    where ${p.after} order by ${p.orderBy} limit ${p.limit}`;
}

/**
 * Today's deals at the pickup point and catalogue products not on sale there, matching `q`
 * (already trimmed, 1–50 characters), a page at a time (SEARCH_KEYSET).
 */
export async function searchProducts(
  db: Db,
  q: string,
  pickupPointId: string | undefined,
  page: PageRequest,
): Promise<Page<SearchHit>> {
  const found = await rows<{
    id: string;
    product_id: string;
    name: string;
    unit: string;
    origin: string | null;
    category: string;
    name_zh: string;
    name_en: string;
    list_price_fen: number;
    on_sale: number;
    price_fen: number | null;
    remaining: number | null;
    cutoff_at: unknown;
    sales: number;
    relevance: number;
  }>(db, searchSql(q, pickupPointId, page));
  const paged = pageOf(SEARCH_KEYSET, page, found);
  return {
    nextCursor: paged.nextCursor,
    items: paged.items.map((r) => ({
      id: r.id,
      productId: r.product_id,
      name: r.name,
      unit: r.unit,
      ...(r.origin ? { origin: r.origin } : {}),
      category: r.category,
      categoryNameZh: r.name_zh,
      categoryNameEn: r.name_en,
      listPriceFen: r.list_price_fen,
      onSale: r.on_sale === 1,
      ...(r.on_sale === 1 ? { priceFen: r.price_fen!, cutoffAt: iso(r.cutoff_at)! } : {}),
      ...(r.remaining !== null ? { remaining: r.remaining } : {}),
      sales: r.sales,
      relevance: r.relevance,
    })),
  };
}

/** The form a query is counted in: trimmed, one space between words, lower case. */
export const normalizeQuery = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Counts one search of `q` today. Only the text and the day are kept: a search has no region (the
 * shop searches before a point is chosen, and the count must not remember who searched), so its
 * day is the platform's business day (Asia/Shanghai, lib/time.ts DEFAULT_TIME_ZONE), as in
 * `popularSearches` below (decision 030).
 */
export async function countSearch(db: Db, q: string): Promise<void> {
  await exec(
    db,
    sql`
    insert into search_counts (day, query, count) values ((now() at time zone 'Asia/Shanghai')::date, ${normalizeQuery(q)}, 1)
    on conflict (day, query) do update set count = search_counts.count + 1`,
  );
}

/** The 10 most counted searches of the last 7 platform business days (Asia/Shanghai, today included), most first. */
export async function popularSearches(db: Db): Promise<{ query: string; count: number }[]> {
  return rows<{ query: string; count: number }>(
    db,
    sql`
    select query, sum(count)::int as count from search_counts
    where day > (now() at time zone 'Asia/Shanghai')::date - 7
    group by query order by count desc, query limit 10`,
  );
}

/**
 * Fills the pinyin keys of products written before search existed (or by hand-written SQL), a
 * batch at a time; run at every start, it finds nothing to do once they are filled.
 */
export async function backfillNameKeys(db: Db, batch = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const missing = await rows<{ id: string; name: string }>(
      db,
      sql`select id, name from products where name_pinyin is null or name_initials is null limit ${sql.raw(String(batch))}`,
    );
    if (!missing.length) return filled;
    const keyed = missing.map((m) => ({ id: m.id, ...nameKeys(m.name) }));
    await exec(
      db,
      sql`
      update products p set name_pinyin = k.py, name_initials = k.ini
      from jsonb_to_recordset(${JSON.stringify(keyed.map((k) => ({ id: k.id, py: k.namePinyin, ini: k.nameInitials })))}::jsonb)
        as k(id uuid, py text, ini text)
      where p.id = k.id`,
    );
    filled += missing.length;
  }
}
