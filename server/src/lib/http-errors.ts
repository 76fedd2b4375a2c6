import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/client.js';
import { AppError, sendError } from './errors.js';

/** Seconds a client is asked to wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/** Codes for the framework's own refusals, by status (400 is the contract's VALIDATION_FAILED). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  411: 'LENGTH_REQUIRED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};
const codeFor = (status: number) => CODE_BY_STATUS[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL');

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A request id: the one a proxy in front of us set, when it looks like an id, else a fresh one. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: Record<string, unknown>) =>
  sendError(reply, new AppError(code, status, message, details));

/**
 * Every failure answered in the API's `{ error: { code, message } }` shape: our refusals, schema
 * validation, the framework's own refusals (body too large, wrong media type, broken JSON, …),
 * an unavailable database (503 with Retry-After), and anything else (500). Every 5xx is logged.
 */
export function replyToError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendError(reply, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    return send(reply, 400, 'VALIDATION_FAILED', 'The request is not valid', {
      issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
    });
  }
  if (isUniqueViolation(err)) return send(reply, 409, 'CONFLICT', 'This already exists');
  if (isDatabaseUnavailable(err)) {
    logServerError(req, err, 503);
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return send(reply, 503, 'UNAVAILABLE', 'The service is briefly unavailable, try again shortly');
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return send(reply, status, codeFor(status), err.message);
  logServerError(req, err, 500);
  return send(reply, 500, 'INTERNAL', 'Something went wrong on our side');
}

/** Errors the router raises before a route is found: a URL that does not decode, an overlong path parameter. */
export function replyToFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', reply.request.id);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(reply, 414, 'URI_TOO_LONG', 'A path parameter is too long');
  if (err.code === 'FST_ERR_BAD_URL') return send(reply, 400, 'VALIDATION_FAILED', 'The URL is not valid');
  return replyToError(err, reply.request, reply);
}

/** A request node's HTTP parser refused (malformed, headers too large): answered in our shape, then closed. */
export function replyToClientError(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ error: { code: codeFor(status), message: 'The request could not be read' } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * A server error, logged at error level whatever the log setting (the logger's level is "error"
 * when logging is off), with the request id the client got in `x-request-id`. The route's pattern
 * is logged, not the URL: a query string can carry a phone number. The logger's error serializer
 * (lib/log.ts) drops the values a driver's error repeats.
 */
export function logServerError(req: FastifyRequest, err: unknown, status: number) {
  req.log.error({ status, method: req.method, route: req.routeOptions?.url, err }, 'server error');
}
