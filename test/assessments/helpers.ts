// Arranging a monev through the API (periods, questionnaires, participants, assignments,
// transitions) for the assessment tests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createBody, createUser, type Tenant } from '../helpers/fixtures.ts';
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

/** Where a participant's evidence files are uploaded (client.upload) and listed. */
export const evidenceUrl = (periodId: string, bodyId: string) => `/periods/${periodId}/participants/${bodyId}/evidence`;

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
