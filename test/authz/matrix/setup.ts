// Rows for categories, bodies (and their import), periods and transitions, questionnaires and
// presets, participants and assignments.
import { getPreset } from '../../../src/scoring/presets.ts';
import { client, expectStatus } from '../../helpers/client.ts';
import { multipart } from '../../helpers/multipart.ts';
import type { Actor, MatrixRow } from './types.ts';

const READERS = { admin: 200, viewer: 200, apiKey: 200 } as const;
/** periods:read, questionnaires:read and participants:read: every role of the commission */
const EVERY_ROLE = { ...READERS, assessor: 200, juror: 200, respondent: 200 } as const;

const importFile = (name: string) => multipart('bp.csv', `nama,kategori,email\n"${name}",OPD,ppid@example.go.id\n`);

const preset = () => {
  const p = getPreset('perki-2022-pemprov');
  if (!p) throw new Error('preset missing');
  return p.questionnaire;
};

/** A fresh draft period for writers; the refused actors get the world's period (they never reach it). */
const writerPeriod = async (w: Parameters<MatrixRow['request']>[0], actor: Actor) =>
  (actor === 'admin' || actor === 'apiKey' || actor === 'otherAdmin' ? await w.period(w.a, { stage: 'draft' }) : { periodId: w.a.periodId, questionnaireId: w.a.questionnaireId });

/** A fresh period in the SAQ for the admin and the key (an extension each); the others get the world's period. */
const saqPeriod = async (w: Parameters<MatrixRow['request']>[0], actor: Actor) =>
  (actor === 'admin' || actor === 'apiKey' ? await w.period(w.a, { stage: 'saq' }) : { periodId: w.a.periodId });

export const rows: MatrixRow[] = [
  // categories
  { route: 'GET /api/v1/categories', request: () => ({ url: '/api/v1/categories' }), allow: { ...READERS, otherAdmin: 200 } },
  {
    route: 'POST /api/v1/categories',
    request: (w) => ({ url: '/api/v1/categories', payload: { code: w.unique('C'), name: 'Badan Usaha Milik Daerah' } }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 201 },
    note: 'the other admin creates a category in its own commission',
  },
  { route: 'GET /api/v1/categories/:categoryId', request: (w) => ({ url: `/api/v1/categories/${w.a.categoryId}` }), allow: { ...READERS, otherAdmin: 404 } },
  {
    route: 'PATCH /api/v1/categories/:categoryId',
    request: (w) => ({ url: `/api/v1/categories/${w.a.categoryId}`, payload: { name: 'Organisasi Perangkat Daerah' } }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/categories/:categoryId',
    request: async (w) => {
      const res = await client(w.app, w.a.users.admin.token).post('/categories', { code: w.unique('DEL'), name: 'Kategori sementara' });
      return { url: `/api/v1/categories/${expectStatus(res, 201).json().id}` };
    },
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
  // bodies
  { route: 'GET /api/v1/bodies', request: () => ({ url: '/api/v1/bodies?q=dinas' }), allow: { ...READERS, otherAdmin: 200 } },
  {
    route: 'POST /api/v1/bodies',
    request: (w) => ({ url: '/api/v1/bodies', payload: { name: w.unique('Dinas Sosial'), categoryId: w.a.categoryId } }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 422 },
    note: 'the other admin cannot use a category of commission A',
  },
  {
    route: 'POST /api/v1/bodies/import',
    request: (w) => ({ url: '/api/v1/bodies/import', ...importFile(w.unique('Dinas Perhubungan')) }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 201 },
    note: 'category codes are per commission: the other admin imports into its own OPD',
  },
  { route: 'GET /api/v1/bodies/:bodyId', request: (w) => ({ url: `/api/v1/bodies/${w.a.bodyId}` }), allow: { ...READERS, otherAdmin: 404 } },
  {
    route: 'PATCH /api/v1/bodies/:bodyId',
    request: async (w) => ({ url: `/api/v1/bodies/${await w.body(w.a)}`, payload: { region: 'Kota Serang' } }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/bodies/:bodyId',
    request: async (w) => ({ url: `/api/v1/bodies/${await w.body(w.a)}` }),
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
  // periods
  { route: 'GET /api/v1/periods', request: () => ({ url: '/api/v1/periods' }), allow: { ...EVERY_ROLE, otherAdmin: 200 } },
  {
    route: 'POST /api/v1/periods',
    request: () => ({ url: '/api/v1/periods', payload: { year: 2026, title: 'Monev KIP 2026', stages: { saq: 80, visitation: 20 } } }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 201 },
  },
  { route: 'GET /api/v1/periods/:periodId', request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}` }), allow: { ...EVERY_ROLE, otherAdmin: 404 } },
  {
    route: 'PATCH /api/v1/periods/:periodId',
    request: async (w, actor) => ({ url: `/api/v1/periods/${(await writerPeriod(w, actor)).periodId}`, payload: { deadlines: { saq: '2025-07-31T16:59:59Z' } } }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'POST /api/v1/periods/:periodId/transitions',
    request: async (w, actor) => ({ url: `/api/v1/periods/${(await writerPeriod(w, actor)).periodId}/transitions`, payload: { to: 'saq' } }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  // questionnaires
  { route: 'GET /api/v1/questionnaire-presets', request: () => ({ url: '/api/v1/questionnaire-presets' }), allow: { ...EVERY_ROLE, otherAdmin: 200 } },
  {
    route: 'GET /api/v1/periods/:periodId/questionnaires',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/questionnaires` }),
    allow: { ...EVERY_ROLE, otherAdmin: 404 },
  },
  {
    route: 'POST /api/v1/periods/:periodId/questionnaires',
    request: async (w, actor) => ({
      url: `/api/v1/periods/${(await writerPeriod(w, actor)).periodId}/questionnaires`,
      payload: { preset: 'perki-2022-bumd', categoryIds: [] },
    }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 404 },
  },
  {
    route: 'GET /api/v1/periods/:periodId/questionnaires/:questionnaireId',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/questionnaires/${w.a.questionnaireId}` }),
    allow: { ...EVERY_ROLE, otherAdmin: 404 },
  },
  {
    route: 'PUT /api/v1/periods/:periodId/questionnaires/:questionnaireId',
    request: async (w, actor) => {
      const p = await writerPeriod(w, actor);
      return { url: `/api/v1/periods/${p.periodId}/questionnaires/${p.questionnaireId}`, payload: { ...preset(), categoryIds: [w.a.categoryId] } };
    },
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/periods/:periodId/questionnaires/:questionnaireId',
    request: async (w, actor) => {
      const p = await writerPeriod(w, actor);
      return { url: `/api/v1/periods/${p.periodId}/questionnaires/${p.questionnaireId}` };
    },
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
  // participants
  {
    route: 'GET /api/v1/periods/:periodId/participants',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/participants` }),
    allow: { ...EVERY_ROLE, otherAdmin: 404 },
    note: 'assessors, jurors and respondents get only their participants (test/setup/participants.test.ts)',
  },
  {
    route: 'POST /api/v1/periods/:periodId/participants',
    request: async (w, actor) => ({ url: `/api/v1/periods/${(await writerPeriod(w, actor)).periodId}/participants`, payload: { bodyIds: [await w.body(w.a)] } }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 404 },
  },
  {
    route: 'GET /api/v1/periods/:periodId/participants/:bodyId',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/participants/${w.a.bodyId}` }),
    allow: { ...EVERY_ROLE, otherAdmin: 404 },
    note: 'the assessor and juror are assigned to this participant, the respondent answers for it',
  },
  {
    route: 'DELETE /api/v1/periods/:periodId/participants/:bodyId',
    request: async (w, actor) => ({ url: `/api/v1/periods/${(await writerPeriod(w, actor)).periodId}/participants/${w.a.otherBodyId}` }),
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/assignments',
    request: (w) => ({
      url: `/api/v1/periods/${w.a.periodId}/participants/${w.a.bodyId}/assignments`,
      payload: { assessorIds: [w.a.users.assessor.id], jurorIds: [w.a.users.juror.id] },
    }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'PUT /api/v1/periods/:periodId/participants/:bodyId/extension',
    request: async (w, actor) => ({
      url: `/api/v1/periods/${(await saqPeriod(w, actor)).periodId}/participants/${w.a.bodyId}/extension`,
      payload: { until: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'Keputusan pleno: kendala sistem' },
    }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/periods/:periodId/participants/:bodyId/extension',
    request: async (w, actor) => {
      const p = await saqPeriod(w, actor);
      if (actor === 'admin' || actor === 'apiKey') {
        expectStatus(await client(w.app, w.a.users.admin.token).put(`/periods/${p.periodId}/participants/${w.a.bodyId}/extension`, {
          until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Keputusan pleno',
        }), 200);
      }
      return { url: `/api/v1/periods/${p.periodId}/participants/${w.a.bodyId}/extension` };
    },
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
];
