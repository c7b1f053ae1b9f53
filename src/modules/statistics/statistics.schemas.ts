// TypeBox schemas of the statistics across periods: trends and band migration.
import { Type, type Static } from 'typebox';
import { named, Nullable, Score, Uuid } from '../../http/schemas.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Source = Type.Union([Type.Literal('published'), Type.Literal('live')], {
  description: '`published`: the latest published result set (the official numbers); `live`: the current scores of a period with nothing published',
});
const BandCounts = Type.Record(Type.String(), Type.Integer(), {
  description: 'participants per band code, every band of the period (0 included): scored participants and non-submitters given the lowest band, never provisional ones',
  examples: [{ informatif: 12, menuju_informatif: 20, cukup_informatif: 9, kurang_informatif: 3, tidak_informatif: 1 }],
});

export const TrendsQuery = Type.Object({
  categoryId: Type.Optional({ ...Uuid, description: 'only the participants of this category' }),
  from: Type.Optional({ ...Year, description: 'the first year (inclusive)', examples: [2022] }),
  to: Type.Optional({ ...Year, description: 'the last year (inclusive)', examples: [2025] }),
  publishedOnly: Type.Optional(Type.Boolean({ default: false, description: 'leave out the periods with nothing published' })),
}, { additionalProperties: false });
export type TrendsQuery = Static<typeof TrendsQuery>;

const TrendPoint = named('TrendPoint', Type.Object({
  periodId: Uuid,
  year: Type.Integer({ examples: [2024] }),
  title: Type.String({ examples: ['Monitoring dan Evaluasi Keterbukaan Informasi Publik 2024'] }),
  source: Source,
  version: Nullable(Type.Integer({ description: 'the published result set\'s version; null for live scores' })),
  participants: Type.Integer({ description: 'participants (of the category, with categoryId)' }),
  scored: Type.Integer({ description: 'the participants the mean and median are over' }),
  bands: BandCounts,
  mean: Nullable({ ...Score, description: 'mean final score of the scored participants, computed exactly and rounded half up to 2 decimals; null without any' }),
  median: Nullable({ ...Score, description: 'median final score of the scored participants, likewise' }),
}));

export const Trends = named('StatisticsTrends', Type.Object({
  categoryId: Nullable(Uuid),
  items: Type.Array(TrendPoint, { description: 'one per period of my commission in the years asked, oldest first' }),
}));

export const MigrationQuery = Type.Object({
  from: { ...Uuid, description: 'the earlier period' },
  to: { ...Uuid, description: 'the later period' },
}, { additionalProperties: false });
export type MigrationQuery = Static<typeof MigrationQuery>;

const MigrationPeriod = Type.Object({
  periodId: Uuid,
  year: Type.Integer(),
  title: Type.String(),
  version: Type.Integer({ description: 'the published result set compared' }),
  bands: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }), { description: 'the period\'s bands, highest first' }),
});

export const Migration = named('StatisticsMigration', Type.Object({
  periods: Type.Object({ from: MigrationPeriod, to: MigrationPeriod }),
  matrix: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
    description: 'matrix[fromBand][toBand]: bodies with that band in the first period and that band in the second; every band of each period, 0 included',
    examples: [{ informatif: { informatif: 8, menuju_informatif: 1 }, menuju_informatif: { informatif: 4, menuju_informatif: 10 } }],
  }),
  bodies: Type.Array(Type.Object({
    bodyId: Uuid,
    bodyName: Type.String({ description: 'as published in the later period' }),
    from: Nullable(Type.String({ description: 'band code in the first period; null without a band (provisional, or not submitted and not scored)' })),
    to: Nullable(Type.String()),
  }), { description: 'every body that took part in both periods, by name' }),
}));
