import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams } from '../../lib/schemas.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { incidentOrdersWorkbook } from '../exports/workbooks.js';
import { GRADES } from './rules.js';
import { INCIDENT_EVENTS, INCIDENT_GRADES } from './schema.js';
import {
  allIncidentOrders,
  compensateIncident,
  declareIncident,
  filePostmortem,
  getIncident,
  INCIDENT_KEYSET,
  INCIDENT_ORDER_KEYSET,
  incidentOrders,
  listIncidents,
  previewIncident,
  resolveIncident,
  selectIncidentOrders,
} from './service.js';

const tags = ['incidents'];
const ids = z.array(id).max(100).optional();
const dateOnly = z.iso.date();
const criteria = z.object({
  routeIds: ids,
  pickupPointIds: ids,
  productIds: ids,
  campaignItemIds: ids.describe('deals (campaign items)'),
  placedFrom: z.iso.datetime({ offset: true }).optional().describe('orders placed at or after'),
  placedTo: z.iso.datetime({ offset: true }).optional().describe('orders placed before'),
  pickupFrom: dateOnly.optional().describe('orders picked up on or after this day'),
  pickupTo: dateOnly.optional().describe('orders picked up on or before this day'),
});
const summary = z.object({
  id: z.string(),
  regionId: z.string(),
  grade: z.enum(INCIDENT_GRADES),
  title: z.string(),
  status: z.enum(['open', 'resolved']),
  declaredAt: z.string(),
  postmortemDueAt: z.string(),
  postmortemFiledAt: z.string().nullable(),
  postmortemOverdue: z.boolean(),
  orders: z.number().int(),
  customers: z.number().int(),
  messagesSent: z.number().int(),
  couponsGranted: z.number().int(),
  compensatedAt: z.string().nullable(),
});
const view = summary.extend({
  description: z.string(),
  criteria: criteria.nullable(),
  selectedAt: z.string().nullable(),
  message: z.string().nullable(),
  couponTemplate: z.object({ id: z.string(), name: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  postmortem: z
    .object({
      cause: z.string(),
      impact: z.string(),
      actions: z.string(),
      prevention: z.string(),
      filedBy: z.string(),
      filedAt: z.string(),
    })
    .nullable(),
  timeline: z.array(
    z.object({
      kind: z.enum(INCIDENT_EVENTS),
      at: z.string(),
      actor: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
const affectedOrder = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  customerName: z.string(),
  customerPhone: z.string().describe('masked: 138****5678'),
  pickupPointName: z.string().nullable(),
  routeName: z.string().nullable(),
  pickupDate: z.string().nullable(),
  totalFen: z.number().int(),
  placedAt: z.string(),
});
const text = (max: number) => z.string().trim().min(1).max(max);
const gradeHelp = Object.entries(GRADES)
  .map(([g, d]) => `${g}: ${d.en}`)
  .join('; ');

export function incidentRoutes(app: App, ctx: AppContext) {
  app.get(
    '/admin/incidents',
    {
      config: { roles: STAFF.incidentsRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Incidents of the operator's regions, newest first, a page at a time (X-Next-Cursor); `status` open or " +
          'resolved to see only those. `postmortemOverdue`: no post-mortem 72 hours after it was declared.',
        querystring: pageQuery.extend({ status: z.enum(['open', 'resolved']).optional() }),
        response: { 200: z.array(summary), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return sendPage(
        reply,
        await listIncidents(
          ctx.db,
          regionScope(user),
          { status: req.query.status },
          pageRequest(INCIDENT_KEYSET, req.query),
        ),
      );
    },
  );

  app.post(
    '/admin/incidents',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description: `Declares an incident (事故) in \`regionId\` (without it: a limited operator's first region, else the default region); its post-mortem is due within 72 hours; a region the caller does not work in is 403. Grades: ${gradeHelp}.`,
        body: z.object({
          regionId: id.optional(),
          grade: z.enum(INCIDENT_GRADES),
          title: text(80),
          description: text(2000),
        }),
        response: { 201: view, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await declareIncident(ctx.db, regionScope(user), user.id, req.body));
    },
  );

  app.get(
    '/admin/incidents/:id',
    {
      config: { roles: STAFF.incidentsRead, regions: 'scoped' },
      schema: {
        tags,
        description: 'An incident with its selection, compensation, post-mortem and timeline.',
        params: idParams,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return getIncident(ctx.db, regionScope(user), req.params.id);
    },
  );

  app.post(
    '/admin/incidents/:id/preview',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description:
          "How many of the region's paid orders, and customers, the criteria select, with the newest 20; writes nothing. " +
          'Within a kind any of the named ones, across kinds all; products and deals are one kind. At least one ' +
          'criterion (400); routes, pickup points and deals of another region are 404.',
        params: idParams,
        body: criteria,
        response: {
          200: z.object({ orders: z.number().int(), customers: z.number().int(), sample: z.array(affectedOrder) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return previewIncident(ctx.db, regionScope(user), req.params.id, req.body);
    },
  );

  app.put(
    '/admin/incidents/:id/orders',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description:
          "Keeps the criteria's orders as the incident's affected orders, replacing a former selection; 409 once its " +
          'customers were compensated or it was resolved.',
        params: idParams,
        body: criteria,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return selectIncidentOrders(ctx.db, regionScope(user), req.params.id, user.id, req.body);
    },
  );

  app.get(
    '/admin/incidents/:id/orders',
    {
      config: { roles: STAFF.incidentsRead, regions: 'scoped' },
      schema: {
        tags,
        description: "The incident's affected orders, newest first, a page at a time (X-Next-Cursor).",
        params: idParams,
        querystring: pageQuery,
        response: { 200: z.array(affectedOrder), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return sendPage(
        reply,
        await incidentOrders(
          ctx.db,
          regionScope(user),
          req.params.id,
          pageRequest(INCIDENT_ORDER_KEYSET, req.query, 20),
        ),
      );
    },
  );

  app.get(
    '/admin/incidents/:id/orders.xlsx',
    {
      config: { roles: STAFF.incidentsRead, regions: 'scoped' },
      schema: {
        tags,
        description:
          "The incident's affected orders as an .xlsx workbook (phones masked), whether each customer was " +
          'compensated; column headers in `lang`.',
        params: idParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const found = await allIncidentOrders(ctx.db, regionScope(user), req.params.id);
      const body = await incidentOrdersWorkbook(found.title, found.orders, req.query.lang);
      const short = req.params.id.slice(0, 8);
      const name = req.query.lang === 'en' ? `incident-${short}.xlsx` : `事故-${short}.xlsx`;
      return sendXlsx(reply, body, name, 'incident.xlsx');
    },
  );

  app.post(
    '/admin/incidents/:id/compensate',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Sends every affected customer, once, the message (in-app and through the notification gateway, kind ' +
          '`incident`) and one coupon, whatever their number of affected orders: of `couponTemplateId`, or of a new ' +
          'template described by `newCoupon` (¥ off above a threshold, one per customer). Retried or sent twice at ' +
          'once, it sends and grants nothing more and answers the same (`ranNow` false). 409 before orders are ' +
          'selected; 409 COUPON_UNAVAILABLE for a paused or expired template.',
        params: idParams,
        body: z.object({
          message: text(300),
          couponTemplateId: id.optional(),
          newCoupon: z
            .object({
              name: text(40),
              discountFen: z.number().int().min(1).max(50_000),
              thresholdFen: z.number().int().min(0).max(1_000_000),
              validDays: z.number().int().min(1).max(90),
            })
            .optional(),
        }),
        response: { 200: view.extend({ ranNow: z.boolean() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return compensateIncident(ctx.db, regionScope(user), req.params.id, user.id, req.body);
    },
  );

  app.post(
    '/admin/incidents/:id/postmortem',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Files the post-mortem (复盘): cause, impact, actions taken and prevention, by the caller, now; once (409 after).',
        params: idParams,
        body: z.object({
          cause: text(2000),
          impact: text(2000),
          actions: text(2000),
          prevention: text(2000),
        }),
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return filePostmortem(ctx.db, regionScope(user), req.params.id, user.id, req.body);
    },
  );

  app.post(
    '/admin/incidents/:id/resolve',
    {
      config: { roles: STAFF.incidents, regions: 'scoped' },
      schema: {
        tags,
        description: 'Marks the incident resolved (the post-mortem may still follow); a resolved one stays as it is.',
        params: idParams,
        response: { 200: view, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return resolveIncident(ctx.db, regionScope(user), req.params.id, user.id);
    },
  );
}
