import { pgTable, uuid, text, integer, timestamp, check, jsonb, index, date } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const categories = pgTable('categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});

export const suppliers = pgTable('suppliers', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /**
   * The document kinds that must be approved and unexpired for the supplier to be qualified
   * (decision 038). Empty: nothing required (suppliers made through the plain API stay usable).
   */
  requiredDocuments: text('required_documents').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const SUPPLIER_DOCUMENT_KINDS = ['business_licence', 'food_licence', 'other'] as const;
export type SupplierDocumentKind = (typeof SUPPLIER_DOCUMENT_KINDS)[number];

/**
 * A supplier's qualification document (营业执照, 食品经营许可证, …): its number, expiry and the
 * uploaded file (PDF, JPEG or PNG, told from the bytes) under a private storage key that the public
 * /media/ route never serves. A new file is a new row; review moves pending → approved | rejected.
 */
export const supplierDocuments = pgTable(
  'supplier_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    kind: text('kind', { enum: SUPPLIER_DOCUMENT_KINDS }).notNull(),
    number: text('number').notNull(),
    /** the last valid day; null = no expiry (长期) */
    expiresOn: date('expires_on'),
    fileKey: text('file_key').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    fileName: text('file_name'),
    reviewStatus: text('review_status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    reviewReason: text('review_reason'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supplier_documents_supplier_idx').on(t.supplierId, t.kind),
    check('supplier_documents_rejected_reason', sql`review_status <> 'rejected' or review_reason is not null`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    category: text('category')
      .notNull()
      .references(() => categories.code),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** takes the purchase orders when the supplier is suspended or unqualified (decision 038) */
    backupSupplierId: uuid('backup_supplier_id').references(() => suppliers.id),
    unit: text('unit').notNull(),
    listPriceFen: integer('list_price_fen').notNull(),
    costFen: integer('cost_fen').notNull(),
    temperatureZone: text('temperature_zone', { enum: ['ambient', 'chilled', 'frozen'] }).notNull(),
    shelfLifeDays: integer('shelf_life_days'),
    /** the fewest days of shelf life a delivered lot must have left to be accepted (null: only not expired) */
    minRemainingShelfDays: integer('min_remaining_shelf_days'),
    packSize: integer('pack_size').notNull().default(1),
    /** sanitised rich text (lib/rich-text.ts) */
    description: text('description'),
    /** 产地 */
    origin: text('origin'),
    /** 规格 */
    specification: text('specification'),
    /** 储存方式 */
    storage: text('storage'),
    /** per 100 g: { energyKj, proteinG, fatG, carbohydrateG, sodiumMg } */
    nutrition: jsonb('nutrition').$type<NutritionFacts>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The name in toneless pinyin and its initials (西红柿 → xihongshi, xhs), lower case, letters
     * and digits only, for search; written with the name (modules/search/keys.ts). Null only for
     * rows written before search existed, until the start-up backfill fills them.
     */
    namePinyin: text('name_pinyin'),
    nameInitials: text('name_initials'),
  },
  (t) => [
    check('products_money_nonneg', sql`list_price_fen >= 0 and cost_fen >= 0`),
    check('products_pack_size_pos', sql`pack_size >= 1`),
    check('products_backup_supplier_other', sql`backup_supplier_id is null or backup_supplier_id <> supplier_id`),
    // trigram index (pg_trgm) answering search's near misses of a Latin name (word similarity `<%`);
    // Chinese substrings and pinyin are a scan of the names (decision 025)
    index('products_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export interface NutritionFacts {
  energyKj: number;
  proteinG: number;
  fatG: number;
  carbohydrateG: number;
  sodiumMg: number;
}

/**
 * A product's pictures, first position = cover. Each row names its two stored WebP renditions by
 * content-hashed keys (lib/storage.ts); the bytes live in the file storage, never in the database.
 */
export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    displayKey: text('display_key').notNull(),
    displayWidth: integer('display_width').notNull(),
    displayHeight: integer('display_height').notNull(),
    thumbKey: text('thumb_key').notNull(),
    thumbWidth: integer('thumb_width').notNull(),
    thumbHeight: integer('thumb_height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);
