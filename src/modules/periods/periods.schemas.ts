// TypeBox schemas of the periods area: create / update / response, and stage transitions.
import { Type, type Static } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../../http/schemas.ts';
import { STAGES, type Stage } from './lifecycle.ts';

const Weight = Type.Union([Type.Number(), Type.String()], { description: 'a decimal: a JSON number or a decimal string such as "33.5"' });
// built from STAGES, whose literal types map() loses: Unsafe gives the union its static type back
const StageName = Type.Unsafe<Stage>(Type.Union(STAGES.map((s) => Type.Literal(s)), { examples: ['saq'] }));

/** When each stage is planned to end; `saq` and `appeal` are enforced on the body's writes (409 deadline_passed). */
export const Deadlines = Type.Object(
  {
    saq: Type.Optional(Timestamp),
    verification: Type.Optional(Timestamp),
    appeal: Type.Optional(Timestamp),
    visitation: Type.Optional(Timestamp),
    presentation: Type.Optional(Timestamp),
    deliberation: Type.Optional(Timestamp),
  },
  {
    additionalProperties: false,
    description: 'planned end of each stage (ISO 8601). After `saq` a respondent\'s answers, evidence and submission, after `appeal` its appeals, '
      + 'answer 409 `deadline_passed` unless the participant has a later extension; the others are informational. A stage still ends only by a transition.',
    examples: [{ saq: '2025-07-31T16:59:59Z', verification: '2025-08-31T16:59:59Z' }],
  },
);

const Stages = Type.Object({
  saq: Weight,
  visitation: Type.Optional(Weight),
  presentation: Type.Optional(Weight),
}, { description: 'stage weights; they sum to exactly 100 (docs/scoring.md §5)', examples: [{ saq: 80, visitation: 20 }] });

const Advancement = Type.Object({
  rule: Type.Union([Type.Literal('none'), Type.Literal('min_score'), Type.Literal('top_per_category')]),
  minScore: Type.Optional(Weight),
  n: Type.Optional(Type.Integer()),
}, { description: 'who goes on to visitation/presentation', examples: [{ rule: 'min_score', minScore: 60 }] });

const Band = Type.Object({ code: Type.String(), label: Type.String(), min: Weight });

const EvaluationStage = Type.Union([Type.Literal('visitation'), Type.Literal('presentation')]);

const StageLabels = Type.Object({
  saq: Type.Optional(Type.String()),
  visitation: Type.Optional(Type.String()),
  presentation: Type.Optional(Type.String()),
}, {
  description: 'the name each stage of the period that carries a score is shown by (every one of them, defaults filled in: "Penilaian Mandiri (SAQ)", "Visitasi", "Presentasi")',
  examples: [{ saq: 'Penilaian Mandiri (SAQ)', presentation: 'Uji Publik', visitation: 'Visitasi' }],
});

/**
 * The scoring settings are validated by the scoring module (422 naming the path), so the request
 * schema only describes them; unknown stage names, weights that do not sum to 100 etc. are 422s.
 */
const scoringFields = {
  stages: Type.Optional(Type.Unknown({ description: 'stage weights summing to 100, e.g. { "saq": 80, "visitation": 20 }; default { "saq": 100 }', examples: [{ saq: 80, visitation: 20 }] })),
  presentationAspects: Type.Optional(Type.Unknown({ description: 'aspect → weight (sum 100); required when stages has presentation', examples: [{ penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 }] })),
  advancement: Type.Optional(Type.Unknown({ description: '{ "rule": "none" } (default), { "rule": "min_score", "minScore": 60 } or { "rule": "top_per_category", "n": 3 }', examples: [{ rule: 'min_score', minScore: 60 }] })),
  bands: Type.Optional(Type.Unknown({ description: 'qualification bands { code, label, min }; default the five PerKI bands' })),
  nonSubmitters: Type.Optional(Type.Unknown({ description: '"not_scored" (default) or "tidak_informatif"', examples: ['not_scored'] })),
  evaluationOrder: Type.Optional(Type.Unknown({
    description: 'the evaluation stages the period has (those of stages other than saq), each once, in the order they run; default ["visitation", "presentation"] (docs/scoring.md §5). Orders the stage path; changes no score',
    examples: [['presentation', 'visitation']],
  })),
  stageLabels: Type.Optional(Type.Unknown({
    description: 'display names of stages the period has (saq, visitation, presentation), 1–60 characters; the others keep their default ("Penilaian Mandiri (SAQ)", "Visitasi", "Presentasi"). Changes no score',
    examples: [{ presentation: 'Uji Publik' }],
  })),
  maxAdjustment: Type.Optional(Type.Unknown({ description: 'the largest Σ|points| of one participant\'s adjustments (nilai plus), a decimal 0–100; default 0: no adjustments (docs/scoring.md §5)', examples: [5] })),
};

const AppealOn = Type.Union([Type.Literal('adjusted'), Type.Literal('any')], {
  description: 'which verification decisions may be appealed: `adjusted` (default) only answers the assessor changed, `any` every decided question',
  examples: ['adjusted'],
});

const otherFields = {
  appeal: Type.Optional(Type.Boolean({ description: 'whether the period has an appeal window (masa sanggah) after verification'})),
  appealOn: Type.Optional(AppealOn),
  deadlines: Type.Optional(Deadlines),
  evidenceMaxBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 104_857_600, description: 'largest evidence file accepted, in bytes (default 2 MB)', examples: [2_097_152] })),
  jurorDeviationThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'flag a juror whose score is this far from the panel mean (default 15)', examples: [15] })),
};

export const PeriodCreate = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, examples: [2025] }),
  title: Type.String({ minLength: 1, maxLength: 300, examples: ['Monev KIP Badan Publik Provinsi Banten 2025'] }),
  ...scoringFields,
  ...otherFields,
}, {
  additionalProperties: false,
  examples: [{
    year: 2025,
    title: 'Monev KIP Provinsi Banten 2025',
    stages: { saq: 80, visitation: 20 },
    advancement: { rule: 'min_score', minScore: 60 },
    evaluationOrder: ['visitation'],
    stageLabels: { visitation: 'Visitasi' },
    maxAdjustment: 5,
    appeal: true,
    deadlines: { saq: '2025-07-31T16:59:59Z', verification: '2025-08-31T16:59:59Z' },
  }],
});
export type PeriodCreate = Static<typeof PeriodCreate>;

export const PeriodUpdate = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  ...scoringFields,
  ...otherFields,
}, {
  additionalProperties: false,
  description: 'Only the fields sent change. Scoring settings, year, appeal and appealOn change only in draft.',
  examples: [{ title: 'Monev KIP Provinsi Banten 2025', deadlines: { saq: '2025-08-07T16:59:59Z' } }],
});
export type PeriodUpdate = Static<typeof PeriodUpdate>;

export const Period = Type.Object({
  id: Uuid,
  year: Type.Integer({ examples: [2025] }),
  title: Type.String(),
  stage: StageName,
  stagePath: Type.Array(StageName, { description: 'the stages this period goes through, in order', examples: [['draft', 'saq', 'verification', 'visitation', 'deliberation', 'closed']] }),
  nextStage: Nullable(StageName),
  stages: Stages,
  presentationAspects: Type.Record(Type.String(), Weight),
  advancement: Advancement,
  bands: Type.Array(Band),
  nonSubmitters: Type.Union([Type.Literal('not_scored'), Type.Literal('tidak_informatif')]),
  evaluationOrder: Type.Array(EvaluationStage, { description: 'the evaluation stages the period has, in the order they run', examples: [['presentation', 'visitation']] }),
  stageLabels: StageLabels,
  maxAdjustment: { ...Weight, description: 'the largest Σ|points| of one participant\'s adjustments; 0: none allowed', examples: [5] },
  appeal: Type.Boolean(),
  appealOn: AppealOn,
  deadlines: Deadlines,
  evidenceMaxBytes: Type.Integer(),
  jurorDeviationThreshold: Type.Number(),
  participantCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const PeriodListQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  stage: Type.Optional(StageName),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const Transition = Type.Object({
  to: StageName,
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'mandatory when moving back (or send X-Audit-Reason)', examples: ['Verifikasi dibuka kembali: bukti dukung Dinas Kesehatan belum diperiksa'] })),
}, { additionalProperties: false, examples: [{ to: 'saq' }] });
export type Transition = Static<typeof Transition>;

export const TransitionResult = Type.Object({
  period: Period,
  from: StageName,
  to: StageName,
  direction: Type.Union([Type.Literal('forward'), Type.Literal('back')]),
  markedNotSubmitted: Type.Integer({ description: 'participants marked not_submitted because the SAQ stage closed without their submission' }),
  reopened: Type.Integer({ description: 'not_submitted participants set back to enrolled because the SAQ stage reopened' }),
  rescored: Type.Integer({ description: 'participants whose materialised scores changed by rescoring the period' }),
});

export const PeriodParams = Type.Object({ periodId: Uuid });
