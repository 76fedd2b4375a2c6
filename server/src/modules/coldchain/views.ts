import { z } from 'zod';
import { MAX_TENTHS, MIN_TENTHS } from './rules.js';

/** The shapes of readings other modules' answers carry (manifests, the leader's sorting list). */
export const zone = z.enum(['chilled', 'frozen']).describe('only chilled (冷藏) and frozen (冷冻) goods are read');
export const tenths = z
  .number()
  .int()
  .min(MIN_TENTHS)
  .max(MAX_TENTHS)
  .describe('tenths of a degree Celsius, −500 … 600 (−18.5 °C: −185)');

export const readingView = z.object({
  id: z.string(),
  routeId: z.string(),
  day: z.string(),
  stage: z.enum(['dispatch', 'arrival']),
  zone,
  pickupPointId: z.string().nullable(),
  pickupPointName: z.string().nullable(),
  tenths: z.number().int(),
  minTenths: z.number().int().nullable().describe('the range in force when it was read (null: no lower bound)'),
  maxTenths: z.number().int(),
  inRange: z.boolean(),
  source: z.enum(['warehouse', 'leader', 'logger']),
  measuredAt: z.string(),
});
