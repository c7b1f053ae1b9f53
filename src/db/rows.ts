// An INSERT ... RETURNING, or an UPDATE ... RETURNING of a row the transaction holds locked, yields
// exactly one row or fails: the type system cannot know that, so repo functions say it here once
// instead of reading `rows[0]` unchecked.

/** The one row a statement returned; an Error (a 500, a programming error) when there is none. */
export function returnedRow<T>(rows: readonly T[], statement: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
