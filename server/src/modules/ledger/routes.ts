import { z } from 'zod';
import { regionScope } from '../../lib/region-scope.js';
import type { App, AppContext } from '../../context.js';
import { idempotent } from '../../lib/idempotency.js';
import { errors, idempotencyHeader, idParams } from '../../lib/schemas.js';
import { pageQuery, pageRequest, sendPage, withNextCursor } from '../../lib/pages.js';
import { leaderOf } from '../leaders/service.js';
import {
  commissionSummary,
  LEDGER_KEYSET,
  listWithdrawals,
  payWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  settleDueCommissions,
  WITHDRAWAL_KEYSET,
} from './service.js';
import { STAFF } from '../../lib/access.js';

const entry = z.object({
  id: z.string(),
  kind: z.string(),
  bucket: z.string(),
  amountFen: z.number(),
  orderLineId: z.string().nullable(),
  availableAt: z.string().nullable(),
  createdAt: z.string(),
});
const summary = z.object({
  pendingFen: z.number(),
  availableFen: z.number(),
  withdrawnFen: z.number().describe('Everything requested and not rejected: in review plus paid out'),
  inReviewFen: z.number().describe('The part of withdrawnFen whose requests are still under review (not yet paid out)'),
  entries: z.array(entry),
  nextCursor: z.string().nullable().describe('The cursor of the next page of entries (null on the last page)'),
});
const withdrawal = z.object({
  id: z.string(),
  leaderId: z.string(),
  amountFen: z.number(),
  status: z.enum(['requested', 'paid', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  leaderName: z.string().optional(),
  pickupPointId: z.string().optional(),
  pickupPointName: z.string().optional(),
});
/** Lazy settlement looks back this far; older due money is swept by the job's full runs (POST /admin/commissions/settle). */
const LAZY_LOOKBACK_DAYS = 60;
const statusQuery = pageQuery.extend({ status: z.enum(['requested', 'paid', 'rejected']).optional() });

export function ledgerRoutes(app: App, ctx: AppContext) {
  const tags = ['commissions'];
  const me = async (req: Parameters<typeof ctx.auth.require>[0]) =>
    leaderOf(ctx.db, (await ctx.auth.require(req, 'leader')).id);

  app.get(
    '/leader/commissions',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Balances and the ledger entries, newest first, a page at a time (100 unless `limit` says; the next ' +
          'page: `nextCursor`, also in the X-Next-Cursor header); due commission is settled first.',
        querystring: pageQuery,
        response: { 200: summary, ...errors },
      },
    },
    async (req, reply) => {
      const leader = await me(req);
      const page = pageRequest(LEDGER_KEYSET, req.query, 100);
      // Lazy settlement: the balance shown is never stale by up to a job interval.
      await settleDueCommissions(ctx.db, { leaderId: leader.id, lookbackDays: LAZY_LOOKBACK_DAYS });
      const { nextCursor, ...summary } = await commissionSummary(ctx.db, leader.id, page);
      return withNextCursor(reply, summary, nextCursor);
    },
  );

  app.post(
    '/leader/withdrawals',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description:
          'Withdraw available commission; never more than availableFen, also for simultaneous requests. Idempotency-Key supported.',
        headers: idempotencyHeader,
        body: z.object({ amountFen: z.number().int().min(1).max(1_000_000_000) }),
        response: { 201: withdrawal, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req, 'leader');
      const leader = await leaderOf(ctx.db, user.id);
      await settleDueCommissions(ctx.db, { leaderId: leader.id, lookbackDays: LAZY_LOOKBACK_DAYS });
      const result = await idempotent(
        ctx.db,
        {
          userId: user.id,
          scope: 'withdrawal',
          key: req.headers['idempotency-key'],
          request: req.body,
        },
        async (tx) => ({ status: 201, body: await requestWithdrawal(tx, leader.id, req.body.amountFen) }),
      );
      return reply.status(result.status as 201).send(result.body);
    },
  );

  app.get(
    '/leader/withdrawals',
    {
      config: { roles: ['leader'] },
      schema: {
        tags,
        description: 'My withdrawals, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: statusQuery,
        response: { 200: z.array(withdrawal), ...errors },
      },
    },
    async (req, reply) => {
      const leader = await me(req);
      const page = pageRequest(WITHDRAWAL_KEYSET, req.query);
      return sendPage(reply, await listWithdrawals(ctx.db, { leaderId: leader.id, status: req.query.status }, page));
    },
  );

  app.get(
    '/admin/withdrawals',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description: 'Withdrawals, newest first, a page at a time (the next page: the X-Next-Cursor header).',
        querystring: statusQuery,
        response: { 200: z.array(withdrawal), ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      const page = pageRequest(WITHDRAWAL_KEYSET, req.query);
      const filter = { status: req.query.status, scope: regionScope(user) };
      return sendPage(reply, await listWithdrawals(ctx.db, filter, page));
    },
  );

  app.post(
    '/admin/withdrawals/:id/pay',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description: 'The transfer was made: requested → paid.',
        params: idParams,
        response: { 200: withdrawal, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return payWithdrawal(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.post(
    '/admin/withdrawals/:id/reject',
    {
      config: { roles: STAFF.money, regions: 'scoped' },
      schema: {
        tags,
        description: 'requested → rejected; the amount returns to available.',
        params: idParams,
        response: { 200: withdrawal, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return rejectWithdrawal(ctx.db, req.params.id, regionScope(user));
    },
  );

  app.post(
    '/admin/commissions/settle',
    {
      config: { roles: STAFF.money, regions: 'all' },
      schema: {
        tags,
        description: 'Settle every due commission now (the settle-commissions job does this every 10 minutes).',
        response: { 200: z.object({ settled: z.number() }), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req);
      return { settled: await settleDueCommissions(ctx.db) };
    },
  );
}
