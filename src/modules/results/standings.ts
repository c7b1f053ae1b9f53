// Standings: the competition ranking of docs/scoring.md §7 applied to a period's participants, overall
// and per category, shared by live rankings, result sets and the public API so that every one of
// them numbers the same participants the same way.
import { decodeCursor, page } from '../../http/pagination.ts';
import { Problem } from '../../http/problems.ts';
import { D, rankParticipants, toScoreNumber, type Band } from '../../scoring/index.ts';
import { t } from '../../i18n/message.ts';

/** What a ranking says about a participant (not the participant's workflow status). */
export type RankingStatus = 'scored' | 'provisional' | 'not_submitted';

export interface StandingInput {
  participantId: string;
  bodyName: string;
  categoryId: string;
  status: RankingStatus;
  /** the final score rounded half up to 2 decimals, as decimal text; null without a score */
  finalScore: string | null;
  complete: boolean;
}

export type Standing<T extends StandingInput> = T & { overallRank: number | null; categoryRank: number | null };

/**
 * The ranking status of a participant from its materialised columns (docs/scoring.md §5):
 * - `not_submitted`: it never submitted, whether or not the period scores non-submitters as tidak
 *   informatif (0 and the lowest band): never ranked, listed after the provisional ones;
 * - `provisional`: still answering (enrolled), not scored yet, or missing a later stage's score;
 * - `scored`: complete.
 */
export function rankingStatus(p: { status: string; finalScoreRounded: string | null; complete: boolean }): RankingStatus {
  if (p.status === 'not_submitted') return 'not_submitted';
  if (p.status === 'enrolled' || p.finalScoreRounded === null || !p.complete) return 'provisional';
  return 'scored';
}

/** The same mapping for a freshly computed ParticipantScore (result sets score from the inputs). */
export function scoreStatus(score: { status: string; complete: boolean }): RankingStatus {
  if (score.status === 'not_submitted') return 'not_submitted';
  return score.status === 'scored' && score.complete ? 'scored' : 'provisional';
}

/**
 * Whether a participant counts in its band's tally (statistics, result sets, the public period):
 * complete participants and non-submitters given the lowest band, never provisional ones.
 */
export function countsInBand(row: { status: RankingStatus; bandCode: string | null }): boolean {
  return row.bandCode !== null && row.status !== 'provisional';
}

function rankRows<T extends StandingInput>(rows: T[]) {
  return rankParticipants(rows.map((row) => ({
    row,
    id: row.participantId,
    name: row.bodyName,
    finalScore: row.finalScore === null ? null : new D(row.finalScore),
    complete: row.complete,
    status: row.status,
  })));
}

/**
 * Every participant with its overall and category rank, in ranking order: ranked participants by
 * score (ties share a rank and are listed by name), then provisional, then not submitted.
 */
export function standings<T extends StandingInput>(rows: T[]): Standing<T>[] {
  const byCategory = new Map<string, T[]>();
  for (const row of rows) {
    const list = byCategory.get(row.categoryId);
    if (list) list.push(row);
    else byCategory.set(row.categoryId, [row]);
  }
  const categoryRank = new Map<string, number | null>();
  for (const list of byCategory.values()) {
    for (const entry of rankRows(list)) categoryRank.set(entry.id, entry.rank);
  }
  return rankRows(rows).map((r) => ({ ...r.row, overallRank: r.rank, categoryRank: categoryRank.get(r.id) ?? null }));
}

/** The order standings() produces, as a key: what the in-memory cursors of ranked lists encode. */
export function standingKey(row: Standing<StandingInput>): [number, string, string, string] {
  const group = row.overallRank !== null ? 0 : row.status === 'provisional' ? 1 : 2;
  return [group, group === 0 ? row.finalScore ?? '0' : '0', row.bodyName, row.participantId];
}

const collator = new Intl.Collator('id');

/** Compares two standing keys in ranking order (score descending within the ranked group). */
export function compareStandingKeys(a: unknown[], b: unknown[]): number {
  const [ga, sa, na, ia] = a as [number, string, string, string];
  const [gb, sb, nb, ib] = b as [number, string, string, string];
  if (ga !== gb) return ga - gb;
  const byScore = new D(sb).cmp(new D(sa));
  if (byScore !== 0) return byScore;
  return collator.compare(na, nb) || (ia < ib ? -1 : ia > ib ? 1 : 0);
}

/** A score column (decimal text) as a JSON number with 2 decimals. */
export function scoreNumber(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : toScoreNumber(new D(value));
}

/** The band object for a code, with the period's label (bands are period data). */
export function bandOf(bands: Band[], code: string | null | undefined): { code: string; label: string } | null {
  if (!code) return null;
  const band = bands.find((b) => b.code === code);
  return { code, label: band?.label ?? code };
}

const DECIMAL = /^\d{1,3}(?:\.\d{1,2})?$/;

function decodeStandingCursor(cursor: string | undefined): unknown[] | null {
  const key = decodeCursor(cursor, 4);
  if (key === null) return null;
  const [group, score, name, id] = key;
  if (![0, 1, 2].includes(group as number) || typeof score !== 'string' || !DECIMAL.test(score) || typeof name !== 'string' || typeof id !== 'string') {
    throw new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  return key;
}

/** One page of standings (already in ranking order) after the cursor. */
export function pageStandings<T extends Standing<StandingInput>>(rows: T[], limit: number, cursor: string | undefined) {
  const after = decodeStandingCursor(cursor);
  const start = after === null ? 0 : rows.findIndex((row) => compareStandingKeys(standingKey(row), after) > 0);
  return page(start < 0 ? [] : rows.slice(start, start + limit + 1), limit, standingKey);
}
