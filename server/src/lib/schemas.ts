import { z } from 'zod';

/** Shared request/response pieces, so every route documents the same shapes. */
export const fen = z.number().int().min(0).max(1_000_000_000);
export const bps = z.number().int().min(0).max(10_000);
export const id = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const phone = z.string().regex(/^1\d{10}$/, 'an 11-digit mobile number starting with 1');
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export const ok = z.object({ ok: z.literal(true) });
export const created = z.object({ id: z.string() });

/** Standard error answers for the OpenAPI document. */
export const errors = {
  400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody,
} as const;

export const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });
