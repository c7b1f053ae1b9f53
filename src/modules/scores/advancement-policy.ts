// When advancement (who goes on to visitation / presentation, docs/scoring.md §5) is decided for the
// stored scores, and what is stored until then:
// - `none`: every participant that has not been marked `not_submitted` advances, at any stage;
// - `min_score`: decided per participant from its own verified SAQ (compared unrounded), at any
//   stage, so it follows the verification as it happens;
// - `top_per_category`: depends on the other participants of the category, so it is decided only
//   once the period is past `verification` (appeal, visitation, presentation, deliberation, closed).
//   Before that `advanced` is stored as null ("not decided yet") and the participant is scored as
//   advanced, i.e. provisional while a later stage exists: its final score is its verified SAQ.
//   After that, any rescore of one participant re-decides its whole category (an appeal revised in
//   the `appeal` stage can move the cut).
// A participant still `enrolled` (the SAQ stage is open) is scored from its draft answers, so the
// body sees its self-assessed SAQ live; it becomes a non-submitter only when the SAQ stage closes.
import type { ParticipantScore } from '../../scoring/index.ts';
import { isAdvancementDecided, type Stage } from '../periods/index.ts';

/** `top_per_category` and decided: a participant's advancement depends on its whole category. */
export function decidedPerCategory(rule: string | undefined, stage: Stage): boolean {
  return rule === 'top_per_category' && isAdvancementDecided(stage);
}

/** `top_per_category` not decided yet: everyone is scored as advanced, and stored as undecided. */
export function advancementPending(rule: string | undefined, stage: Stage): boolean {
  return rule === 'top_per_category' && !isAdvancementDecided(stage);
}

/** The `advanced` column of a scored participant: null while undecided (or without a score). */
export function storedAdvanced(score: ParticipantScore | null, pending: boolean): boolean | null {
  if (score === null) return null;
  return pending && score.status !== 'not_submitted' ? null : score.advanced;
}

/**
 * Whether a participant's scoring inputs say it advanced: the stored decision, a decision still
 * pending counting as advanced (provisional while a later stage exists); non-submitters never do.
 */
export function advancedInput(status: string, stored: boolean | null): boolean {
  return status !== 'not_submitted' && (stored ?? true);
}
