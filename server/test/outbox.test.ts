import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { startTestServer, type TestServer } from './harness.js';
import { exec, rows } from '../src/db/client.js';
import { deliverOutbox, enqueue } from '../src/modules/outbox/service.js';
import { outboxHandlers, SEND_CONCURRENCY, type NotificationSender } from '../src/modules/outbox/senders.js';
import { OutboxPump } from '../src/modules/outbox/pump.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
// every test starts from an empty outbox, so a delivery run sees only that test's messages
beforeEach(async () => {
  await exec(server.ctx.db, sql`delete from outbox`);
});

/** A gateway that records what it sent and refuses messages whose `text` is in `refuse`. */
function gateway(refuse: string[] = []) {
  const sent: string[] = [];
  const send: NotificationSender = async (message) => {
    if (refuse.includes(String(message.text))) throw new Error(`gateway refused ${String(message.text)}`);
    sent.push(String(message.text));
  };
  return { sent, handlers: outboxHandlers(server.ctx.config, send) };
}

async function notify(userId: string, text: string) {
  await enqueue(server.ctx.db, 'notify.customer', { userId, kind: 'paid', text });
}

const inbox = (userId: string) =>
  rows<{ text: string }>(
    server.ctx.db,
    sql`select payload->>'text' as text from notifications where user_id = ${userId} order by text`,
  );

const outboxRow = async (text: string) =>
  (
    await rows<{ status: string; attempts: number; last_error: string | null; due_later: boolean }>(
      server.ctx.db,
      sql`
  select status, attempts, last_error, next_attempt_at > now() as due_later from outbox where payload->>'text' = ${text}`,
    )
  )[0];

/** Statements sent to PostgreSQL while `fn` runs (node-postgres only: PGlite has no such hook). */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const query = pg.Client.prototype.query;
  let n = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = query;
  }
  return n;
}

describe('outbox delivery', () => {
  it('delivers a batch of notifications with one inbox row each, in the same number of statements for any batch size', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    const { sent, handlers } = gateway();
    const counts: number[] = [];
    for (const size of [4, 20]) {
      for (let i = 0; i < size; i++) await notify(users[i % 3], `m${size}-${String(i).padStart(2, '0')}`);
      counts.push(await countStatements(async () => expect(await deliverOutbox(server.ctx.db, handlers)).toBe(size)));
    }
    expect(sent).toHaveLength(24);
    expect(new Set(sent).size).toBe(24);
    const all = (await Promise.all(users.map(inbox))).flat().map((r) => r.text);
    expect(all.sort()).toEqual([...sent].sort());
    expect(await rows(server.ctx.db, sql`select 1 from outbox where status <> 'delivered'`)).toEqual([]);
    if (server.ctx.database.kind === 'postgres') {
      // begin, lock the due rows, savepoint, one insert, release, mark delivered, commit
      expect(counts).toEqual([7, 7]);
    }
  });

  it('a refused send leaves that message pending with backoff and no inbox row; the others are delivered', async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    await notify(ann, 'a1');
    await notify(bob, 'b1');
    await notify(ann, 'a2');
    const first = gateway(['b1']);
    expect(await deliverOutbox(server.ctx.db, first.handlers)).toBe(3);
    expect(first.sent).toEqual(['a1', 'a2']);
    expect(await inbox(ann)).toEqual([{ text: 'a1' }, { text: 'a2' }]);
    expect(await inbox(bob)).toEqual([]);
    expect(await outboxRow('b1')).toEqual({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: gateway refused b1',
      due_later: true,
    });
    expect(await outboxRow('a1')).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });

    // backing off: not due yet; once due, it goes out exactly once
    const second = gateway();
    expect(await deliverOutbox(server.ctx.db, second.handlers)).toBe(0);
    await exec(server.ctx.db, sql`update outbox set next_attempt_at = now() where payload->>'text' = 'b1'`);
    expect(await deliverOutbox(server.ctx.db, second.handlers)).toBe(1);
    expect(second.sent).toEqual(['b1']);
    expect(await inbox(bob)).toEqual([{ text: 'b1' }]);
    expect(await outboxRow('b1')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a message that breaks the batch insert falls back to one at a time, without sending anything twice', async () => {
    const ann = randomUUID();
    await notify(ann, 'a1');
    await enqueue(server.ctx.db, 'notify.customer', { userId: 'not-a-uuid', kind: 'paid', text: 'bad' });
    await notify(ann, 'a2');
    const { sent, handlers } = gateway();
    expect(await deliverOutbox(server.ctx.db, handlers)).toBe(3);
    expect(sent).toEqual(['a1', 'a2']);
    expect(await inbox(ann)).toEqual([{ text: 'a1' }, { text: 'a2' }]);
    expect(await outboxRow('bad')).toMatchObject({ status: 'pending', attempts: 1, due_later: true });
    expect((await outboxRow('bad')).last_error).toMatch(/uuid/);
  });

  it('gives a message up after 12 failed attempts', async () => {
    const ann = randomUUID();
    await notify(ann, 'a1');
    await notify(ann, 'doomed');
    await exec(server.ctx.db, sql`update outbox set attempts = 11 where payload->>'text' = 'doomed'`);
    expect(await deliverOutbox(server.ctx.db, gateway(['doomed']).handlers)).toBe(2);
    expect(await outboxRow('doomed')).toMatchObject({ status: 'failed', attempts: 12 });
    expect(await inbox(ann)).toEqual([{ text: 'a1' }]);
  });

  it('handles other topics in the same run: refunds one by one, unknown topics retried later', async () => {
    const ann = randomUUID();
    await notify(ann, 'a1');
    await notify(ann, 'a2');
    await enqueue(server.ctx.db, 'payment.refund', { providerRefundId: randomUUID() });
    await exec(
      server.ctx.db,
      sql`insert into outbox (topic, payload) values ('no.such.topic', '{"text":"lost"}'::jsonb)`,
    );
    expect(await deliverOutbox(server.ctx.db, gateway().handlers)).toBe(4);
    expect(await inbox(ann)).toHaveLength(2);
    expect(await rows(server.ctx.db, sql`select topic, status, attempts from outbox order by id`)).toEqual([
      { topic: 'notify.customer', status: 'delivered', attempts: 1 },
      { topic: 'notify.customer', status: 'delivered', attempts: 1 },
      { topic: 'payment.refund', status: 'delivered', attempts: 1 },
      { topic: 'no.such.topic', status: 'pending', attempts: 1 },
    ]);
    expect((await outboxRow('lost')).last_error).toBe('Error: no outbox handler for no.such.topic');
  });
});

describe('outbox pump', () => {
  /** A gateway whose sends each take a turn of the event loop; `all` resolves once `total` went out. */
  function slowGateway(total: number) {
    const sent: string[] = [];
    let inFlight = 0;
    let most = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    const send: NotificationSender = async (message) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      sent.push(String(message.text));
      if (sent.length === total) done();
    };
    return { sent, all, most: () => most, handlers: outboxHandlers(server.ctx.config, send) };
  }

  it('drains a backlog batch after batch when woken, sending several messages of a batch at a time', async () => {
    const total = 120; // more than two batches of 50
    const gw = slowGateway(total);
    // an idle wait of an hour: only the wake and the full batches can deliver within the test
    const pump = new OutboxPump(server.ctx.db, gw.handlers, { idleMs: 3_600_000 });
    pump.start();
    const user = randomUUID();
    await server.ctx.db.transaction(async (tx) => {
      for (let i = 0; i < total; i++)
        await enqueue(tx as never, 'notify.customer', {
          userId: user,
          kind: 'paid',
          text: `p${String(i).padStart(3, '0')}`,
        });
    });
    pump.wake();
    await gw.all;
    await pump.stop();
    expect(gw.sent.sort()).toEqual(Array.from({ length: total }, (_, i) => `p${String(i).padStart(3, '0')}`));
    expect(gw.most()).toBe(SEND_CONCURRENCY);
    expect(await rows(server.ctx.db, sql`select status, count(*)::int as n from outbox group by status`)).toEqual([
      { status: 'delivered', n: total },
    ]);
    expect(await inbox(user)).toHaveLength(total);
  });

  it('finds what was written while it idled at its next look, unwoken', async () => {
    const gw = slowGateway(1);
    const pump = new OutboxPump(server.ctx.db, gw.handlers, { idleMs: 10 });
    pump.start();
    const user = randomUUID();
    await notify(user, 'later');
    await gw.all;
    await pump.stop();
    expect(gw.sent).toEqual(['later']);
    expect(await outboxRow('later')).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
