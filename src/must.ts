/**
 * The value, or a clear error if it is `undefined`. For what `noUncheckedIndexedAccess` cannot see
 * but the code guarantees: an index in range by construction, the row `INSERT … RETURNING` just
 * wrote, the first element of a list checked to be non-empty. `what` names the value in the error,
 * so a broken invariant fails here and says so, not three calls later as "cannot read properties of
 * undefined". Where a value may legitimately be missing (a row another request deleted, an id from
 * the client), check for it and throw the right problem instead. `null` passes through: it is a value.
 */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
}

/**
 * The row of a statement that returns one by construction: `INSERT … RETURNING` of one value, an
 * aggregate without GROUP BY, an UPDATE of a row this transaction holds locked.
 */
export function one<T>(rows: readonly T[], what: string): T {
  return must(rows[0], what);
}
