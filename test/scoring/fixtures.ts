// Builders for scoring tests: small questionnaires and inputs whose scores are easy to compute by hand.
import {
  normalizePeriodScoring, validateQuestionnaire, type AnswerValue, type ParticipantInput, type PeriodScoring, type Question,
  type Questionnaire,
} from '../../src/scoring/index.ts';

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

/** The example of SCORING.md §2 plus a second indicator, Digitalisasi (60), with one yes/no question. */
export const example: Questionnaire = questionnaire({
  code: 'SAQ-2025-PEMPROV', title: 'SAQ Pemerintah Provinsi 2025',
  indicators: [
    {
      code: 'JI', name: 'Jenis Informasi', weight: 40,
      questions: [
        { code: '2.1.1', text: 'DIP dimutakhirkan sesuai format PerKI 1/2021?', weight: 2, type: 'yes_no', evidence: 'required' },
        {
          code: '2.1.2', text: 'Laporan layanan informasi publik dipublikasikan', weight: 1, type: 'choice', evidence: 'optional',
          options: [{ value: 'full', label: 'Lengkap dan tepat waktu', score: 1 }, { value: 'late', label: 'Lengkap, terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
        },
        {
          code: '2.1.3', text: 'Kanal layanan yang tersedia', weight: 1, type: 'checklist', evidence: 'none',
          items: [{ value: 'web', label: 'Website' }, { value: 'app', label: 'Aplikasi' }, { value: 'desk', label: 'Meja layanan' }, { value: 'sms', label: 'SMS/WA' }],
        },
      ],
    },
    { code: 'DG', name: 'Digitalisasi', weight: 60, questions: [{ code: '3.1', text: 'Laman PPID tersedia', weight: 1, type: 'yes_no' }] },
  ],
});

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
