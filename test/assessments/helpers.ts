// Arranging a monev through the API (periods, questionnaires, participants, assignments,
// transitions) for the assessment tests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createBody, createTenant, createUser, type Tenant } from '../helpers/fixtures.ts';
import { FOUR_QUESTIONS } from '../helpers/questionnaires.ts';

export interface Monev {
  periodId: string;
  bodies: { id: string; respondent: Client; respondentToken: string }[];
}

/** A fresh body of the tenant's category with its own logged-in respondent. */
export async function bodyWithRespondent(app: FastifyInstance, t: Tenant): Promise<Monev['bodies'][number]> {
  const admin = client(app, t.users.admin.token);
  const id = await createBody(admin, t.categoryId);
  const user = await createUser(app, admin, 'respondent', id);
  return { id, respondent: client(app, user.token), respondentToken: user.token };
}

/** A participant's resource: `rest` is '' or starts with '/' ('/answers', '/score' …). */
export const participantUrl = (periodId: string, bodyId: string, rest: string) => `/periods/${periodId}/participants/${bodyId}${rest}`;

/** Where a participant's evidence files are uploaded (client.upload) and listed. */
export const evidenceUrl = (periodId: string, bodyId: string) => participantUrl(periodId, bodyId, '/evidence');

/**
 * A period in draft with FOUR_QUESTIONS for the tenant's category, the given bodies enrolled
 * (the tenant's own body first, answered by the tenant's respondent) and the tenant's assessor and
 * juror assigned to each.
 */
export async function arrangeMonev(app: FastifyInstance, t: Tenant, options: {
  period?: Record<string, unknown>;
  extraBodies?: number;
  /** bodies (with their respondents) that take part too, after the tenant's and before the extra ones */
  others?: Monev['bodies'];
  jurorIds?: string[];
  assessorIds?: string[];
} = {}): Promise<Monev> {
  const admin = client(app, t.users.admin.token);
  const period = expectStatus(await admin.post('/periods', {
    year: 2025, title: `Monev ${randomBytes(3).toString('hex')}`, ...(options.period ?? {}),
  }), 201).json();
  expectStatus(await admin.post(`/periods/${period.id}/questionnaires`, { ...FOUR_QUESTIONS, categoryIds: [t.categoryId] }), 201);
  const bodies: Monev['bodies'] = [
    { id: t.bodyId, respondent: client(app, t.users.respondent.token), respondentToken: t.users.respondent.token }, ...(options.others ?? []),
  ];
  for (let i = 0; i < (options.extraBodies ?? 0); i++) bodies.push(await bodyWithRespondent(app, t));
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

/** The world of the respondent's tests: a fresh app and commission, its admin and respondent, and body B. */
export interface RespondentWorld {
  t: TestApp;
  tenant: Tenant;
  admin: Client;
  respondent: Client;
  /** a second body of the tenant with its own respondent, enrolled in every period */
  bodyB: Monev['bodies'][number];
  /** a fresh period (settings `period`) with the tenant's body and body B, moved through `stages` */
  open(stages: string[], period?: Record<string, unknown>): Promise<string>;
}

export async function respondentWorld(): Promise<RespondentWorld> {
  const t = await createTestApp();
  const tenant = await createTenant(t.app);
  const admin = client(t.app, tenant.users.admin.token);
  const bodyB = await bodyWithRespondent(t.app, tenant);
  return {
    t, tenant, admin, bodyB, respondent: client(t.app, tenant.users.respondent.token),
    async open(stages, period) {
      const { periodId } = await arrangeMonev(t.app, tenant, { others: [bodyB], ...(period ? { period } : {}) });
      await moveTo(admin, periodId, ...stages);
      return periodId;
    },
  };
}
