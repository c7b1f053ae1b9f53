// The final-score summary every statistic shows, from the live scores or from a result set: how many
// participants are scored, provisional or not submitted, the mean and median final score of the
// scored ones (docs/scoring.md §5) and the band tallies. Means and medians are computed exactly and
// rounded half up to 2 decimals once, at the end.
import { must } from '../../must.ts';
import { D, toScoreNumber, type Band, type Dec } from '../../scoring/index.ts';
import { countsInBand, type RankingStatus } from './standings.ts';

export function mean(values: Dec[]): Dec | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum.plus(v), new D(0)).div(values.length);
}

export function median(sorted: Dec[]): Dec | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = must(sorted[mid], 'the middle value');
  return sorted.length % 2 === 1 ? upper : must(sorted[mid - 1], 'the value below the middle').plus(upper).div(2);
}

export interface SummaryRow {
  status: RankingStatus;
  bandCode: string | null;
  /** the final score as exact as the source keeps it (live: 30 places; a result set: its 2 places) */
  exact: string | null;
  /** the final score rounded half up to 2 decimals */
  rounded: string | null;
}

export function scoreSummary(rows: readonly SummaryRow[], bands: Band[]) {
  const scored = rows.filter((r) => r.status === 'scored');
  const exact = scored.map((r) => new D(r.exact ?? r.rounded ?? '0')).sort((a, b) => a.cmp(b));
  const rounded = scored.map((r) => new D(r.rounded ?? '0')).sort((a, b) => a.cmp(b));
  return {
    participants: rows.length,
    scored: scored.length,
    provisional: rows.filter((r) => r.status === 'provisional').length,
    notSubmitted: rows.filter((r) => r.status === 'not_submitted').length,
    finalScore: {
      count: scored.length,
      mean: toScoreNumber(mean(exact)),
      median: toScoreNumber(median(exact)),
      min: toScoreNumber(rounded.at(0) ?? null),
      max: toScoreNumber(rounded.at(-1) ?? null),
    },
    bands: bands.map((b) => ({ code: b.code, label: b.label, count: rows.filter((r) => countsInBand(r) && r.bandCode === b.code).length })),
  };
}
