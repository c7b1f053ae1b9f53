// The one error catalogue. Every error a client sees is an RFC 9457 problem built from here.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { ajvMessage } from '../i18n/ajv.ts';
import { languageOf } from '../i18n/language.ts';
import { joined, t, texts, type Lang, type Message } from '../i18n/message.ts';

const catalogue = {
  bad_request: { status: 400, title: t`Bad request` },
  validation_failed: { status: 400, title: t`The request is not valid` },
  unauthenticated: { status: 401, title: t`Authentication required` },
  forbidden: { status: 403, title: t`Not allowed` },
  not_found: { status: 404, title: t`Not found` },
  not_acceptable: { status: 406, title: t`Not acceptable` },
  request_timeout: { status: 408, title: t`The request took too long to arrive` },
  conflict: { status: 409, title: t`Conflict with the current state` },
  wrong_stage: { status: 409, title: t`Not possible in the current stage of the period` },
  deadline_passed: { status: 409, title: t`The deadline has passed` },
  stale: { status: 412, title: t`The resource has changed since you read it` },
  too_large: { status: 413, title: t`Payload too large` },
  uri_too_long: { status: 414, title: t`URI too long` },
  unsupported_media_type: { status: 415, title: t`Unsupported media type` },
  unprocessable: { status: 422, title: t`The request cannot be processed` },
  reason_required: { status: 422, title: t`A reason is required` },
  weak_password: { status: 422, title: t`The password is too easy to guess` },
  rate_limited: { status: 429, title: t`Too many requests` },
  headers_too_large: { status: 431, title: t`Request headers too large` },
  internal: { status: 500, title: t`Internal server error` },
  database_unavailable: { status: 503, title: t`The database is unavailable` },
} as const;

export type ProblemCode = keyof typeof catalogue;
export const PROBLEM_TYPE_BASE = 'https://kip-monev.id/problems/';

/**
 * One offending field; some sources add more (an import adds `row` and `column`). The message is
 * a t`…` Message, rendered in the caller's language with the rest of the problem.
 */
export type FieldError = { path: string; message: Message } & object;

/**
 * Throw one of these from anywhere; the error handler renders it. The detail is a t`…` Message
 * (src/i18n/): `Error.message` holds its English, which is what the logs show.
 */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: Message;
  readonly errors?: FieldError[];
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail: Message, options: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(detail.en());
    this.detail = detail;
    this.code = code;
    this.status = catalogue[code].status;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}

/** `what` names the thing: notFound(t`Period`). */
export const notFound = (what: Message) => new Problem('not_found', t`${what} not found`);
export const wrongStage = (stage: string, detail: Message) =>
  new Problem('wrong_stage', t`${detail} (the period is in stage "${stage}")`, { extra: { stage } });
export const invalid = (detail: Message, errors: FieldError[]) => new Problem('unprocessable', detail, { errors });

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance: string;
  requestId: string;
  errors?: ({ path: string; message: string } & object)[];
  [extra: string]: unknown;
}

/** The title of a problem code (the tests walk these for an Indonesian entry). */
export const problemTitle = (code: ProblemCode): Message => catalogue[code].title;
export const PROBLEM_CODES = Object.keys(catalogue) as ProblemCode[];

/** The fields a problem code fixes: its type URI, title and status. */
function problemKind(code: ProblemCode, lang: Lang) {
  const { title, status } = catalogue[code];
  return { type: PROBLEM_TYPE_BASE + code.replaceAll('_', '-'), title: title.in(lang), status };
}

/** A problem's body in the language the request prefers (Accept-Language); `errors[].message` too. */
export function problemBody(request: FastifyRequest, code: ProblemCode, detail: Message, more: Omit<Partial<ProblemBody>, 'errors'> & { errors?: FieldError[] } = {}): ProblemBody {
  const lang = languageOf(request.headers);
  const { errors, ...rest } = more;
  return {
    ...rest,
    ...(errors ? { errors: errors.map((e) => ({ ...e, message: e.message.in(lang) })) } : {}),
    ...problemKind(code, lang),
    detail: detail.in(lang),
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
  // its words depend on Accept-Language, so caches must key on it
  const vary = String(reply.getHeader('vary') ?? '');
  if (!/(^|,)\s*(accept-language|\*)\s*(,|$)/i.test(vary)) reply.header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
  return reply.code(body.status).headers(headers).header('content-language', languageOf(reply.request.headers))
    .type('application/problem+json').send(body);
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
    return new Problem('database_unavailable', t`The database did not answer; try again shortly`, { headers: { 'retry-after': '5' } });
  }
  switch (e.code) {
    case '23505': return new Problem('conflict', UNIQUE_MESSAGES[e.constraint ?? ''] ?? t`A record with the same ${uniqueWhat(e.constraint)} already exists`);
    case '23503': return new Problem('conflict', t`The request refers to a record that does not exist or is still in use`);
    case '23502': return new Problem('unprocessable', t`A required value is missing`);
    case '22P02': return new Problem('validation_failed', t`A value has the wrong format`);
    // JSON and JavaScript strings may hold U+0000; PostgreSQL text (22021) and jsonb (22P05) cannot
    case '22021': case '22P05': return new Problem('validation_failed', t`A text contains the character U+0000, which cannot be stored`);
    case '40001': case '40P01': return new Problem('conflict', t`A concurrent change got in the way; retry the request`, { headers: { 'retry-after': '1' } });
    case 'P0001': if (e.hint === 'kip:immutable') return new Problem('conflict', t`This record is immutable`); break;
  }
  return null;
}

/**
 * Unique violations with a message of their own. Usernames are unique across the platform, so the
 * message must not tell one commission's admin where a taken username lives.
 */
const UNIQUE_MESSAGES: Record<string, Message> = {
  users_username_key: t`This username is taken; choose another (usernames are unique across the platform)`,
};

function uniqueWhat(constraint: string | undefined): string | Message {
  if (!constraint) return t`key`;
  return constraint.replace(/_key$/, '').split('_').slice(1).join(' ') || t`key`;
}

/**
 * Fastify's own client errors: their English stays Fastify's; the Indonesian is worded here. An
 * error not listed gets its problem's title as its Indonesian detail.
 */
const FASTIFY_ERRORS: Record<string, Message> = {
  FST_ERR_NOT_FOUND: t`Not found`,
  FST_ERR_CTP_BODY_TOO_LARGE: t`Request body is too large`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: t`This Content-Type is not accepted here; send application/json`,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: t`Request body size did not match Content-Length`,
  FST_ERR_CTP_EMPTY_JSON_BODY: t`Body cannot be empty when content-type is set to 'application/json'`,
  FST_ERR_CTP_INVALID_JSON_BODY: t`Body is not valid JSON but content-type is set to 'application/json'`,
  FST_ERR_CTP_EMPTY_TYPE: t`The Content-Type header is empty`,
  FST_ERR_CTP_INVALID_TYPE: t`The Content-Type header is not valid`,
  FST_ERR_BAD_URL: t`The URL is not valid`,
  FST_ERR_MAX_PARAM_LENGTH: t`A path parameter is too long`,
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: t`The request has a body but no Content-Type header`,
};

function fastifyMessage(error: FastifyError, code: ProblemCode): Message {
  const id = FASTIFY_ERRORS[error.code] ?? catalogue[code].title;
  return texts({ en: error.message, id: id.in('id') });
}

/** Ajv's errors as `errors[]`, each path in the form `body.items[0].value` used since the start. */
function validationErrors(validation: ErrorObject[], context: string): FieldError[] {
  return validation.map((v) => ({
    path: `${context}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}${
      v.keyword === 'required' ? `.${(v.params as { missingProperty?: string }).missingProperty}` : ''}${
      v.keyword === 'additionalProperties' ? `.${(v.params as { additionalProperty?: string }).additionalProperty}` : ''}`,
    message: ajvMessage(v),
  }));
}

type AnyError = FastifyError & { constraint?: string; detail?: string; hint?: string; cause?: unknown };

export function errorHandler(error: AnyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof Problem) {
    return sendProblem(reply, problemBody(request, error.code, error.detail, { ...error.extra, ...(error.errors ? { errors: error.errors } : {}) }), error.headers);
  }
  if (error.validation) {
    const errors = validationErrors(error.validation as ErrorObject[], error.validationContext ?? 'body');
    const detail = joined(errors.map((e) => t`${e.path} ${e.message}`));
    return sendProblem(reply, problemBody(request, 'validation_failed', detail, { errors }));
  }
  // Fastify's own client errors (a body aborted or cut off by the request timeout carries ECONNRESET
  // and a 4xx status) must not pass for a database outage
  const db = error.statusCode && error.statusCode < 500 ? null : fromDatabaseError(error);
  if (db) {
    if (db.code === 'database_unavailable') request.log.error({ err: error }, 'database unavailable');
    return sendProblem(reply, problemBody(request, db.code, db.detail), db.headers);
  }
  const status = error.statusCode ?? 500;
  const byStatus: Record<number, ProblemCode> = {
    400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 406: 'not_acceptable', 408: 'request_timeout',
    409: 'conflict', 413: 'too_large', 414: 'uri_too_long', 415: 'unsupported_media_type', 429: 'rate_limited',
  };
  const code = byStatus[status];
  if (code) return sendProblem(reply, problemBody(request, code, fastifyMessage(error, code)));
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problemBody(request, 'internal', t`Something went wrong on our side; the request id identifies it in our logs`));
}

/**
 * Errors Node's HTTP parser meets before there is a request (headers or body too slow, headers too
 * large, unparsable framing): answered with a problem too, then the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout'
    : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  // no request was parsed, so no Accept-Language: English
  const kind = problemKind(code, 'en');
  const body = JSON.stringify({
    ...kind, detail: code === 'request_timeout' ? t`The request did not arrive in time`.en() : kind.title, code, requestId: randomUUID(),
  });
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${kind.status} ${STATUS_CODES[kind.status]}\r\nContent-Type: application/problem+json\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
}
