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

// Compiled once per process and shape: many routes share a shape (ids, paging), and every app the
// process builds (the test suite builds one per file) would otherwise compile them all again.
const text = ajv('array');
const json = ajv(false);
const compiled = new Map<string, ReturnType<Ajv['compile']>>();

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  return ({ schema, httpPart }) => {
    const key = `${httpPart === 'body' ? 'json' : 'text'} ${JSON.stringify(schema)}`;
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, validate = (httpPart === 'body' ? json : text).compile(schema as object));
    return validate;
  };
}
