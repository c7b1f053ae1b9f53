// The error statuses, problem bodies and headers of each operation in the OpenAPI document, derived
// in one place from what the route declares (its permission, path parameters, body, headers and
// success responses). Routes declare only their success bodies; this adds what every client must
// handle: each 4xx/5xx as application/problem+json with the Problem schema, and the headers the
// server reads and sends (ETag, If-None-Match and the 304, Idempotency-Key and its replay header,
// Location, Retry-After, X-Audit-Reason).
import { STATUS_CODES } from 'node:http';
import type { Permission } from './permissions.ts';

type Json = Record<string, unknown>;

interface RouteSchema {
  params?: Json;
  querystring?: Json;
  body?: Json;
  headers?: Json;
  consumes?: string[];
  response?: Record<string, Json>;
  [key: string]: unknown;
}

const problemContent = { 'application/problem+json': { schema: { $ref: 'Problem#' } } };
/** Every problem says which language its title, detail and messages are in (http/problems.ts). */
const PROBLEM_HEADERS: Json = {
  'content-language': { type: 'string', enum: ['en', 'id'], description: '`id` when Accept-Language prefers Indonesian (`id`, `id-ID`, `in`), else `en`' },
};
/** The components name of each header in PROBLEM_HEADERS. */
const SHARED_HEADERS: Record<string, string> = { 'content-language': 'ContentLanguage' };

type Paths = Record<string, Record<string, unknown>>;

/**
 * Replaces the headers every problem carries, written out in each response by @fastify/swagger, with
 * a $ref to one declaration; returns the declarations for `components.headers`.
 */
export function sharedResponseHeaders(paths: Paths): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      const responses = (op as { responses?: Record<string, { headers?: Record<string, unknown> }> } | null)?.responses ?? {};
      for (const response of Object.values(responses)) {
        for (const [header, name] of Object.entries(SHARED_HEADERS)) {
          if (!response.headers?.[header]) continue;
          // every problem carries them (http/problems.ts), so the document may promise them
          components[name] ??= { ...(response.headers[header] as Record<string, unknown>), required: true };
          response.headers[header] = { $ref: `#/components/headers/${name}` };
        }
      }
    }
  }
  return components;
}

const retryAfter = (description: string) => ({ 'retry-after': { type: 'integer', minimum: 0, description } });

/** What each status means for a client of this API. */
const ERRORS: Record<number, { description: string; headers?: Json }> = {
  400: { description: 'Malformed request: a parameter, header or body that fails the schema (`validation_failed`), or one that cannot be parsed (`bad_request`)' },
  401: { description: 'No credentials, or credentials that are invalid or expired (`unauthenticated`)', headers: { 'www-authenticate': { type: 'string', description: '`Bearer`' } } },
  403: { description: 'The caller\'s role or API key scope does not allow this, or the resource belongs to another commission (`forbidden`)' },
  404: { description: 'A resource named in the path does not exist or is not visible to the caller (`not_found`)' },
  409: { description: 'Conflicts with the current state: a duplicate, a record still in use, the wrong stage of the period, a passed deadline, a concurrent change (with `Retry-After`), or an Idempotency-Key reused for a different request (`conflict`, `wrong_stage`, `deadline_passed`)', headers: retryAfter('seconds before a retry, when a concurrent change got in the way') },
  406: { description: 'The Accept header names no format this export offers (JSON, CSV, XLSX) (`not_acceptable`)' },
  412: { description: 'If-Match names a version that is no longer current; read the resource again and retry (`stale`)' },
  413: { description: 'The body or uploaded file is larger than allowed (`too_large`)' },
  414: { description: 'A path parameter longer than the router accepts (`uri_too_long`)' },
  415: { description: 'A Content-Type this operation does not accept (`unsupported_media_type`)' },
  422: { description: 'Well-formed but not acceptable: a rule of the domain refuses it, a referenced record is unusable, a required reason is missing (`unprocessable`, `reason_required`)' },
  429: { description: 'Too many attempts; wait as long as Retry-After says (`rate_limited`)', headers: retryAfter('seconds until a new attempt is counted') },
  500: { description: 'An unexpected error on our side; the problem\'s requestId identifies it in the logs (`internal`)' },
  503: { description: 'The database is unavailable; retry after Retry-After seconds (`database_unavailable`)', headers: retryAfter('seconds before a retry') },
};

/** The one file of an upload (http/uploads.ts). */
const UPLOAD: Json = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'the file; one file per request' } },
  additionalProperties: false,
};

const hasProperties = (schema: Json | undefined) => !!schema && Object.keys((schema.properties as Json | undefined) ?? {}).length > 0;

function successHasVersion(schema: Json | undefined): boolean {
  const properties = schema?.properties as Json | undefined;
  return !!properties && 'version' in properties;
}

/** Writes to an identified resource honour If-Match (http/unit-of-work.ts); so do routes that declare it. */
function ifMatch(method: string, url: string, schema: RouteSchema): boolean {
  if (hasProperties(schema.headers) && 'if-match' in (schema.headers!.properties as Json)) return true;
  return method !== 'GET' && /[:{]/.test(url);
}

/** The error statuses a route can answer, from what it declares. */
export function errorStatuses(method: string, url: string, schema: RouteSchema, permission: Permission | undefined): number[] {
  const statuses = new Set([400, 500, 503]);
  if (permission !== 'public') statuses.add(401).add(403);
  const takesBody = !!schema.body || !!schema.consumes?.length;
  if (/[:{]/.test(url)) statuses.add(404).add(414);
  if (takesBody || hasProperties(schema.querystring) || method !== 'GET') statuses.add(422);
  // any write may carry a body Fastify parses (413, 415), and the unit of work checks If-Match on it
  if (method !== 'GET') statuses.add(409).add(413).add(415);
  if (ifMatch(method, url, schema)) statuses.add(412);
  // exports negotiate CSV/XLSX/JSON from ?format= and Accept (http/exports.ts)
  if (hasProperties(schema.querystring) && 'format' in (schema.querystring!.properties as Json)) statuses.add(406);
  if (method === 'POST' && url.endsWith('/auth/token')) statuses.add(401).add(429);
  for (const declared of Object.keys(schema.response ?? {})) if (/^\d+$/.test(declared) && Number(declared) >= 400) statuses.add(Number(declared));
  return [...statuses].sort((a, b) => a - b);
}

const ETAG = 'the version of the representation; send it back in If-Match (writes) or If-None-Match (reads)';

/**
 * The route schema with its responses and request headers as the document shows them. A success
 * sends an ETag when its body has a `version` or the route answers 304; a route whose ETag names
 * something its body does not show (another resource's version, a file's hash) says so in
 * `'x-etag'`, the header's description. `lift` turns a body schema into what the document shows
 * (named schemas become $refs: http/openapi-components.ts).
 */
export function documentResponses(
  method: string, url: string, routeSchema: RouteSchema, permission: Permission | undefined, lift: (body: Json) => Json = (body) => body,
): RouteSchema {
  const { 'x-etag': etagOf, ...schema } = routeSchema;
  const declared = schema.response ?? {};
  const response: Record<string, Json> = {};
  const handlesIfNoneMatch = '304' in declared;
  for (const [status, body] of Object.entries(declared)) {
    if (!/^[123]\d\d$/.test(status)) continue;
    const headers: Json = { ...(body.headers as Json | undefined) };
    const code = Number(status);
    // a 304 carries the ETag it confirms (RFC 9110 §15.4.5)
    if (code === 304) headers.etag = { type: 'string', description: 'the current ETag, the one If-None-Match named' };
    if (code >= 200 && code < 300) {
      if (typeof etagOf === 'string') headers.etag = { type: 'string', description: etagOf };
      else if (successHasVersion(body) || handlesIfNoneMatch) headers.etag = { type: 'string', description: ETAG };
      if (code === 201) headers.location = { type: 'string', description: 'the URL of the created resource' };
      if (method === 'POST') headers['idempotent-replayed'] = { type: 'string', enum: ['true'], description: 'present when this is the stored answer to a repeated Idempotency-Key' };
    }
    const described = code === 304 ? { description: 'Not modified: the If-None-Match ETag is current', ...body } : lift(body);
    response[status] = Object.keys(headers).length > 0 ? { ...described, headers } : described;
  }
  for (const status of errorStatuses(method, url, schema, permission)) {
    // a route that answers an error in its own media type (the HTML 404 page) says so itself
    const own = declared[status];
    if (own && 'content' in own) {
      response[status] = own;
      continue;
    }
    const { description, headers } = ERRORS[status] ?? { description: STATUS_CODES[status] ?? 'Error' };
    response[status] = { description, content: problemContent, headers: { ...headers, ...PROBLEM_HEADERS } };
  }

  const extra: Json = {};
  if (method === 'POST') {
    extra['idempotency-key'] = { type: 'string', pattern: '^[\\w\\-.:]{1,200}$', description: 'makes the POST safe to retry: the same key with the same request replays the first answer (marked Idempotent-Replayed); with a different request it is a 409' };
  }
  if (ifMatch(method, url, schema)) extra['if-match'] = { type: 'string', description: 'the ETag last read; 412 when the resource has changed since' };
  if (handlesIfNoneMatch) extra['if-none-match'] = { type: 'string', description: 'an ETag read before: 304 without a body while it is current' };
  if (method === 'DELETE' || url.endsWith('/transitions')) {
    extra['x-audit-reason'] = { type: 'string', description: 'why, for the audit log (percent-encode non-ASCII text); some operations require it (422 reason_required)' };
  }
  const own = (schema.headers?.properties as Json | undefined) ?? {};
  for (const name of Object.keys(extra)) if (name in own) delete extra[name];
  const headers = Object.keys(extra).length === 0 ? schema.headers
    : { type: 'object', ...schema.headers, properties: { ...own, ...extra } };
  // an upload is read by the handler, not validated by Fastify: the document still says what to send
  const body = schema.body ? lift(schema.body) : schema.consumes?.includes('multipart/form-data') ? UPLOAD : undefined;
  return { ...schema, ...(body ? { body } : {}), response, ...(headers ? { headers } : {}) };
}
