import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';
import { Api, nextPhone } from './client.js';
import { createWorld, newCustomer, notifyPaid, type World } from './fixtures.js';
import { one } from '../src/db/client.js';
import { createUser } from '../src/modules/accounts/service.js';
import { startPayment } from '../src/modules/payments/service.js';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../src/demo/data.js';

// A production server as loadConfig makes it from NODE_ENV=production with SMS verification
// turned off (a closed pilot): no simulated provider, no demo.
let server: TestServer;
let api: Api;
let world: World;
beforeAll(async () => {
  server = await startTestServer({ production: true, simpay: false, smsVerify: false, demo: false });
  api = new Api(server.app);
  world = await createWorld(server);
});
afterAll(() => server.close());

describe('production', () => {
  it('never signs in with a demo password, even where demo rows exist', async () => {
    const customer = { phone: nextPhone(), password: DEMO_PASSWORD };
    const admin = { phone: nextPhone(), password: DEMO_ADMIN.password };
    await createUser(server.ctx.db, { ...customer, name: '演示顾客' });
    await createUser(server.ctx.db, { ...admin, name: '演示管理员', roles: ['admin', 'customer'] });
    const wrong = await api.post('/auth/login', { phone: nextPhone(), password: 'not-a-password' });
    for (const demo of [customer, admin]) {
      const res = await api.post('/auth/login', demo);
      expect(res.status).toBe(401);
      // the same answer as any wrong password
      expect(res.body).toEqual(wrong.body);
    }
    // the same rows sign in outside production: the refusal is production's, not the rows'
    server.ctx.config.production = false;
    try {
      expect((await api.post('/auth/login', customer)).status).toBe(200);
    } finally {
      server.ctx.config.production = true;
    }
    // nor can a new account be given one
    const taken = await api.post('/auth/register', { phone: nextPhone(), password: DEMO_PASSWORD, name: '新顾客' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toMatchObject({ field: 'password' });
    // real passwords still work
    const real = await newCustomer(server);
    expect((await api.post('/auth/login', { phone: real.phone, password: 'customer-123' })).status).toBe(200);
  });

  it('registers exactly as the contract says while SMS verification is off', async () => {
    const phone = nextPhone();
    const reg = await api.post('/auth/register', { phone, password: 'secret-123', name: '李四' });
    expect(reg.status).toBe(201);
    expect(Object.keys(reg.body).sort()).toEqual(['token', 'user']);
    expect(reg.body.user).toMatchObject({ phone, name: '李四', roles: ['customer'] });
    expect((await api.get('/auth/options')).body).toEqual({
      smsVerify: false,
      demo: false,
      simulatedPayments: false,
      wechatPay: false,
    });
    const send = await api.post('/auth/sms-code', { phone, purpose: 'login' });
    expect(send.status).toBe(404);
    expect(send.body.error.code).toBe('SMS_OFF');
  });

  it('limits new accounts to 20 an hour per address', async () => {
    const from = '10.20.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        remoteAddress: from,
        headers: { 'content-type': 'application/json' },
        payload: { phone: nextPhone(), password: 'secret-123', name: `批量${i}` },
      });
      statuses.push(res.statusCode);
      if (i === 20) expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    }
    expect(statuses).toEqual([...Array(20).fill(201), 429]);
    expect(
      (await api.post('/auth/register', { phone: nextPhone(), password: 'secret-123', name: '别处' })).status,
    ).toBe(201);
  });

  it('has no simulated provider: paying answers clearly, the cashier and its notifications are gone', async () => {
    const c = await newCustomer(server, world.pickupPointIds[0]);
    const order = await c.api.post('/orders', {
      pickupPointId: world.pickupPointIds[0],
      items: [{ campaignItemId: world.campaign.items[0].id, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    const pay = await c.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
    expect(pay.status).toBe(409);
    expect(pay.body.error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE' });
    expect(pay.body.error.message).toMatch(/not available/);
    expect(
      await one(server.ctx.db, sql`select 1 as ok from payments where order_id = ${order.body.id}`),
    ).toBeUndefined();

    // a payment row as an earlier, simulated-payments run could have left it: nothing can pay it now
    const payment = await startPayment(server.ctx.db, c.userId, order.body.id, 'simpay');
    for (const res of [
      await c.api.get(`/simpay/payments/${payment.paymentId}`),
      await c.api.post(`/simpay/payments/${payment.paymentId}/confirm`),
      await notifyPaid(server, { paymentId: payment.paymentId, orderId: order.body.id, amountFen: payment.amountFen }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const cashier = await server.app.inject({ method: 'GET', url: `/simpay/cashier/${payment.paymentId}` });
    expect(cashier.statusCode).toBe(404);
    expect((await c.api.get(`/orders/${order.body.id}`)).body.status).toBe('pending_payment');
  });

  it('keeps the simulated provider when LINLI_SIMPAY=1 switches it on', async () => {
    const on = await startTestServer({ production: true, simpay: true, smsVerify: false });
    try {
      const onWorld = await createWorld(on);
      const c = await newCustomer(on, onWorld.pickupPointIds[0]);
      const order = await c.api.post('/orders', {
        pickupPointId: onWorld.pickupPointIds[0],
        items: [{ campaignItemId: onWorld.campaign.items[0].id, quantity: 1 }],
      });
      const pay = await c.api.post(`/orders/${order.body.id}/pay`, { method: 'simpay' });
      expect(pay.status).toBe(200);
      expect((await c.api.post(`/simpay/payments/${pay.body.paymentId}/confirm`)).body.status).toBe('succeeded');
      expect((await new Api(on.app).get('/auth/options')).body.simulatedPayments).toBe(true);
    } finally {
      await on.close();
    }
  });

  it('refuses to start, one line per reason naming its variable', () => {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      LINLI_SIMPAY: '1',
      LINLI_SIMPAY_SECRET: 'too-short',
      LINLI_ADMIN_PASSWORD: 'linli-admin',
      LINLI_SMS_VERIFY: '0',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never-opened',
      PORT: '0',
    };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url),
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Refusing to start in production: LINLI_SIMPAY_SECRET is shorter than 32 characters',
      'Refusing to start in production: LINLI_ADMIN_PASSWORD is a demo password; choose your own',
    ]);
  });

  it('refuses to start on a LINLI_TRUST_PROXY it cannot read, in one line naming it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url),
      env: {
        ...process.env,
        LINLI_TRUST_PROXY: 'true',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never-opened',
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^Refusing to start: LINLI_TRUST_PROXY has "true", which is not an address or CIDR range/,
    );
  });

  it('starts with a fit environment: no demo, and a loud banner when simulated payments are switched on', {
    timeout: 180_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linli-prod-'));
    let databaseUrl: string | undefined;
    const adminUrl = process.env.TEST_DATABASE_URL;
    const name = `linli_p_${process.pid}_${Date.now()}`;
    if (adminUrl) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
    }
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      LINLI_SIMPAY: '1',
      LINLI_SIMPAY_SECRET: 's'.repeat(40),
      LINLI_SMS_VERIFY: '0',
      LINLI_ADMIN_PHONE: '13800000009',
      LINLI_ADMIN_PASSWORD: 'a-long-admin-password',
      LINLI_JOBS: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LINLI_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      LINLI_DEMO: '',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url),
      env,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no start banner:\n${out}`)), 170_000);
        child.stdout.on('data', () => {
          if (out.includes('SMS verification')) {
            clearTimeout(timer);
            done();
          }
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}:\n${out}`)));
      });
      expect(out).toContain('PAYMENTS ARE SIMULATED 支付为模拟');
      expect(out).toContain('Production mode');
      expect(out).not.toContain('Demo logins');
      expect(out).not.toContain('linli-demo');
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
      rmSync(dataDir, { recursive: true, force: true });
      if (adminUrl) {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      }
    }
  });
});
