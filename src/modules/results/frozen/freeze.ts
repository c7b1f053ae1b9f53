// Freezing a participant for a result set: scored from the very inputs its row records (so that
// recomputing from them gives the stored numbers), its numbers spelled by the one row mapping at
// the frozen precision, and its row's values made at once so that its inputs can be dropped.
import { Problem } from '../../../http/problems.ts';
import {
  canonicalInputParts, inputsSha256, InvalidAnswerError, scoreParticipant, type ParticipantInput, type ParticipantScore, type SharedJson,
} from '../../../scoring/index.ts';
import { FROZEN_PRECISION, storedScores } from '../../scores/stored-scores.ts';
import { scoreStatus, type RankingStatus } from '../standings.ts';
import { t } from '../../../i18n/message.ts';

/**
 * What a result set keeps of a participant between scoring and storing: what ranking needs, the
 * band, and the row's values ready to insert (JSON, without the ranks and the questionnaire
 * reference, which are known only once everyone is scored). The participant's inputs and score
 * objects are dropped as soon as the row text is made.
 */
export interface Frozen {
  participantId: string;
  bodyName: string;
  categoryId: string;
  status: RankingStatus;
  finalScore: string | null;
  complete: boolean;
  bandCode: string | null;
  questionnaire: SharedJson;
  period: SharedJson;
  /**
   * the row's JSON object for jsonb_to_recordset, all but rank, category_rank, q and qref, as UTF-8
   * bytes: compact and outside the JS heap (as a string it would be a tree of the pieces it was
   * concatenated from, several times its length)
   */
  values: Buffer;
}

function scoreOf(input: ParticipantInput, bodyName: string): ParticipantScore {
  try {
    return scoreParticipant(input);
  } catch (error) {
    if (error instanceof InvalidAnswerError || error instanceof RangeError) {
      throw new Problem('conflict', t`The scores of ${bodyName} cannot be computed from its current inputs (${error.message}); correct them before fixing the results`);
    }
    throw error;
  }
}

/** Scores a participant from its inputs and makes its row's values (everything but the ranks). */
export function freeze(p: { id: string; bodyId: string; bodyName: string; categoryId: string }, input: ParticipantInput): Frozen {
  const score = scoreOf(input, p.bodyName);
  const parts = canonicalInputParts(input);
  const stored = storedScores(score, FROZEN_PRECISION);
  const finalScore = stored.finalScoreRounded;
  const status = scoreStatus(score);
  const bandCode = stored.bandCode;
  const row = {
    participant_id: p.id,
    body_id: p.bodyId,
    body_name: p.bodyName,
    category_id: p.categoryId,
    status,
    final_score: finalScore,
    band_code: bandCode,
    complete: stored.complete,
    self_assessed_saq: stored.selfAssessedSaq,
    verified_saq: stored.verifiedSaq,
    stage_scores: stored.stages,
    indicator_scores: stored.indicators,
    advanced: parts.record.advanced,
    presentation: parts.record.presentation,
    submitted: parts.record.submitted,
    visitation: parts.record.visitation,
    adjustments: parts.record.adjustments ?? null,
    sha: inputsSha256(parts),
  };
  return {
    participantId: p.id, bodyName: p.bodyName, categoryId: p.categoryId, status, finalScore, complete: score.complete, bandCode,
    questionnaire: parts.questionnaire,
    period: parts.period,
    // the answers spliced in as the canonical text already made for the hash
    values: Buffer.from(`${JSON.stringify(row).slice(0, -1)},"answers":${parts.answers}}`, 'utf8'),
  };
}
