import { ERROR_CATALOGUE, type ErrorCode, type FieldError, isWeftError } from '@weft/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

const TITLES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Sign in first',
  FORBIDDEN: 'Not allowed',
  VERSION_CONFLICT: 'Someone else changed this first',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Something went wrong on our side',
  DATABASE_UNAVAILABLE: 'The database is unavailable',
};

// PostgreSQL SQLSTATEs that mean "the server is not there for you right now", not "your request is
// wrong": connection exceptions (class 08), shutdowns and "cannot connect now" (57P01–57P03),
// too many connections (53300), and a database that refuses connections (55000 with that message).
const PG_UNAVAILABLE = /^(08...|57P0[1-3]|53300)$/;
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Is this error the database being out of reach (PostgreSQL restarting or refusing connections,
 * the network to it down, SQLite locked by another process past its busy timeout)? Then the answer
 * is 503 with Retry-After, not a 500: nothing is wrong with the request and retrying will work.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code)) return true;
  if (code === '55000' && /not currently accepting connections/.test(message)) return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  return /^Connection terminated|timeout exceeded when trying to connect/.test(message);
}

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  errors?: FieldError[];
  [k: string]: unknown;
};

/** Shapes every error as an RFC 9457 problem document with a stable code and the request id. */
export function sendProblem(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, detail: string, extra: Partial<ProblemBody> = {}) {
  const status = ERROR_CATALOGUE[code];
  const body: ProblemBody = {
    type: `https://weft.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code] ?? code.toLowerCase().replaceAll('_', ' '),
    status,
    code,
    detail,
    requestId: String(req.id),
    ...extra,
  };
  return reply.code(status).type('application/problem+json').send(body);
}

/** Maps Fastify's own client errors (bad JSON, wrong content type, too large) to our codes. */
function fastifyClientCode(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    default:
      break;
  }
  if (err.statusCode === 429) return 'RATE_LIMITED';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'BAD_REQUEST';
  return null;
}

/** Installs the one error handler and the 404 handler. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields = err.validation.map((v) => ({
        path: `${where}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'invalid',
      }));
      const first = fields[0];
      return sendProblem(reply, req, 'VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'invalid request', { errors: fields });
    }
    if (isWeftError(err)) {
      return sendProblem(reply, req, err.code, err.message, { ...(err.fields ? { errors: err.fields } : {}), ...(err.extra ?? {}) });
    }
    const client = fastifyClientCode(err);
    if (client) return sendProblem(reply, req, client, err.message);
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err, requestId: req.id }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(reply, req, 'DATABASE_UNAVAILABLE', 'the database cannot be reached right now; retry in a few seconds');
    }
    req.log.error({ err, requestId: req.id }, 'unhandled error');
    return sendProblem(reply, req, 'INTERNAL', `internal error; quote request id ${req.id} when reporting it`);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 'ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
}
