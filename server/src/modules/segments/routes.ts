import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { regionScope, regionForbidden } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { pageQuery, withNextCursor } from '../../lib/pages.js';
import { PRICE_BANDS, SEGMENTS, segmentDefinition } from './rules.js';
import {
  allSegmentMembers,
  audienceSizes,
  computeRfm,
  countDefinition,
  deleteSegment,
  listSegments,
  rfmOverview,
  saveSegment,
  segmentMembers,
} from './service.js';
import { membersWorkbook, overviewWorkbook } from './workbook.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { STAFF } from '../../lib/access.js';

const lang = z.enum(['zh-CN', 'en']).default('zh-CN');
const segment = z.enum(SEGMENTS);

const overview = z.object({
  asOf: z.string().nullable().describe("the region's business date of the last run"),
  computedAt: z.string().nullable(),
  weekStart: z.string().nullable(),
  previousWeekCustomers: z.number().describe("customers in last week's snapshot (0: no movement to show yet)"),
  segments: z.array(z.object({ segment, customers: z.number(), monetaryFen: z.number(), dormant: z.number() })),
  movement: z
    .array(z.object({ from: segment.nullable(), to: segment, customers: z.number() }))
    .describe("customers by last week's segment (null: not in last week's snapshot) and this week's"),
  tags: z.array(z.object({ kind: z.string(), value: z.string().nullable(), customers: z.number() })),
});

const member = z.object({
  userId: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  pickupPointId: z.string().nullable(),
  pickupPointName: z.string().nullable(),
  segment,
  rScore: z.number().nullable(),
  fScore: z.number().nullable(),
  mScore: z.number().nullable(),
  daysSinceLastOrder: z.number().nullable(),
  lastPaidOn: z.string().nullable(),
  frequency: z.number(),
  monetaryFen: z.number(),
  topCategory: z.string().nullable(),
  priceSensitivity: z.enum(PRICE_BANDS).nullable(),
  member: z.boolean(),
  dormant: z.boolean(),
});

const savedView = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string().nullable(),
  definition: segmentDefinition,
  customers: z.number().describe('current size'),
  createdAt: z.string(),
});

/** Customer segmentation (decision 047): RFM overview and movement, the segment builder, saved segments. */
export function segmentRoutes(app: App, ctx: AppContext) {
  const tags = ['segments'];
  const regionQuery = z.object({ regionId: id.optional() });

  app.get(
    '/admin/rfm',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Customers per RFM segment as of the last nightly run, the movement between segments since last week, and the tags’ spread (the caller’s regions, or one)',
        querystring: regionQuery,
        response: { 200: overview, ...errors },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      return rfmOverview(ctx.db, scope, req.query.regionId);
    },
  );

  app.get(
    '/admin/rfm/export.xlsx',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'The segment counts and the movement matrix as an .xlsx workbook. Headers in `lang`.',
        querystring: regionQuery.extend({ lang }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const o = await rfmOverview(ctx.db, scope, req.query.regionId);
      const body = await overviewWorkbook(o, req.query.lang);
      const name = req.query.lang === 'en' ? `segments-${o.asOf ?? ''}.xlsx` : `客户分群-${o.asOf ?? ''}.xlsx`;
      return sendXlsx(reply, body, name, 'segments.xlsx');
    },
  );

  app.post(
    '/admin/rfm/recompute',
    {
      config: { roles: STAFF.marketing, regions: 'all' },
      schema: {
        tags,
        description: 'Runs the nightly RFM computation now, for every region (it rebuilds every customer’s row)',
        response: { 200: z.object({ customers: z.number() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      if (regionScope(user) !== null) throw regionForbidden();
      return computeRfm(ctx.db);
    },
  );

  app.post(
    '/admin/customer-segments/count',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'The live count of a segment definition (as the operator edits it) in the caller’s regions, or one; nothing is stored',
        body: z.object({ regionId: id.optional(), definition: segmentDefinition }),
        response: { 200: z.object({ customers: z.number(), outOf: z.number() }), ...errors },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      return countDefinition(ctx.db, scope, req.body.definition, req.body.regionId);
    },
  );

  app.get(
    '/admin/customer-segments',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'Saved segments of the caller’s regions, newest first, each with its current size',
        response: { 200: z.array(savedView), ...errors },
      },
    },
    async (req) => listSegments(ctx.db, regionScope(await ctx.auth.require(req))),
  );

  app.post(
    '/admin/customer-segments',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'Saves a segment definition (regionId null: every region, for an operator of every region)',
        body: z.object({
          name: z.string().trim().min(1).max(60),
          regionId: id.nullable().default(null),
          definition: segmentDefinition,
        }),
        response: { 201: savedView, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const saved = await saveSegment(ctx.db, regionScope(user), req.body, user.id);
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/admin/customer-segments/:id',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: { tags, params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await deleteSegment(ctx.db, regionScope(await ctx.auth.require(req)), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/customer-segments/:id/members',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'A page of the segment’s customers: ids, pickup point and figures, no personal data',
        params: idParams,
        querystring: pageQuery,
        response: {
          200: z.object({ name: z.string(), items: z.array(member), nextCursor: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const page = await segmentMembers(ctx.db, scope, req.params.id, req.query);
      return withNextCursor(reply, { name: page.name, items: page.items }, page.nextCursor);
    },
  );

  app.get(
    '/admin/customer-segments/:id/members/export.xlsx',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description: 'The segment’s customers (at most 100,000) as an .xlsx workbook. Headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const scope = regionScope(await ctx.auth.require(req));
      const all = await allSegmentMembers(ctx.db, scope, req.params.id);
      const body = await membersWorkbook(all.name, all.items, req.query.lang);
      return sendXlsx(reply, body, `${all.name}.xlsx`, 'segment.xlsx');
    },
  );

  app.get(
    '/admin/customer-segments/:id/audience',
    {
      config: { roles: STAFF.marketing, regions: 'scoped' },
      schema: {
        tags,
        description:
          'How a targeted campaign would split the segment: customers targeted and held out as control (controlBps of 10,000, stable per salt)',
        params: idParams,
        querystring: z.object({
          controlBps: z.coerce.number().int().min(0).max(5000).default(1000),
          salt: z.string().min(1).max(64).default('campaign'),
        }),
        response: { 200: z.object({ targeted: z.number(), control: z.number() }), ...errors },
      },
    },
    async (req) => {
      const scope = regionScope(await ctx.auth.require(req));
      return audienceSizes(ctx.db, scope, req.params.id, req.query);
    },
  );
}
