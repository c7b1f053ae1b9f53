// Keyset pagination: opaque cursors that encode the last row's sort key.
import { must } from '../must.ts';
import { Problem } from './problems.ts';
import { t } from '../i18n/message.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key as unknown[];
  } catch {
    // fall through
  }
  throw new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
}

/** Whether a decoded cursor value fits a PostgreSQL integer column (a larger one would fail there with 22003). */
export function isInt4(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) < 2 ** 31;
}

/** Fetch limit + 1 rows, then call this to cut the page and build the next cursor. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(must(items.at(-1), 'the last row of a full page'))) };
}
