// The assessment workflow of one participant (a body in a period): SAQ answers and evidence,
// submission, verification, appeals, visitation, presentation and the score explanation.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ctx } from '../../http/context.ts';
import { csvDialectOf, exportFormat, exportResponses, FormatQuery, jsonSerializer, MEDIA, toCsv } from '../../http/exports.ts';
import { sheetFirst, uploadedSheet } from '../../http/spreadsheet-read.ts';
import { chooseMedia, jsonOrPdf, PDF_MEDIA, sendPdf } from '../../http/media.ts';
import { uploaded, uploadFirst } from '../../http/uploads.ts';
import { ImportProblem, ListOf, ListQuery, ProblemRef, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import { loadParticipant } from '../participants/access.ts';
import { loadPeriod } from '../periods/index.ts';
import { importPeriodAnswers } from './answers-bulk-import.ts';
import { importAnswers } from './answers-import.ts';
import { answersTemplate, templateWorkbook } from './answers-template.ts';
import { getAnswers, putAnswers, reopen, submit } from './answers.service.ts';
import {
  Appeal, AppealCreate, AppealParams, AppealResolve, AnswersBulkImportResult, AnswersPut, AnswersResource, EvidenceFile, FileParams, ParticipantParams, PeriodParams,
  ParticipantScore, PresentationEntry, PresentationList, PresentationPut, Submission, VerificationsPut, VerificationsResource,
  Visitation, VisitationPut,
} from './assessments.schemas.ts';
import { listEvidence, readEvidence, storeEvidence, uploadLimit } from './evidence.service.ts';
import { fileAppeal, listAppeals, putVerifications, resolveAppeal, getVerifications } from './review.service.ts';
import { getRapor } from './rapor.service.ts';
import { getScoreJson } from './score.service.ts';
import { getPresentation, putPresentation, putVisitation } from './stage-scores.service.ts';
import { t } from '../../i18n/message.ts';

const P = '/periods/:periodId/participants/:bodyId';
const tags = ['assessments'];
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'the ETag last read; 412 when stale' })) });

export default function assessmentsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;
  const blobs = () => app.deps.blobStore;

  // ─── Answers and submission ───────────────────────────────────────────────────────────────────
  app.get(`${P}/answers`, {
    config: { permission: 'answers:read' },
    schema: {
      operationId: 'getAnswers', tags, summary: 'The SAQ answers of a participant, with the ETag to send back in If-Match; as XLSX or CSV the answers template',
      description: 'JSON by default. With `Accept` of the XLSX type (or `?format=xlsx`) the answers template: a workbook with one row per question '
        + '(`Kode`, `Indikator`, `Pertanyaan`, `Jenis`, `Nilai yang diizinkan`, `Bukti dukung`, `Jawaban` = the current answer, `Bukti (tautan)`), '
        + 'the answer cells validated in the spreadsheet (a Ya/Tidak or option dropdown, the items as a prompt for a checklist); '
        + '`text/csv` gives the same rows without validation. Fill it in and send it to `POST …/answers/import`.',
      params: ParticipantParams, querystring: Type.Object(FormatQuery, { additionalProperties: false }),
      'x-etag': 'the participant\'s version: send it in If-Match of the next write of its answers',
      response: exportResponses(AnswersResource, { description: 'the answers (JSON), or the answers template (XLSX, CSV)' }),
    },
  }, async (request, reply) => {
    const { periodId, bodyId } = request.params;
    const format = exportFormat(request, reply);
    if (format === 'json') {
      const resource = await getAnswers(db, ctx(request), periodId, bodyId);
      return reply.header('etag', etag(resource.version)).send(resource);
    }
    const table = await answersTemplate(db, ctx(request), periodId, bodyId);
    reply.header('content-disposition', `attachment; filename="${table.filename}.${format}"`);
    if (format === 'csv') return reply.type(`${MEDIA.csv}; charset=utf-8; header=present`).send(toCsv(table, csvDialectOf(request)));
    return reply.type(MEDIA.xlsx).send(await templateWorkbook(table));
  });

  app.put(`${P}/answers`, {
    config: { permission: 'answers:write' },
    schema: {
      operationId: 'putAnswers', tags, summary: 'Save a batch of answers (the body\'s respondent, stage saq, before submission)',
      description: 'Upserts every listed answer; values are checked per question type (422 naming the question). '
        + 'Evidence is a list of `{ url }` (http/https) or `{ fileId }` (uploaded for this participant); omitted evidence is kept. Honours If-Match.',
      params: ParticipantParams, headers: IfMatch, body: AnswersPut, response: responses({ 200: AnswersResource }),
    },
  }, async (request, reply) => {
    const resource = await putAnswers(request.work, request.params, request.body);
    reply.header('etag', etag(resource.version));
    return resource;
  });

  app.post(`${P}/answers/import`, {
    config: { permission: 'answers:write' },
    schema: {
      operationId: 'importAnswers', tags, summary: 'Save answers from a spreadsheet (multipart field "file"): the answers template filled in, or a CSV question,value,evidence',
      description: 'The rows become one `PUT …/answers` batch, held to the same rules (the body\'s respondent, stage saq, before submission and the SAQ deadline) and checks, '
        + 'all or nothing: any problem answers 422 with every error\'s `row` and `column`, and nothing is stored. '
        + 'Columns are found by header: `Kode`/`question`, `Jawaban`/`value` (required), `Bukti (tautan)`/`evidence` (optional; without it every answer keeps its evidence); others are ignored. '
        + 'Ya/Tidak (yes/no, true/false, 1/0) for a yes/no question, an option\'s value or label for a choice, items separated by commas for a checklist ("-": none ticked); '
        + 'an empty answer removes the question\'s answer; the evidence cell lists links (one per line) and the answer\'s uploaded files are kept. '
        + 'CSV in UTF-8; XLSX is read from its first sheet; above IMPORT_MAX_BYTES (or an XLSX unpacking to more than IMPORT_MAX_UNPACKED_BYTES) 413, past IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS or IMPORT_MAX_CELL_CHARS 422. Honours If-Match.',
      consumes: ['multipart/form-data'], params: ParticipantParams, headers: IfMatch,
      response: responses({ 200: AnswersResource, 422: ImportProblem }),
    },
    preHandler: sheetFirst(async (request) => {
      // a caller who may not see the participant is refused before a byte of the file is read
      const { periodId, bodyId } = request.params as { periodId: string; bodyId: string };
      await loadParticipant(db, ctx(request), periodId, bodyId);
      return app.deps.config.importMaxBytes;
    }, () => app.deps.config.spreadsheet),
  }, async (request, reply) => {
    const resource = await importAnswers(request.work, request.params, uploadedSheet(request));
    reply.header('etag', etag(resource.version));
    return resource;
  });

  app.post('/periods/:periodId/answers/import', {
    config: { permission: 'answers:import' },
    schema: {
      operationId: 'importPeriodAnswers', tags, summary: 'Import the answers of many bodies from one spreadsheet (admin; multipart field "file"): all or nothing',
      description: 'One row per body: the column `body` (the body\'s name, ignoring case and accents, or its id), then one column per question code. '
        + 'A filled cell is that body\'s answer, read like the answers import reads it and held to the same checks; an empty cell leaves the answer as it is; evidence is not changed. '
        + 'Stage saq only (409 `wrong_stage`); a body that has submitted, or whose SAQ deadline (or extension) has passed, answers 409 naming its row; '
        + 'any other problem 422 with every error\'s `row` and `column`. Nothing is stored unless the whole file is valid; each body is then rescored and audited (`answers.import`), the import as `answers.bulk_import`.',
      consumes: ['multipart/form-data'], params: PeriodParams,
      response: responses({ 200: AnswersBulkImportResult, 422: ImportProblem }),
    },
    preHandler: sheetFirst(async (request) => {
      await loadPeriod(db, ctx(request), (request.params as { periodId: string }).periodId);
      return app.deps.config.importMaxBytes;
    }, () => app.deps.config.spreadsheet),
  }, async (request) => importPeriodAnswers(request.work, request.params.periodId, uploadedSheet(request)));

  app.post(`${P}/submission`, {
    config: { permission: 'submission:write' },
    schema: {
      operationId: 'submitSaq', tags, summary: 'Submit the SAQ: checks required evidence (422 listing the questions), then locks the answers',
      params: ParticipantParams, headers: IfMatch, response: responses({ 200: Submission }),
    },
  }, async (request, reply) => {
    const result = await submit(request.work, request.params);
    reply.header('etag', etag(result.version));
    return result;
  });

  app.delete(`${P}/submission`, {
    config: { permission: 'submission:reopen' },
    schema: {
      operationId: 'reopenSubmission', tags, summary: 'Reopen a submitted SAQ (admin, stage saq); the reason goes in X-Audit-Reason and the audit log',
      params: ParticipantParams, response: responses({ 200: Submission }),
    },
  }, async (request, reply) => {
    const result = await reopen(request.work, request.params);
    reply.header('etag', etag(result.version));
    return result;
  });

  // ─── Evidence files ───────────────────────────────────────────────────────────────────────────
  app.post(`${P}/evidence`, {
    config: { permission: 'evidence:write' },
    schema: {
      operationId: 'uploadEvidence', tags, summary: 'Upload an evidence file (multipart field "file"): a PDF, checked by content, at most the period\'s evidenceMaxBytes (413 beyond)',
      description: 'The body\'s respondent, in stage saq before submission, or in stage appeal for its appeals; after the stage\'s deadline (`deadlines.saq`, `deadlines.appeal`) 409 `deadline_passed` unless the participant has a later extension.',
      consumes: ['multipart/form-data'], params: ParticipantParams, response: responses({ 201: EvidenceFile }),
    },
    preHandler: uploadFirst(
      (request) => { const { periodId, bodyId } = request.params as { periodId: string; bodyId: string }; return uploadLimit(db, ctx(request), periodId, bodyId); },
      (maxBytes) => t`Evidence files are limited to ${maxBytes} bytes in this period`,
    ),
  }, async (request, reply) => {
    const stored = await storeEvidence(request.work, blobs(), request.params, uploaded(request));
    reply.code(201).header('location', stored.downloadUrl);
    return stored;
  });

  app.get(`${P}/evidence`, {
    config: { permission: 'answers:read' },
    schema: { operationId: 'listEvidence', tags, summary: 'The evidence files uploaded for a participant', params: ParticipantParams, querystring: Type.Object(ListQuery, { additionalProperties: false }), response: responses({ 200: ListOf(EvidenceFile) }) },
  }, async (request) => listEvidence(db, ctx(request), request.params.periodId, request.params.bodyId, request.query));

  app.get(`${P}/evidence/:fileId`, {
    config: { permission: 'answers:read' },
    schema: {
      operationId: 'downloadEvidence', tags, summary: 'Download an evidence file (authorized like the answers)', params: FileParams,
      // OpenAPI: the ETag header of the 200 (http/openapi-responses.ts)
      'x-etag': 'the file\'s SHA-256, quoted: the content never changes',
      response: {
        ...responses({}),
        200: { description: 'the PDF', content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } },
      },
    },
  }, async (request, reply) => {
    const { file, data } = await readEvidence(db, blobs(), ctx(request), request.params.periodId, request.params.bodyId, request.params.fileId);
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('etag', `"${file.sha256}"`)
      .send(data as never);
  });

  // ─── Verification ─────────────────────────────────────────────────────────────────────────────
  app.get(`${P}/verifications`, {
    config: { permission: 'answers:read' },
    schema: { operationId: 'getVerifications', tags, summary: 'Verification decisions and progress (decided / total), with the ETag', params: ParticipantParams, response: responses({ 200: VerificationsResource }) },
  }, async (request, reply) => {
    const resource = await getVerifications(db, ctx(request), request.params.periodId, request.params.bodyId);
    return reply.header('etag', etag(resource.version)).send(resource);
  });

  app.put(`${P}/verifications`, {
    config: { permission: 'verifications:write' },
    schema: {
      operationId: 'putVerifications', tags, summary: 'Record a batch of verification decisions (an assigned assessor, stage verification)',
      description: '`accept` takes the body\'s answer; `adjust` needs the verified `value` and a `note`. Decisions can be changed until the stage closes. Honours If-Match.',
      params: ParticipantParams, headers: IfMatch, body: VerificationsPut, response: responses({ 200: VerificationsResource }),
    },
  }, async (request, reply) => {
    const resource = await putVerifications(request.work, request.params, request.body);
    reply.header('etag', etag(resource.version));
    return resource;
  });

  // ─── Appeals ──────────────────────────────────────────────────────────────────────────────────
  app.get(`${P}/appeals`, {
    config: { permission: 'appeals:read' },
    schema: {
      operationId: 'listAppeals', tags, summary: 'Appeals on a participant\'s verification decisions', params: ParticipantParams,
      querystring: Type.Object({ ...ListQuery, status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('revised')])) }, { additionalProperties: false }),
      response: responses({ 200: ListOf(Appeal) }),
    },
  }, async (request) => listAppeals(db, ctx(request), request.params.periodId, request.params.bodyId, request.query));

  app.post(`${P}/appeals`, {
    config: { permission: 'appeals:file' },
    schema: {
      operationId: 'createAppeal', tags, summary: 'Appeal a verification decision (the body\'s respondent, stage appeal), with its documents',
      description: 'Under the period\'s `appealOn: "adjusted"` (default) only an answer the assessor adjusted can be appealed (422 naming `body.question`). '
        + 'Evidence is a list of `{ url }` (http/https) or `{ fileId }` (uploaded for this participant). After `deadlines.appeal` answers 409 `deadline_passed` unless the participant has a later extension.',
      params: ParticipantParams, body: AppealCreate, response: responses({ 201: Appeal }),
    },
  }, async (request, reply) => {
    const appeal = await fileAppeal(request.work, request.params, request.body);
    reply.code(201).header('etag', etag(appeal.version))
      .header('location', `/api/v1/periods/${request.params.periodId}/participants/${request.params.bodyId}/appeals/${appeal.id}`);
    return appeal;
  });

  app.patch(`${P}/appeals/:appealId`, {
    config: { permission: 'appeals:resolve' },
    schema: {
      operationId: 'resolveAppeal', tags, summary: 'Resolve an appeal (an assigned assessor, stage appeal): uphold the decision or revise the verified value',
      params: AppealParams, headers: IfMatch, body: AppealResolve, response: responses({ 200: Appeal }),
    },
  }, async (request, reply) => {
    const appeal = await resolveAppeal(request.work, request.params, request.body);
    reply.header('etag', etag(appeal.version));
    return appeal;
  });

  // ─── Later stages ─────────────────────────────────────────────────────────────────────────────
  app.put(`${P}/visitation`, {
    config: { permission: 'visitation:write' },
    schema: {
      operationId: 'putVisitation', tags, summary: 'The visitation score and notes (an assigned assessor, stage visitation, advanced participants only)',
      params: ParticipantParams, headers: IfMatch, body: VisitationPut, response: responses({ 200: Visitation }),
    },
  }, async (request, reply) => {
    const result = await putVisitation(request.work, request.params, request.body);
    reply.header('etag', etag(result.version));
    return result;
  });

  app.put(`${P}/presentation`, {
    config: { permission: 'presentation:write' },
    schema: {
      operationId: 'putPresentation', tags, summary: 'My presentation aspect scores (an assigned juror, stage presentation, advanced participants only)',
      params: ParticipantParams, body: PresentationPut, response: responses({ 200: PresentationEntry }),
    },
  }, async (request) => putPresentation(request.work, request.params, request.body));

  app.get(`${P}/presentation`, {
    config: { permission: 'scores:read' },
    schema: { operationId: 'listPresentationScores', tags, summary: 'The jurors\' presentation scores (a juror sees only its own)', params: ParticipantParams, response: responses({ 200: PresentationList }) },
  }, async (request) => getPresentation(db, ctx(request), request.params.periodId, request.params.bodyId));

  // ─── Score ────────────────────────────────────────────────────────────────────────────────────
  app.get(`${P}/score`, {
    config: { permission: 'scores:read' },
    schema: {
      operationId: 'getParticipantScore', tags, summary: 'The participant\'s scores, their explanation and the gap to the next band (docs/scoring.md §8); the rapor as PDF by Accept',
      description: 'Scores are JSON numbers rounded half up to 2 decimals; `finalScoreExact` and `gainExact` give the exact values as decimal strings. '
        + '`Accept: application/pdf` gives the rapor: an A4 letter in Indonesian (one or two pages) with the same numbers written with a decimal comma, '
        + 'the stage scores, an indicator chart, the gap to the next band with the questions that gain most, the adjustments, and the SHA-256 of the '
        + 'inputs when a result set froze exactly these inputs. 409 for the rapor of a participant without a final score; 406 for any other Accept.',
      params: ParticipantParams,
      // 406: an Accept other than JSON or PDF; 409: a rapor of a participant without a score yet
      response: { ...responses({ 200: ParticipantScore }), 200: jsonOrPdf(ParticipantScore, 'the score explanation (JSON) or the rapor (PDF)'), 406: ProblemRef, 409: ProblemRef },
    },
  }, async (request, reply) => {
    const { periodId, bodyId } = request.params;
    if (chooseMedia(request, reply, ['application/json', PDF_MEDIA]) === 'application/json') {
      return reply.type('application/json; charset=utf-8').send(await getScoreJson(db, ctx(request), periodId, bodyId, jsonSerializer(reply)));
    }
    const { filename, pdf } = await getRapor(db, ctx(request), periodId, bodyId, app.deps.config.fontDir);
    return sendPdf(reply, filename, pdf);
  });
}
