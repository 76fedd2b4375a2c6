import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Authenticator, Role } from './auth.js';
import { regionForbidden } from './region-scope.js';

/** The roles of the console: their routes declare a region policy (lib/region-scope.ts). */
export const CONSOLE_ROLES: readonly Role[] = ['admin', 'warehouse'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route. A documented route is for signed-in callers of any role unless its
     * schema says `security: []` (public); `roles` narrows it to these roles.
     */
    roles?: Role[];
  }
}

/**
 * Decides every route's authorization when the request arrives, before its body is read or
 * validated: an anonymous caller gets 401 and a caller without the role 403, whatever they sent.
 * The signed-in user is kept on the request, so the handler's own `ctx.auth.require` costs no
 * second lookup. The roles also go into the OpenAPI document as `x-roles`, and the region policy
 * (lib/region-scope.ts) as `x-regions`; a route for every region only refuses a limited operator here.
 */
export function authorizeRoutes(app: FastifyInstance, auth: Authenticator) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as ({ hide?: boolean; security?: unknown[] } & Record<string, unknown>) | undefined;
    const roles = route.config?.roles;
    const isPublic =
      !schema || schema.hide === true || (Array.isArray(schema.security) && schema.security.length === 0);
    if (isPublic) {
      if (roles) throw new Error(`${route.method} ${route.url} declares roles but its schema says it is public`);
      return;
    }
    if (roles?.length) schema['x-roles'] = roles;
    const forConsole = roles?.some((r) => CONSOLE_ROLES.includes(r)) ?? false;
    // a console route says how it treats an operator limited to some regions: a new one cannot forget
    if (forConsole && !route.config?.regions)
      throw new Error(
        `${route.method} ${route.url} is a console route: declare config: { regions: 'all' | 'scoped' | 'shared' }`,
      );
    if (!forConsole && route.config?.regions)
      throw new Error(
        `${route.method} ${route.url} declares regions but is not a console route (roles admin or warehouse)`,
      );
    const onlyEveryRegion = route.config?.regions === 'all';
    if (route.config?.regions) schema['x-regions'] = route.config.regions;
    const check: onRequestHookHandler = async (req: FastifyRequest) => {
      const user = await auth.require(req, ...(roles ?? []));
      if (onlyEveryRegion && user.regionIds !== null) throw regionForbidden();
    };
    const own =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [check, ...own];
  });
}
