import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

// The committed contract is what integrations generate clients from, so the
// examples are checked there rather than on the TypeBox objects in src/.
type Json = Record<string, unknown>;
const document = JSON.parse(readFileSync(fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url)), 'utf8')) as Json;

function resolve(node: unknown): Json {
  let current = node as Json;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce<unknown>((at, part) => (at as Json)[part], document) as Json;
  }
  return current;
}

interface JsonBody { operation: string; pointer: string; schema: Json; examples: unknown[] }

// @fastify/swagger lifts a body schema's top-level `examples` onto the media
// type (`example` for one, `examples: { name: { value } }` for several), so
// all four places count.
function jsonBodies(): JsonBody[] {
  const bodies: JsonBody[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, raw] of Object.entries(item)) {
      const operation = raw as Json;
      if (!operation.requestBody) continue;
      const content = (resolve(operation.requestBody).content ?? {}) as Record<string, Json>;
      const media = content['application/json'];
      if (!media) continue;
      const schema = resolve(media.schema);
      const examples: unknown[] = [];
      if (Array.isArray(schema.examples)) examples.push(...(schema.examples as unknown[]));
      if ('example' in schema) examples.push(schema.example);
      if ('example' in media) examples.push(media.example);
      if (media.examples && typeof media.examples === 'object') {
        for (const named of Object.values(media.examples as Record<string, unknown>)) examples.push(resolve(named).value);
      }
      const pointer = ['paths', path, method, 'requestBody', 'content', 'application/json', 'schema'].map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      bodies.push({ operation: `${method.toUpperCase()} ${path}`, pointer, schema, examples });
    }
  }
  return bodies;
}

// the whole document is one schema to Ajv, so a body's $refs to #/components/schemas resolve in it
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi.json');

describe('OpenAPI request body examples', () => {
  const bodies = jsonBodies();

  it('finds the JSON request bodies', () => {
    expect(bodies.length).toBeGreaterThan(20);
  });

  it.each(bodies.map((body) => [body.operation, body] as const))('%s has a valid example', (_name, body) => {
    expect(body.examples.length, `${body.operation} has no example`).toBeGreaterThan(0);
    const validate = ajv.compile({ $ref: `openapi.json#/${body.pointer}` });
    for (const example of body.examples) {
      const ok = validate(example);
      expect(ok, `${body.operation}: ${JSON.stringify(example)} -> ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
