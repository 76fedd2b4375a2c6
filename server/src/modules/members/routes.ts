import { z } from 'zod';
import { regionScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { errors, id, isoDate, ok } from '../../lib/schemas.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import {
  buyMembership,
  membershipOffer,
  checkIn,
  checkInMonth,
  membershipSavings,
  configureMembers,
  listMembers,
  MEMBER_KEYSET,
  memberStatus,
  pointsReport,
  recordShare,
  referralReport,
  setBirthday,
} from './service.js';
import { markMemberCouponTemplate, memberCouponTemplates, unmarkMemberCouponTemplate } from './coupons.js';
import { STAFF } from '../../lib/access.js';

const tier = z.enum(['bronze', 'silver', 'gold']);

export function memberRoutes(app: App, ctx: AppContext) {
  const tags = ['membership'];
  // settings come from the environment through Config (LINLI_REFERRAL_*); the membership's price is its region's
  configureMembers(ctx.config);

  app.get(
    '/me/membership',
    {
      schema: {
        tags,
        description:
          "What the annual membership costs the caller: the price of her region (her chosen pickup point's; the default region's without one).",
        response: { 200: z.object({ priceFen: z.number().int(), regionId: z.string() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return membershipOffer(ctx.db, user.id);
    },
  );

  app.get(
    '/me/membership/savings',
    {
      schema: {
        tags,
        description:
          "What the membership would save the caller, from her own paid orders of the last windowDays days: each line's " +
          'member discount, or (unit price − member price) × quantity where the deal had a lower member price; yearFen scales ' +
          "it to a year; monthlyPackFen is the face value of the amount coupons in a month's member pack.",
        response: {
          200: z.object({
            priceFen: z.number().int(),
            windowDays: z.number().int(),
            orders: z.number().int(),
            lines: z.number().int(),
            savedFen: z.number().int(),
            yearFen: z.number().int(),
            monthlyPackFen: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return membershipSavings(ctx.db, user.id);
    },
  );

  app.post(
    '/me/membership',
    {
      schema: {
        tags,
        body: z.object({ plan: z.literal('annual') }),
        response: { 201: z.object({ orderId: z.string(), amountFen: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await buyMembership(ctx.db, user.id));
    },
  );

  app.post(
    '/me/check-in',
    {
      schema: {
        tags,
        response: { 200: z.object({ pointsAwarded: z.number().int(), streakDays: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return checkIn(ctx.db, user.id);
    },
  );

  app.get(
    '/me/check-ins',
    {
      schema: {
        tags,
        description:
          "The caller's check-in days of a month (YYYY-MM; default: the current one), on her region's business days, " +
          'with today, whether she checked in today and her current streak.',
        querystring: z.object({
          month: z
            .string()
            .max(7)
            .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
            .optional(),
        }),
        response: {
          200: z.object({
            month: z.string(),
            today: z.string(),
            checkedInToday: z.boolean(),
            streakDays: z.number().int(),
            days: z.array(z.string()),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return checkInMonth(ctx.db, user.id, req.query.month);
    },
  );

  app.get(
    '/me/growth',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            growth: z.number().int(),
            tier,
            nextTier: z.object({ tier, growthNeeded: z.number().int() }).nullable(),
            member: z.boolean(),
            birthday: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return memberStatus(ctx.db, user.id);
    },
  );

  app.put(
    '/me/profile',
    {
      schema: { tags, body: z.object({ birthday: isoDate.nullable() }), response: { 200: ok, ...errors } },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await setBirthday(ctx.db, user.id, req.body.birthday);
      return { ok: true as const };
    },
  );

  app.post(
    '/me/shares',
    {
      schema: {
        tags,
        body: z.object({ campaignItemId: id }),
        response: { 201: z.object({ growthAwarded: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await recordShare(ctx.db, user.id, req.body.campaignItemId));
    },
  );

  app.get(
    '/admin/members',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Paying members, latest membership end first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: pageQuery,
        response: {
          200: z.array(
            z.object({
              userId: z.string(),
              phone: z.string(),
              name: z.string(),
              activeUntil: z.string(),
              growth: z.number().int(),
              tier,
            }),
          ),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return sendPage(reply, await listMembers(ctx.db, pageRequest(MEMBER_KEYSET, req.query), regionScope(user)));
    },
  );

  app.get(
    '/admin/points/report',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        response: {
          200: z.object({
            byReason: z.array(
              z.object({ reason: z.string(), issued: z.number(), taken: z.number(), entries: z.number() }),
            ),
            issued: z.number(),
            taken: z.number(),
            outstanding: z.number(),
            holders: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return pointsReport(ctx.db, regionScope(user));
    },
  );

  app.get(
    '/admin/referrals',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional(),
        }),
        response: {
          200: z.array(
            z.object({
              inviterId: z.string(),
              phone: z.string(),
              name: z.string(),
              rewarded: z.number(),
              capped: z.number(),
              ineligible: z.number(),
              pointsEachSide: z.number(),
              firstOrders: z.number(),
              gmvFen: z.number(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return referralReport(ctx.db, req.query.month, regionScope(user));
    },
  );

  const purpose = z.enum(['monthly_pack', 'birthday', 'referral']);
  app.post(
    '/admin/members/coupon-templates',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: { tags, body: z.object({ templateId: id, purpose }), response: { 201: ok, ...errors } },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      await markMemberCouponTemplate(ctx.db, req.body.templateId, req.body.purpose);
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.delete(
    '/admin/members/coupon-templates/:purpose/:templateId',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        description:
          'Stop granting a template for this purpose; coupons already granted stay. 404 when it was not marked.',
        params: z.object({ purpose, templateId: id }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      await unmarkMemberCouponTemplate(ctx.db, req.params.templateId, req.params.purpose);
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/members/coupon-templates',
    {
      config: { roles: STAFF.marketing, regions: 'shared' },
      schema: {
        tags,
        response: { 200: z.array(z.object({ templateId: z.string(), purpose, name: z.string() })), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return memberCouponTemplates(ctx.db);
    },
  );
}
