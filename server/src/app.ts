import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { exec, isUniqueViolation, type Database, type Db } from './db/client.js';
import type { Config } from './lib/config.js';
import { AppError, sendError } from './lib/errors.js';
import { Authenticator } from './lib/auth.js';
import { RateLimiter } from './lib/rate-limit.js';
import { SoldOutCache } from './lib/sold-out.js';
import { FlashLane } from './flows/flash-lane.js';
import { registerModules } from './routes.js';
import { registerWeb } from './web.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
  auth: Authenticator;
  soldOut: SoldOutCache;
  /** sells this process's flash-deal orders in batches (decision 009) */
  flashLane: FlashLane;
  limits: {
    loginByPhone: RateLimiter;
    loginByIp: RateLimiter;
    pickupByLeader: RateLimiter;
    pickupByIp: RateLimiter;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

export function createContext(database: Database, config: Config): AppContext {
  const soldOut = new SoldOutCache();
  return {
    database,
    db: database.db,
    config,
    auth: new Authenticator(database.db, { listen: database.listen }),
    soldOut,
    flashLane: new FlashLane(config.flashUnpaidExpiryMinutes, soldOut),
    limits: {
      loginByPhone: new RateLimiter(10, 15 * 60_000),
      loginByIp: new RateLimiter(200, 15 * 60_000),
      pickupByLeader: new RateLimiter(10, 10 * 60_000),
      pickupByIp: new RateLimiter(30, 10 * 60_000),
    },
  };
}

/** Builds the HTTP app; nothing listens and no job starts here. */
export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  ctx.auth.start();
  app.addHook('onClose', () => ctx.auth.stop());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Keep the raw JSON text: payment notifications are signed over the exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    req.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('VALIDATION_FAILED', 400, 'Request body is not valid JSON'), undefined);
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return sendError(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          details: { issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })) },
        },
      });
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (isUniqueViolation(err)) {
      return reply.status(409).send({ error: { code: 'CONFLICT', message: 'This already exists' } });
    }
    if (e.statusCode && e.statusCode < 500) {
      const code = e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      return reply.status(e.statusCode).send({ error: { code, message: e.message } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}` } }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Linli API',
        description: 'Community group buying (社区团购): deals, orders, fulfilment, leaders, after-sales. Money in fen.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', {
    schema: { tags: ['system'], security: [], response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async () => {
    await exec(ctx.db, sql`select 1`);
    return { ok: true as const };
  });

  await app.register(async (api) => registerModules(api as unknown as App, ctx), { prefix: '/api/v1' });
  registerWeb(app);
  return app;
}
