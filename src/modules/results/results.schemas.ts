// TypeBox schemas of rankings, statistics, juror agreement, recaps and result sets.
import { Type } from 'typebox';
import { FormatQuery } from '../../http/exports.ts';
import { Band, ListQuery, named, Nullable, PG_INT_MAX, Score, Timestamp, Uuid } from '../../http/schemas.ts';

export const PeriodParams = Type.Object({ periodId: Uuid });
export const VersionParams = Type.Object({ periodId: Uuid, version: Type.Integer({ minimum: 1, maximum: 100000, examples: [1] }) });
export const RowParams = Type.Object({ periodId: Uuid, version: Type.Integer({ minimum: 1, maximum: 100000 }), bodyId: Uuid });

export const RankingStatus = Type.Union([Type.Literal('scored'), Type.Literal('provisional'), Type.Literal('not_submitted')], {
  description: 'scored: complete and ranked; provisional: not complete yet (listed after the ranked, no rank); '
    + 'not_submitted: never submitted its SAQ (tidak mengisi): never ranked, listed last; no score, or 0 and the lowest band when the period scores non-submitters as tidak informatif',
});

const NullableScore = Nullable(Score);
const Rank = Nullable(Type.Integer({ minimum: 1, examples: [1] }));

export const RankingQuery = Type.Object({
  category: Type.Optional(Uuid),
  band: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a band code', examples: ['informatif'] })),
  ...ListQuery,
  ...FormatQuery,
}, { additionalProperties: false });

export const RankingRow = named('RankingRow', Type.Object({
  participantId: Uuid,
  bodyId: Uuid,
  bodyName: Type.String({ examples: ['Dinas Komunikasi dan Informatika'] }),
  categoryId: Uuid,
  categoryCode: Type.String({ examples: ['OPD'] }),
  categoryName: Type.String({ examples: ['Organisasi Perangkat Daerah'] }),
  rank: { ...Rank, description: 'the rank in the list asked for: within the category with ?category=, overall otherwise (1, 2, 2, 4)' },
  overallRank: { ...Rank, description: 'the rank across the whole period' },
  categoryRank: { ...Rank, description: 'the rank within the body\'s category' },
  finalScore: NullableScore,
  band: Nullable(Band),
  complete: Type.Boolean(),
  status: RankingStatus,
  advanced: Nullable(Type.Boolean({ description: 'went on to the later stages; null until decided' })),
}));

const { participantId: _p, advanced: _a, ...publicRowProperties } = RankingRow.properties;
/** A ranking row as the public API shows it: no participant id, no advancement. */
export const PublicRankingRow = named('PublicRankingRow', Type.Object(publicRowProperties));

export const RankingList = named('RankingList', Type.Object({
  asOf: { ...Timestamp, description: 'when a score of this period last changed' },
  items: Type.Array(RankingRow),
  nextCursor: Nullable(Type.String()),
}));

export const SubIndicatorRecap = named('SubIndicatorRecap', Type.Object({
  code: Type.String({ examples: ['2.1'] }),
  name: Type.String({ examples: ['Daftar Informasi Publik'] }),
  score: { ...Score, description: 'Σ w·s / Σ w × 100 over its questions (verified answers); reported only, not part of the SAQ' },
  selfScore: NullableScore,
}));

export const IndicatorRecap = named('IndicatorRecap', Type.Object({
  code: Type.String({ examples: ['JI'] }),
  name: Type.String({ examples: ['Jenis Informasi'] }),
  weight: Type.Number({ examples: [40] }),
  score: Score,
  contribution: { ...Score, description: 'the indicator\'s share of the verified SAQ: weight × score / 100' },
  selfScore: NullableScore,
  subIndicators: Type.Optional(Type.Array(SubIndicatorRecap, { description: 'only for an indicator whose questions are grouped in sub-indicators' })),
}));

export const Stages = named('StageScores', Type.Object({
  saq: NullableScore,
  visitation: Type.Optional(NullableScore),
  presentation: Type.Optional(NullableScore),
}));

export const RecapRow = named('RecapRow', Type.Object({
  ...RankingRow.properties,
  selfAssessedSaq: NullableScore,
  verifiedSaq: NullableScore,
  stages: Stages,
  adjustment: Type.Number({ description: 'Σ points of the participant\'s adjustments (nilai plus, docs/scoring.md §5), rounded half up to 2 decimals; 0 without any', examples: [0] }),
  indicators: Type.Array(IndicatorRecap),
}));

export const RecapQuery = Type.Object({
  category: Type.Optional(Uuid),
  band: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  ...ListQuery,
  ...FormatQuery,
}, { additionalProperties: false });

export const RecapList = named('RecapList', Type.Object({ asOf: Timestamp, items: Type.Array(RecapRow), nextCursor: Nullable(Type.String()) }));

// Statistics

const Summary = Type.Object({
  count: Type.Integer({ description: 'scored participants the figures are over' }),
  mean: NullableScore,
  median: NullableScore,
  min: NullableScore,
  max: NullableScore,
});

const BandCount = Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() });

const CategoryStatistics = Type.Object({
  categoryId: Nullable(Uuid),
  categoryCode: Nullable(Type.String()),
  categoryName: Type.String({ examples: ['Organisasi Perangkat Daerah'] }),
  participants: Type.Integer(),
  scored: Type.Integer(),
  provisional: Type.Integer(),
  notSubmitted: Type.Integer(),
  finalScore: Summary,
  bands: Type.Array(BandCount, { description: 'participants per band, in the period\'s band order: the scored ones and non-submitters given the lowest band (nonSubmitters: tidak_informatif); never provisional ones' }),
});

export const Statistics = named('Statistics', Type.Object({
  periodId: Uuid,
  stage: Type.String({ examples: ['verification'] }),
  asOf: Timestamp,
  overall: CategoryStatistics,
  categories: Type.Array(CategoryStatistics),
  indicators: Type.Array(Type.Object({
    code: Type.String(),
    name: Type.String(),
    participants: Type.Integer(),
    meanScore: NullableScore,
    meanSelfScore: NullableScore,
  }), { description: 'mean verified (and self-assessed) indicator score over the submitted participants' }),
  progress: Type.Object({
    participants: Type.Integer(),
    saq: Type.Object({ enrolled: Type.Integer(), submitted: Type.Integer(), notSubmitted: Type.Integer() }),
    verification: Type.Object({
      participants: Type.Integer({ description: 'submitted participants, who are the ones to verify' }),
      verified: Type.Integer({ description: 'participants with every question decided' }),
      decidedQuestions: Type.Integer(),
      totalQuestions: Type.Integer(),
    }),
    evaluationOrder: Type.Array(Type.Union([Type.Literal('visitation'), Type.Literal('presentation')]), {
      description: 'the evaluation stages the period has, in the order it runs them (its evaluationOrder)', examples: [['presentation', 'visitation']],
    }),
    visitation: {
      ...Nullable(Type.Object({ label: Type.String({ examples: ['Visitasi'] }), advanced: Type.Integer(), visited: Type.Integer() })),
      description: 'null when the period has no visitation stage',
    },
    presentation: {
      ...Nullable(Type.Object({
        label: Type.String({ description: 'the name the period shows the stage by', examples: ['Uji Publik'] }),
        advanced: Type.Integer(),
        presented: Type.Integer({ description: 'advanced participants with at least one juror score' }),
        fullyScored: Type.Integer({ description: 'advanced participants scored by every assigned juror' }),
      })),
      description: 'null when the period has no presentation stage',
    },
  }),
}));

export const StatisticsQuery = Type.Object({ ...FormatQuery }, { additionalProperties: false });

// Juror agreement

export const AgreementQuery = Type.Object({
  flagged: Type.Optional(Type.Boolean({ description: 'only participants with a flagged juror' })),
  ...ListQuery,
  ...FormatQuery,
}, { additionalProperties: false });

const JurorScore = Type.Object({
  jurorId: Uuid,
  jurorName: Type.String(),
  score: Score,
  deviation: Type.Number({ description: 'score − panel mean, 2 decimals', examples: [-17.5] }),
  flagged: Type.Boolean({ description: '|deviation| is more than the period\'s threshold' }),
});

export const AgreementRow = named('AgreementRow', Type.Object({
  participantId: Uuid,
  bodyId: Uuid,
  bodyName: Type.String(),
  categoryId: Uuid,
  jurors: Type.Array(JurorScore),
  pendingJurors: Type.Array(Type.Object({ jurorId: Uuid, jurorName: Type.String() }), { description: 'assigned jurors who have not scored yet' }),
  mean: Score,
  min: Score,
  max: Score,
  spread: Type.Number({ description: 'max − min', examples: [22.5] }),
  standardDeviation: Type.Number({ description: 'population standard deviation of the juror scores' }),
  flagged: Type.Boolean(),
}));

export const AgreementList = named('AgreementList', Type.Object({
  threshold: Type.Number({ description: 'the period\'s juror deviation threshold in points', examples: [15] }),
  jurors: Type.Array(Type.Object({
    jurorId: Uuid,
    jurorName: Type.String(),
    scored: Type.Integer(),
    meanDeviation: Type.Number({ description: 'mean of (score − panel mean): positive = more lenient than the panel' }),
    flaggedCount: Type.Integer(),
  }), { description: 'every juror of the period across all participants' }),
  items: Type.Array(AgreementRow),
  nextCursor: Nullable(Type.String()),
}));

// Result sets

export const CreateResultSet = named('CreateResultSet', Type.Object({
  decreeNumber: Type.String({ minLength: 1, maxLength: 200, examples: ['52/KEP/KIP/XI/2025'] }),
  decreeDate: Type.String({ format: 'date', examples: ['2025-11-20'] }),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'mandatory from version 2 on (or the X-Audit-Reason header)', examples: ['Koreksi nilai visitasi Dinas Kesehatan'] })),
}, { additionalProperties: false, examples: [{ decreeNumber: '009/Kep/KI-Banten/X/2025', decreeDate: '2025-10-28' }] }));

const BandSummary = Type.Array(BandCount);

export const ResultSetSummary = named('ResultSetSummary', Type.Object({
  id: Uuid,
  periodId: Uuid,
  version: Type.Integer({ examples: [1] }),
  decreeNumber: Type.String(),
  decreeDate: Type.String({ format: 'date' }),
  reason: Nullable(Type.String()),
  createdAt: Timestamp,
  createdBy: Nullable(Uuid),
  rowCount: Type.Integer(),
  published: Type.Boolean(),
  publishedAt: Nullable(Timestamp),
  current: Type.Boolean({ description: 'the latest published version: what the public API serves' }),
}));

export const CreatedResultSet = named('CreatedResultSet', Type.Object({
  ...ResultSetSummary.properties,
  counts: Type.Object({ scored: Type.Integer(), provisional: Type.Integer(), notSubmitted: Type.Integer() }),
  bands: BandSummary,
}));

export const ResultSetList = named('ResultSetList', Type.Object({ items: Type.Array(ResultSetSummary), nextCursor: Nullable(Type.String()) }));

export const ResultSetQuery = RecapQuery;

export const ResultSetPage = named('ResultSetPage', Type.Object({
  ...ResultSetSummary.properties,
  items: Type.Array(RecapRow),
  nextCursor: Nullable(Type.String()),
}));

export const ResultRowDetail = named('ResultRowDetail', Type.Object({
  ...RecapRow.properties,
  version: Type.Integer(),
  inputs: Type.Record(Type.String(), Type.Unknown(), {
    description: 'docs/scoring.md §9: questionnaire, period settings, verified answers, visitation, presentation, advanced, submitted; '
      + 'save it as a file and run `kip-monev score --inputs file.json` to recompute this row',
  }),
  inputsSha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the canonical JSON of inputs' }),
}));

export const DiffQuery = Type.Object({
  from: Type.Optional(Type.Integer({ minimum: 1, maximum: PG_INT_MAX, description: 'the version to compare with; default the previous one' })),
}, { additionalProperties: false });

const RowState = Type.Object({
  finalScore: NullableScore,
  band: Nullable(Band),
  overallRank: Rank,
  categoryRank: Rank,
  status: RankingStatus,
  complete: Type.Boolean(),
  verifiedSaq: NullableScore,
  stages: Stages,
  inputsSha256: Type.String(),
});

export const Diff = named('Diff', Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  summary: Type.Object({ changed: Type.Integer(), added: Type.Integer(), removed: Type.Integer(), unchanged: Type.Integer() }),
  items: Type.Array(Type.Object({
    participantId: Uuid,
    bodyId: Uuid,
    bodyName: Type.String(),
    categoryId: Uuid,
    change: Type.Union([Type.Literal('changed'), Type.Literal('added'), Type.Literal('removed')]),
    fields: Type.Array(Type.String(), { description: 'what changed: finalScore, band, overallRank, categoryRank, status, complete, verifiedSaq, stages, inputs', examples: [['finalScore', 'band', 'inputs']] }),
    before: Nullable(RowState),
    after: Nullable(RowState),
  }), { description: 'only the participants that differ, by body name' }),
}));
