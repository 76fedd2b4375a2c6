import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { STAFF } from '../../lib/access.js';
import { errorBody, errors, idParams, isoDate, ok } from '../../lib/schemas.js';
import { validation } from '../../lib/errors.js';
import { addDays, businessDate } from '../../lib/time.js';
import { sendXlsx, XLSX } from '../../lib/xlsx-reply.js';
import { differencesWorkbook } from './workbook.js';
import { DIFFERENCE_KINDS } from './match.js';
import {
  BILL_TIME_ZONE,
  getDay,
  listDays,
  listDifferences,
  reconcileConfiguredDay,
  resolveDifference,
} from './service.js';

const day = z.object({
  date: z.string(),
  status: z.enum(['running', 'done', 'failed', 'not_ready']),
  startedAt: z.string(),
  fetchedAt: z.string().nullable(),
  hadStatement: z.boolean().describe('false when WeChat Pay had no bill for the day (NO_STATEMENT_EXIST)'),
  wechatPayments: z.number(),
  wechatPaymentFen: z.number(),
  wechatRefunds: z.number(),
  wechatRefundFen: z.number(),
  linliPayments: z.number(),
  linliPaymentFen: z.number(),
  linliRefunds: z.number(),
  linliRefundFen: z.number(),
  differences: z.number(),
  unresolved: z.number(),
  error: z.string().nullable(),
});
const difference = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(DIFFERENCE_KINDS),
  subject: z.enum(['payment', 'refund']),
  outTradeNo: z.string(),
  outRefundNo: z.string().nullable(),
  paymentId: z.string().nullable(),
  refundId: z.string().nullable(),
  linliFen: z.number().nullable(),
  wechatFen: z.number().nullable(),
  linliStatus: z.string().nullable(),
  wechatStatus: z.string().nullable(),
  transactionId: z.string().nullable(),
  foundAt: z.string(),
  resolvedAt: z.string().nullable(),
  note: z.string().nullable(),
});
const dateParams = z.object({ date: isoDate });
const failures = { ...errors, 502: errorBody };

/** The console's WeChat Pay reconciliation (对账, decision 064): merchant-wide, for finance. */
export function reconciliationRoutes(app: App, ctx: AppContext) {
  const tags = ['reconciliation'];
  const config = { roles: STAFF.money, regions: 'all' as const };

  /** a range of days: default the 30 days up to yesterday (Beijing), at most a year */
  const range = (q: { from?: string; to?: string }) => {
    const to = q.to ?? addDays(businessDate(new Date(), BILL_TIME_ZONE), -1);
    const from = q.from ?? addDays(to, -29);
    if (from > to) throw validation('from must not be after to');
    if (addDays(from, 366) < to) throw validation('at most a year at a time');
    return { from, to };
  };
  const rangeQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

  app.get(
    '/admin/reconciliation',
    {
      config,
      schema: {
        tags,
        summary: 'Reconciled days of WeChat Pay',
        description:
          'Each Beijing day reconciled in the range (default: the 30 days up to yesterday): WeChat Pay’s and Linli’s counts and sums, and the differences found. `configured` is false when WeChat Pay is not set up (nothing is reconciled).',
        querystring: rangeQuery,
        response: {
          200: z.object({ configured: z.boolean(), from: z.string(), to: z.string(), items: z.array(day) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const { from, to } = range(req.query);
      return { configured: Boolean(ctx.config.wechatPay), from, to, items: await listDays(ctx.db, from, to) };
    },
  );

  app.get(
    '/admin/reconciliation/export.xlsx',
    {
      config,
      schema: {
        tags,
        summary: 'The differences of a range of days as .xlsx',
        description:
          'Every difference of the days in the range (default: the 30 days up to yesterday). Column headers in `lang`.',
        querystring: rangeQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 200: z.any().describe(`an .xlsx file (${XLSX})`), ...errors },
      },
    },
    async (req, reply) => {
      const { from, to } = range(req.query);
      const body = await differencesWorkbook(await listDifferences(ctx.db, from, to), from, to, req.query.lang);
      const ascii = `wechatpay-reconciliation-${from}-${to}.xlsx`;
      return sendXlsx(reply, body, req.query.lang === 'en' ? ascii : `微信支付对账差异-${from}-${to}.xlsx`, ascii);
    },
  );

  app.get(
    '/admin/reconciliation/days/:date',
    {
      config,
      schema: {
        tags,
        summary: 'A reconciled day and its differences',
        params: dateParams,
        response: { 200: z.object({ day: day.nullable(), items: z.array(difference) }), ...errors },
      },
    },
    async (req) => ({
      day: (await getDay(ctx.db, req.params.date)) ?? null,
      items: await listDifferences(ctx.db, req.params.date),
    }),
  );

  app.post(
    '/admin/reconciliation/days/:date/run',
    {
      config,
      schema: {
        tags,
        summary: 'Reconcile a day (again)',
        description:
          'Fetches WeChat Pay’s trade bill of the Beijing day and matches it against Linli’s payments and refunds; the day’s differences are replaced (a difference found again keeps its resolution). 409 WECHATPAY_NOT_CONFIGURED, BILL_NOT_READY (before 10:00 Beijing time the next day), BILL_EXPIRED (older than three months), RECONCILIATION_RUNNING (a run of the day is under way); 502 BILL_FETCH_FAILED.',
        params: dateParams,
        response: { 200: day, ...failures },
      },
    },
    async (req) => reconcileConfiguredDay(ctx.db, ctx.config.wechatPay, req.params.date),
  );

  app.post(
    '/admin/reconciliation/differences/:id/resolve',
    {
      config,
      schema: {
        tags,
        summary: 'Mark a difference resolved',
        description: 'With a note saying what was done; once (409 ALREADY_RESOLVED).',
        params: idParams,
        body: z.object({ note: z.string().trim().min(1).max(500) }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      await resolveDifference(ctx.db, req.params.id, user.id, req.body.note);
      return { ok: true as const };
    },
  );
}
