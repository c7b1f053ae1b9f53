// Builders for scoring tests: small questionnaires and inputs whose scores are easy to compute by hand.
import {
  normalizePeriodScoring, validateQuestionnaire, type AnswerValue, type ParticipantInput, type PeriodScoring, type Question,
  type Questionnaire,
} from '../../src/scoring/index.ts';
import { SCORING_EXAMPLE } from '../helpers/questionnaires.ts';

export function questionnaire(raw: unknown): Questionnaire {
  const result = validateQuestionnaire(raw);
  if (!result.ok) throw new Error(`fixture questionnaire is invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** One indicator (weight 100) with one choice question whose options score 1, `score` and 0. */
export function singleChoice(score: number | string): Questionnaire {
  return questionnaire({
    code: 'ONE', title: 'One question',
    indicators: [{
      code: 'JI', name: 'Jenis Informasi', weight: 100,
      questions: [{
        code: 'q', text: 'Graded', weight: 1, type: 'choice',
        options: [{ value: 'full', label: 'Full', score: 1 }, { value: 'part', label: 'Part', score }, { value: 'none', label: 'None', score: 0 }],
      }],
    }],
  });
}

/** The example of docs/scoring.md §2 (test/helpers/questionnaires.ts has its numbers). */
export const example: Questionnaire = questionnaire(SCORING_EXAMPLE);

export function period(raw: unknown = {}): PeriodScoring {
  return normalizePeriodScoring(raw);
}

export function input(overrides: Partial<ParticipantInput> & { questionnaire: Questionnaire }): ParticipantInput {
  return {
    period: period(),
    selfAnswers: {},
    verifiedAnswers: {},
    visitation: null,
    presentation: [],
    advanced: true,
    submitted: true,
    ...overrides,
  };
}

/** Same answers as self-assessed and verified. */
export function answered(q: Questionnaire, answers: Record<string, AnswerValue>, rest: Partial<ParticipantInput> = {}): ParticipantInput {
  return input({ questionnaire: q, selfAnswers: answers, verifiedAnswers: answers, ...rest });
}

export function allQuestions(q: Questionnaire): Question[] {
  return q.indicators.flatMap((i) => i.questions);
}
