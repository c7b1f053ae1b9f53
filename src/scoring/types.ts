// The data the scoring rules work on (docs/scoring.md §2–§9). Weights and scores are `number | string`
// because JSON numbers are read through their decimal text and decimal strings are accepted too.
import type { Dec } from './decimal.ts';
import type { Message } from '../i18n/message.ts';

export type { Dec };

/** `message` is a t`…` Message: the API renders it in the caller's language, the CLI in English. */
export type ValidationIssue = { path: string; message: Message };
export type Result<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export type QuestionType = 'yes_no' | 'choice' | 'checklist';
export type EvidenceRule = 'required' | 'optional' | 'none';

export interface ChoiceOption { value: string; label: string; score: number | string }
export interface ChecklistItem { value: string; label: string }

export interface Question {
  code: string;
  text: string;
  weight: number | string;
  type: QuestionType;
  evidence: EvidenceRule;
  options?: ChoiceOption[];
  items?: ChecklistItem[];
  /** The code of the sub-indicator (of its own indicator) the question is grouped under (docs/scoring.md §2). */
  subIndicator?: string;
  /** An illustrative question, not traced to a public instrument (presets mark them). Never changes a score. */
  sample?: true;
}
/** A named group of an indicator's questions (e.g. `1.1`): pure grouping, no weight of its own. */
export interface SubIndicator { code: string; name: string }
export interface Indicator {
  code: string;
  name: string;
  weight: number | string;
  /** Every question of the indicator, grouped or not: scoring reads only this list. */
  questions: Question[];
  /** When present, every question names one of these in `subIndicator`, and each has a question. */
  subIndicators?: SubIndicator[];
}
export interface Questionnaire { code: string; title: string; indicators: Indicator[] }

/** yes_no → boolean, choice → an option value, checklist → the listed item values. */
export type AnswerValue = boolean | string | string[];

export interface Band { code: string; label: string; min: number | string }

export type Advancement =
  | { rule: 'none' }
  | { rule: 'min_score'; minScore: number | string }
  | { rule: 'top_per_category'; n: number };

export type StageName = 'saq' | 'visitation' | 'presentation';
/** The stages after the SAQ (and its verification) that a period may have, run in its evaluationOrder. */
export type EvaluationStage = Exclude<StageName, 'saq'>;

export interface PeriodScoring {
  stages: { saq: number | string; visitation?: number | string; presentation?: number | string };
  /** Aspect → weight; {} when the period has no presentation stage. */
  presentationAspects: Record<string, number | string>;
  advancement: Advancement;
  /** Ordered by min, descending. */
  bands: Band[];
  nonSubmitters: 'not_scored' | 'tidak_informatif';
  /**
   * The evaluation stages the period has, in the order they run (docs/scoring.md §5); absent or
   * incomplete means the default order (evaluation-order.ts). No arithmetic effect.
   */
  evaluationOrder?: EvaluationStage[];
  /** Display names of stages, overriding the defaults (evaluation-order.ts). No arithmetic effect. */
  stageLabels?: Partial<Record<StageName, string>>;
  /** The largest Σ|points| of one participant's adjustments (§5); absent or 0: none allowed. */
  maxAdjustment?: number | string;
}

/** Plenary bonus or penalty points (§5), e.g. nilai plus: a non-zero decimal and why. */
export interface Adjustment { points: number | string; reason: string }

export interface ParticipantInput {
  questionnaire: Questionnaire;
  period: PeriodScoring;
  /** The body's own answers. */
  selfAnswers: Record<string, AnswerValue>;
  /** Verified answers: only decided questions are present. */
  verifiedAnswers: Record<string, AnswerValue>;
  visitation: number | string | null;
  /** One object (aspect → 0–100) per juror who scored. */
  presentation: Record<string, number | string>[];
  /** Decided by the caller (applyAdvancement or an override). */
  advanced: boolean;
  /** false → not_submitted, treated per period.nonSubmitters. */
  submitted: boolean;
  /** Adjustments (§5), applied to a complete, scored participant only; absent = none. */
  adjustments?: Adjustment[];
}

export interface IndicatorScore {
  code: string;
  name: string;
  /** The indicator weight W_k as decimal text. */
  weight: string;
  /** I_k from the verified answers, 0–100, unrounded. */
  score: Dec;
  /** W_k · I_k / 100: the indicator's share of the verified SAQ, unrounded. */
  contribution: Dec;
  /** I_k from the body's own answers, unrounded. */
  selfScore: Dec;
  /** Only for an indicator with sub-indicators: each one's percentage, in declared order. */
  subIndicators?: SubIndicatorScore[];
}

/** A sub-indicator's percentage, 100 · Σ w·s / Σ w over its questions (docs/scoring.md §8): reported only. */
export interface SubIndicatorScore {
  code: string;
  name: string;
  /** From the verified answers, 0–100, unrounded. */
  score: Dec;
  /** From the body's own answers, unrounded. */
  selfScore: Dec;
}

export type ParticipantStatus = 'scored' | 'provisional' | 'not_submitted';

export interface ParticipantScore {
  status: ParticipantStatus;
  selfAssessedSaq: Dec;
  verifiedSaq: Dec;
  /** Only the stages the period has; null = that stage's score is missing. */
  stages: { saq: Dec; visitation?: Dec | null; presentation?: Dec | null };
  advanced: boolean;
  /** True when the final score can no longer change for lack of a stage score. */
  complete: boolean;
  /** Unrounded; null for not_submitted (0 under nonSubmitters: 'tidak_informatif'). */
  finalScore: Dec | null;
  /** finalScore rounded half up to 2 decimals. */
  finalScoreRounded: Dec | null;
  band: { code: string; label: string } | null;
  indicators: IndicatorScore[];
  progress: { decided: number; total: number };
  /** Σ points of the participant's adjustments (§5), exact; 0 without any. */
  adjustmentTotal: Dec;
  /** Whether finalScore includes them: only for a complete participant with status `scored`. */
  adjustmentsApplied: boolean;
  /** The final score before adjustments, unrounded (equal to finalScore when none are applied). */
  baseScore: Dec | null;
}

export interface RankInput { id: string; name: string; finalScore: Dec | null; complete: boolean; status: string }

export interface QuestionExplanation {
  code: string;
  indicator: string;
  /** Only for a question grouped under a sub-indicator. */
  subIndicator?: string;
  text: string;
  type: QuestionType;
  weight: string;
  evidence: EvidenceRule;
  selfValue: AnswerValue | null;
  verifiedValue: AnswerValue | null;
  /** s(q) of the body's own answer. */
  selfScore: Dec;
  /** s(q) of the verified answer; 0 while undecided. */
  verifiedScore: Dec;
  decided: boolean;
}

export interface StageExplanation {
  stage: StageName;
  /** The name the period shows the stage by (its stageLabels, else the default). */
  label: string;
  /** The stage weight declared by the period, as decimal text. */
  weight: string;
  score: Dec | null;
  /** The share (in %) this stage actually has in the final score: 100 for SAQ when not advanced. */
  effectiveWeight: Dec;
  /** effectiveWeight · score / 100; null when the stage score is missing or does not count. */
  contribution: Dec | null;
}

export interface GapQuestion {
  question: string;
  indicator: string;
  text: string;
  verifiedScore: Dec;
  /** The exact final-score gain if this question alone were fully met (docs/scoring.md §8). */
  gain: Dec;
}

export interface Explanation {
  score: ParticipantScore;
  indicators: IndicatorScore[];
  questions: QuestionExplanation[];
  stages: StageExplanation[];
  gap: {
    nextBand: { code: string; label: string } | null;
    /** Next band's min − current rounded final score; null at the top band or without a score. */
    pointsNeeded: Dec | null;
    /** Questions with verified s(q) < 1, by gain descending then question code. */
    questions: GapQuestion[];
  };
  /** The participant's adjustments in the order given, points exact (§5). */
  adjustments: { points: Dec; reason: string }[];
}
