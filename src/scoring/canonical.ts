// Canonical JSON (RFC 8785 for plain JSON data) and SHA-256, the spelling in which a result set
// records and hashes a participant's scoring inputs (docs/scoring.md §9; see inputs-record.ts).
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { toDec } from './decimal.ts';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members
 * dropped, strings escaped as JSON.stringify does, numbers in the shortest form that reads back as
 * the same number (ECMAScript Number::toString, which is what JSON.stringify writes). For plain
 * JSON data this is RFC 8785 (JCS). A Decimal is written as a JSON number with its exact digits;
 * a bigint as its integer digits. Non-finite numbers, functions and symbols throw.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Decimal.isDecimal(value)) {
        if (!value.isFinite()) throw new TypeError('canonicalJson: non-finite decimal');
        return value.isZero() ? '0' : value.toString();
      }
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      const entries = Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A decimal as plain JSON: a number when the number reads back to exactly the same decimal
 * (2, "2" and 2.0 all become 2; "0.89995" becomes 0.89995), otherwise the exact decimal string.
 * The hash therefore does not depend on how a weight was spelled, and the record survives a
 * JSON round trip unchanged.
 */
export function plainDecimal(value: number | string): number | string {
  const exact = toDec(value);
  const asNumber = Number(exact.toString());
  return Number.isFinite(asNumber) && toDec(asNumber).eq(exact) ? (asNumber === 0 ? 0 : asNumber) : exact.toString();
}
