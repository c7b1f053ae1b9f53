// TypeBox schemas of the public (anonymous) reads: published periods, rankings and body histories.
import { Type } from 'typebox';
import { FormatQuery } from '../../http/exports.ts';
import { Band, ListQuery, named, Nullable, Score, Timestamp, Uuid } from '../../http/schemas.ts';
import { PublicationMode, PublicRankingRow, PublishedAward, RankingStatus } from '../results/index.ts';

const CommissionRef = Type.Object({ id: Uuid, name: Type.String({ examples: ['Komisi Informasi Pusat'] }) });

export const PublishedResult = named('PublishedResult', Type.Object({
  version: Type.Integer({ examples: [2] }),
  decreeNumber: Type.String({ examples: ['53/KEP/KIP/XI/2024'] }),
  decreeDate: Type.String({ format: 'date' }),
  publishedAt: Timestamp,
  decree: Type.String({ description: 'the decree given with the publication, or else the result set\'s decree number', examples: ['53/KEP/KIP/XI/2024'] }),
  mode: PublicationMode,
}));

export const PublicCommissionList = named('PublicCommissionList', Type.Object({
  items: Type.Array(named('PublicCommission', Type.Object({
    id: Uuid,
    name: Type.String({ examples: ['Komisi Informasi Provinsi Banten'] }),
    level: Type.String({ examples: ['provinsi'] }),
    region: Nullable(Type.String()),
    publishedPeriods: Type.Integer(),
  }))),
  nextCursor: Nullable(Type.String()),
}));

export const PublicPeriodList = named('PublicPeriodList', Type.Object({
  commission: CommissionRef,
  items: Type.Array(named('PublicPeriodSummary', Type.Object({ id: Uuid, year: Type.Integer({ examples: [2025] }), title: Type.String(), result: PublishedResult }))),
  nextCursor: Nullable(Type.String()),
}));

export const PublicPeriod = named('PublicPeriod', Type.Object({
  id: Uuid,
  year: Type.Integer({ examples: [2025] }),
  title: Type.String({ examples: ['Monitoring dan Evaluasi Keterbukaan Informasi Publik 2025'] }),
  commission: CommissionRef,
  version: Type.Integer({ description: 'the latest published version', examples: [1] }),
  decree: Type.String({ description: 'the decree given with the publication, or else the result set\'s decree number' }),
  decreeNumber: Type.String({ description: 'the result set\'s decree number' }),
  decreeDate: Type.String({ format: 'date' }),
  mode: PublicationMode,
  publishedAt: Timestamp,
  awards: Type.Array(PublishedAward, { description: 'as the publication named them' }),
  bands: Type.Array(named('BandCount', Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })), {
    description: 'participants per band, in the period\'s band order: the scored ones and non-submitters given the lowest band (nonSubmitters: tidak_informatif)',
  }),
}));

export const PublicRankings = named('PublicRankings', Type.Object({
  period: Type.Object({ id: Uuid, year: Type.Integer(), title: Type.String(), commission: CommissionRef }),
  result: PublishedResult,
  items: Type.Array(PublicRankingRow),
  nextCursor: Nullable(Type.String()),
}));

export const PublicRankingsQuery = Type.Object({
  category: Type.Optional(Uuid),
  band: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  ...ListQuery,
  ...FormatQuery,
}, { additionalProperties: false });

export const PublicBodyHistory = named('PublicBodyHistory', Type.Object({
  bodyId: Uuid,
  bodyName: Type.String(),
  items: Type.Array(named('PublicBodyResult', Type.Object({
    year: Type.Integer({ examples: [2025] }),
    periodId: Uuid,
    periodTitle: Type.String(),
    commission: CommissionRef,
    result: PublishedResult,
    categoryId: Uuid,
    categoryCode: Type.String(),
    categoryName: Type.String(),
    finalScore: Nullable(Score),
    band: Nullable(Band),
    overallRank: Nullable(Type.Integer()),
    categoryRank: Nullable(Type.Integer()),
    complete: Type.Boolean(),
    status: RankingStatus,
  })), { description: 'newest year first' }),
}));
