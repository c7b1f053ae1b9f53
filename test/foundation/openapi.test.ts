// The committed OpenAPI document is one a client generator can use: every operation has a stable,
// unique camelCase operationId and exactly one declared tag, and the document says its version,
// servers, license and contact. (foundation.test.ts checks the file is what the code generates.)
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Response { description?: string; content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }
interface Operation {
  operationId?: string; tags?: string[]; security?: unknown[]; description?: string;
  parameters?: { name: string; in: string }[]; responses?: Record<string, Response>;
}
interface Document {
  info: { version: string; description?: string; license?: { name?: string }; contact?: { name?: string } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const doc = JSON.parse(fs.readFileSync('openapi/openapi.json', 'utf8')) as Document;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([method]) => METHODS.has(method)).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

describe('the committed OpenAPI document', () => {
  it('has operations, and no HEAD twins of the GET routes', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((o) => o.name.startsWith('HEAD '))).toEqual([]);
  });

  it('gives every operation a camelCase operationId, all unique', () => {
    expect(operations.filter((o) => !/^[a-z][a-zA-Z0-9]*$/.test(o.op.operationId ?? '')).map((o) => o.name)).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates = operations.filter((o) => {
      const first = seen.get(o.op.operationId!);
      seen.set(o.op.operationId!, first ?? o.name);
      return first !== undefined;
    }).map((o) => `${o.op.operationId} (${seen.get(o.op.operationId!)} and ${o.name})`);
    expect(duplicates).toEqual([]);
  });

  it('gives every operation exactly one tag, declared at the top with a description', () => {
    const declared = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    expect([...declared.values()].filter((description) => !description?.trim())).toEqual([]);
    expect(operations.filter((o) => o.op.tags?.length !== 1 || !declared.has(o.op.tags[0]!)).map((o) => o.name)).toEqual([]);
    const used = new Set(operations.map((o) => o.op.tags![0]));
    expect([...declared.keys()].filter((name) => !used.has(name)), 'declared tags no operation uses').toEqual([]);
  });

  it('says its version (package.json\'s), servers, license, contact and a guide', () => {
    expect(doc.info.version).toBe(pkg.version);
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBeTruthy();
    expect(doc.info.contact?.name).toBeTruthy();
    for (const topic of ['Authentication', 'Errors', 'Paging', 'ETags', 'Idempotency', 'Scores']) expect(doc.info.description).toContain(topic);
  });

  it('lists each error status of every operation, never a 4XX/5XX range', () => {
    expect(operations.filter((o) => Object.keys(o.op.responses ?? {}).some((s) => /^[45]xx$/i.test(s))).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => !['400', '500', '503'].every((s) => s in (o.op.responses ?? {}))).map((o) => o.name)).toEqual([]);
  });

  // The public /hasil pages are read in a browser: their 404 is a page ("tidak ditemukan"), not a problem.
  const htmlNotFound = (o: { op: Operation }, status: string) => status === '404'
    && Object.keys(o.op.responses?.['200']?.content ?? {}).join() === 'text/html'
    && Object.keys(o.op.responses?.['404']?.content ?? {}).join() === 'text/html';

  it('answers every 4xx/5xx with an application/problem+json Problem and a description (HTML pages: a 404 page)', () => {
    const wrong = operations.flatMap((o) => Object.entries(o.op.responses ?? {})
      .filter(([status]) => Number(status) >= 400 && !htmlNotFound(o, status))
      .filter(([, r]) => !r.description?.trim() || Object.keys(r.content ?? {}).join() !== 'application/problem+json'
        || r.content!['application/problem+json']!.schema?.$ref !== '#/components/schemas/Problem')
      .map(([status]) => `${o.name} ${status}`));
    expect(wrong).toEqual([]);
    expect(doc.components?.schemas?.Problem).toBeTruthy();
  });

  it('lists 401 and 403 for every operation that needs credentials, and Retry-After on 503', () => {
    const open = (o: { op: Operation }) => Array.isArray(o.op.security) && o.op.security.length === 0;
    expect(operations.filter((o) => !open(o) && !('401' in o.op.responses! && '403' in o.op.responses)).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => !o.op.responses!['503']?.headers?.['retry-after']).map((o) => o.name)).toEqual([]);
  });

  it('documents Idempotency-Key on POSTs, Location on 201s, X-Audit-Reason on DELETEs and If-None-Match with each 304', () => {
    const header = (o: { op: Operation }, name: string) => (o.op.parameters ?? []).some((p) => p.in === 'header' && p.name === name);
    expect(operations.filter((o) => o.name.startsWith('POST ') && !header(o, 'idempotency-key')).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => o.name.startsWith('POST ') && !Object.entries(o.op.responses!)
      .some(([s, r]) => s.startsWith('2') && r.headers?.['idempotent-replayed'])).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => o.op.responses!['201'] && !o.op.responses!['201'].headers?.location).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => o.name.startsWith('DELETE ') && !header(o, 'x-audit-reason')).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => o.op.responses!['304'] && !(header(o, 'if-none-match') && o.op.responses!['200']?.headers?.etag)).map((o) => o.name)).toEqual([]);
  });
});
