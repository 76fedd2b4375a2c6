import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { createWorld, type World } from './fixtures.js';
import { arriveInFull, buy, cutOffAndDeliver, newCampaign } from './leader-flow.js';
import { one } from '../src/db/client.js';

let server: TestServer;
let world: World;
beforeAll(async () => {
  server = await startTestServer({ settlementDelayDays: 0 });
  world = await createWorld(server);
  // 10 boxes of eggs at 29.90 picked up at point 0: 29.90 commission, available at once
  const campaign = await newCampaign(world);
  const buyer = await buy(server, world, campaign, 0, { eggs: 10 });
  await cutOffAndDeliver(world, campaign.id);
  await arriveInFull(world, campaign.id, 0);
  const res = await world.leaders[0].api.post('/leader/pickups/verify', { code: buyer.order.pickupCode });
  expect(res.status).toBe(200);
});
afterAll(() => server.close());

const leader = (i: number) => world.leaders[i].api;
const balances = async () => (await leader(0).get('/leader/commissions')).body;

/** The running balances must always equal the sums of the append-only entries. */
async function expectBalancesMatchEntries(leaderId: string) {
  const row = await one<Record<string, number>>(
    server.ctx.db,
    sql`
    select a.pending_fen, a.available_fen, a.withdrawn_fen,
      coalesce(sum(e.amount_fen) filter (where e.bucket = 'pending'), 0)::int as pending,
      coalesce(sum(e.amount_fen) filter (where e.bucket = 'available'), 0)::int as available,
      coalesce(sum(e.amount_fen) filter (where e.bucket = 'withdrawn'), 0)::int as withdrawn
    from leader_accounts a left join ledger_entries e on e.leader_id = a.leader_id
    where a.leader_id = ${leaderId} group by a.leader_id`,
  );
  expect(row!.pending).toBe(row!.pending_fen);
  expect(row!.available).toBe(row!.available_fen);
  expect(row!.withdrawn).toBe(row!.withdrawn_fen);
}

describe('commission with no settlement delay', () => {
  it('is available at once after pickup', async () => {
    const b = await balances();
    expect(b).toMatchObject({ pendingFen: 0, availableFen: 2990, withdrawnFen: 0 });
    expect(b.entries.map((e: any) => [e.kind, e.bucket, e.amountFen])).toEqual(
      expect.arrayContaining([
        ['commission', 'pending', 2990],
        ['settlement', 'pending', -2990],
        ['settlement', 'available', 2990],
      ]),
    );
    await expectBalancesMatchEntries(world.leaders[0].leaderId);
  });
});

describe('withdrawals', () => {
  it('never pays out more than is available, even for simultaneous requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => leader(0).post('/leader/withdrawals', { amountFen: 500 })),
    );
    const okCount = results.filter((r) => r.status === 201).length;
    expect(okCount).toBe(5);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('LIMIT_EXCEEDED');
    }
    expect(results.find((r) => r.status === 201)!.body).toMatchObject({ status: 'requested', amountFen: 500 });
    expect(await balances()).toMatchObject({ availableFen: 490, withdrawnFen: 2500, inReviewFen: 2500 });
    const listed = (await leader(0).get('/leader/withdrawals')).body;
    expect(listed).toHaveLength(5);
    await expectBalancesMatchEntries(world.leaders[0].leaderId);
  });

  it('refuses too much, nothing, and non-leaders', async () => {
    const tooMuch = await leader(0).post('/leader/withdrawals', { amountFen: 491 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { availableFen: 490 } });
    expect((await leader(0).post('/leader/withdrawals', { amountFen: 0 })).status).toBe(400);
    expect((await leader(1).post('/leader/withdrawals', { amountFen: 1 })).status).toBe(409); // nothing earned there
    expect((await world.anon.post('/leader/withdrawals', { amountFen: 1 })).status).toBe(401);
    expect((await world.admin.post('/leader/withdrawals', { amountFen: 1 })).status).toBe(403);
  });

  it('replays a request with the same Idempotency-Key, also when sent simultaneously', async () => {
    const key = { 'idempotency-key': 'withdraw-1' };
    const sent = await Promise.all(
      Array.from({ length: 4 }, () => leader(0).post('/leader/withdrawals', { amountFen: 100 }, key)),
    );
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(sent.map((r) => r.body.id)).size).toBe(1);
    const replay = await leader(0).post('/leader/withdrawals', { amountFen: 100 }, key);
    expect(replay).toEqual({ status: 201, body: sent[0].body });
    expect((await balances()).availableFen).toBe(390);
    const other = await leader(0).post('/leader/withdrawals', { amountFen: 200 }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    // a failed request leaves no key behind: the same key may be used once it can succeed
    const failed = await leader(0).post(
      '/leader/withdrawals',
      { amountFen: 10_000 },
      { 'idempotency-key': 'withdraw-2' },
    );
    expect(failed.status).toBe(409);
    expect(
      (await leader(0).post('/leader/withdrawals', { amountFen: 90 }, { 'idempotency-key': 'withdraw-2' })).status,
    ).toBe(201);
    expect((await balances()).availableFen).toBe(300);
  });

  it('is paid or rejected by an admin; a rejection gives the money back', async () => {
    const requested = (await world.admin.get('/admin/withdrawals?status=requested')).body;
    expect(requested).toHaveLength(7);
    expect(requested[0]).toMatchObject({
      leaderId: world.leaders[0].leaderId,
      pickupPointId: world.pickupPointIds[0],
      status: 'requested',
    });
    const [first, second] = requested;
    expect((await leader(0).post(`/admin/withdrawals/${first.id}/pay`)).status).toBe(403);
    const paid = await world.admin.post(`/admin/withdrawals/${first.id}/pay`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: first.id, status: 'paid' });
    expect(paid.body.decidedAt).toBeTruthy();
    expect((await world.admin.post(`/admin/withdrawals/${first.id}/pay`)).body.error.code).toBe('INVALID_STATE');
    expect((await world.admin.post(`/admin/withdrawals/${first.id}/reject`)).status).toBe(409);

    // what is paid out is no longer under review; the rest still is
    const reviewing = requested.reduce((n: number, w: any) => n + w.amountFen, 0) - first.amountFen;
    expect((await balances()).inReviewFen).toBe(reviewing);
    const before = await balances();
    const rejected = await world.admin.post(`/admin/withdrawals/${second.id}/reject`);
    expect(rejected.body).toMatchObject({ id: second.id, status: 'rejected' });
    const after = await balances();
    expect(after.availableFen).toBe(before.availableFen + second.amountFen);
    expect(after.withdrawnFen).toBe(before.withdrawnFen - second.amountFen);
    expect(after.inReviewFen).toBe(before.inReviewFen - second.amountFen);
    expect(
      after.entries
        .filter((e: any) => e.kind === 'withdrawal_rejected')
        .map((e: any) => e.amountFen)
        .sort(),
    ).toEqual([-second.amountFen, second.amountFen].sort());
    expect((await world.admin.post(`/admin/withdrawals/${second.id}/pay`)).status).toBe(409);
    expect((await world.admin.post('/admin/withdrawals/00000000-0000-4000-8000-000000000001/pay')).status).toBe(404);

    expect((await world.admin.get('/admin/withdrawals?status=paid')).body.map((w: any) => w.id)).toEqual([first.id]);
    const mine = (await leader(0).get('/leader/withdrawals?status=rejected')).body;
    expect(mine.map((w: any) => w.id)).toEqual([second.id]);
    expect((await leader(1).get('/leader/withdrawals')).body).toEqual([]);
    await expectBalancesMatchEntries(world.leaders[0].leaderId);
  });
});

/**
 * GET /leader/commissions lists the ledger newest first. The id is returned as text, and a bare
 * `order by id` in PostgreSQL sorts by that text output column ("85" after "812"), so with 10+
 * entries the list — and which 100 entries the limit keeps — came out in the wrong order.
 */
describe('leader commission ledger order', () => {
  it('lists entries by id numerically, newest first, past 9 → 10 → 100', async () => {
    const leaderId = world.leaders[2].leaderId;
    // 120 entries: ids cross 1, 2 and 3 digits, and the 100-entry limit has to keep the newest
    for (let i = 0; i < 120; i++) {
      await server.ctx.db.execute(sql`
        insert into ledger_entries (leader_id, bucket, amount_fen, kind, business_key)
        values (${leaderId}, 'available', 1, 'settlement', ${'qa-order:' + i})`);
    }
    const res = await world.leaders[2].api.get('/leader/commissions');
    expect(res.status).toBe(200);
    const ids = (res.body.entries as { id: string }[]).map((e) => Number(e.id));
    expect(ids).toHaveLength(100);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const newest = await one<{ max: number }>(
      server.ctx.db,
      sql`select max(id)::int as max from ledger_entries where leader_id = ${leaderId}`,
    );
    expect(ids[0]).toBe(newest?.max);
  });
});
