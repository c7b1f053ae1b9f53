// Request validation: one Ajv per part of the request. Query strings, path parameters and headers
// arrive as text, so their Ajv coerces ("10" → 10, one value → an array of one). A JSON body arrives
// typed, so its Ajv does not: `"85"` is not a score, `null` is not 0 and `1` is not `true`.
import type { FastifySchemaCompiler } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';

// allowUnionTypes: decimals are `type: [number, string]` (periods.schemas.ts)
const options: Options = { allErrors: true, useDefaults: true, removeAdditional: false, allowUnionTypes: true, addUsedSchema: false };

function ajv(coerceTypes: Options['coerceTypes']): Ajv {
  const instance = new Ajv({ ...options, coerceTypes });
  addFormats(instance);
  return instance;
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const text = ajv('array');
  const json = ajv(false);
  return ({ schema, httpPart }) => (httpPart === 'body' ? json : text).compile(schema as object);
}
