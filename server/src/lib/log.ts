import type { FastifyRequest } from 'fastify';

/**
 * What the server writes to its log, and what it must never write there (decision 015): phone
 * numbers, names, passwords and their hashes, tokens and SMS codes. They reach a log by three
 * roads, each closed here:
 * - a failed query: the driver puts the statement's parameters into the error's message, stack,
 *   `params` and (PostgreSQL) `detail` ("Key (phone)=(139…) already exists");
 * - the request line: query strings carry searches (`?q=<phone>`) and headers carry tokens;
 * - an object logged whole: well-known secret fields are censored by path.
 */
export interface LogOptions {
  level?: string;
  /** where the JSON lines go (tests capture them); standard output otherwise */
  stream?: { write(line: string): void };
}

/**
 * Fastify's `logger` option for `buildApp({ logger })`: false (errors only: every 5xx is logged
 * with its request id whatever the setting), true (info to stdout) or options.
 */
export function loggerOptions(logger: boolean | LogOptions | undefined) {
  const opts = logger === true || !logger ? {} : logger;
  return {
    level: opts.level ?? (logger ? 'info' : 'error'),
    ...(opts.stream ? { stream: opts.stream } : {}),
    serializers: { req: safeRequest, err: safeError, error: safeError },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
    // pino takes a logged error's message as the line's `msg`, before any serializer runs, and
    // Fastify passes `err.message` as the message itself: both are cleaned here.
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, ...rest] = args;
        const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        const fields = first instanceof Error ? { err: first } : first;
        const message = rest.length
          ? rest.map((a) => (typeof a === 'string' ? scrubMessage(a) : a))
          : err instanceof Error
            ? [scrubMessage(err.message)]
            : [];
        return method.apply(this, [typeof fields === 'string' ? scrubMessage(fields) : fields, ...message]);
      },
    },
  };
}

const SECRET_FIELDS = [
  'password',
  'oldPassword',
  'newPassword',
  'password_hash',
  'passwordHash',
  'token',
  'smsCode',
  'verificationCode',
  'phone',
  'name',
  'authorization',
  // a temperature logger's signing key (decision 042)
  'secret',
];
const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
];

/** The request line without query values (searches by phone or name) and without headers. */
export function safeRequest(req: FastifyRequest) {
  return { method: req.method, url: safeUrl(req.url), remoteAddress: req.ip };
}

export function safeUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0]);
  return `${url.slice(0, at)}?${names.map((n) => `${n}=…`).join('&')}`;
}

/** Fields of database errors that repeat values of the row or statement. */
const VALUE_FIELDS = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'hint']);
/** Fields worth keeping: they name what failed, never with which values. */
const KEPT_FIELDS = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'routine', 'query'];

/**
 * An error as it may be logged: type, message and stack frames of it and its causes, with the
 * statement parameters cut out of the message (drizzle appends them: "Failed query: …\nparams: …")
 * and the fields that repeat row values dropped.
 */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: '[not an Error]', stack: '' };
  const e = err as Error & Record<string, unknown>;
  const message = scrubMessage(e.message);
  const frames = (e.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: SafeError = {
    type: e.constructor?.name ?? 'Error',
    message,
    stack: [`${e.name}: ${message}`, ...frames].join('\n'),
  };
  for (const field of KEPT_FIELDS) {
    if (!VALUE_FIELDS.has(field) && (typeof e[field] === 'string' || typeof e[field] === 'number'))
      out[field] = e[field];
  }
  if (e.cause !== undefined && depth < 4) out.cause = safeError(e.cause, depth + 1);
  return out;
}

export interface SafeError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

function scrubMessage(message: string): string {
  const params = message.indexOf('\nparams: ');
  return params < 0 ? message : message.slice(0, params);
}
