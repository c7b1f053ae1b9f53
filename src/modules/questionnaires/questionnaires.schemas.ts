// TypeBox schemas of questionnaires (docs/scoring.md §2) and the presets.
import { Type, type Static } from 'typebox';
import { Decimal, named, Timestamp, Uuid } from '../../http/schemas.ts';

const Weight = Decimal;

const QuestionType = Type.Union([Type.Literal('yes_no'), Type.Literal('choice'), Type.Literal('checklist')], { description: 'docs/scoring.md §3' });
const EvidenceRule = Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('none')]);

const questionFields = {
  code: Type.String({ examples: ['2.1.1'] }),
  text: Type.String({ examples: ['DIP dimutakhirkan sesuai format PerKI 1/2021?'] }),
  weight: Weight,
  type: QuestionType,
  options: Type.Optional(Type.Array(named('ChoiceOption', Type.Object({ value: Type.String(), label: Type.String(), score: Weight })), { description: 'choice: the options, each with its score 0–1' })),
  items: Type.Optional(Type.Array(named('ChecklistItem', Type.Object({ value: Type.String(), label: Type.String() })), { description: 'checklist: the items' })),
  subIndicator: Type.Optional(Type.String({ examples: ['2.1'], description: 'the code of the indicator\'s sub-indicator this question is grouped under' })),
  sample: Type.Optional(Type.Literal(true, { description: 'an illustrative question, not traced to a public instrument (presets)' })),
};

export const Question = named('Question', Type.Object({ ...questionFields, evidence: EvidenceRule }));
/** A question as written: evidence defaults to none. */
const QuestionInput = named('QuestionInput', Type.Object({ ...questionFields, evidence: Type.Optional({ ...EvidenceRule, description: 'default none' }) }));

export const SubIndicator = named('SubIndicator', Type.Object({
  code: Type.String({ examples: ['2.1'] }),
  name: Type.String({ examples: ['Daftar Informasi Publik'] }),
}, { description: 'a group of an indicator\'s questions: pure grouping, no weight of its own (docs/scoring.md §2)' }));

const indicatorFields = {
  code: Type.String({ examples: ['JI'] }),
  name: Type.String({ examples: ['Jenis Informasi'] }),
  weight: Weight,
  subIndicators: Type.Optional(Type.Array(SubIndicator, { description: 'when present, every question names one of them in subIndicator' })),
};

export const Indicator = named('Indicator', Type.Object({ ...indicatorFields, questions: Type.Array(Question) }));
const IndicatorInput = named('IndicatorInput', Type.Object({ ...indicatorFields, questions: Type.Array(QuestionInput) }));

const EXAMPLE_INDICATORS = [{
  code: 'JI', name: 'Jenis Informasi', weight: 40,
  questions: [
    { code: '2.1.1', text: 'DIP dimutakhirkan sesuai format PerKI 1/2021?', weight: 2, type: 'yes_no', evidence: 'required' },
    {
      code: '2.1.2', text: 'Laporan layanan informasi publik dipublikasikan', weight: 1, type: 'choice', evidence: 'optional',
      options: [{ value: 'full', label: 'Lengkap dan tepat waktu', score: 1 }, { value: 'late', label: 'Lengkap, terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
    },
  ],
}, {
  code: 'DG', name: 'Digitalisasi', weight: 60,
  questions: [{ code: '3.1', text: 'Laman PPID tersedia', weight: 1, type: 'yes_no' }],
}];

/**
 * The schema gives the questionnaire's shape (400 otherwise); the scoring rules check the rest (422
 * naming e.g. `body.indicators[1].questions[0].weight`): weights, codes, options per type.
 */
const definitionFields = {
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['SAQ-2025-OPD'] })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, examples: ['SAQ Perangkat Daerah 2025'] })),
  indicators: Type.Optional(Type.Array(IndicatorInput, {
    description: 'docs/scoring.md §2 indicators with their questions (optionally grouped in subIndicators); indicator weights sum to 100',
    examples: [EXAMPLE_INDICATORS],
  })),
};

const categoryIds = Type.Array(Uuid, { uniqueItems: true, maxItems: 500, description: 'the body categories that answer this questionnaire in this period (at most one questionnaire per category and period)' });

export const QuestionnaireCreate = named('QuestionnaireCreate', Type.Object({
  ...definitionFields,
  preset: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'start from a preset (GET /questionnaire-presets); code and title may be overridden', examples: ['monev-2025-opd'] })),
  copyFrom: Type.Optional(Type.String({ format: 'uuid', description: 'copy a questionnaire of an earlier period of my commission; code and title may be overridden' })),
  categoryIds: Type.Optional(categoryIds),
}, {
  additionalProperties: false,
  description: 'Exactly one source: a full questionnaire (code, title, indicators), `preset`, or `copyFrom`.',
  examples: [{ preset: 'monev-2025-opd', categoryIds: ['0b5e8c1e-7d0a-4c53-9a3e-2f1a9f0c1d11'] }],
}));
export type QuestionnaireCreate = Static<typeof QuestionnaireCreate>;

export const QuestionnaireReplace = named('QuestionnaireReplace', Type.Object({
  code: Type.String({ minLength: 1, maxLength: 100 }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  indicators: Type.Array(IndicatorInput, { description: 'docs/scoring.md §2 indicators', examples: [EXAMPLE_INDICATORS] }),
  categoryIds,
}, {
  additionalProperties: false,
  description: 'Replaces the whole questionnaire and its categories (draft only; honours If-Match).',
  examples: [{ code: 'SAQ-2025-OPD', title: 'SAQ Perangkat Daerah 2025', indicators: EXAMPLE_INDICATORS, categoryIds: ['0b5e8c1e-7d0a-4c53-9a3e-2f1a9f0c1d11'] }],
}));
export type QuestionnaireReplace = Static<typeof QuestionnaireReplace>;

const summaryFields = {
  id: Uuid,
  periodId: Uuid,
  code: Type.String(),
  title: Type.String(),
  categoryIds: Type.Array(Uuid),
  indicatorCount: Type.Integer(),
  questionCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
};

export const QuestionnaireSummary = named('QuestionnaireSummary', Type.Object(summaryFields));
export const QuestionnaireFull = named('QuestionnaireFull', Type.Object({ ...summaryFields, indicators: Type.Array(Indicator) }));

export const Preset = named('Preset', Type.Object({
  code: Type.String({ examples: ['monev-2025-opd'] }),
  title: Type.String(),
  description: Type.String(),
  year: Type.Integer({ examples: [2025], description: 'the monev year the instrument is for' }),
  categories: Type.Array(Type.Object({ code: Type.String({ examples: ['opd'] }), name: Type.String({ examples: ['Organisasi Perangkat Daerah'] }) }), {
    description: 'the body categories the preset is written for',
  }),
  legacy: Type.Boolean({ description: 'an older illustrative example kept so that its code keeps working; prefer the others' }),
  source: Type.Object({
    instrument: Type.String({ description: 'the instrument(s) the questions follow, and what is illustrative' }),
    weights: Type.String({ description: 'where the indicator weights come from, and what is assumed' }),
    references: Type.Array(Type.Object({
      title: Type.String(),
      url: Type.String({ format: 'uri' }),
      usedFor: Type.String({ description: 'which parts of the preset were written from it' }),
    })),
  }),
  sampleQuestionCount: Type.Integer({ description: 'questions marked "sample": true (not traced to a public instrument)' }),
  indicatorCount: Type.Integer(),
  questionCount: Type.Integer(),
  questionnaire: Type.Object({ code: Type.String(), title: Type.String(), indicators: Type.Array(Indicator) }),
}));

export const PeriodParams = Type.Object({ periodId: Uuid });
export const QuestionnaireParams = Type.Object({ periodId: Uuid, questionnaireId: Uuid });
export const QuestionnaireListQuery = Type.Object({
  categoryId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });
