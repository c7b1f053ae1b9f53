// Anonymous, read-only: published periods, published rankings and a body's published history.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { exportFormat, exportResponses, sendExport } from '../../http/exports.ts';
import { DEFAULT_LIMIT } from '../../http/pagination.ts';
import { ListQuery, responses, Uuid } from '../../http/schemas.ts';
import { notModified } from '../../http/versioning.ts';
import { categoryOf, contentTag, exportTitle, rankingTable } from '../results/index.ts';
import { PublicBodyHistory, PublicCommissionList, PublicPeriod, PublicPeriodList, PublicRankings, PublicRankingsQuery } from './public.schemas.ts';
import { bodyHistory, publicCommissions, publicPeriods, publicPeriodWithTag, publicRankings, publishedPeriod } from './public.service.ts';

/**
 * Every public answer may be kept by a CDN or reverse proxy for a minute and then served stale for
 * five more while it revalidates (with the ETag: a 304 costs the API no body), so that the spike of
 * an announcement day reaches the API once a minute per URL, not once per reader.
 */
const CACHE = 'public, max-age=60, stale-while-revalidate=300';

export default function publicRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/public/commissions', {
    config: { permission: 'public' },
    schema: {
      operationId: 'listPublicCommissions', tags: ['public'],
      summary: 'Commissions that have published results',
      querystring: Type.Object({ ...ListQuery }, { additionalProperties: false }),
      response: responses({
        200: PublicCommissionList,
      }),
    },
  }, async (request, reply) => {
    const q = request.query;
    const body = await publicCommissions(db(), { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor });
    return reply.header('cache-control', CACHE).send(body);
  });

  app.get('/public/commissions/:commissionId/periods', {
    config: { permission: 'public' },
    schema: {
      operationId: 'listPublicPeriods', tags: ['public'],
      summary: 'A commission\'s periods with published results, newest year first, each with its latest published version',
      params: Type.Object({ commissionId: Uuid }),
      querystring: Type.Object({ ...ListQuery }, { additionalProperties: false }),
      response: responses({
        200: PublicPeriodList,
      }),
    },
  }, async (request, reply) => {
    const { commissionId } = request.params;
    const q = request.query;
    const body = await publicPeriods(db(), commissionId, { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor });
    return reply.header('cache-control', CACHE).send(body);
  });

  app.get('/public/periods/:periodId', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getPublicPeriod', tags: ['public'],
      summary: 'A published period: its latest published version, decree, publication mode, awards and participants per band',
      description: '404 until a result set of the period is published (also for a period of any commission that is not). '
        + 'ETag; If-None-Match → 304.',
      params: Type.Object({ periodId: Uuid }),
      response: { ...responses({ 200: PublicPeriod }), 304: Type.Null({ description: 'not modified: the If-None-Match ETag is current' }) },
    },
  }, async (request, reply) => {
    const { periodId } = request.params;
    const { body, tag } = await publicPeriodWithTag(db(), periodId);
    reply.header('cache-control', CACHE);
    if (notModified(request, reply, tag)) return reply;
    return reply.send(body);
  });

  app.get('/public/periods/:periodId/rankings', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getPublicRankings', tags: ['public'],
      summary: 'The rankings of the latest published result set of a period; CSV/XLSX by Accept',
      description: '404 until a result set of the period is published. A later publication supersedes the earlier one. '
        + 'A publication by qualification (result.mode) shows band and status only: rank, overallRank, categoryRank and finalScore are null, '
        + 'rows are listed by band, then by name, and CSV/XLSX have no rank or score columns.',
      params: Type.Object({ periodId: Uuid }),
      querystring: PublicRankingsQuery,
      response: exportResponses(PublicRankings, { notModified: true }),
    },
  }, async (request, reply) => {
    const { periodId } = request.params;
    const q = request.query;
    const format = exportFormat(request, reply);
    const published = await publishedPeriod(db(), periodId);
    const { period, publication } = published;
    reply.header('cache-control', CACHE);
    // the period's scores_changed_at moves when a category shown in the rankings is renamed
    const tag = contentTag('public-rankings', [publication.id, period.scoresChangedAt.getTime(), period.version, q], format);
    if (notModified(request, reply, tag)) return reply;
    const filter = { category: q.category, band: q.band };
    const json = () => publicRankings(db(), published, filter, format === 'json' ? { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor } : null);
    const table = async () => {
      const body = await json();
      return rankingTable(body.items, {
        filename: `peringkat-${body.period.year}-v${body.result.version}`,
        sheet: 'Peringkat',
        title: exportTitle(body.period, {
          what: 'Peringkat', commission: body.period.commission.name, category: categoryOf(body.items, q.category),
          version: { version: body.result.version, decreeNumber: body.result.decreeNumber, decreeDate: body.result.decreeDate },
        }),
        info: [
          ['Komisi Informasi', body.period.commission.name], ['Periode', `${body.period.title} (${body.period.year})`],
          ['Versi', body.result.version], ['Nomor SK', body.result.decreeNumber], ['Tanggal SK', body.result.decreeDate],
          ['SK Pengumuman', body.result.decree], ['Diumumkan', body.result.publishedAt],
          ['Pengumuman', body.result.mode === 'qualification' ? 'Kualifikasi (tanpa peringkat dan nilai)' : 'Peringkat'],
        ],
      }, { withheld: body.result.mode === 'qualification' });
    };
    return sendExport(reply, format, json, table, `${period.id}:${tag}`);
  });

  app.get('/public/bodies/:bodyId/history', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getPublicBodyHistory', tags: ['public'],
      summary: 'A public body\'s published results across years: final score, band and rank per period',
      description: '404 when the body has no published result. A period published by qualification shows no final score and no ranks (null).',
      params: Type.Object({ bodyId: Uuid }),
      response: responses({
        200: PublicBodyHistory,
      }),
    },
  }, async (request, reply) => {
    const { bodyId } = request.params;
    const body = await bodyHistory(db(), bodyId);
    return reply.header('cache-control', CACHE).send(body);
  });
}
