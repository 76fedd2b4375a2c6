import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { idempotent } from '../../lib/idempotency.js';
import { errors, idempotencyHeader, idParams } from '../../lib/schemas.js';
import { leaderOf } from '../leaders/service.js';
import {
  commissionSummary,
  listWithdrawals,
  payWithdrawal,
  rejectWithdrawal,
  requestWithdrawal,
  settleDueCommissions,
} from './service.js';

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
  withdrawnFen: z.number(),
  entries: z.array(entry),
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
const statusQuery = z.object({ status: z.enum(['requested', 'paid', 'rejected']).optional() });

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
        description: 'Balances and the newest 100 ledger entries; due commission is settled first.',
        response: { 200: summary, ...errors },
      },
    },
    async (req) => {
      const leader = await me(req);
      // Lazy settlement: the balance shown is never stale by up to a job interval.
      await settleDueCommissions(ctx.db, { leaderId: leader.id, lookbackDays: LAZY_LOOKBACK_DAYS });
      return commissionSummary(ctx.db, leader.id);
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
      schema: { tags, querystring: statusQuery, response: { 200: z.array(withdrawal), ...errors } },
    },
    async (req) => {
      const leader = await me(req);
      return listWithdrawals(ctx.db, { leaderId: leader.id, status: req.query.status });
    },
  );

  app.get(
    '/admin/withdrawals',
    {
      config: { roles: ['admin'] },
      schema: { tags, querystring: statusQuery, response: { 200: z.array(withdrawal), ...errors } },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return listWithdrawals(ctx.db, { status: req.query.status });
    },
  );

  app.post(
    '/admin/withdrawals/:id/pay',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        description: 'The transfer was made: requested → paid.',
        params: idParams,
        response: { 200: withdrawal, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return payWithdrawal(ctx.db, req.params.id);
    },
  );

  app.post(
    '/admin/withdrawals/:id/reject',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        description: 'requested → rejected; the amount returns to available.',
        params: idParams,
        response: { 200: withdrawal, ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return rejectWithdrawal(ctx.db, req.params.id);
    },
  );

  app.post(
    '/admin/commissions/settle',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        description: 'Settle every due commission now (the settle-commissions job does this every 10 minutes).',
        response: { 200: z.object({ settled: z.number() }), ...errors },
      },
    },
    async (req) => {
      await ctx.auth.require(req, 'admin');
      return { settled: await settleDueCommissions(ctx.db) };
    },
  );
}
