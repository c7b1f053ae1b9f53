// The world the authorization matrix runs in: two commissions (A and B), each with a category, two
// bodies, one user per role, and a period in stage `saq` in which both bodies take part (the first
// body's participant has the assessor and the juror assigned; the second has nobody assigned).
// Arranged through the API, as the superadmin and the commissions' admins would (the routes it uses
// have tests of their own; a broken one fails the world's arrangement loudly, before any row runs).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import { API_KEY_SCOPES, type Scope } from '../../src/http/permissions.ts';
import type { Stage } from '../../src/modules/periods/index.ts';
import { client, expectStatus } from '../helpers/client.ts';
import { createBody, createTenant, PASSWORD, superadminToken, type TenantUser, type UserRole } from '../helpers/fixtures.ts';

export type { UserRole };
export type WorldUser = TenantUser;

export interface TenantWorld {
  commissionId: string;
  categoryId: string;
  /** the body the respondent answers for; enrolled in `periodId` with the assessor and juror assigned */
  bodyId: string;
  /** a second body of the same category, enrolled in `periodId`, nobody assigned, no respondent */
  otherBodyId: string;
  users: Record<UserRole, WorldUser>;
  /** a period in stage `saq` with a questionnaire for `categoryId` */
  periodId: string;
  questionnaireId: string;
  /** the participant of `bodyId` in `periodId` */
  participantId: string;
  otherParticipantId: string;
}

export interface PeriodOptions {
  stage?: Stage;
  /** docs/scoring.md §5 settings; default { stages: { saq: 100 } } */
  scoring?: unknown;
  hasAppeal?: boolean;
  /** the respondent submits (nothing answered) while the SAQ is open: past it, the participant is submitted and advanced */
  submitted?: boolean;
}

export interface World {
  app: FastifyInstance;
  db: Db;
  a: TenantWorld;
  b: TenantWorld;
  superadminToken: string;
  /** commission A's key with every API-key scope */
  apiKey: string;
  /** a fresh commission-A API key with exactly these scopes: the secret */
  apiKeyWith(scopes: readonly Scope[]): Promise<string>;
  /** a fresh commission-A API key with exactly these scopes: its id and secret */
  newApiKey(scopes: readonly Scope[]): Promise<{ id: string; key: string }>;
  /** a string nobody used before in this world, e.g. for codes and usernames */
  unique(prefix?: string): string;
  /** a fresh user of the tenant (not logged in) */
  user(t: TenantWorld, role: UserRole, options?: { bodyId?: string }): Promise<{ id: string; username: string }>;
  /** a fresh body of the tenant's category */
  body(t: TenantWorld): Promise<string>;
  /**
   * A fresh period of the tenant in the given stage, with the tenant's questionnaire for its category,
   * and the tenant's two bodies enrolled as in `TenantWorld` (the assessor and juror assigned to the first).
   */
  period(t: TenantWorld, options?: PeriodOptions): Promise<{ periodId: string; questionnaireId: string; participantId: string; otherParticipantId: string }>;
}

export async function buildWorld(app: FastifyInstance, db: Db): Promise<World> {
  let counter = 0;
  const unique = (prefix = 'x') => `${prefix}-${randomBytes(3).toString('hex')}-${++counter}`;
  const adminOf = (t: { users: Record<UserRole, WorldUser> }) => client(app, t.users.admin.token);

  const body = (t: Pick<TenantWorld, 'categoryId' | 'users'>) => createBody(adminOf(t), t.categoryId, unique('Dinas'));

  async function user(t: Pick<TenantWorld, 'users'>, role: UserRole, options: { bodyId?: string } = {}) {
    const username = unique(role);
    const res = expectStatus(await adminOf(t).post('/users', { username, password: PASSWORD, role, ...(options.bodyId ? { bodyId: options.bodyId } : {}) }), 201);
    return { id: res.json().id as string, username };
  }

  async function period(t: Omit<TenantWorld, 'periodId' | 'questionnaireId' | 'participantId' | 'otherParticipantId'>, options: PeriodOptions = {}) {
    const admin = adminOf(t);
    const created = expectStatus(await admin.post('/periods', {
      year: 2025, title: unique('Monev'), appeal: options.hasAppeal ?? false, ...(options.scoring ?? { stages: { saq: 100 } }),
    }), 201).json();
    const periodId: string = created.id;
    const questionnaireId: string = expectStatus(await admin.post(`/periods/${periodId}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [t.categoryId] }), 201).json().id;
    expectStatus(await admin.post(`/periods/${periodId}/participants`, { bodyIds: [t.bodyId, t.otherBodyId] }), 201);
    expectStatus(await admin.put(`/periods/${periodId}/participants/${t.bodyId}/assignments`, { assessorIds: [t.users.assessor.id], jurorIds: [t.users.juror.id] }), 200);
    const path = created.stagePath as Stage[];
    for (const to of path.slice(1, path.indexOf(options.stage ?? 'saq') + 1)) {
      expectStatus(await admin.post(`/periods/${periodId}/transitions`, { to }), 200);
      if (to === 'saq' && options.submitted) {
        expectStatus(await client(app, t.users.respondent.token).post(`/periods/${periodId}/participants/${t.bodyId}/submission`), 200);
      }
    }
    const listed = expectStatus(await admin.get(`/periods/${periodId}/participants`), 200).json().items as { id: string; bodyId: string }[];
    const idOf = (bodyId: string) => listed.find((x) => x.bodyId === bodyId)!.id;
    return { periodId, questionnaireId, participantId: idOf(t.bodyId), otherParticipantId: idOf(t.otherBodyId) };
  }

  async function tenant(name: string): Promise<TenantWorld> {
    const base = await createTenant(app, name);
    const t = { ...base, otherBodyId: await body(base) };
    return { ...t, ...(await period(t)) };
  }

  async function newApiKey(scopes: readonly Scope[]): Promise<{ id: string; key: string }> {
    const res = expectStatus(await adminOf(a).post('/api-keys', { name: unique('key'), scopes: [...scopes] }), 201).json();
    return { id: res.id, key: res.key };
  }
  const apiKeyWith = async (scopes: readonly Scope[]) => (await newApiKey(scopes)).key;

  const a = await tenant('KI Provinsi A');
  const b = await tenant('KI Provinsi B');
  return {
    app, db, a, b, unique, user, body, period,
    superadminToken: await superadminToken(app),
    apiKey: await apiKeyWith(API_KEY_SCOPES),
    apiKeyWith,
    newApiKey,
  };
}
