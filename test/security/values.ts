// Values for the fuzzer: plausible values generated from a JSON schema (so requests get past the
// first check and reach deeper code), hostile values (wrong types, huge, deep, unicode, SQL, path
// traversal, prototype pollution, non-finite numbers), and mutations that break a valid value.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  examples?: unknown[];
  default?: unknown;
}

/**
 * JSON text that JSON.stringify cannot produce (1e999, NaN, 01, ...): carried through values as a
 * marker string and spliced in raw by `serialize`.
 */
const RAW = '\u0001raw:';
const raw = (text: string) => `${RAW}${text}\u0001`;

export function serialize(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/"\\u0001raw:(.*?)\\u0001"/g, (_m, text: string) => text);
}

// --- hostile values ---------------------------------------------------------------------------

const SQL_STRINGS = [
  "' OR 1=1--", "' OR '1'='1", "'; DROP TABLE users;--", '1; SELECT pg_sleep(5)--', '" OR ""="', "%' OR '%'='",
  "' UNION SELECT password_hash FROM users--", '\\', "'", '$1', "E'\\x00'", '%', '_', '\\%',
];
const TRAVERSAL_STRINGS = [
  '../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '..%2F..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '/etc/passwd\u0000.pdf',
  'file:///etc/passwd', '....//....//etc/passwd', '/dev/zero', 'C:\\Windows\\System32', '~/.ssh/id_rsa',
];
const UNICODE_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '😀👨‍👩‍👧‍👦', '\u202eevil', '\ufeffBOM', 'İıſK', 'e\u0301\u0301\u0301', '\u200b\u200c\u200d',
  'ﷺ', '𝕏𝔶𝕫', 'Dinas Komunikasi dan Informatika 🇮🇩', '\r\nSet-Cookie: x=1', '\t\n\v\f\r', '\u2028\u2029', '\uffff', '\u0085',
];
const OTHER_STRINGS = [
  '', ' ', 'null', 'undefined', 'true', '0', '-1', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', '[]', '{}',
  '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'not-a-uuid', '<script>alert(1)</script>',
  '${7*7}', '{{7*7}}', "=cmd|' /C calc'!A0", '@SUM(1+1)', 'javascript:alert(1)', 'http://169.254.169.254/latest/meta-data/',
  '2025-02-30', '2025-13-01T25:61:61Z', '-000001-01-01', '275760-09-13T00:00:00.001Z', 'mailto:a@b', 'a@b@c',
];
const HOSTILE_STRINGS = [...SQL_STRINGS, ...TRAVERSAL_STRINGS, ...UNICODE_STRINGS, ...OTHER_STRINGS];

/** Values too big to generate each time: built once and shared (never mutated). */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
const BIG = {
  string100k: 'a'.repeat(100_000),
  unicode100k: '😀'.repeat(25_000),
  nul10k: '\u0000'.repeat(10_000),
  deepArray: nested(1000, 'array'),
  deepObject: nested(1000, 'object'),
  array10k: Array.from({ length: 10_000 }, (_v, i) => i),
  objects10k: Array.from({ length: 10_000 }, () => ({})),
  wideObject: Object.fromEntries(Array.from({ length: 5_000 }, (_v, i) => [`k${i}`, i])),
};

const RAW_NUMBERS = ['1e999', '-1e999', 'NaN', 'Infinity', '-Infinity', '1e-999', '-0', '01', '1.', '.5', '+1', '0x1F', '123456789012345678901234567890'];
const EDGE_NUMBERS = [
  -1, 0, -0, 0.5, -0.01, 100.001, 101, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e20, 1e-7,
  1e308, 99999999999,
];

/** JSON with `__proto__` and `constructor` as own keys (JSON.parse makes them own properties). */
const POLLUTION = [
  '{"__proto__":{"isAdmin":true,"role":"superadmin"}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"__proto__":null}',
].map((text) => JSON.parse(text) as unknown);

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    // NUL and lone surrogates are valid in JSON strings; PostgreSQL text refuses NUL, jsonb refuses both
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '\udc00')).map(([s, bad]) => `${s}${bad}${s}`) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(BIG.string100k, BIG.unicode100k, BIG.nul10k) },
  );
}

/** Numbers at the edges, and JSON number texts JavaScript cannot represent (1e999, NaN, ...). */
export function hostileNumber(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...EDGE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map(raw) },
    { weight: 1, arbitrary: fc.double() },
  );
}

export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: hostileString() },
    { weight: 6, arbitrary: hostileNumber() },
    { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [null], [''], { '': null }) },
    { weight: 1, arbitrary: fc.constantFrom(BIG.deepArray, BIG.deepObject) },
    { weight: 1, arbitrary: fc.constantFrom(BIG.array10k, BIG.objects10k, BIG.wideObject) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', '$where', '', 'id', 'commissionId', 'role', 'isAdmin'];

// --- valid values from a schema -----------------------------------------------------------------

export interface ValueContext {
  /** identifiers of the world, so uuid fields sometimes point at things that exist */
  ids: string[];
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

function stringFor(schema: JsonSchema, ctx: ValueContext): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, 24));
  switch (schema.format) {
    case 'uuid': return ctx.ids.length > 0 ? fc.oneof(fc.constantFrom(...ctx.ids), fc.uuid()) : fc.uuid();
    case 'date-time': return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date': return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email': return fc.emailAddress();
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength });
}

function objectFor(schema: JsonSchema, ctx: ValueContext): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validValue(schema.additionalProperties, ctx), {
      minKeys: schema.minProperties ?? 0, maxKeys: 4,
    });
  }
  const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s, ctx)]));
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
}

/** A value that should satisfy `schema` (close enough: it only has to get requests past validation often). */
export function validValue(schema: JsonSchema, ctx: ValueContext): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, ctx)));
  const generated = fc.oneof(...(typesOf(schema).length > 0 ? typesOf(schema) : ['any']).map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': return stringFor(schema, ctx);
      case 'integer': return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
      case 'number': return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
      case 'boolean': return fc.boolean();
      case 'null': return fc.constant(null);
      case 'array': {
        const items = validValue(schema.items ?? {}, ctx);
        const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)) };
        return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
      }
      case 'object': return objectFor(schema, ctx);
      default: return fc.jsonValue({ maxDepth: 2 });
    }
  }));
  // the schema's own examples are the most likely to pass the service's deeper checks
  return schema.examples && schema.examples.length > 0 ? fc.oneof(fc.constantFrom(...schema.examples), generated) : generated;
}

// --- mutations --------------------------------------------------------------------------------

type Path = (string | number)[];

type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'poison'; pick: number; text: string; number: unknown }
  | { kind: 'drop'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: unknown };

function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (at.length < 8 && value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

/** Sets an own, enumerable property, even for "__proto__" (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function parentOf(root: unknown, path: Path): Record<string, unknown> | unknown[] {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return node;
}

function valueAt(root: unknown, path: Path): unknown {
  return path.length === 0 ? root : (parentOf(root, path) as Record<string | number, unknown>)[path[path.length - 1]!];
}

function setAt(root: unknown, path: Path, value: unknown) {
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent[last as number] = value;
  else setOwn(parent, last as string, value);
}

/** Applies the mutations in order; each picks its target among the nodes of the value at that time. */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(value);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.pick % paths.length]!; // pathsOf always lists the root
    if (m.kind === 'poison') {
      // a hostile value of the same type, so it gets past schema validation into the handler
      const leaves = paths.filter((p) => {
        const node = valueAt(root, p);
        return typeof node === 'string' || typeof node === 'number';
      });
      if (leaves.length === 0) continue;
      const leaf = leaves[m.pick % leaves.length]!;
      const replacement = typeof valueAt(root, leaf) === 'string' ? m.text : m.number;
      if (leaf.length === 0) root = replacement;
      else setAt(root, leaf, replacement);
    } else if (m.kind === 'extra') {
      const objects = paths.filter((p) => {
        const node = valueAt(root, p);
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      if (objects.length === 0) continue;
      setOwn(valueAt(root, objects[m.pick % objects.length]!) as Record<string, unknown>, m.key, structuredClone(m.value));
    } else if (m.kind === 'replace') {
      // a copy: the hostile values are shared constants, and a later mutation may change what it inserted
      if (path.length === 0) root = structuredClone(m.value);
      else setAt(root, path, structuredClone(m.value));
    } else if (path.length === 0) {
      root = undefined; // the whole body dropped: sent as `null`
    } else {
      const parent = parentOf(root, path);
      const last = path[path.length - 1];
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
    }
  }
  return root;
}

export function mutations(): fc.Arbitrary<Mutation[]> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('poison' as const), pick: fc.nat(), text: hostileString(), number: hostileNumber() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const), pick: fc.nat(),
        key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })), value: hostileValue(),
      }),
    },
  );
  return fc.oneof({ weight: 3, arbitrary: fc.tuple(mutation) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) });
}
