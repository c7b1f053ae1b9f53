// The small questionnaires the tests use, with the answers they give and the numbers those answers
// score, computed by hand (docs/scoring.md): s(q) is 1/0 for yes/no, the option's score for a choice,
// ticked/all items for a checklist; an indicator scores I = 100 · Σ w_q · s(q) / Σ w_q; the SAQ is
// Σ W_k · I_k / 100. Numbers are exact; the API rounds to two decimals only when it shows them.
import type { AnswerValue, Question, Questionnaire } from '../../src/scoring/index.ts';

/** A choice graded 1 / ½ / 0 (the Indonesian labels the API shows). */
const GRADED = [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'late', label: 'Terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }];
const CHANNELS = [{ value: 'web', label: 'Website' }, { value: 'app', label: 'Aplikasi' }, { value: 'desk', label: 'Meja layanan' }];

const Q_1_1: Question = { code: '1.1', text: 'DIP dimutakhirkan sesuai PerKI?', weight: 2, type: 'yes_no', evidence: 'required' };
const Q_1_2: Question = { code: '1.2', text: 'Laporan layanan informasi publik', weight: 1, type: 'choice', evidence: 'optional', options: GRADED };
const Q_2_1: Question = { code: '2.1', text: 'Kanal layanan', weight: 1, type: 'checklist', evidence: 'none', items: CHANNELS };
const Q_2_2: Question = { code: '2.2', text: 'Maklumat pelayanan dipublikasikan?', weight: 1, type: 'yes_no', evidence: 'none' };

/**
 * The assessment workflow's questionnaire (test/assessments): JI 60 = { 1.1 yes/no w2, evidence
 * required; 1.2 choice w1 }, PI 40 = { 2.1 checklist of 3 items w1; 2.2 yes/no w1 }.
 *   JI = 100 · (2·s₁.₁ + s₁.₂) / 3, PI = 100 · (s₂.₁ + s₂.₂) / 2, SAQ = 0.6 · JI + 0.4 · PI
 * Numbers the tests assert:
 *   1.1 yes, 1.2 late, 2.1 [web, app], 2.2 yes: JI = 100 · 2.5/3 = 83.333…, PI = 100 · (⅔ + 1)/2 = 83.333…, SAQ 83.33
 *   1.1 yes, 1.2 none, 2.1 all three, 2.2 yes:  JI = 100 · 2/3 = 66.666…, PI = 100, SAQ = 40 + 40 = 80
 *   … with 1.2 late instead:                     JI = 83.333…, SAQ = 50 + 40 = 90
 *   1.1 no, 1.2 full, 2.1 [web], 2.2 yes:        JI = 100/3, PI = 100 · (⅓ + 1)/2 = 66.666…, SAQ = 20 + 26.666… = 46.67
 *   1.1 no, 1.2 full, 2.1 [web, app], 2.2 yes:   JI = 100/3, PI = 83.333…, SAQ = 20 + 33.333… = 53.33
 *   1.1 yes, 1.2 full, 2.1 [web, app], 2.2 yes:  JI = 100, PI = 83.333…, SAQ = 60 + 33.333… = 93.33
 *   2.2 yes only:                                JI = 0, PI = 50, SAQ = 20
 */
export const FOUR_QUESTIONS: Questionnaire = {
  code: 'SAQ-E2E',
  title: 'SAQ uji',
  indicators: [
    { code: 'JI', name: 'Jenis Informasi', weight: 60, questions: [Q_1_1, Q_1_2] },
    { code: 'PI', name: 'Pelayanan Informasi', weight: 40, questions: [Q_2_1, Q_2_2] },
  ],
};

/**
 * FOUR_QUESTIONS without 2.2, for the materialisation tests: JI 60 = { 1.1 yes/no w2, 1.2 choice w1 },
 * PI 40 = { 2.1 checklist of 3 }. SAQ = 60 · (2·s₁.₁ + s₁.₂)/3 + 40 · s₂.₁. The answers below, with
 * their SAQ:
 */
export const THREE_QUESTIONS: Questionnaire = {
  code: 'SAQ-T',
  title: 'SAQ test',
  indicators: [
    { code: 'JI', name: 'Jenis Informasi', weight: 60, questions: [Q_1_1, Q_1_2] },
    { code: 'PI', name: 'Pelayanan Informasi', weight: 40, questions: [Q_2_1] },
  ],
};
export const THREE_ANSWERS = {
  /** 60 · 3/3 + 40 · 1 = 100 */
  FULL: { '1.1': true, '1.2': 'full', '2.1': ['web', 'app', 'desk'] },
  /** 60 · 2.5/3 + 40 · ⅔ = 50 + 26.666… = 76.666… (JI 83.333…, PI 66.666…) */
  GOOD: { '1.1': true, '1.2': 'late', '2.1': ['web', 'app'] },
  /** another two channels: the same 76.666… */
  GOOD_TOO: { '1.1': true, '1.2': 'late', '2.1': ['app', 'desk'] },
  /** 60 · 1/3 + 40 · ⅓ = 20 + 13.333… = 33.333… */
  POOR: { '1.2': 'full', '2.1': ['web'] },
} satisfies Record<string, Record<string, AnswerValue>>;

/**
 * The results tests' questionnaire: A (60) = { q1, q2 yes/no w1 }, B (40) = { q3 choice full 1 /
 * half ½ / none 0, q4 checklist of 4 items }. SAQ = 0.6 · 100 · (s₁ + s₂)/2 + 0.4 · 100 · (s₃ + s₄)/2.
 * The answers below, with their SAQ (and final scores with SAQ 80 + visitation 20):
 */
export const TWO_BY_TWO: Questionnaire = {
  code: 'SAQ-TEST',
  title: 'SAQ uji',
  indicators: [
    {
      code: 'A', name: 'Jenis Informasi', weight: 60,
      questions: [
        { code: 'q1', text: 'DIP dimutakhirkan?', weight: 1, type: 'yes_no', evidence: 'none' },
        { code: 'q2', text: 'SOP PPID ditetapkan?', weight: 1, type: 'yes_no', evidence: 'none' },
      ],
    },
    {
      code: 'B', name: 'Digitalisasi', weight: 40,
      questions: [
        {
          code: 'q3', text: 'Laporan layanan', weight: 1, type: 'choice', evidence: 'none',
          options: [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'half', label: 'Sebagian', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
        },
        { code: 'q4', text: 'Kanal layanan', weight: 1, type: 'checklist', evidence: 'none', items: [...CHANNELS, { value: 'wa', label: 'WA' }] },
      ],
    },
  ],
};
/** A = 100, B = 100: SAQ 100; with visitation 90: 0.8 · 100 + 0.2 · 90 = 98 */
export const ALL: Record<string, AnswerValue> = { q1: true, q2: true, q3: 'full', q4: ['web', 'app', 'desk', 'wa'] };
/** A = 50, B = 100 · (½ + ½)/2 = 50: SAQ 50; with visitation 80: 40 + 16 = 56, with 90: 58 */
export const HALF: Record<string, AnswerValue> = { q1: true, q2: false, q3: 'half', q4: ['web', 'app'] };
/** A = 100, B = 0: SAQ 60; with visitation 70: 48 + 14 = 62, with 75: 63 */
export const A_ONLY: Record<string, AnswerValue> = { q1: true, q2: true, q3: 'none', q4: [] };

/**
 * A questionnaire as an admin types it (test/setup): 2 indicators, 3 questions, the checklist
 * without an `evidence` field (the API defaults it to none). Its numbers are not asserted.
 */
export const DRAFT_QUESTIONNAIRE = {
  code: 'SAQ-2025-OPD',
  title: 'SAQ Perangkat Daerah 2025',
  indicators: [
    {
      code: 'JI', name: 'Jenis Informasi', weight: 60,
      questions: [
        { code: '2.1.1', text: 'DIP dimutakhirkan?', weight: 2, type: 'yes_no', evidence: 'required' },
        { code: '2.1.2', text: 'Laporan layanan informasi', weight: 1, type: 'choice', evidence: 'optional', options: GRADED },
      ],
    },
    {
      code: 'DG', name: 'Digitalisasi', weight: 40,
      questions: [{ code: '3.1', text: 'Kanal layanan', weight: 1, type: 'checklist', items: CHANNELS.slice(0, 2) }],
    },
  ],
};

/**
 * The example of docs/scoring.md §2, for the scoring engine's tests (validate it
 * with test/scoring/fixtures.ts): JI 40 = { 2.1.1 yes/no w2, 2.1.2 choice w1 (full 1 / late ½ /
 * none 0), 2.1.3 checklist of 4 items w1 }, DG 60 = { 3.1 yes/no w1 }.
 *   2.1.1 yes, 2.1.2 late, 2.1.3 [web] verified, 3.1 undecided:
 *     JI = 100 · (2·1 + 1·½ + 1·¼)/4 = 68.75, DG = 0, SAQ = 0.4 · 68.75 = 27.5
 *   gain of an unmet question = W_k · w_q · (1 − s)/Σw: 3.1 → 60 · 1 · 1/1 = 60, 2.1.3 → 40 · ¾/4 = 7.5, 2.1.2 → 40 · ½/4 = 5
 */
export const SCORING_EXAMPLE = {
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
          items: [...CHANNELS, { value: 'sms', label: 'SMS/WA' }],
        },
      ],
    },
    { code: 'DG', name: 'Digitalisasi', weight: 60, questions: [{ code: '3.1', text: 'Laman PPID tersedia', weight: 1, type: 'yes_no' }] },
  ],
};
