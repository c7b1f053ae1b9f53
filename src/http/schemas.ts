// Shared TypeBox schemas: problems, lists, identifiers, scores.
import { Type, type TSchema } from 'typebox';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination.ts';

export const ProblemSchema = Type.Object({
  type: Type.String({ format: 'uri', examples: ['https://kip-monev.id/problems/wrong-stage'] }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String({ description: 'stable machine-readable code', examples: ['wrong_stage'] }),
  instance: Type.String(),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object(
    { path: Type.String(), message: Type.String() },
    { additionalProperties: true, description: 'one entry per offending field; imports add `row` and `column`' },
  ))),
}, { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' });

/** A problem body, for a route that declares an error status its URL does not imply (a 404 for a query parameter). */
export const ProblemRef = Type.Unsafe<Record<string, unknown>>({ $ref: 'Problem#' });

/** Response schemas for a route: the given success bodies plus problem bodies for every error status. */
export function responses<T extends Record<number, TSchema>>(success: T) {
  return { ...success, '4xx': ProblemRef, '5xx': ProblemRef };
}

const namesByShape = new Map<string, string>();

/**
 * Names a resource or request schema: in the OpenAPI document every use of it becomes a `$ref` to
 * `#/components/schemas/<name>` (http/openapi-components.ts), so a generated client gets one named
 * type per resource. The name lives beside the schema, not in it (no `$id`): Fastify's validators and
 * serialisers see the same inline schema as before, where a repeated `$id` would be ambiguous. A use
 * is recognised by its shape, since TypeBox copies a schema it wraps (Type.Optional).
 */
export function named<T extends TSchema>(name: string, schema: T): T {
  const shape = JSON.stringify(schema);
  const other = namesByShape.get(shape);
  if (other !== undefined && other !== name) throw new Error(`schemas ${other} and ${name} are the same; name one of them`);
  namesByShape.set(shape, name);
  return schema;
}

/** The name given by named() to a schema of this shape, if any. */
export const nameOf = (schema: object): string | undefined => namesByShape.get(JSON.stringify(schema));

/** The largest value of a PostgreSQL integer column: every integer a request carries stays at or below it. */
export const PG_INT_MAX = 2_147_483_647;

export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
  cursor: Type.Optional(Type.String({ description: 'opaque; the nextCursor of the previous page' })),
};

export function ListOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
}

/**
 * A decimal input (weights, option scores, band minimums, points): a JSON number or a decimal string
 * such as "33.5", read through its decimal text (docs/scoring.md §1). `type: [number, string]` rather
 * than anyOf keeps Ajv's coercion (query strings) from rounding a long decimal string through a double.
 */
export const Decimal = Type.Unsafe<number | string>({ type: ['number', 'string'], description: 'a decimal: a JSON number or a decimal string such as "33.5"' });

/** Scores travel as JSON numbers rounded half up to 2 decimals (docs/scoring.md §1). */
export const Score = Type.Number({ minimum: 0, maximum: 100, description: 'rounded half up to 2 decimals', examples: [89.38] });

export const Band = named('Band', Type.Object({ code: Type.String({ examples: ['menuju_informatif'] }), label: Type.String({ examples: ['Menuju Informatif'] }) }));

export const NoContent = Type.Null({ description: 'no content' });

/** The 422 of an import: the usual problem plus the row and column of every error. */
export const ImportProblem = named('ImportProblem', Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.String(),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({
    path: Type.String({ examples: ['rows[3].email'] }),
    row: Type.Optional(Nullable(Type.Integer({ description: 'the row number as a spreadsheet shows it (the header is row 1)' }))),
    column: Type.Optional(Nullable(Type.String({ description: 'the header of the column, as written in the file' }))),
    message: Type.String(),
  }))),
}, { additionalProperties: true, description: 'the 422 of an import: every problem with its row and column; nothing was imported' }));
