// Rankings (docs/scoring.md §7): standard competition ranking (1, 2, 2, 4) on the final score rounded
// half up to 2 decimals; ties listed by body name (Indonesian collation), then id, for a stable
// order. Only complete, scored participants get a rank; provisional ones follow, then the others
// (not submitted), each group by name.
import { round2, type Dec } from './decimal.ts';
import type { RankInput } from './types.ts';

const collator = new Intl.Collator('id');

function byName(a: RankInput, b: RankInput): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a participant takes part in the ranking: complete, scored, with a final score. */
export function isRanked(row: RankInput): boolean {
  return row.complete && row.finalScore !== null && row.status === 'scored';
}

export function rankParticipants<T extends RankInput>(rows: T[]): (T & { rank: number | null })[] {
  const ranked = rows.filter(isRanked).map((row) => ({ row, rounded: round2(row.finalScore!) }));
  ranked.sort((a, b) => b.rounded.cmp(a.rounded) || byName(a.row, b.row));
  const out: (T & { rank: number | null })[] = [];
  let previous: { rounded: Dec; rank: number } | null = null;
  for (const [i, entry] of ranked.entries()) {
    const rank: number = previous !== null && previous.rounded.eq(entry.rounded) ? previous.rank : i + 1;
    out.push({ ...entry.row, rank });
    previous = { rounded: entry.rounded, rank };
  }
  const group = (row: RankInput): number => (row.status === 'provisional' ? 0 : 1);
  const unranked = rows.filter((row) => !isRanked(row)).sort((a, b) => group(a) - group(b) || byName(a, b));
  for (const row of unranked) out.push({ ...row, rank: null });
  return out;
}
