// The committed OpenAPI document is one a client generator can use: every operation has a stable,
// unique camelCase operationId and exactly one declared tag, and the document says its version,
// servers, license and contact. (foundation.test.ts checks the file is what the code generates.)
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Operation { operationId?: string; tags?: string[] }
interface Document {
  info: { version: string; description?: string; license?: { name?: string }; contact?: { name?: string } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
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
});
