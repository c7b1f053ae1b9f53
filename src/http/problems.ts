// The one error catalogue. Every error a client sees is an RFC 9457 problem built from here.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

const catalogue = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  request_timeout: { status: 408, title: 'The request took too long to arrive' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  wrong_stage: { status: 409, title: 'Not possible in the current stage of the period' },
  deadline_passed: { status: 409, title: 'The deadline has passed' },
  stale: { status: 412, title: 'The resource has changed since you read it' },
  too_large: { status: 413, title: 'Payload too large' },
  uri_too_long: { status: 414, title: 'URI too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'The request cannot be processed' },
  reason_required: { status: 422, title: 'A reason is required' },
  weak_password: { status: 422, title: 'The password is too easy to guess' },
  rate_limited: { status: 429, title: 'Too many requests' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  internal: { status: 500, title: 'Internal server error' },
  database_unavailable: { status: 503, title: 'The database is unavailable' },
} as const;

export type ProblemCode = keyof typeof catalogue;
export const PROBLEM_TYPE_BASE = 'https://kip-monev.id/problems/';

/** One offending field; some sources add more (an import adds `row` and `column`). */
export type FieldError = { path: string; message: string } & object;

/** Throw one of these from anywhere; the error handler renders it. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail: string, options: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(detail);
    this.code = code;
    this.status = catalogue[code].status;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string) => new Problem('not_found', `${what} not found`);
export const wrongStage = (stage: string, detail: string) =>
  new Problem('wrong_stage', `${detail} (the period is in stage "${stage}")`, { extra: { stage } });
export const invalid = (detail: string, errors: FieldError[]) => new Problem('unprocessable', detail, { errors });

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** The fields a problem code fixes: its type URI, title and status. */
function problemKind(code: ProblemCode) {
  const { title, status } = catalogue[code];
  return { type: PROBLEM_TYPE_BASE + code.replaceAll('_', '-'), title, status };
}

export function problemBody(request: FastifyRequest, code: ProblemCode, detail: string, more: Partial<ProblemBody> = {}): ProblemBody {
  return {
    ...more,
    ...problemKind(code),
    detail,
    code,
    instance: request.url,
    requestId: String(request.id),
  };
}

/** Headers a handler may have set for the representation it was about to send, before it failed. */
const REPRESENTATION_HEADERS = ['etag', 'location', 'content-disposition'];

export function sendProblem(reply: FastifyReply, body: ProblemBody, headers: Record<string, string> = {}) {
  // a problem is not that representation: an ETag on it would name a version the client never got
  for (const name of REPRESENTATION_HEADERS) reply.removeHeader(name);
  return reply.code(body.status).headers(headers).type('application/problem+json').send(body);
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

function isDatabaseUnavailable(err: { code?: unknown; message?: string }): boolean {
  if (typeof err.code === 'string' && UNAVAILABLE_CODES.has(err.code)) return true;
  const msg = err.message ?? '';
  // "timeout exceeded when trying to connect": pg-pool found no free connection in time
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end|PGlite is closed|database is closed/i.test(msg);
}

/**
 * The error and its causes: drizzle wraps the driver's error (DrizzleQueryError, whose message is
 * the SQL); a dead connection's error has no code, only a message ("Connection terminated
 * unexpectedly", or "... is not queryable" for the ROLLBACK after it).
 */
type ErrorLike = { code?: unknown; message?: string; constraint?: string; hint?: string; cause?: unknown };

function causeChain(err: ErrorLike): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e: unknown = err; e && typeof e === 'object' && chain.length < 5; e = (e as ErrorLike).cause) chain.push(e);
  return chain;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** PostgreSQL errors are translated here and nowhere else. */
function fromDatabaseError(err: ErrorLike): Problem | null {
  const chain = causeChain(err);
  // the driver's error, wherever drizzle has wrapped it
  const e = chain.find((x) => typeof x.code === 'string' && SQLSTATE.test(x.code)) ?? err;
  if (chain.some(isDatabaseUnavailable)) {
    return new Problem('database_unavailable', 'The database did not answer; try again shortly', { headers: { 'retry-after': '5' } });
  }
  switch (e.code) {
    case '23505': return new Problem('conflict', UNIQUE_MESSAGES[e.constraint ?? ''] ?? `A record with the same ${uniqueWhat(e.constraint)} already exists`);
    case '23503': return new Problem('conflict', 'The request refers to a record that does not exist or is still in use');
    case '23502': return new Problem('unprocessable', 'A required value is missing');
    case '22P02': return new Problem('validation_failed', 'A value has the wrong format');
    // JSON and JavaScript strings may hold U+0000; PostgreSQL text (22021) and jsonb (22P05) cannot
    case '22021': case '22P05': return new Problem('validation_failed', 'A text contains the character U+0000, which cannot be stored');
    case '40001': case '40P01': return new Problem('conflict', 'A concurrent change got in the way; retry the request', { headers: { 'retry-after': '1' } });
    case 'P0001': if (e.hint === 'kip:immutable') return new Problem('conflict', 'This record is immutable'); break;
  }
  return null;
}

/**
 * Unique violations with a message of their own. Usernames are unique across the platform, so the
 * message must not tell one commission's admin where a taken username lives.
 */
const UNIQUE_MESSAGES: Record<string, string> = {
  users_username_key: 'This username is taken; choose another (usernames are unique across the platform)',
};

function uniqueWhat(constraint: string | undefined): string {
  if (!constraint) return 'key';
  return constraint.replace(/_key$/, '').split('_').slice(1).join(' ') || 'key';
}

type AnyError = FastifyError & { constraint?: string; detail?: string; hint?: string; cause?: unknown };

export function errorHandler(error: AnyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) {
    return sendProblem(reply, problemBody(request, error.code, error.message, { ...error.extra, ...(error.errors ? { errors: error.errors } : {}) }), error.headers);
  }
  if (error.validation) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}${
        v.keyword === 'required' ? `.${(v.params as { missingProperty?: string }).missingProperty}` : ''}${
        v.keyword === 'additionalProperties' ? `.${(v.params as { additionalProperty?: string }).additionalProperty}` : ''}`,
      message: v.keyword === 'additionalProperties' ? 'is not an allowed property' : (v.message ?? 'is invalid'),
    }));
    return sendProblem(reply, problemBody(request, 'validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors }));
  }
  // Fastify's own client errors (a body aborted or cut off by the request timeout carries ECONNRESET
  // and a 4xx status) must not pass for a database outage
  const db = error.statusCode && error.statusCode < 500 ? null : fromDatabaseError(error);
  if (db) {
    if (db.code === 'database_unavailable') request.log.error({ err: error }, 'database unavailable');
    return sendProblem(reply, problemBody(request, db.code, db.message), db.headers);
  }
  const status = error.statusCode ?? 500;
  const byStatus: Record<number, ProblemCode> = {
    400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 406: 'not_acceptable', 408: 'request_timeout',
    409: 'conflict', 413: 'too_large', 414: 'uri_too_long', 415: 'unsupported_media_type', 429: 'rate_limited',
  };
  const code = byStatus[status];
  if (code) return sendProblem(reply, problemBody(request, code, error.message));
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problemBody(request, 'internal', 'Something went wrong on our side; the request id identifies it in our logs'));
}

/**
 * Errors Node's HTTP parser meets before there is a request (headers or body too slow, headers too
 * large, unparsable framing): answered with a problem too, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout'
    : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  const kind = problemKind(code);
  const body = JSON.stringify({
    ...kind, detail: code === 'request_timeout' ? 'The request did not arrive in time' : kind.title, code, requestId: randomUUID(),
  });
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${kind.status} ${STATUS_CODES[kind.status]}\r\nContent-Type: application/problem+json\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
}
