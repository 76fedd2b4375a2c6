import type { FastifyReply } from 'fastify';

/** An error the API reports as `{ error: { code, message, details } }` with its HTTP status. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    // A refusal is an answer, not a fault: no stack trace is captured (nothing ever prints one for
    // these), which was a sixth of the work of answering a sold-out flash deal.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/**
 * Sends a refusal as `{ error: { code, message, details } }`, serialized here: the shape is ours,
 * and skipping the response schema's validation makes a refusal (a sold-out flash deal answers
 * thousands a second) cost a fraction of a success.
 */
export const sendError = (reply: FastifyReply, err: AppError) => {
  if (typeof err.details?.retryAfterSeconds === 'number')
    reply.header('retry-after', String(err.details.retryAfterSeconds));
  return reply
    .status(err.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code: err.code, message: err.message, details: err.details } }) as never);
};

export const validation = (message: string, details?: Record<string, unknown>) =>
  new AppError('VALIDATION_FAILED', 400, message, details);
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', 401, message);
/** The session outlived its idle or absolute limit: the apps send the user back to sign-in. */
export const sessionExpired = () => new AppError('SESSION_EXPIRED', 401, 'Your session has expired, sign in again');
export const accountDisabled = () => new AppError('ACCOUNT_DISABLED', 403, 'This account has been disabled');
export const forbidden = (message = 'Not allowed for your role') => new AppError('FORBIDDEN', 403, message);
export const notFound = (what = 'Object') => new AppError('NOT_FOUND', 404, `${what} not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', 409, message, details);
export const invalidState = (message: string, details?: Record<string, unknown>) =>
  new AppError('INVALID_STATE', 409, message, details);
export const outOfStock = (details?: Record<string, unknown>) =>
  new AppError('OUT_OF_STOCK', 409, 'Not enough stock left for this deal', details);
export const limitExceeded = (message: string, details?: Record<string, unknown>) =>
  new AppError('LIMIT_EXCEEDED', 409, message, details);
export const couponUnavailable = (message = 'This coupon cannot be used') =>
  new AppError('COUPON_UNAVAILABLE', 409, message);
/** An order collects at a pickup point of another region (city) than its deal's campaign sells in. */
export const pointOutsideRegion = () =>
  new AppError('POINT_OUTSIDE_REGION', 409, "This pickup point is not in the deal's region (city)", {
    field: 'pickupPointId',
  });
/** An order collects at a pickup point its deal's campaign is not offered at (a campaign targeting some routes or points). */
export const pointNotTargeted = () =>
  new AppError('POINT_NOT_TARGETED', 409, 'This deal is not offered at this pickup point', {
    field: 'pickupPointId',
  });
export const rateLimited = (message = 'Too many attempts, try again later') =>
  new AppError('RATE_LIMITED', 429, message);

/** Refuses a request listing the same product twice (receiving and arrival lines are per product). */
export function assertDistinctProducts(lines: { productId: string }[]): void {
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.productId)) throw validation('A product appears twice', { productId: l.productId });
    seen.add(l.productId);
  }
}
