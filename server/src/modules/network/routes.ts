import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { created, errors, id, idParams } from '../../lib/schemas.js';
import {
  createPickupPoint,
  createRoute,
  createWarehouse,
  listNetwork,
  listPickupPoints,
  updatePickupPoint,
  updateRoute,
  updateWarehouse,
} from './service.js';
import { regionScope } from '../../lib/region-scope.js';
import { createRegion, listRegions, updateRegion } from './regions.js';
import { STAFF } from '../../lib/access.js';

const name = z.string().trim().min(1).max(100);
const pickupPoint = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  routeId: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  leaderName: z.string().nullable(),
  distanceM: z.number().optional(),
});

const warehouseView = z.object({ id: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable() });
const networkWarehouseView = warehouseView.extend({ regionId: z.string() });
const timeZone = z.string().trim().min(1).max(64);
const regionView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  warehouses: z.number(),
  pickupPoints: z.number(),
  openCampaigns: z.number(),
  /** local time (HH:MM) of a campaign's cutoff when none is given, on the day before pickup */
  cutoffTime: z.string(),
  /** local hours (HH:MM) on the pickup date when customers collect */
  pickupFrom: z.string(),
  pickupUntil: z.string(),
  membershipPriceFen: z.number().int(),
  /** a leader appointed here without a rate earns this (basis points) */
  leaderCommissionBps: z.number().int(),
});
/** Any number an integer column holds: the service's rules (which name the field) decide the rest. */
const int4 = z.number().min(-2_147_483_648).max(2_147_483_647);
// checked by the service, which names the field of a bad value (400 VALIDATION_FAILED)
const settings = {
  cutoffTime: z.string().max(10).optional(),
  pickupFrom: z.string().max(10).optional(),
  pickupUntil: z.string().max(10).optional(),
  membershipPriceFen: int4.optional(),
  leaderCommissionBps: int4.optional(),
};
const settingsRules =
  "Settings: cutoffTime, pickupFrom, pickupUntil as HH:MM on the region's clock (pickupFrom before pickupUntil), membershipPriceFen whole fen ≥ 0, leaderCommissionBps 0–10000; a bad one is 400 VALIDATION_FAILED naming the field.";
const routeView = z.object({ id: z.string(), name: z.string(), warehouseId: z.string() });
/** A patch must change something: an empty body is a client mistake (400), not a silent no-op. */
const nonEmpty = (o: object) => Object.values(o).some((v) => v !== undefined);
const pointPatch = z
  .object({
    name: name.optional(),
    address: z.string().trim().min(1).max(200).optional(),
    routeId: id.optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
  })
  .refine(nonEmpty, 'nothing to change');

export function networkRoutes(app: App, ctx: AppContext) {
  const tags = ['network'];

  app.post(
    '/admin/regions',
    {
      config: { roles: STAFF.admin, regions: 'all' },
      schema: {
        tags,
        description:
          'Open a region (a city). timeZone is an IANA name (400 VALIDATION_FAILED otherwise); a name already used is 409 REGION_NAME_TAKEN. ' +
          `${settingsRules} Not given: cutoff 23:00, pickup 08:00–21:00, the membership price LINLI_MEMBERSHIP_PRICE_FEN, commission 1000.`,
        body: z.object({ name, timeZone, ...settings }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      await ctx.auth.require(req);
      const membershipPriceFen = req.body.membershipPriceFen ?? ctx.config.membershipPriceFen;
      return reply.status(201).send(await createRegion(ctx.db, { ...req.body, membershipPriceFen }));
    },
  );

  app.get(
    '/admin/regions',
    {
      config: { roles: STAFF.staff, regions: 'scoped' },
      schema: {
        tags,
        description:
          "The caller's regions (every region for an operator of every region), the default one first, with its " +
          'warehouses, pickup points and open campaigns counted',
        response: { 200: z.array(regionView), ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listRegions(ctx.db, regionScope(user));
    },
  );

  app.patch(
    '/admin/regions/:id',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description:
          'Rename a region, change its settings or its time zone; the time zone only while it has no open campaign (409 INVALID_STATE otherwise). ' +
          `${settingsRules} They apply from now on (campaigns keep their cutoff, leaders their rate).`,
        params: idParams,
        body: z
          .object({ name: name.optional(), timeZone: timeZone.optional(), ...settings })
          .refine(nonEmpty, 'nothing to change'),
        response: { 200: regionView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updateRegion(ctx.db, req.params.id, req.body, regionScope(user));
    },
  );

  app.post(
    '/admin/warehouses',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description:
          "regionId: a central warehouse's region (default: the default region); a grid warehouse is in its parent's region. " +
          'A region the caller does not work in is 403 REGION_FORBIDDEN (field regionId); a parent of another region is 404.',
        body: z.object({ name, kind: z.enum(['central', 'grid']), parentId: id.optional(), regionId: id.optional() }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await createWarehouse(ctx.db, req.body, regionScope(user)));
    },
  );

  app.post(
    '/admin/routes',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: { tags, body: z.object({ name, warehouseId: id }), response: { 201: created, ...errors } },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await createRoute(ctx.db, req.body, regionScope(user)));
    },
  );

  app.post(
    '/admin/pickup-points',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        body: z.object({
          name,
          address: z.string().trim().min(1).max(200),
          routeId: id,
          lat: z.number().min(-90).max(90).optional(),
          lng: z.number().min(-180).max(180).optional(),
        }),
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) => {
      const user = await ctx.auth.require(req);
      return reply.status(201).send(await createPickupPoint(ctx.db, req.body, regionScope(user)));
    },
  );

  app.patch(
    '/admin/warehouses/:id',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description: 'Rename a warehouse (kind and parent stay fixed)',
        params: idParams,
        body: z.object({ name }),
        response: { 200: warehouseView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updateWarehouse(ctx.db, req.params.id, req.body, regionScope(user));
    },
  );

  app.patch(
    '/admin/routes/:id',
    {
      config: { roles: STAFF.admin, regions: 'scoped' },
      schema: {
        tags,
        description: 'Rename a route or move it to another warehouse',
        params: idParams,
        body: z.object({ name: name.optional(), warehouseId: id.optional() }).refine(nonEmpty, 'nothing to change'),
        response: { 200: routeView, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updateRoute(ctx.db, req.params.id, req.body, regionScope(user));
    },
  );

  app.patch(
    '/admin/pickup-points/:id',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        description: 'Edit a pickup point; lat/lng null clears the location',
        params: idParams,
        body: pointPatch,
        response: { 200: pickupPoint, ...errors },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return updatePickupPoint(ctx.db, req.params.id, req.body, regionScope(user));
    },
  );

  app.get(
    '/admin/network',
    {
      config: { roles: STAFF.network, regions: 'scoped' },
      schema: {
        tags,
        response: {
          200: z.object({
            warehouses: z.array(networkWarehouseView),
            routes: z.array(routeView),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = await ctx.auth.require(req);
      return listNetwork(ctx.db, regionScope(user));
    },
  );

  // Public: a customer chooses a pickup point before signing in.
  app.get(
    '/pickup-points',
    {
      schema: {
        tags,
        security: [],
        querystring: z.object({
          q: z.string().max(50).optional(),
          lat: z.coerce.number().min(-90).max(90).optional(),
          lng: z.coerce.number().min(-180).max(180).optional(),
        }),
        response: { 200: z.array(pickupPoint), ...errors },
      },
    },
    async (req) => listPickupPoints(ctx.db, req.query),
  );
}
