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

/**
 * A 公众号 authorization in progress (decision 065): the OAuth `state` and the browser it was made
 * for, both kept as hashes. Used once, within 10 minutes, and only by the browser holding the
 * cookie set with it, so a code obtained by someone else cannot be slipped into a customer's browser.
 */
export const wechatOauthStates = pgTable(
  'wechat_oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    appId: text('app_id').notNull(),
    scope: text('scope').notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('wechat_oauth_states_expires_idx').on(t.expiresAt)],
);

/**
 * A WeChat identity not yet linked, waiting for its customer to prove a phone by SMS code: the
 * token handed to the app is stored hashed, lives 10 minutes and is used once.
 */
export const wechatBindTokens = pgTable(
  'wechat_bind_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    appId: text('app_id').notNull(),
    openid: text('openid').notNull(),
    unionid: text('unionid'),
    nickname: text('nickname'),
    avatarUrl: text('avatar_url'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('wechat_bind_tokens_expires_idx').on(t.expiresAt)],
);
