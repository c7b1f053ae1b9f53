// Named component schemas for the OpenAPI document. A TypeBox schema given a name by named() (Period,
// ParticipantScore, …) is a resource or request type of the API: in the document each use of it
// becomes a `$ref` to `#/components/schemas/<name>`, so that a generated client gets one named type
// per resource instead of an anonymous copy per route. At run time nothing changes: Fastify validates
// and serialises the inline schemas.
import { nameOf } from './schemas.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ComponentSchemas {
  private readonly named = new Map<string, Json>();

  /** A copy of `schema` in which every named subschema (and the schema itself, when named) is a $ref. */
  lift(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((item) => this.lift(item));
    if (!isObject(schema)) return schema;
    const copy: Json = {};
    for (const [key, value] of Object.entries(schema)) {
      // examples are data, not schemas: an example object never names a component
      copy[key] = key === 'examples' || key === 'example' || key === 'default' || key === 'const' || key === 'enum' ? value : this.lift(value);
    }
    const id = nameOf(schema);
    if (id === undefined) return copy;
    const known = this.named.get(id);
    if (known && JSON.stringify(known) !== JSON.stringify(copy)) throw new Error(`two different schemas are named ${id}`);
    this.named.set(id, copy);
    return { $ref: `#/components/schemas/${id}` };
  }

  /** Every named schema met so far, by name. */
  schemas(): Record<string, Json> {
    return Object.fromEntries([...this.named.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
