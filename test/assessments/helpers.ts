// Arranging a monev through the API (periods, questionnaires, participants, assignments,
// transitions) and small clients for the assessment tests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { call, login } from '../helpers/app.ts';
import { PASSWORD, type Tenant } from '../helpers/fixtures.ts';
import type { Questionnaire } from '../../src/scoring/index.ts';

export type Res = Awaited<ReturnType<typeof call>>;

export function client(app: FastifyInstance, token: string | null) {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      call(app, token, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }), headers });
  return { get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'), delete: send('DELETE') };
}
export type Client = ReturnType<typeof client>;

export function expectStatus(res: Res, status: number): Res {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res;
}

export function multipart(filename: string, content: Buffer | string, field = 'file') {
  const boundary = `----kip${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function pdf(size = 300): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

export async function uploadEvidence(app: FastifyInstance, token: string, periodId: string, bodyId: string, filename: string, content: Buffer | string, field = 'file') {
  const { payload, headers } = multipart(filename, content, field);
  return call(app, token, { method: 'POST', url: `/api/v1/periods/${periodId}/participants/${bodyId}/evidence`, payload, headers });
}

/** The questionnaire of the end-to-end monev (hand-computed numbers in monev.test.ts). */
export const QUESTIONNAIRE: Questionnaire = {
  code: 'SAQ-E2E',
  title: 'SAQ uji',
  indicators: [
    {
      code: 'JI', name: 'Jenis Informasi', weight: 60,
      questions: [
        { code: '1.1', text: 'DIP dimutakhirkan sesuai PerKI?', weight: 2, type: 'yes_no', evidence: 'required' },
        {
          code: '1.2', text: 'Laporan layanan informasi publik', weight: 1, type: 'choice', evidence: 'optional',
          options: [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'late', label: 'Terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
        },
      ],
    },
    {
      code: 'PI', name: 'Pelayanan Informasi', weight: 40,
      questions: [
        {
          code: '2.1', text: 'Kanal layanan', weight: 1, type: 'checklist', evidence: 'none',
          items: [{ value: 'web', label: 'Website' }, { value: 'app', label: 'Aplikasi' }, { value: 'desk', label: 'Meja layanan' }],
        },
        { code: '2.2', text: 'Maklumat pelayanan dipublikasikan?', weight: 1, type: 'yes_no', evidence: 'none' },
      ],
    },
  ],
};

export interface Monev {
  periodId: string;
  bodies: { id: string; respondent: Client; respondentToken: string }[];
}

export async function createUser(app: FastifyInstance, admin: Client, role: string, bodyId?: string): Promise<{ id: string; token: string }> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const res = expectStatus(await admin.post('/users', { username, password: PASSWORD, role, ...(bodyId ? { bodyId } : {}) }), 201);
  return { id: res.json().id, token: await login(app, username, PASSWORD) };
}

export async function createBody(admin: Client, categoryId: string, name = `Dinas ${randomBytes(4).toString('hex')}`): Promise<string> {
  return expectStatus(await admin.post('/bodies', { name, categoryId }), 201).json().id;
}

/**
 * A period in draft with the questionnaire for the tenant's category, the given bodies enrolled
 * (the tenant's own body first, answered by the tenant's respondent) and the tenant's assessor and
 * juror assigned to each.
 */
export async function arrangeMonev(app: FastifyInstance, t: Tenant, options: {
  period?: Record<string, unknown>;
  extraBodies?: number;
  jurorIds?: string[];
  assessorIds?: string[];
} = {}): Promise<Monev> {
  const admin = client(app, t.users.admin.token);
  const period = expectStatus(await admin.post('/periods', {
    year: 2025, title: `Monev ${randomBytes(3).toString('hex')}`, ...(options.period ?? {}),
  }), 201).json();
  expectStatus(await admin.post(`/periods/${period.id}/questionnaires`, { ...QUESTIONNAIRE, categoryIds: [t.categoryId] }), 201);
  const bodies: Monev['bodies'] = [{ id: t.bodyId, respondent: client(app, t.users.respondent.token), respondentToken: t.users.respondent.token }];
  for (let i = 0; i < (options.extraBodies ?? 0); i++) {
    const id = await createBody(admin, t.categoryId);
    const user = await createUser(app, admin, 'respondent', id);
    bodies.push({ id, respondent: client(app, user.token), respondentToken: user.token });
  }
  expectStatus(await admin.post(`/periods/${period.id}/participants`, { bodyIds: bodies.map((b) => b.id) }), 201);
  for (const b of bodies) {
    expectStatus(await admin.put(`/periods/${period.id}/participants/${b.id}/assignments`, {
      assessorIds: options.assessorIds ?? [t.users.assessor.id], jurorIds: options.jurorIds ?? [t.users.juror.id],
    }), 200);
  }
  return { periodId: period.id, bodies };
}

export async function moveTo(admin: Client, periodId: string, ...stages: string[]): Promise<void> {
  for (const to of stages) {
    const res = await admin.post(`/periods/${periodId}/transitions`, { to });
    expect(res.statusCode, `transition to ${to}: ${res.body}`).toBe(200);
  }
}
