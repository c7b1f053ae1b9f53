// The pure scoring module (docs/scoring.md). No I/O, no Fastify, no drizzle: the CLI and the services
// share it, so a published number can be recomputed from its inputs alone.
export { D, round2, toScoreNumber, toDec, isDecimalLike } from './decimal.ts';
export type {
  Dec, ValidationIssue, Result, QuestionType, EvidenceRule, ChoiceOption, ChecklistItem, Question,
  Indicator, SubIndicator, SubIndicatorScore, Questionnaire, AnswerValue, Band, Advancement, StageName, EvaluationStage, PeriodScoring,
  ParticipantInput, Adjustment, IndicatorScore, ParticipantStatus, ParticipantScore, RankInput,
  QuestionExplanation, StageExplanation, GapQuestion, Explanation,
} from './types.ts';
export { formatIssues } from './issues.ts';
export { validateQuestionnaire } from './validate-questionnaire.ts';
export { validatePeriodScoring, normalizePeriodScoring, DEFAULT_PERIOD_SCORING } from './validate-period.ts';
export {
  EVALUATION_STAGES, DEFAULT_STAGE_LABELS, STAGE_LABEL_MAX_LENGTH, evaluationOrderOf, scoredStagesInOrder, stageLabelOf,
  stageLabelsOf, carriedStageSettings,
} from './evaluation-order.ts';
export { validateAnswer, validateAnswers, validateStageScores, questionsLackingEvidence } from './validate-answers.ts';
export { validateAdjustments } from './adjustments.ts';
export { DEFAULT_BANDS, bandFor } from './bands.ts';
export { compileQuestionnaire, answerScore, fittingAnswers, InvalidAnswerError } from './compile.ts';
export type { CompiledQuestionnaire } from './compile.ts';
export { presentationScore } from './compile-period.ts';
export { scoreParticipant, saqScore } from './score.ts';
export { scoreCohort } from './cohort.ts';
export type { CohortMember } from './cohort.ts';
export { applyAdvancement } from './advancement.ts';
export type { AdvancementRow } from './advancement.ts';
export { rankParticipants, isRanked } from './ranking.ts';
export { explainParticipant } from './explain.ts';
export { canonicalJson, sha256Hex, plainDecimal } from './canonical.ts';
export {
  scoringInputsRecord, scoringInputsHash, canonicalInputParts, canonicalInputs, inputsSha256, sharedSha256,
} from './inputs-record.ts';
export type { ScoringInputsRecord, CanonicalInputParts, SharedJson, OwnInputs } from './inputs-record.ts';
export { scoreFromJson, scoreReport } from './report.ts';
export type { ScoreFromJsonInput, ScoreFromJson, ScoreReport } from './report.ts';
