import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { createWorld, notifyPaid, type World } from './fixtures.js';
import { exec, one } from '../src/db/client.js';
import { safeError, safeUrl } from '../src/lib/log.js';

/**
 * Everything the server logs at the most verbose level, over a customer's whole visit — sign-up,
 * sign-in, a search by phone, an order paid through the provider, a refused duplicate sign-up, a
 * statement that fails inside the database and a sign-out — holds none of the customer's phone,
 * name, password, password hash or tokens.
 */
describe('log privacy', () => {
  let server: TestServer;
  let world: World;
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    server = await startTestServer({}, { logger: { level: 'trace', stream } });
    world = await createWorld(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a full cycle with a failing statement leaves no personal value in the log', async () => {
    const anon = new Api(server.app);
    const phone = nextPhone();
    const name = '日志测试张三';
    const password = 'Secret-pass-4711';
    const reg = await anon.post('/auth/register', { phone, password, name });
    expect(reg.status).toBe(201);
    const login = await anon.post('/auth/login', { phone, password });
    expect(login.status).toBe(200);
    const customer = anon.as(login.body.token);
    expect((await customer.put('/me/pickup-point', { pickupPointId: world.pickupPointIds[0] })).status).toBe(200);

    // searches carry the phone in the query string
    expect((await world.admin.get(`/admin/orders?q=${phone}`)).status).toBe(200);
    expect((await world.admin.get(`/admin/users?q=${encodeURIComponent(name)}`)).status).toBeLessThan(500);

    const order = await customer.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    const pay = await customer.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(200);
    expect(
      (
        await notifyPaid(server, {
          paymentId: pay.body.paymentId,
          orderId: order.body.id,
          amountFen: pay.body.amountFen,
        })
      ).status,
    ).toBe(200);
    expect((await customer.get(`/orders/${order.body.id}`)).body.status).toBe('paid');

    // the same phone again: refused by the unique constraint
    expect((await anon.post('/auth/register', { phone, password, name })).status).toBe(409);

    // a statement that fails inside the database with the row's values in its detail, as a
    // broken constraint or trigger would: the error is logged (500) without them
    await exec(
      server.ctx.db,
      sql.raw(`create or replace function log_privacy_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused' using detail = 'Key (phone)=(' || new.phone || ') name ' || new.name; end $$`),
    );
    await exec(
      server.ctx.db,
      sql.raw(
        'create trigger log_privacy_refuse before insert on users for each row execute function log_privacy_refuse()',
      ),
    );
    const phone2 = nextPhone();
    const name2 = '日志测试李四';
    const failed = await anon.post('/auth/register', { phone: phone2, password, name: name2 });
    await exec(server.ctx.db, sql.raw('drop trigger log_privacy_refuse on users'));
    expect(failed.status).toBe(500);

    expect((await customer.post('/auth/logout')).status).toBe(200);

    const hash = (await one<{ password_hash: string }>(
      server.ctx.db,
      sql`select password_hash from users where phone = ${phone}`,
    ))!.password_hash;
    const secrets = {
      phone,
      name,
      password,
      hash,
      phone2,
      name2,
      registerToken: reg.body.token,
      loginToken: login.body.token,
    };
    const log = lines.join('\n');
    // the log did record the visit and the failure, so finding nothing means something
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('/api/v1/admin/orders?q=…');
    const failure = lines.map((l) => JSON.parse(l)).find((l) => l.level >= 50 && l.err);
    expect(failure?.err.message).toMatch(/Failed query|refused/);
    for (const [what, value] of Object.entries(secrets)) {
      expect(value.length).toBeGreaterThan(5);
      expect(log.includes(value), `${what} appears in the log: ${lines.find((l) => l.includes(value))}`).toBe(false);
    }
  });

  it('errors of the drivers lose their parameters and row values', async () => {
    const err = Object.assign(
      new Error('Failed query: insert into users (phone) values ($1)\nparams: 13912345678,王五'),
      {
        query: 'insert into users (phone) values ($1)',
        params: ['13912345678', '王五'],
        cause: Object.assign(new Error('duplicate key value violates unique constraint "users_phone_key"'), {
          code: '23505',
          detail: 'Key (phone)=(13912345678) already exists.',
          constraint: 'users_phone_key',
        }),
      },
    );
    const text = JSON.stringify(safeError(err));
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('王五');
    expect(text).toContain('users_phone_key');
    expect(text).toContain('23505');
    expect(safeUrl('/api/v1/pickup-points?q=13912345678&limit=5')).toBe('/api/v1/pickup-points?q=…&limit=…');
  });
});
