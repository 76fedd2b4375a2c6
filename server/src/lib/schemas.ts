import { z } from 'zod';

/** Shared request/response pieces, so every route documents the same shapes. */
export const fen = z.number().int().min(0).max(1_000_000_000);
export const bps = z.number().int().min(0).max(10_000);
export const id = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const phone = z.string().regex(/^1\d{10}$/, 'an 11-digit mobile number starting with 1');
/** The widest integer a PostgreSQL integer (int4) column holds: every integer a request carries has a maximum within it. */
export const INT4_MAX = 2_147_483_647;

// Dates are checked against a calendar range the database and every day's arithmetic can hold
// (PostgreSQL has no year 0000 and refuses offsets beyond ±15:59), and offsets against the ones
// the world uses (−12:00 … +14:00).
const YEARS = { min: 1900, max: 9999 };
const inYears = (year: number) => year >= YEARS.min && year <= YEARS.max;
const offsetOk = (value: string) => {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(value);
  if (!m) return true; // Z
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return minutes >= -12 * 60 && minutes <= 14 * 60;
};
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine(
    (v) => inYears(Number(v.slice(0, 4))) && offsetOk(v),
    `a time between ${YEARS.min} and ${YEARS.max} with an offset between -12:00 and +14:00`,
  );
export const isoDate = z.iso
  .date()
  .refine((v) => inYears(Number(v.slice(0, 4))), `a date between ${YEARS.min} and ${YEARS.max}`);
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export const ok = z.object({ ok: z.literal(true) });
export const created = z.object({ id: z.string() });

/** Standard error answers for the OpenAPI document. */
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
  503: errorBody,
} as const;

export const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });
