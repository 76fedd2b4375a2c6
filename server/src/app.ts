import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { exec } from './db/client.js';
import { AppError, validation } from './lib/errors.js';
import { replyToClientError, replyToError, replyToFrameworkError, requestId } from './lib/http-errors.js';
import { authorizeRoutes } from './lib/access.js';
import { unsafeInput } from './lib/safe-input.js';
import { loggerOptions, type LogOptions } from './lib/log.js';
import { registerSecurityHeaders } from './lib/security-headers.js';
import { documentNextCursor } from './lib/pages.js';
import type { App, AppContext } from './context.js';
import { registerModules } from './routes.js';
import { registerWeb } from './web.js';
import { isPublicKey, isValidKey } from './lib/storage.js';

/** Builds the HTTP app; nothing listens and no job starts here. */
export async function buildApp(ctx: AppContext, opts: { logger?: boolean | LogOptions } = {}): Promise<App> {
  const app = Fastify({
    // Server errors are logged whatever the setting: "off" means errors only.
    logger: loggerOptions(opts.logger),
    bodyLimit: 1024 * 1024,
    // req.ip: the connection's address, or X-Forwarded-For's client when the peer is a trusted proxy
    // (a hop count as the function Fastify makes of a number: its types take no number)
    trustProxy:
      typeof ctx.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(ctx.config.trustProxy)
        : ctx.config.trustProxy,
    genReqId: requestId,
    frameworkErrors: replyToFrameworkError,
    clientErrorHandler: replyToClientError,
  }).withTypeProvider<ZodTypeProvider>();
  await registerSecurityHeaders(app, { https: ctx.config.https });
  ctx.auth.start();
  app.addHook('onClose', () => ctx.auth.stop());
  ctx.dealList.start();
  app.addHook('onClose', () => ctx.dealList.stop());
  app.addHook('onClose', () => ctx.exposures.flush());
  // An operator's change to campaigns, deals or products shows in this process's deal list from its
  // answer on; the other processes hear it on the deals channel (decision 021).
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (
      req.method !== 'GET' &&
      /^\/api\/v1\/admin\/(campaigns|products|routes|pickup-points)\b/.test(req.routeOptions.url ?? '')
    )
      ctx.dealList.invalidate();
    done(null, payload);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  authorizeRoutes(app as unknown as FastifyInstance, ctx.auth);
  // No text with a NUL or a lone surrogate, and no JSON nested absurdly deep, reaches a schema or a handler.
  app.addHook('preValidation', (req, _reply, done) => {
    for (const [part, value] of [
      ['body', req.body],
      ['query', req.query],
      ['params', req.params],
    ] as const) {
      const found = unsafeInput(value);
      if (found)
        return done(validation(`The request's ${part} is not valid: ${found.problem}`, { part, path: found.path }));
    }
    done();
  });

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

  app.setErrorHandler(replyToError);
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}` } }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Linli API',
        description:
          'Community group buying (社区团购): deals, orders, fulfilment, leaders, after-sales. Money in fen.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => documentNextCursor((doc as { openapiObject: never }).openapiObject),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], security: [], response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async () => {
      await exec(ctx.db, sql`select 1`);
      return { ok: true as const };
    },
  );

  // Stored files under content-hashed names: a name's bytes never change, so browsers and any CDN
  // keep them for a year without asking again.
  app.get('/media/*', { schema: { hide: true } }, async (req, reply) => {
    const key = (req.params as { '*': string })['*'];
    const file = isValidKey(key) && isPublicKey(key) ? await ctx.storage.get(key) : null;
    if (!file) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No file ${key}` } } as never);
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.contentType).send(file.body);
  });

  await app.register(async (api) => registerModules(api as unknown as App, ctx), { prefix: '/api/v1' });
  registerWeb(app, undefined, { simpay: ctx.config.simpay });
  return app;
}
