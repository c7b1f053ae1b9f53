// The operations of the committed OpenAPI document (what the app generates), flattened into what the
// fuzzer needs: method, path template, parameters and the JSON request body schema.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './values.ts';

export interface Parameter {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface Operation {
  /** e.g. "PUT /api/v1/periods/{periodId}/participants/{bodyId}/answers" */
  key: string;
  method: string;
  /** OpenAPI path template with {name} placeholders */
  path: string;
  /** the Fastify route, with :name placeholders */
  route: string;
  pathParams: string[];
  query: Parameter[];
  headers: Parameter[];
  /** the application/json request body schema, if the operation takes one */
  body: JsonSchema | null;
  /** the statuses the document lists for the operation */
  statuses: number[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi/openapi.json');

export function loadOperations(file = OPENAPI_FILE): Operation[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      const of = (where: string) => params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required ?? false }));
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        path: template,
        route: template.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: of('path').map((p) => p.name),
        query: of('query'),
        headers: of('header'),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        statuses: Object.keys(op.responses ?? {}).map(Number),
      });
    }
  }
  return operations;
}
