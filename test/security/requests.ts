// Requests for one operation as a fast-check arbitrary: who calls (several roles, anonymous, forged
// credentials), path parameters (real identifiers, another commission's, random, hostile), query
// strings, headers, and a body (schema-valid, mutated, raw garbage, wrong content type, multipart).
import fc from 'fast-check';
import type { Operation, Parameter } from './operations.ts';
import { hostileNumber, hostileString, hostileValue, mutate, mutations, serialize, validValue, type ValueContext } from './values.ts';

export const ACTORS = ['anonymous', 'superadmin', 'admin', 'assessor', 'juror', 'respondent', 'viewer', 'apiKey', 'forged'] as const;
export type Actor = (typeof ACTORS)[number];

export interface FuzzWorld extends ValueContext {
  /** the Authorization header of each actor (null: none) */
  authorization: Record<Exclude<Actor, 'forged'>, string | null>;
  /** per path parameter: identifiers of commission A's things, which the callers may reach */
  real: Record<string, string[]>;
  /** per path parameter: an identifier of commission B */
  foreign: Record<string, string>;
  /** operation keys whose body is multipart/form-data */
  multipart: Set<string>;
}

export interface Body {
  contentType?: string;
  payload?: string | Buffer;
  /** what kind of body this is, for the report */
  kind: string;
}

export class FuzzRequest {
  constructor(
    readonly operation: string,
    readonly actor: Actor,
    readonly method: string,
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly body: Body,
  ) {}

  /** how fast-check prints a counterexample: the request, with long parts cut */
  [fc.toStringMethod](): string {
    const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
    const payload = this.body.payload === undefined ? '' : cut(typeof this.body.payload === 'string' ? this.body.payload : this.body.payload.toString('latin1'), 400);
    const headers = Object.fromEntries(Object.entries(this.headers).map(([k, v]) => [k, k === 'authorization' ? `${this.actor}:${cut(v, 20)}` : cut(v, 120)]));
    return `${this.actor} ${this.method} ${cut(this.url, 400)}\n  headers: ${JSON.stringify(headers)}\n  body (${this.body.kind}): ${JSON.stringify(payload)}`;
  }
}

/** The value in one case of `n`, otherwise undefined. */
function oneIn<T>(n: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD, as on the wire). */
export function percentEncode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** What can travel in an HTTP header: visible ASCII, tab and latin-1 (Node refuses the rest on the wire). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

// --- path -------------------------------------------------------------------------------------

/** Path segments sent as they are, not encoded: traversal, NUL, broken percent-encoding. */
const RAW_SEGMENTS = ['..', '.', '%2e%2e', '..%2F..%2F..%2Fetc%2Fpasswd', '%2F', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE%C0%AE', ';', '*', '%20', 'a%2Fb', '%u002e', "'%20OR%201=1--"];

function pathValue(world: FuzzWorld, name: string): fc.Arbitrary<string> {
  const real = world.real[name];
  if (!real) throw new Error(`test/security: no identifier for the path parameter {${name}}; add one to the fuzz world`);
  // mostly real identifiers, so that most requests get past the lookup to the body and the handler
  return fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.constant(world.foreign[name] ?? real[0]!) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileString().map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.constantFrom(...INTEGERS) },
  );
}

// --- query ------------------------------------------------------------------------------------

const base64url = (s: string) => Buffer.from(s).toString('base64url');

/** Cursors are opaque base64url JSON arrays: forge ones of every arity with wrong element types. */
function cursor(world: FuzzWorld): fc.Arbitrary<string> {
  const element = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...world.ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 2025, '100.00', '1', 'zzz', '2025-01-01T00:00:00Z') },
    { weight: 3, arbitrary: hostileNumber() },
    { weight: 2, arbitrary: hostileString() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, [], {}, [1, 2], { a: 1 }) },
  );
  // the services decode keys of 1, 2 or 4 elements: those arities get past the length check
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2, 4) }, { weight: 1, arbitrary: fc.nat(5) }).chain((n) => fc.array(element, { minLength: n, maxLength: n }));
  return fc.oneof(
    { weight: 4, arbitrary: key.map((k) => base64url(serialize(k))) },
    { weight: 1, arbitrary: hostileValue().map((v) => base64url(serialize(v))) },
    { weight: 2, arbitrary: hostileString() },
  );
}

const LIMITS = ['-1', '0', '1', '500', '501', '1e999', '-1e999', 'NaN', 'Infinity', '-Infinity', '1.5', '', '0x10', '９', '99999999999999999999', ' 5 '];
/** Integers past what a PostgreSQL integer column holds (2147483648 once answered 500) and past exact doubles. */
const INTEGERS = ['2147483647', '2147483648', '-2147483649', '4294967296', '9007199254740993', '1e10', '99999999999999999999'];
const FORMATS = ['json', 'csv', 'xlsx', 'CSV', 'pdf', 'xml', '../csv', ''];

/** A string of the parameter's own type where it has one, so that it passes validation and reaches the query. */
function plausible(world: FuzzWorld, param: Parameter, ctx: ValueContext): fc.Arbitrary<string> {
  if (param.name === 'cursor') return cursor(world);
  const valid = validValue(param.schema, ctx).map(String);
  const free = param.schema.type === 'string' && !param.schema.format && !param.schema.enum && !param.schema.anyOf;
  return free ? fc.oneof(valid, hostileString()) : valid;
}

function queryValue(world: FuzzWorld, param: Parameter, ctx: ValueContext): fc.Arbitrary<string[]> {
  const special = param.name === 'cursor' ? cursor(world)
    : param.name === 'limit' ? fc.constantFrom(...LIMITS)
      : param.name === 'format' ? fc.constantFrom(...FORMATS)
        : param.schema.type === 'integer' ? fc.constantFrom(...INTEGERS)
          : hostileString();
  return fc.oneof(
    { weight: 6, arbitrary: plausible(world, param, ctx).map((v) => [v]) },
    { weight: 2, arbitrary: special.map((v) => [v]) },
    { weight: 1, arbitrary: hostileString().map((v) => [v]) },
    // a repeated parameter arrives as an array
    { weight: 1, arbitrary: fc.array(fc.oneof(special, plausible(world, param, ctx)), { minLength: 2, maxLength: 3 }) },
  );
}

function encodeQuery(pairs: (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/**
 * Mostly one fault at a time: every parameter absent or valid except one, which gets a hostile value
 * (so the fault is what the handler sees, not the first validation error); sometimes all at once.
 */
function queryString(world: FuzzWorld, op: Operation): fc.Arbitrary<string> {
  if (op.query.length === 0) return oneIn(8, fc.tuple(fc.constantFrom('extra', '__proto__', 'a[b]', ''), hostileString())).map((extra) => (extra ? encodeQuery([extra]) : ''));
  const valid = op.query.map((p) => (p.name === 'cursor' ? fc.constant(undefined) : oneIn(2, validValue(p.schema, world).map((v) => [String(v)]))));
  const faults = op.query.map((p) => queryValue(world, p, world));
  const oneFault = fc.tuple(fc.tuple(...valid), fc.nat(op.query.length - 1), fc.tuple(...faults))
    .map(([values, target, bad]) => values.map((v, i) => (i === target ? bad[i] : v)));
  const chaos = fc.tuple(...faults.map((f) => oneIn(2, f)));
  const extra = oneIn(8, fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor[prototype]', 'a[b]', 'limit[]', ''), hostileString()));
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: oneFault }, { weight: 1, arbitrary: chaos }), extra).map(([values, more]) => {
    const pairs = values.flatMap((v, i) => (v ?? []).map((one) => [op.query[i]!.name, one] as const));
    if (more) pairs.push(more);
    return encodeQuery(pairs);
  });
}

// --- headers ----------------------------------------------------------------------------------

const ACCEPTS = [
  'application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '*/*', 'text/html',
  'application/xml', 'application/problem+json', 'text/csv;q=0.5, application/json;q=0.9', 'garbage/ / ;;', '', 'text/*',
];
const ETAGS = ['"1"', '"2"', '"999999"', 'W/"1"', '*', '""', 'garbage', '"-1"', '"1e999"', '"NaN"', `"${'9'.repeat(400)}"`, '"1", "2"'];

function headers(): fc.Arbitrary<Record<string, string>> {
  return fc.record({
    accept: oneIn(3, fc.constantFrom(...ACCEPTS)),
    'if-match': oneIn(8, fc.oneof(fc.constantFrom(...ETAGS), hostileString())),
    'if-none-match': oneIn(8, fc.constantFrom(...ETAGS)),
    // a few fixed keys, so that replays and reuse with another body happen too
    'idempotency-key': oneIn(6, fc.oneof(fc.constantFrom('fuzz-1', 'fuzz-2'), hostileString())),
    'x-request-id': oneIn(8, hostileString()),
    'x-audit-reason': oneIn(8, hostileString()),
  }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined).map(([k, v]) => [k, headerSafe(v as string)])));
}

// --- bodies -----------------------------------------------------------------------------------

const RAW_BODIES = [
  '', '{', '{"a":', 'not json', '[1,2', 'null', '"string"', '123', 'true', '[]', '{}', '{"a":1,}', '// comment\n{}', "{'a':1}",
  '\ufeff{}', '{"a":1,"a":2}', 'NaN', '\u0000', ' '.repeat(10_000), '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`, `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, '\xff\xfe{', '1e999',
];
const WRONG_CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'APPLICATION/JSON', 'application/jsonx', 'application/problem+json', 'application/octet-stream',
  'text/csv', ';;;', 'application/json, text/plain', 'application/json; boundary=', '*/*',
];

const json = (payload: string, kind: string): Body => ({ contentType: 'application/json', payload, kind });

function garbageBody(): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.constantFrom(...RAW_BODIES).map((p) => json(p, 'raw json text')),
    fc.tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), fc.oneof(fc.constantFrom(...RAW_BODIES), hostileValue().map(serialize)))
      .map(([contentType, payload]) => ({ contentType, payload, kind: 'wrong content type' })),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ contentType: 'application/json', payload: Buffer.from(bytes), kind: 'random bytes' })),
  );
}

function jsonBody(op: Operation, ctx: ValueContext): fc.Arbitrary<Body> {
  const schema = op.body ?? {};
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema, ctx).map((v) => json(serialize(v), 'schema-valid')) },
    { weight: 8, arbitrary: fc.tuple(validValue(schema, ctx), mutations()).map(([v, m]) => json(serialize(mutate(v, m)), `mutated (${m.map((x) => x.kind).join(', ')})`)) },
    { weight: 2, arbitrary: garbageBody() },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), validValue(schema, ctx)).map(([contentType, v]) => ({ contentType, payload: serialize(v), kind: 'valid, wrong content type' })) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

function noBody(): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    { weight: 1, arbitrary: garbageBody() },
    { weight: 1, arbitrary: hostileValue().map((v) => json(serialize(v), 'unexpected json')) },
  );
}

interface Part { name: string; filename?: string; contentType?: string; data: Buffer }

function multipartPayload(parts: Part[], boundary: string, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`), p.data, Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A file's content: a PDF-looking one, a CSV of hostile rows, random bytes, or nothing. */
function fileContent(): fc.Arbitrary<Buffer> {
  const cell = fc.oneof(fc.constantFrom('OPD', 'Dinas Kominfo', 'ya', 'tidak', 'a@b.id'), hostileString().map((s) => s.slice(0, 200)));
  const csv = fc.tuple(
    fc.constantFrom('nama,kategori', 'name;category;email', 'nama\tkategori\taktif', 'x,y,z', '', '"nama,kategori'),
    fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
  ).map(([header, rows]) => Buffer.from([header, ...rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))].join('\n')));
  return fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(b)])),
    csv,
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.alloc(0)),
    fc.constant(Buffer.from('PK\u0003\u0004 not really a zip')),
  );
}

function multipartBody(): fc.Arbitrary<Body> {
  const boundary = '----fuzzboundary7MA4YWxk';
  const type = `multipart/form-data; boundary=${boundary}`;
  const filename = fc.oneof(fc.constantFrom('bukti.pdf', 'bodies.csv', 'bodies.xlsx', '../../etc/passwd', 'a\\b.pdf', ''), hostileString().map((s) => s.slice(0, 300).replace(/["\r\n]/g, '')));
  const file = fc.record({ name: fc.constant('file'), filename, contentType: fc.constantFrom('application/pdf', 'text/csv', 'application/octet-stream', 'text/html'), data: fileContent() });
  return fc.oneof(
    { weight: 4, arbitrary: file.map((p) => ({ contentType: type, payload: multipartPayload([p], boundary), kind: 'multipart file' })) },
    { weight: 1, arbitrary: file.map((p) => ({ contentType: type, payload: multipartPayload([{ ...p, name: 'upload' }], boundary), kind: 'multipart, wrong field' })) },
    { weight: 1, arbitrary: fc.constant({ contentType: type, payload: multipartPayload([{ name: 'file', data: Buffer.from('just text') }], boundary), kind: 'multipart text field' }) },
    { weight: 1, arbitrary: fc.tuple(file, file).map(([a, b]) => ({ contentType: type, payload: multipartPayload([a, b], boundary), kind: 'multipart, two files' })) },
    { weight: 1, arbitrary: file.map((p) => ({ contentType: type, payload: multipartPayload([p], boundary, false), kind: 'multipart, truncated' })) },
    { weight: 1, arbitrary: file.map((p) => ({ contentType: 'multipart/form-data', payload: multipartPayload([p], boundary), kind: 'multipart, no boundary' })) },
    { weight: 1, arbitrary: file.map((p) => ({ contentType: 'multipart/form-data; boundary=other', payload: multipartPayload([p], boundary), kind: 'multipart, wrong boundary' })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => ({ contentType: type, payload: Buffer.from(b), kind: 'multipart, garbage' })) },
    { weight: 2, arbitrary: garbageBody() },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

// --- credentials ------------------------------------------------------------------------------

const FORGED = [
  'Bearer garbage', `Bearer kip_${'x'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer  ', '',
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoic3VwZXJhZG1pbiJ9.',
  `Bearer ${'a'.repeat(5000)}`, "Bearer ' OR 1=1--", 'bearer kip_', 'Bearer a.b.c',
];

function authorization(world: FuzzWorld, actor: Actor): fc.Arbitrary<string | null> {
  return actor === 'forged' ? fc.constantFrom(...FORGED) : fc.constant(world.authorization[actor]);
}

// --- the request ------------------------------------------------------------------------------

/** `permitted`: the actors the operation's permission lets in; they call more often, to get past authorization. */
export function requestFor(world: FuzzWorld, op: Operation, permitted: readonly Actor[]): fc.Arbitrary<FuzzRequest> {
  const path = fc.tuple(...op.pathParams.map((name) => pathValue(world, name)));
  const body = world.multipart.has(op.key) ? multipartBody() : op.body ? jsonBody(op, world) : noBody();
  const actor = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...permitted) }, { weight: 1, arbitrary: fc.constantFrom(...ACTORS) });
  return fc.tuple(actor.chain((a) => fc.tuple(fc.constant(a), authorization(world, a))), path, queryString(world, op), headers(), body)
    .map(([[who, auth], values, query, extraHeaders, b]) => {
      let i = 0;
      const url = op.path.replace(/\{\w+\}/g, () => values[i++]!) + (query ? `?${query}` : '');
      const h: Record<string, string> = { ...extraHeaders };
      if (auth !== null) h.authorization = auth;
      if (b.contentType !== undefined) h['content-type'] = b.contentType;
      return new FuzzRequest(op.key, who, op.method, url, h, b);
    });
}

