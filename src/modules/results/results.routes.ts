// Rankings, statistics, juror agreement, the score recap (live/) and result sets (frozen/) of a period.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ctx } from '../../http/context.ts';
import { exportFormat, exportResponses, exportVariant, sendExport } from '../../http/exports.ts';
import { chooseMedia, PDF_MEDIA, sendPdf, pdfOnly } from '../../http/media.ts';
import { DEFAULT_LIMIT } from '../../http/pagination.ts';
import { ListQuery, ProblemRef, responses } from '../../http/schemas.ts';
import { etag, notModified } from '../../http/versioning.ts';
import { loadPeriod } from '../periods/index.ts';
import { contentTag, liveTag } from './etags.ts';
import { decreeAttachment } from './frozen/attachment.service.ts';
import { diffResultSets } from './frozen/diff.service.ts';
import { commissionName } from './frozen/result-sets.repo.ts';
import { listVersions, loadResultSet, resultRowDetail, resultSetRows, resultSetSummary } from './frozen/read.service.ts';
import { createResultSet, publishResultSet } from './frozen/result-sets.service.ts';
import { jurorAgreement, pageAgreement } from './live/agreement.service.ts';
import { liveRankings, liveRecap } from './live/rankings.service.ts';
import { sharedStatistics } from './live/statistics.service.ts';
import { agreementTable, statisticsTable } from './live/tables.ts';
import {
  AgreementList, AgreementQuery, CreatedResultSet, CreateResultSet, Diff, DiffQuery, PeriodParams, RankingList,
  RankingQuery, RecapList, RecapQuery, ResultRowDetail, ResultSetList, ResultSetPage, ResultSetQuery, RowParams, Statistics,
  StatisticsQuery, VersionParams,
} from './results.schemas.ts';
import { Publication, PublishResultSet } from './publication.schemas.ts';
import { categoryOf, exportContext, hasAdjustments, rankingTable, recapTable, stageColumns } from './tables.ts';

export default function resultsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/periods/:periodId/rankings', {
    config: { permission: 'rankings:read' },
    schema: {
      operationId: 'getRankings', tags: ['results'],
      summary: 'Live rankings of a period (docs/scoring.md §7), by category and band; CSV/XLSX by Accept',
      description: 'Ranked participants by final score (ties share a rank: 1, 2, 2, 4), then provisional, then not submitted. '
        + 'Served from the materialised scores, with an ETag that changes when any score of the period changes (If-None-Match → 304). '
        + 'CSV and XLSX hold every row (no paging).',
      params: PeriodParams,
      querystring: RankingQuery,
      response: exportResponses(RankingList, { notModified: true }),
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const { periodId } = request.params;
    const q = request.query;
    const format = exportFormat(request, reply);
    const period = await loadPeriod(db(), c, periodId);
    const tag = liveTag(period, 'rankings', q, format);
    if (notModified(request, reply, tag)) return reply;
    const filter = { category: q.category, band: q.band };
    const list = () => liveRankings(db(), period, filter, format === 'json' ? { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor } : null);
    const table = async () => {
      const { items } = await list();
      const heading = { commission: await commissionName(db(), period.commissionId), category: categoryOf(items, q.category) };
      return rankingTable(items, exportContext(period, 'peringkat', 'Peringkat', heading));
    };
    return sendExport(reply, format, list, table, `${period.id}:${tag}`);
  });

  app.get('/periods/:periodId/recap', {
    config: { permission: 'rankings:read' },
    schema: {
      operationId: 'getRecap', tags: ['results'],
      summary: 'Full live score recap: every indicator score, SAQ (self-assessed and verified), stage scores, final score, band and rank',
      params: PeriodParams,
      querystring: RecapQuery,
      response: exportResponses(RecapList, { notModified: true }),
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const { periodId } = request.params;
    const q = request.query;
    const format = exportFormat(request, reply);
    const period = await loadPeriod(db(), c, periodId);
    const tag = liveTag(period, 'recap', q, format);
    if (notModified(request, reply, tag)) return reply;
    const filter = { category: q.category, band: q.band };
    const list = () => liveRecap(db(), period, filter, format === 'json' ? { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor } : null);
    // the period's score clock covers the recap (adjustments move it too): rendered once per state, as the rankings
    const table = async () => {
      const { items } = await list();
      const heading = { commission: await commissionName(db(), period.commissionId), category: categoryOf(items, q.category) };
      return recapTable(items, stageColumns(period), exportContext(period, 'rekap-nilai', 'Rekap Nilai', heading), hasAdjustments(period));
    };
    return sendExport(reply, format, list, table, `${period.id}:${tag}`);
  });

  app.get('/periods/:periodId/statistics', {
    config: { permission: 'statistics:read' },
    schema: {
      operationId: 'getStatistics', tags: ['results'],
      summary: 'Statistics: counts per band and category, mean/median/min/max final score per category, mean per indicator, stage progress',
      params: PeriodParams,
      querystring: StatisticsQuery,
      response: exportResponses(Statistics, { notModified: true }),
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const { periodId } = request.params;
    const format = exportFormat(request, reply);
    const period = await loadPeriod(db(), c, periodId);
    const { stats, tag } = await sharedStatistics(db(), period, exportVariant(request, format));
    if (notModified(request, reply, tag)) return reply;
    const table = async () => statisticsTable(stats, exportContext(period, 'statistik', 'Statistik', { commission: await commissionName(db(), period.commissionId) }));
    return sendExport(reply, format, () => stats, table, `${period.id}:${tag}`);
  });

  app.get('/periods/:periodId/juror-agreement', {
    config: { permission: 'statistics:read' },
    schema: {
      operationId: 'getJurorAgreement', tags: ['results'],
      summary: 'Juror agreement: per participant the spread of the jurors\' presentation scores; jurors further than the period\'s threshold from the panel mean are flagged',
      description: 'Participants with a flagged juror come first, then by spread (widest first). The threshold is the period\'s jurorDeviationThreshold (default 15 points). '
        + 'CSV/XLSX give one line per juror score.',
      params: PeriodParams,
      querystring: AgreementQuery,
      response: exportResponses(AgreementList),
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const { periodId } = request.params;
    const q = request.query;
    const format = exportFormat(request, reply);
    const period = await loadPeriod(db(), c, periodId);
    const agreement = await jurorAgreement(db(), period);
    const items = q.flagged ? agreement.items.filter((i) => i.flagged) : agreement.items;
    if (format !== 'json') {
      const heading = { commission: await commissionName(db(), period.commissionId) };
      return sendExport(reply, format, () => null, () => agreementTable({ ...agreement, items }, exportContext(period, 'kesepakatan-juri', 'Kesepakatan Juri', heading)));
    }
    return { threshold: agreement.threshold, jurors: agreement.jurors, ...pageAgreement(items, q.limit ?? DEFAULT_LIMIT, q.cursor) };
  });

  // Result sets

  app.get('/periods/:periodId/results', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'listResultSets', tags: ['results'],
      summary: 'The result set versions of a period, newest first, with their publication state',
      params: PeriodParams,
      querystring: Type.Object({ ...ListQuery }, { additionalProperties: false }),
      response: responses({ 200: ResultSetList }),
    },
  }, async (request) => {
    const { periodId } = request.params;
    const q = request.query;
    return listVersions(db(), ctx(request), periodId, { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor });
  });

  app.post('/periods/:periodId/results', {
    config: { permission: 'results:write' },
    schema: {
      operationId: 'createResultSet', tags: ['results'],
      summary: 'Fix the current scores as a new immutable result set version (pleno / penetapan)',
      description: 'Only in stage "deliberation". Every participant\'s final score, band, ranks, stage and indicator scores are frozen with its scoring inputs '
        + 'and their SHA-256 (docs/scoring.md §9). From version 2 on a reason is mandatory (field "reason" or X-Audit-Reason) → 422 otherwise.',
      params: PeriodParams,
      body: CreateResultSet,
      response: responses({ 201: CreatedResultSet }),
    },
  }, async (request, reply) => {
    const created = await createResultSet(request.work, request.params, request.body);
    reply.code(201)
      .header('location', `/api/v1/periods/${request.params.periodId}/results/${created.version}`)
      .header('etag', etag(`rs-${created.id}`));
    return created;
  });

  app.get('/periods/:periodId/results/:version', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getResultSet', tags: ['results'],
      summary: 'A result set version with its rows (full recap per participant, in ranking order); CSV/XLSX by Accept',
      description: 'Result sets never change, so the ETag is stable (If-None-Match → 304) until the version is published. CSV and XLSX hold every row.',
      params: VersionParams,
      querystring: ResultSetQuery,
      response: exportResponses(ResultSetPage, { notModified: true }),
    },
  }, async (request, reply) => {
    const { periodId, version } = request.params;
    const q = request.query;
    const format = exportFormat(request, reply);
    const { period, set, current } = await loadResultSet(db(), ctx(request), periodId, version);
    const tag = contentTag('result-set', [set.id, set.publishedAt, current, q], format);
    if (notModified(request, reply, tag)) return reply;
    const filter = { category: q.category, band: q.band };
    const rows = await resultSetRows(db(), period, set, filter, format === 'json' ? { limit: q.limit ?? DEFAULT_LIMIT, cursor: q.cursor } : null);
    const summary = resultSetSummary(set, current);
    const table = async () => {
      const heading = {
        commission: await commissionName(db(), period.commissionId), what: 'Rekap Hasil Penilaian',
        version: { version, decreeNumber: set.decreeNumber, decreeDate: set.decreeDate }, category: categoryOf(rows.items, q.category),
      };
      return recapTable(rows.items, stageColumns(period), exportContext(period, `hasil-v${version}`, `Hasil v${version}`, heading, [
        ['Versi', version], ['Nomor SK', set.decreeNumber], ['Tanggal SK', set.decreeDate], ['Alasan', set.reason],
        ['Diumumkan', set.publishedAt?.toISOString() ?? 'belum'],
      ]), hasAdjustments(period));
    };
    return sendExport(reply, format, () => ({ ...summary, ...rows }), table);
  });

  app.get('/periods/:periodId/results/:version/attachment', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getDecreeAttachment', tags: ['results'],
      summary: 'The decree attachment (lampiran SK) of a result set version as PDF: per category rank, body, final score and band',
      description: 'An A4 document in Indonesian, fonts embedded, headed by the decree number and date; the header row repeats on every page a table spans. '
        + 'A version published by qualification lists each category\'s bodies by band and name, without rank or score, as the public API does. '
        + 'Only `application/pdf` is served (406 otherwise).',
      params: VersionParams,
      response: { ...responses({}), 200: pdfOnly('the decree attachment'), 406: ProblemRef },
    },
  }, async (request, reply) => {
    chooseMedia(request, reply, [PDF_MEDIA]);
    const { periodId, version } = request.params;
    const { filename, pdf } = await decreeAttachment(db(), ctx(request), periodId, version, app.deps.config.fontDir);
    return sendPdf(reply, filename, pdf);
  });

  app.get('/periods/:periodId/results/:version/rows/:bodyId', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getResultSetRow', tags: ['results'],
      summary: 'One participant\'s frozen row with its scoring inputs and their SHA-256, to recompute it with `kip-monev score --inputs`',
      params: RowParams,
      response: responses({ 200: ResultRowDetail }),
    },
  }, async (request) => {
    const { periodId, version, bodyId } = request.params;
    return resultRowDetail(db(), ctx(request), periodId, version, bodyId);
  });

  app.get('/periods/:periodId/results/:version/diff', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getResultSetDiff', tags: ['results'],
      summary: 'What changed between two result set versions (default: from the previous one): which participants, from what to what',
      params: VersionParams,
      querystring: DiffQuery,
      response: responses({ 200: Diff }),
    },
  }, async (request) => {
    const { periodId, version } = request.params;
    const { from } = request.query;
    return diffResultSets(db(), ctx(request), periodId, version, from);
  });

  app.post('/periods/:periodId/results/:version/publication', {
    config: { permission: 'results:write' },
    schema: {
      operationId: 'publishResultSet', tags: ['results'],
      summary: 'Publish a result set version: the public API serves the latest published version; an earlier one stays readable',
      description: 'Only in stage "deliberation" or "closed". 409 when this version is already published or a later one is. '
        + 'The body is optional (none publishes ranked, without decree or awards). mode "qualification": the public API shows bands and statuses '
        + 'but rank and finalScore null. 422 for a blank title or decree, an award without bodies, or a body that is not a participant '
        + '(the path names it: body.awards[i].bodyIds[j]). The publication, with its decree, mode and awards, never changes.',
      params: VersionParams,
      body: PublishResultSet,
      // OpenAPI: the body may be left out (app.ts)
      'x-optional-body': true,
      response: responses({ 201: Publication }),
    },
    // clients of the first contract send no body: validate it as the empty object
    preValidation: (request, _reply, done) => {
      request.body ??= {};
      done();
    },
  }, async (request, reply) => {
    const publication = await publishResultSet(request.work, request.params, request.body);
    reply.code(201);
    return publication;
  });
}
