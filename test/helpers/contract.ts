// The contract check: every response a test receives is held against the committed OpenAPI document
// (openapi/openapi.json), so no route can drift from what clients are generated from. For the
// operation matching the method and path: the status must be declared, the Content-Type must be
// one declared for that status (no body at all where none is declared), a JSON body must validate
// against the declared schema, and the headers the server documents (ETag, Location, Retry-After,
// Idempotent-Replayed, WWW-Authenticate) must be declared for that status and match their schema.
// test/helpers/client.ts runs it on every answer; test/helpers/contract-report.ts prints the count.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** One answer, whichever client received it (app.inject or fetch). */
export interface Exchange {
  method: string;
  /** as requested: path and query, e.g. /api/v1/periods/<uuid>/rankings?limit=5 */
  url: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

type Json = Record<string, unknown>;
interface MediaType { schema?: Json }
interface Response { content?: Record<string, MediaType>; headers?: Record<string, { $ref?: string; schema?: Json; required?: boolean }> }
interface Operation { operationId?: string; responses?: Record<string, Response> }
export interface Document { paths: Record<string, Record<string, Operation>>; components?: Json }

/** The response headers the server documents; any of them sent must be declared for the status. */
export const DOCUMENTED_HEADERS = ['etag', 'location', 'retry-after', 'idempotent-replayed', 'www-authenticate', 'content-language'];

/** Routes deliberately left out of the document: answers there are not checked. Keep this short. */
export const UNDOCUMENTED: { path: RegExp; reason: string }[] = [
  { path: /^\/openapi\.json$/, reason: 'the document itself' },
  { path: /^\/docs(\/|$)/, reason: 'the Swagger UI pages and their assets (@fastify/swagger-ui)' },
  { path: /^\/api\/v1\/forgotten$/, reason: 'test/authz/routes.test.ts adds it to its own app, to show a route without a permission is closed' },
];


const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const DOCUMENT_ID = 'openapi.json';
const HEADER_REF = '#/components/headers/';

export class ContractError extends Error {
  override name = 'ContractError';
}

interface Route { method: string; template: string; pattern: RegExp; literals: number; op: Operation }

const pointer = (...parts: string[]) => parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const essence = (mediaType: string) => mediaType.split(';')[0]!.trim().toLowerCase();
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const headerValue = (value: string | string[] | number | undefined) => (Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value));
const formatErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).slice(0, 10).map((e) => `  - body${e.instancePath} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`);

/** A checker for one document; `name` is how failures and the report call it. */
export function createContract(doc: Document, name = 'the document') {
  // Schemas are compiled by reference into the document itself, so any `$ref` (into
  // #/components/schemas or anywhere else) resolves the way a client generator resolves it.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('binary', true); // OpenAPI's marker for a file body: nothing to check in text
  ajv.addSchema(doc, DOCUMENT_ID);
  // header values arrive as strings: coerced to the declared type (Retry-After is an integer)
  const headerAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(headerAjv);

  const validators = new Map<string, ValidateFunction>();
  const compiled = (ref: string) => {
    let validate = validators.get(ref);
    if (!validate) validators.set(ref, validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${ref}` }));
    return validate;
  };

  // static segments win over parameters, as in Fastify's router (/bodies/import before /bodies/{bodyId});
  // like the router, a parameter may be empty (/periods//rankings is that operation, answered 400)
  const routes: Route[] = Object.entries(doc.paths).flatMap(([template, item]) => Object.entries(item)
    .filter(([method]) => METHODS.has(method))
    .map(([method, op]) => ({
      method: method.toUpperCase(), template, op,
      pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]*')}$`),
      literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
    })))
    .sort((a, b) => b.literals - a.literals);

  const stats = { validated: 0, unrouted: 0, exempt: 0, operations: new Set<string>(), total: routes.length };

  /** The body against the schema at `ref`, as failure lines. */
  function bodyFailures(ref: string, body: string): string[] {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return ['  - the body is not JSON'];
    }
    const validate = compiled(ref);
    return validate(data) ? [] : formatErrors(validate.errors);
  }

  /** What is wrong with this answer, as lines of a message (empty: it keeps the contract). */
  function failures(x: Exchange, route: Route): string[] {
    const responses = route.op.responses ?? {};
    const statusKey = [String(x.status), `${String(x.status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!statusKey) return [`  - status ${x.status} is not declared (declared: ${Object.keys(responses).join(', ')})`];
    const declared = responses[statusKey]!;
    const out: string[] = [];

    const mediaType = essence(headerValue(x.headers['content-type']) ?? '');
    const content = Object.keys(declared.content ?? {});
    if (x.status === 204 || x.status === 304 || content.length === 0) {
      if (x.body.length > 0) out.push(`  - a body (${mediaType || 'no Content-Type'}) where the document declares none`);
    } else {
      const key = content.find((k) => essence(k) === mediaType)
        ?? content.find((k) => k === '*/*' || (k.endsWith('/*') && mediaType.startsWith(k.slice(0, -1))));
      if (!key) {
        out.push(`  - Content-Type "${mediaType}" is not declared for ${statusKey} (declared: ${content.join(', ')})`);
      } else if (isJson(mediaType) && declared.content![key]!.schema) {
        out.push(...bodyFailures(pointer('paths', route.template, route.method.toLowerCase(), 'responses', statusKey, 'content', key, 'schema'), x.body));
      }
    }

    // a header declared once in components.headers is referred to with a $ref
    const resolve = (d: { $ref?: string; schema?: Json; required?: boolean }) =>
      (d.$ref?.startsWith(HEADER_REF) ? (doc.components?.headers as Json | undefined)?.[d.$ref.slice(HEADER_REF.length)] ?? d : d) as { schema?: Json; required?: boolean };
    const documented = Object.fromEntries(Object.entries(declared.headers ?? {}).map(([h, d]) => [h.toLowerCase(), resolve(d)]));
    for (const header of DOCUMENTED_HEADERS) {
      const value = headerValue(x.headers[header]);
      if (value === undefined) continue;
      const spec = documented[header];
      const validate = spec?.schema && headerAjv.compile(spec.schema); // Ajv caches it by the schema
      const wrong = validate && !validate(value) ? headerAjv.errorsText(validate.errors) : null;
      if (!spec) out.push(`  - header ${header} is sent but not declared for ${statusKey}`);
      else if (wrong) out.push(`  - header ${header}: "${value}" ${wrong}`);
    }
    for (const [header, spec] of Object.entries(documented)) {
      if (spec.required && headerValue(x.headers[header]) === undefined) out.push(`  - required header ${header} is missing`);
    }
    return out;
  }

  /** Throws a ContractError naming the operation, the status and every mismatch. */
  function check(x: Exchange): void {
    const requestPath = x.url.split('?')[0]!;
    const method = x.method.toUpperCase();
    const route = routes.find((r) => r.method === method && r.pattern.test(requestPath));
    let problems: string[];
    let operation: string;
    if (route) {
      operation = `${route.op.operationId ?? '?'} (${method} ${route.template})`;
      problems = failures(x, route);
      stats.operations.add(`${method} ${route.template}`);
    } else if (UNDOCUMENTED.some((u) => u.path.test(requestPath))) {
      stats.exempt++;
      return;
    } else {
      // a request no operation matches is answered by the not-found handler: a 404 Problem
      operation = `no operation (${method} ${requestPath}), so the not-found handler`;
      const mediaType = essence(headerValue(x.headers['content-type']) ?? '');
      problems = x.status !== 404 ? [`  - status ${x.status}: a request no operation matches must get the 404 problem`]
        : mediaType !== 'application/problem+json' ? [`  - Content-Type "${mediaType}", not application/problem+json`]
          : bodyFailures(pointer('components', 'schemas', 'Problem'), x.body);
      stats.unrouted++;
    }
    if (problems.length > 0) {
      throw new ContractError(`[contract] ${operation} answered ${x.status}, which ${name} does not allow:\n${problems.join('\n')}\n  body: ${x.body.slice(0, 500)}`);
    }
    stats.validated++;
  }

  return { check, stats };
}

export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi/openapi.json');

let committed: ReturnType<typeof createContract> | undefined;

/** The checker for openapi/openapi.json, loaded on first use (one per test file). */
export function contract() {
  committed ??= createContract(JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Document, 'openapi/openapi.json');
  return committed;
}

/**
 * What the checks of openapi/openapi.json counted since the last call, or undefined when no request
 * was checked yet. A worker runs many files in one module graph (isolate: false), so each file takes
 * its own counts and leaves zeros for the next.
 */
export function checked(): { validated: number; unrouted: number; exempt: number; operations: Set<string> } | undefined {
  if (!committed) return undefined;
  const { stats } = committed;
  const taken = { validated: stats.validated, unrouted: stats.unrouted, exempt: stats.exempt, operations: new Set(stats.operations) };
  stats.validated = 0;
  stats.unrouted = 0;
  stats.exempt = 0;
  stats.operations.clear();
  return taken;
}
