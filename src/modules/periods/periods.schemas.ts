// TypeBox schemas of the periods area: create / update / response, and stage transitions.
import { Type, type Static } from 'typebox';
import { Decimal, named, Nullable, PG_INT_MAX, Timestamp, Uuid } from '../../http/schemas.ts';
import { STAGES, type Stage } from './lifecycle.ts';

const Weight = Decimal;
// built from STAGES, whose literal types map() loses: Unsafe gives the union its static type back
const StageName = Type.Unsafe<Stage>(Type.Union(STAGES.map((s) => Type.Literal(s)), { examples: ['saq'] }));

/** When each stage is planned to end; `saq` and `appeal` are enforced on the body's writes (409 deadline_passed). */
export const Deadlines = named('Deadlines', Type.Object(
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
));

const StageWeights = named('StageWeights', Type.Object({
  saq: Weight,
  visitation: Type.Optional(Weight),
  presentation: Type.Optional(Weight),
}, { additionalProperties: false, description: 'stage weights; they sum to exactly 100 (docs/scoring.md §5)', examples: [{ saq: 80, visitation: 20 }] }));

// who goes on to visitation/presentation: one object per rule, told apart by `rule`
const Advancement = named('Advancement', Type.Union([
  Type.Object({ rule: Type.Literal('none') }, { additionalProperties: false, description: 'everyone goes on' }),
  Type.Object({ rule: Type.Literal('min_score'), minScore: Weight }, { additionalProperties: false, description: 'those whose verified SAQ is at least minScore' }),
  Type.Object({ rule: Type.Literal('top_per_category'), n: Type.Integer({ minimum: 1, maximum: PG_INT_MAX }) }, { additionalProperties: false, description: 'the n best of each category by verified SAQ' }),
], { description: 'who goes on to visitation/presentation (docs/scoring.md §5)', examples: [{ rule: 'min_score', minScore: 60 }] }));

const BandDefinition = named('BandDefinition', Type.Object({
  code: Type.String({ minLength: 1, examples: ['menuju_informatif'] }),
  label: Type.String({ minLength: 1, examples: ['Menuju Informatif'] }),
  min: { ...Weight, description: 'the lowest final score of the band', examples: [80] },
}, { additionalProperties: false }));

const PresentationAspects = Type.Record(Type.String(), Weight, {
  description: 'aspect → weight (sum 100); required when stages has presentation',
  examples: [{ penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 }],
});

const NonSubmitters = Type.Union([Type.Literal('not_scored'), Type.Literal('tidak_informatif')], {
  description: 'a participant that never submitted: not scored (default), or scored 0 in the lowest band',
  examples: ['not_scored'],
});

const EvaluationStage = Type.Union([Type.Literal('visitation'), Type.Literal('presentation')]);

const StageLabel = Type.String({ minLength: 1, maxLength: 60 });
const StageLabels = named('StageLabels', Type.Object({
  saq: Type.Optional(StageLabel),
  visitation: Type.Optional(StageLabel),
  presentation: Type.Optional(StageLabel),
}, {
  additionalProperties: false,
  description: 'display names of the stages that carry a score, 1–60 characters. A period shows every stage it has, defaults filled in '
    + '("Penilaian Mandiri (SAQ)", "Visitasi", "Presentasi"); a write names only stages the period has and changes no score',
  examples: [{ saq: 'Penilaian Mandiri (SAQ)', presentation: 'Uji Publik', visitation: 'Visitasi' }],
}));

/**
 * The scoring settings. The schema gives their shape (400 otherwise); the scoring module checks the
 * rules across them (422 naming the path): weights that sum to 100, an evaluation order that lists
 * exactly the period's evaluation stages, bands in order, labels only for stages the period has.
 */
const scoringFields = {
  stages: Type.Optional(StageWeights), // default { saq: 100 }
  presentationAspects: Type.Optional(PresentationAspects),
  advancement: Type.Optional(Advancement),
  bands: Type.Optional(Type.Array(BandDefinition, { minItems: 1, description: 'qualification bands, highest first; default the five PerKI bands' })),
  nonSubmitters: Type.Optional(NonSubmitters),
  evaluationOrder: Type.Optional(Type.Array(EvaluationStage, {
    description: 'the evaluation stages the period has (those of stages other than saq), each once, in the order they run; default ["visitation", "presentation"] (docs/scoring.md §5). Orders the stage path; changes no score',
    examples: [['presentation', 'visitation']],
  })),
  stageLabels: Type.Optional(StageLabels),
  maxAdjustment: Type.Optional({ ...Weight, description: 'the largest Σ|points| of one participant\'s adjustments (nilai plus), a decimal 0–100; default 0: no adjustments (docs/scoring.md §5)', examples: [5] }),
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

export const PeriodCreate = named('PeriodCreate', Type.Object({
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
}));
export type PeriodCreate = Static<typeof PeriodCreate>;

export const PeriodUpdate = named('PeriodUpdate', Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  ...scoringFields,
  ...otherFields,
}, {
  additionalProperties: false,
  description: 'Only the fields sent change. Scoring settings, year, appeal and appealOn change only in draft.',
  examples: [{ title: 'Monev KIP Provinsi Banten 2025', deadlines: { saq: '2025-08-07T16:59:59Z' } }],
}));
export type PeriodUpdate = Static<typeof PeriodUpdate>;

export const Period = named('Period', Type.Object({
  id: Uuid,
  year: Type.Integer({ examples: [2025] }),
  title: Type.String(),
  stage: StageName,
  stagePath: Type.Array(StageName, { description: 'the stages this period goes through, in order', examples: [['draft', 'saq', 'verification', 'visitation', 'deliberation', 'closed']] }),
  nextStage: Nullable(StageName),
  stages: StageWeights,
  presentationAspects: Type.Record(Type.String(), Weight),
  advancement: Advancement,
  bands: Type.Array(BandDefinition),
  nonSubmitters: NonSubmitters,
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
}));

export const PeriodListQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  stage: Type.Optional(StageName),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const Transition = named('Transition', Type.Object({
  to: StageName,
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'mandatory when moving back (or send X-Audit-Reason)', examples: ['Verifikasi dibuka kembali: bukti dukung Dinas Kesehatan belum diperiksa'] })),
}, { additionalProperties: false, examples: [{ to: 'saq' }] }));
export type Transition = Static<typeof Transition>;

export const TransitionResult = named('TransitionResult', Type.Object({
  period: Period,
  from: StageName,
  to: StageName,
  direction: Type.Union([Type.Literal('forward'), Type.Literal('back')]),
  markedNotSubmitted: Type.Integer({ description: 'participants marked not_submitted because the SAQ stage closed without their submission' }),
  reopened: Type.Integer({ description: 'not_submitted participants set back to enrolled because the SAQ stage reopened' }),
  rescored: Type.Integer({ description: 'participants whose materialised scores changed by rescoring the period' }),
}));

export const PeriodParams = Type.Object({ periodId: Uuid });
