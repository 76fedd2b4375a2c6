import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';

/**
 * A WeChat identity linked to a Linli account (decision 065). An openid belongs to one app (the
 * 公众号 or the mini-program); the unionid, when WeChat gives one, is the same person across the
 * apps of one open-platform account. An identity links to one account only (unique per app and
 * openid; the rows of one unionid are kept on one account when linking); an account has at most one
 * identity per app.
 */
export const wechatIdentities = pgTable(
  'wechat_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    appId: text('app_id').notNull(),
    openid: text('openid').notNull(),
    unionid: text('unionid'),
    nickname: text('nickname'),
    avatarUrl: text('avatar_url'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wechat_identities_app_openid_key').on(t.appId, t.openid),
    uniqueIndex('wechat_identities_user_app_key').on(t.userId, t.appId),
    index('wechat_identities_unionid_idx').on(t.unionid),
  ],
);
