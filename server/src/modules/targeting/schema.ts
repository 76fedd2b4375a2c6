import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A targeted campaign (定向发券): a saved segment's customers get a coupon and a message, except a
 * held-out control group, so the recall it caused can be measured (decision 051). Draft until
 * launched; launching happens once. The segment's name and region are copied: the segment may be
 * edited or deleted later, the campaign's audience stays what it was at launch.
 */
export const targetedCampaigns = pgTable(
  'targeted_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    segmentId: uuid('segment_id').notNull(),
    segmentName: text('segment_name').notNull(),
    /** the segment's region; null = every region (only an operator of every region sees it) */
    regionId: uuid('region_id'),
    templateId: uuid('template_id').notNull(),
    message: text('message').notNull(),
    controlBps: integer('control_bps').notNull().default(1000),
    windowDays: integer('window_days').notNull().default(14),
    status: text('status', { enum: ['draft', 'launched'] })
      .notNull()
      .default('draft'),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('targeted_campaigns_created_idx').on(t.createdAt),
    check(
      'targeted_campaigns_params',
      sql`control_bps between 0 and 5000 and window_days between 1 and 90 and (status = 'draft') = (launched_at is null)`,
    ),
  ],
);

/** The audience frozen at launch: every customer of the segment, held out (control) or treated with her coupon. */
export const targetedCampaignMembers = pgTable(
  'targeted_campaign_members',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => targetedCampaigns.id),
    userId: uuid('user_id').notNull(),
    control: boolean('control').notNull(),
    /** the coupon granted (treated only) */
    couponId: uuid('coupon_id'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
);
