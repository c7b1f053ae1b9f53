// Rows for the assessment workflow of a participant: answers, submission, evidence, verifications,
// appeals, visitation, presentation and the score. Readers of a participant are the commission's
// admins, viewers and keys, the assessor and juror assigned to it, and the body's own respondent.
import { randomUUID } from 'node:crypto';
import { answers, appeals, evidenceFiles, verifications } from '../../../src/db/schema.ts';
import type { Stage } from '../../../src/modules/periods/index.ts';
import { multipart, pdf } from '../../helpers/multipart.ts';
import type { World } from '../world.ts';
import type { Actor, MatrixRow } from './types.ts';

/** answers:read, appeals:read, scores:read: every role of the commission sees the world's participant */
const READERS = { admin: 200, viewer: 200, apiKey: 200, assessor: 200, juror: 200, respondent: 200, otherAdmin: 404 } as const;

const base = (periodId: string, bodyId: string) => `/api/v1/periods/${periodId}/participants/${bodyId}`;
const world = (w: World) => base(w.a.periodId, w.a.bodyId);

/**
 * A fresh period of commission A in `stage` where the respondent's body takes part (assessor and
 * juror assigned), submitted and advanced, for the one actor that gets through; the others get the
 * world's participant (they are refused before reaching it).
 */
async function fresh(w: World, actor: Actor, writers: Actor[], stage: Stage, options: { scoring?: unknown; hasAppeal?: boolean; submitted?: boolean } = {}) {
  if (!writers.includes(actor)) return { periodId: w.a.periodId, participantId: w.a.participantId, url: world(w) };
  const { submitted = true, ...shape } = options;
  const p = await w.period(w.a, { stage, submitted, ...shape });
  return { periodId: p.periodId, participantId: p.participantId, url: base(p.periodId, w.a.bodyId) };
}

const pdfUpload = () => multipart('dip.pdf', pdf());

export const rows: MatrixRow[] = [
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/answers', request: (w) => ({ url: `${world(w)}/answers` }), allow: READERS },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/answers',
    request: async (w, actor) => ({ url: `${(await fresh(w, actor, ['respondent'], 'saq', { submitted: false })).url}/answers`, payload: { answers: [{ question: '1.3', value: true }] } }),
    allow: { respondent: 200 },
  },
  {
    route: 'POST /api/v1/periods/:periodId/participants/:bodyId/answers/import',
    request: async (w, actor) => ({
      url: `${(await fresh(w, actor, ['respondent'], 'saq', { submitted: false })).url}/answers/import`, ...multipart('jawaban.csv', 'question,value\n1.3,Ya\n'),
    }),
    allow: { respondent: 200 },
  },
  {
    route: 'POST /api/v1/periods/:periodId/answers/import',
    request: async (w, actor) => {
      const periodId = ['admin', 'apiKey', 'otherAdmin'].includes(actor) ? (await w.period(w.a, { stage: 'saq', submitted: false })).periodId : w.a.periodId;
      return { url: `/api/v1/periods/${periodId}/answers/import`, ...multipart('jawaban.csv', `body,1.3\n${w.a.otherBodyId},Ya\n`) };
    },
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
    note: 'a fresh period in saq for each caller that gets past the scope check',
  },
  {
    route: 'POST /api/v1/periods/:periodId/participants/:bodyId/submission',
    request: async (w, actor) => ({ url: `${(await fresh(w, actor, ['respondent'], 'saq', { submitted: false })).url}/submission` }),
    allow: { respondent: 200 },
  },
  {
    route: 'DELETE /api/v1/periods/:periodId/participants/:bodyId/submission',
    request: async (w, actor) => ({ url: `${(await fresh(w, actor, ['admin', 'apiKey'], 'saq')).url}/submission`, headers: { 'x-audit-reason': 'Dokumen salah unggah' } }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'POST /api/v1/periods/:periodId/participants/:bodyId/evidence',
    request: async (w, actor) => ({ url: `${(await fresh(w, actor, ['respondent'], 'saq', { submitted: false })).url}/evidence`, ...pdfUpload() }),
    allow: { respondent: 201 },
  },
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/evidence', request: (w) => ({ url: `${world(w)}/evidence` }), allow: READERS },
  {
    route: 'GET /api/v1/periods/:periodId/participants/:bodyId/evidence/:fileId',
    request: async (w) => {
      const id = randomUUID();
      const storageKey = `evidence/${w.a.commissionId}/${id}`;
      await w.app.deps.blobStore.put(storageKey, Buffer.from('%PDF-1.4\n%%EOF\n'));
      await w.db.insert(evidenceFiles).values({
        id, commissionId: w.a.commissionId, participantId: w.a.participantId, filename: 'dip.pdf', contentType: 'application/pdf',
        size: 15, sha256: '0'.repeat(64), storageKey, uploadedBy: w.a.users.respondent.id,
      });
      return { url: `${world(w)}/evidence/${id}` };
    },
    allow: READERS,
  },
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/verifications', request: (w) => ({ url: `${world(w)}/verifications` }), allow: READERS },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/verifications',
    request: async (w, actor) => ({
      url: `${(await fresh(w, actor, ['assessor'], 'verification')).url}/verifications`,
      payload: { decisions: [{ question: '1.3', decision: 'adjust', value: true, note: 'Prosedur ada di laman PPID' }] },
    }),
    allow: { assessor: 200 },
  },
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/appeals', request: (w) => ({ url: `${world(w)}/appeals` }), allow: READERS },
  {
    route: 'POST /api/v1/periods/:periodId/participants/:bodyId/appeals',
    request: async (w, actor) => {
      const target = await fresh(w, actor, ['respondent'], 'appeal', { hasAppeal: true });
      if (actor === 'respondent') {
        await w.db.insert(answers).values({ participantId: target.participantId, questionCode: '1.3', value: true });
        await w.db.insert(verifications).values({ participantId: target.participantId, questionCode: '1.3', decision: 'adjust', value: false, note: 'x' });
      }
      return { url: `${target.url}/appeals`, payload: { question: '1.3', reason: 'Prosedur sudah diumumkan sejak Januari' } };
    },
    allow: { respondent: 201 },
  },
  {
    route: 'PATCH /api/v1/periods/:periodId/participants/:bodyId/appeals/:appealId',
    request: async (w, actor) => {
      const target = await fresh(w, actor, ['assessor'], 'appeal', { hasAppeal: true });
      let appealId: string = randomUUID();
      if (actor === 'assessor') {
        await w.db.insert(verifications).values({ participantId: target.participantId, questionCode: '1.3', decision: 'adjust', value: false, note: 'x' });
        const [appeal] = await w.db.insert(appeals).values({ participantId: target.participantId, questionCode: '1.3', reason: 'x', filedBy: w.a.users.respondent.id }).returning();
        appealId = appeal!.id;
      }
      return { url: `${target.url}/appeals/${appealId}`, payload: { status: 'upheld', note: 'Bukti tidak menunjukkan tanggal' } };
    },
    allow: { assessor: 200 },
  },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/visitation',
    request: async (w, actor) => ({
      url: `${(await fresh(w, actor, ['assessor'], 'visitation', { scoring: { stages: { saq: 80, visitation: 20 } } })).url}/visitation`,
      payload: { score: 85.5, notes: 'Meja layanan tersedia' },
    }),
    allow: { assessor: 200 },
  },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/presentation',
    request: async (w, actor) => ({
      url: `${(await fresh(w, actor, ['juror'], 'presentation', { scoring: { stages: { saq: 80, presentation: 20 }, presentationAspects: { materi: 60, inovasi: 40 } } })).url}/presentation`,
      payload: { aspects: { materi: 80, inovasi: 75 } },
    }),
    allow: { juror: 200 },
  },
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/presentation', request: (w) => ({ url: `${world(w)}/presentation` }), allow: READERS },
  { route: 'GET /api/v1/periods/:periodId/participants/:bodyId/score', request: (w) => ({ url: `${world(w)}/score` }), allow: READERS },
];
