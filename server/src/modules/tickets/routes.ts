import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { STAFF } from '../../lib/access.js';
import { notFound } from '../../lib/errors.js';
import { fileBody, fileBodyRoutes } from '../../lib/file-body.js';
import { MAX_IMAGE_BYTES } from '../../lib/images.js';
import { pageQuery, pageRequest, sendPage } from '../../lib/pages.js';
import { regionScope } from '../../lib/region-scope.js';
import { errors, id, idParams, ok } from '../../lib/schemas.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { returnReasonsWorkbook, serviceWorkbook } from '../exports/workbooks.js';
import { RETURN_REASONS, returnReasons, serviceReport, ticketVolume } from './reports.js';
import { CATEGORIES, LEADER_CATEGORIES, TEAMS } from './rules.js';
import {
  agentMessage,
  agentReopen,
  assignTicket,
  cannedReplies,
  deleteCannedReply,
  MAX_TICKET_PHOTOS,
  myTickets,
  openerMessage,
  openerReopen,
  openerTicket,
  openTicket,
  rateTicket,
  resolveTicket,
  saveCannedReply,
  serviceStaff,
  staffTicket,
  TICKET_KEYSET,
  ticketPhotoKey,
  ticketQueue,
  uploadTicketPhoto,
} from './service.js';

const tags = ['service desk'];
const text = z.string().trim().min(1).max(2000);
const clock = z.object({
  dueAt: z.string(),
  metAt: z.string().nullable(),
  breached: z.boolean().describe('past due without being met, or met late'),
});
const summary = z.object({
  id: z.string(),
  number: z.string().describe('GD + the day + a running number'),
  category: z.enum(CATEGORIES),
  team: z.enum(TEAMS),
  status: z.enum(['open', 'in_progress', 'waiting_customer', 'resolved', 'closed']),
  text: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  clocks: z
    .object({ firstResponse: clock, plan: clock, close: clock })
    .describe('the promised times and where each stands'),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const event = z.object({
  id: z.number().int(),
  kind: z
    .string()
    .describe(
      'opened, message (the opener), reply, ask, plan, note (staff only), assigned, resolved, reopened, rated, breached, claim, refund_approved, refund_rejected',
    ),
  actorRole: z.enum(['customer', 'leader', 'agent', 'system']),
  actorName: z.string().nullable().describe("the agent's name, for staff only"),
  body: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
  photos: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      thumbUrl: z.string(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  ),
});
const staffSummary = summary.extend({
  regionId: z.string(),
  openerRole: z.enum(['customer', 'leader']),
  openerName: z.string(),
  openerPhone: z.string().describe('masked: 138****5678'),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  refundId: z.string().nullable(),
  escalated: z.boolean(),
});
const openBody = z.object({
  category: z.enum(CATEGORIES),
  text,
  orderId: id.optional(),
  photoIds: z.array(id).max(MAX_TICKET_PHOTOS).optional(),
});
const ticketParams = z.object({ id: z.uuid() });
const windowQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
const since = (days: number) => ({
  fromAt: new Date(Date.now() - days * 86_400_000).toISOString(),
  toAt: new Date(Date.now() + 1000).toISOString(),
});
const clockFigures = z.object({
  count: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  withinSla: z.number().nullable().describe('share of decided clocks met by their due instant, 0–1'),
});
const reportRow = z.object({
  key: z.string().describe('the team, or the agent’s user id'),
  name: z.string().nullable(),
  tickets: z.number().int(),
  open: z.number().int(),
  firstResponse: clockFigures,
  resolution: clockFigures,
  rated: z.number().int(),
  averageRating: z.number().nullable(),
});
const reasonRow = z.object({
  key: z.string(),
  name: z.string(),
  claims: z.number().int(),
  units: z.number().int(),
  refundedFen: z.number().int(),
  byReason: z.record(z.enum(RETURN_REASONS), z.number().int()),
});
const TEAM_NAMES: Record<string, Record<string, string>> = {
  'zh-CN': { presale: '售前', aftersales: '售后', logistics: '物流', technical: '技术', escalation: '投诉升级' },
  en: {
    presale: 'Pre-sale',
    aftersales: 'After-sale',
    logistics: 'Logistics',
    technical: 'Technical',
    escalation: 'Escalation',
  },
};

const inTx = <T>(ctx: AppContext, work: (tx: Db) => Promise<T>) =>
  ctx.db.transaction((tx) => work(tx as unknown as Db));

export function ticketRoutes(app: App, ctx: AppContext) {
  fileBodyRoutes(app, MAX_IMAGE_BYTES, (scope) => {
    scope.post(
      '/me/ticket-photos',
      {
        bodyLimit: MAX_IMAGE_BYTES,
        schema: {
          tags,
          description:
            'Upload a photo for a ticket or a message on it: the body is the file itself (JPEG, PNG or WebP, at most 5 MB), ' +
            'kept privately (only the ticket’s opener and the service desk see it). Name its id when opening or writing.',
          response: { 201: z.object({ id: z.string(), width: z.number().int(), height: z.number().int() }), ...errors },
        },
      },
      async (req, reply) => {
        const user = await ctx.auth.require(req);
        return reply
          .status(201)
          .send(await uploadTicketPhoto(ctx.db, ctx.storage, user.id, fileBody(req.body, 'photo')));
      },
    );
  });

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        description:
          'Open a ticket (联系客服) about an order of mine or on its own: the category decides the team and the promised ' +
          'times (first response, plan, close), counted in the service desk’s hours in the city’s time zone.',
        body: openBody,
        response: { 201: summary.extend({ events: z.array(event) }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const opened = await inTx(ctx, (tx) => openTicket(tx, { id: user.id, role: 'customer' }, req.body));
      return reply.status(201).send(await openerTicket(ctx.db, user.id, opened.id));
    },
  );

  app.get(
    '/me/tickets',
    {
      schema: {
        tags,
        description: 'My tickets as a customer, newest first, a page at a time (X-Next-Cursor).',
        querystring: pageQuery,
        response: { 200: z.array(summary), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return sendPage(reply, await myTickets(ctx.db, user.id, 'customer', pageRequest(TICKET_KEYSET, req.query, 20)));
    },
  );

  app.post(
    '/leader/tickets',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'A leader opens a ticket from the leader app: a delivery problem, missing goods, a system fault (or other), ' +
          'optionally about an order of the pickup point.',
        body: openBody.extend({ category: z.enum(LEADER_CATEGORIES) }),
        response: { 201: summary.extend({ events: z.array(event) }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const opened = await inTx(ctx, (tx) => openTicket(tx, { id: user.id, role: 'leader' }, req.body));
      return reply.status(201).send(await openerTicket(ctx.db, user.id, opened.id));
    },
  );

  app.get(
    '/leader/tickets',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'The tickets the leader opened, newest first, a page at a time (X-Next-Cursor).',
        querystring: pageQuery,
        response: { 200: z.array(summary), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return sendPage(reply, await myTickets(ctx.db, user.id, 'leader', pageRequest(TICKET_KEYSET, req.query, 20)));
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags,
        description: 'My ticket with its timeline (the service desk’s internal notes left out) and promised times.',
        params: ticketParams,
        response: { 200: summary.extend({ events: z.array(event) }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return openerTicket(ctx.db, user.id, req.params.id);
    },
  );

  app.get(
    '/tickets/:id/photos/:photoId',
    {
      schema: {
        tags,
        description: 'A photo of a ticket, for its opener and the service desk of its city (`size=thumb`: 240 px).',
        params: z.object({ id: z.uuid(), photoId: z.uuid() }),
        querystring: z.object({ size: z.enum(['thumb', 'full']).default('full') }),
        response: { 200: z.any().describe('image/webp'), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const staff = user.roles.some((r) => (STAFF.service as readonly string[]).includes(r));
      const key = await ticketPhotoKey(
        ctx.db,
        { id: user.id, staff, scope: regionScope(user) },
        req.params.id,
        req.params.photoId,
        req.query.size === 'thumb',
      );
      const file = await ctx.storage.get(key);
      if (!file) throw notFound('Photo');
      return reply.header('cache-control', 'private, max-age=86400').type(file.contentType).send(file.body);
    },
  );

  app.post(
    '/tickets/:id/messages',
    {
      schema: {
        tags,
        description:
          'The opener writes on their ticket (an answer to the desk’s question sends it back to the agents).',
        params: ticketParams,
        body: z.object({ text, photoIds: z.array(id).max(MAX_TICKET_PHOTOS).optional() }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await inTx(ctx, (tx) => openerMessage(tx, user.id, req.params.id, req.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/tickets/:id/rate',
    {
      schema: {
        tags,
        description:
          'Rate the resolution (1–5, with a comment) of a resolved ticket, which closes it; once (409 after).',
        params: ticketParams,
        body: z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await inTx(ctx, (tx) => rateTicket(tx, user.id, req.params.id, req.body));
      return { ok: true as const };
    },
  );

  app.post(
    '/tickets/:id/reopen',
    {
      schema: {
        tags,
        description: 'Reopen my resolved or closed ticket within 7 days of its resolution (409 otherwise).',
        params: ticketParams,
        body: z.object({ text: z.string().trim().max(2000).optional() }).optional(),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await inTx(ctx, (tx) => openerReopen(tx, user.id, req.params.id, req.body?.text));
      return { ok: true as const };
    },
  );

  // ——— the console ———

  app.get(
    '/admin/tickets',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description:
          'The service queue, newest first, a page at a time (X-Next-Cursor): `status` (active = not resolved or closed), ' +
          '`team`, `assignee` (me, none), `escalated`, `q` (a ticket number, LL order number or phone).',
        querystring: pageQuery.extend({
          status: z.enum(['active', 'open', 'in_progress', 'waiting_customer', 'resolved', 'closed']).optional(),
          team: z.enum(TEAMS).optional(),
          assignee: z.enum(['me', 'none']).optional(),
          escalated: z.enum(['true', 'false']).optional(),
          q: z.string().trim().min(1).max(40).optional(),
        }),
        response: { 200: z.array(staffSummary), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      return sendPage(
        reply,
        await ticketQueue(
          ctx.db,
          regionScope(user),
          user.id,
          { status: q.status, team: q.team, assignee: q.assignee, escalated: q.escalated === 'true', q: q.q },
          pageRequest(TICKET_KEYSET, q),
        ),
      );
    },
  );

  app.get(
    '/admin/tickets/:id',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description: 'A ticket with its whole timeline, internal notes included.',
        params: ticketParams,
        response: {
          200: staffSummary.extend({ ratingComment: z.string().nullable(), events: z.array(event) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return staffTicket(ctx.db, regionScope(user), req.params.id);
    },
  );

  const agentAction = <B extends z.ZodType>(
    path: string,
    description: string,
    body: B,
    act: (
      tx: Db,
      user: { id: string; scope: ReturnType<typeof regionScope> },
      ticketId: string,
      body: z.infer<B>,
    ) => Promise<void>,
  ) =>
    app.post(
      path,
      {
        config: { roles: STAFF.service, regions: 'scoped' },
        schema: {
          tags,
          description,
          params: idParams,
          body,
          response: {
            200: staffSummary.extend({ ratingComment: z.string().nullable(), events: z.array(event) }),
            ...errors,
          },
        },
      },
      async (req) => {
        const user = await ctx.auth.require(req);
        const scope = regionScope(user);
        const { id: ticketId } = req.params as { id: string };
        await inTx(ctx, (tx) => act(tx, { id: user.id, scope }, ticketId, req.body as z.infer<B>));
        return staffTicket(ctx.db, scope, ticketId);
      },
    );

  agentAction(
    '/admin/tickets/:id/assign',
    'Give the ticket to an agent of its city (`assigneeId`), or to nobody (null).',
    z.object({ assigneeId: id.nullable() }),
    (tx, user, ticketId, body) =>
      assignTicket(tx, user.scope, { id: user.id, role: 'agent' }, ticketId, body.assigneeId),
  );
  agentAction(
    '/admin/tickets/:id/messages',
    'Write on the ticket: `reply`, `ask` (a question; the ticket waits for the customer), `plan` (方案; meets the plan ' +
      'clock) or `note` (internal). The first reply, ask or plan meets the first-response clock; the opener is told.',
    z.object({ kind: z.enum(['reply', 'ask', 'plan', 'note']), text }),
    (tx, user, ticketId, body) => agentMessage(tx, user.scope, { id: user.id, role: 'agent' }, ticketId, body),
  );
  agentAction(
    '/admin/tickets/:id/resolve',
    'Resolve the ticket with what was done; the opener is told and may rate it or reopen it within 7 days.',
    z.object({ text }),
    (tx, user, ticketId, body) => resolveTicket(tx, user.scope, { id: user.id, role: 'agent' }, ticketId, body.text),
  );
  agentAction(
    '/admin/tickets/:id/reopen',
    'Reopen a resolved or closed ticket (its promised times stay as they were).',
    z.object({ text: z.string().trim().max(2000).optional() }),
    (tx, user, ticketId, body) => agentReopen(tx, user.scope, { id: user.id, role: 'agent' }, ticketId, body.text),
  );

  app.get(
    '/admin/service/staff',
    {
      config: { roles: STAFF.service, regions: 'scoped' },
      schema: {
        tags,
        description: 'The customer-service agents and supervisors a ticket of the caller’s cities can be given to.',
        response: {
          200: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return serviceStaff(ctx.db, regionScope(user));
    },
  );

  const canned = z.object({
    id: z.string(),
    team: z.enum(TEAMS).nullable(),
    title: z.string(),
    body: z.string(),
    updatedAt: z.string(),
  });
  const cannedBody = z.object({
    team: z.enum(TEAMS).nullable().describe('null: for every team'),
    title: z.string().trim().min(1).max(60),
    body: z.string().trim().min(1).max(2000),
  });

  app.get(
    '/admin/canned-replies',
    {
      config: { roles: STAFF.service, regions: 'shared' },
      schema: {
        tags,
        description: '话术库: the replies agents pick from; `team` for those of one team and those for every team.',
        querystring: z.object({ team: z.enum(TEAMS).optional() }),
        response: { 200: z.array(canned), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return cannedReplies(ctx.db, req.query.team);
    },
  );

  app.post(
    '/admin/canned-replies',
    {
      config: { roles: STAFF.serviceLead, regions: 'all' },
      schema: {
        tags,
        description: 'Add a canned reply (supervisors); 409 when the team has one of this title.',
        body: cannedBody,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await saveCannedReply(ctx.db, user.id, null, req.body));
    },
  );

  app.put(
    '/admin/canned-replies/:id',
    {
      config: { roles: STAFF.serviceLead, regions: 'all' },
      schema: {
        tags,
        description: 'Change a canned reply (supervisors).',
        params: idParams,
        body: cannedBody,
        response: { 200: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return saveCannedReply(ctx.db, user.id, req.params.id, req.body);
    },
  );

  app.delete(
    '/admin/canned-replies/:id',
    {
      config: { roles: STAFF.serviceLead, regions: 'all' },
      schema: {
        tags,
        description: 'Remove a canned reply (supervisors).',
        params: idParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      await deleteCannedReply(ctx.db, req.params.id);
      return { ok: true as const };
    },
  );

  const reportQuery = windowQuery.extend({ by: z.enum(['team', 'agent']).default('team') });
  app.get(
    '/admin/service/report',
    {
      config: { roles: STAFF.serviceReports, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Tickets opened in the last `days` days per team or agent: first response and resolution times (minutes, median ' +
          'and 90th percentile), the share of clocks met within the SLA, open ones, satisfaction; and the volume per category.',
        querystring: reportQuery,
        response: {
          200: z.object({
            rows: z.array(reportRow),
            categories: z.array(
              z.object({
                category: z.string(),
                tickets: z.number().int(),
                open: z.number().int(),
                rated: z.number().int(),
                averageRating: z.number().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      const window = since(req.query.days);
      const scope = regionScope(user);
      const [rows, categories] = await Promise.all([
        serviceReport(ctx.db, scope, window, req.query.by),
        ticketVolume(ctx.db, scope, window),
      ]);
      return { rows, categories };
    },
  );

  app.get(
    '/admin/service/report.xlsx',
    {
      config: { roles: STAFF.serviceReports, regions: 'scoped' },
      schema: {
        tags,
        description: 'The service times report as .xlsx.',
        querystring: reportQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      const found = await serviceReport(ctx.db, regionScope(user), since(q.days), q.by);
      const name = `${q.lang === 'en' ? 'service-times' : '客服时效'}-${q.by}-${q.days}d.xlsx`;
      return sendXlsx(reply, await serviceWorkbook(found, q.by, q.lang, (t) => TEAM_NAMES[q.lang][t] ?? t), name);
    },
  );

  const reasonsQuery = windowQuery.extend({ by: z.enum(['product', 'supplier']).default('product') });
  app.get(
    '/admin/service/return-reasons',
    {
      config: { roles: STAFF.returnReasons, regions: 'scoped' },
      schema: {
        tags,
        description:
          'After-sales claims of the last `days` days per product or supplier: claims, units, money refunded and claims ' +
          'per reason (质量, 描述不符, 物流延迟, 缺件, 发错, 其他); most claimed first.',
        querystring: reasonsQuery,
        response: { 200: z.array(reasonRow), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return returnReasons(ctx.db, regionScope(user), since(req.query.days), req.query.by);
    },
  );

  app.get(
    '/admin/service/return-reasons.xlsx',
    {
      config: { roles: STAFF.returnReasons, regions: 'scoped' },
      schema: {
        tags,
        description: 'The return reasons as .xlsx.',
        querystring: reasonsQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const q = req.query;
      const found = await returnReasons(ctx.db, regionScope(user), since(q.days), q.by);
      const name = `${q.lang === 'en' ? 'return-reasons' : '退货原因'}-${q.by}-${q.days}d.xlsx`;
      return sendXlsx(reply, await returnReasonsWorkbook(found, q.by, RETURN_REASONS, q.lang), name);
    },
  );
}
