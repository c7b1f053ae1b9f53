// The world the authorization matrix runs in: two commissions (A and B), each with a category, two
// bodies, one user per role, and a period in stage `saq` in which both bodies take part (the first
// body's participant has the assessor and the juror assigned; the second has nobody assigned).
// Arranged directly in the database so the matrix does not depend on the routes it checks.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import {
  apiKeys, assignments, bodies, categories, commissions, participants, periods, questionnaireCategories, questionnaires, users,
} from '../../src/db/schema.ts';
import { API_KEY_PREFIX, hashApiKey } from '../../src/http/auth.ts';
import { API_KEY_SCOPES, type Role, type Scope } from '../../src/http/permissions.ts';
import type { Stage } from '../../src/modules/periods/index.ts';
import { hashPassword } from '../../src/modules/users/passwords.ts';
import { normalizePeriodScoring } from '../../src/scoring/index.ts';
import { getPreset } from '../../src/scoring/presets.ts';
import { login, SUPERADMIN } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';

export type UserRole = Exclude<Role, 'superadmin'>;
export interface WorldUser { id: string; username: string; token: string }

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
  /** SCORING.md §5 settings; default { stages: { saq: 100 } } */
  scoring?: unknown;
  hasAppeal?: boolean;
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

let hashed: Promise<string> | null = null;

export async function buildWorld(app: FastifyInstance, db: Db): Promise<World> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  let counter = 0;
  const unique = (prefix = 'x') => `${prefix}-${randomBytes(3).toString('hex')}-${++counter}`;

  async function body(t: { commissionId: string; categoryId: string }): Promise<string> {
    const name = unique('Dinas');
    const [row] = await db.insert(bodies).values({ commissionId: t.commissionId, categoryId: t.categoryId, name, searchName: name.toLowerCase() }).returning();
    return row.id;
  }

  async function user(t: { commissionId: string }, role: UserRole, options: { bodyId?: string } = {}) {
    const username = unique(role);
    const [row] = await db.insert(users).values({
      commissionId: t.commissionId, username, role, passwordHash, bodyId: options.bodyId ?? null,
    }).returning();
    return { id: row.id, username };
  }

  async function period(t: Omit<TenantWorld, 'periodId' | 'questionnaireId' | 'participantId' | 'otherParticipantId'>, options: PeriodOptions = {}) {
    const scoring = normalizePeriodScoring(options.scoring ?? { stages: { saq: 100 } });
    const [p] = await db.insert(periods).values({
      commissionId: t.commissionId, year: 2025, title: unique('Monev'), stage: options.stage ?? 'saq', hasAppeal: options.hasAppeal ?? false,
      stages: scoring.stages, presentationAspects: scoring.presentationAspects, advancement: scoring.advancement,
      bands: scoring.bands, nonSubmitters: scoring.nonSubmitters,
    }).returning();
    const preset = getPreset('perki-2022-pemprov');
    if (!preset) throw new Error('the perki-2022-pemprov preset is missing');
    const [q] = await db.insert(questionnaires).values({
      commissionId: t.commissionId, periodId: p.id, code: preset.questionnaire.code, title: preset.questionnaire.title, definition: preset.questionnaire,
    }).returning();
    await db.insert(questionnaireCategories).values({ questionnaireId: q.id, periodId: p.id, categoryId: t.categoryId });
    const [mine, other] = await db.insert(participants).values([
      { commissionId: t.commissionId, periodId: p.id, bodyId: t.bodyId, categoryId: t.categoryId },
      { commissionId: t.commissionId, periodId: p.id, bodyId: t.otherBodyId, categoryId: t.categoryId },
    ]).returning();
    await db.insert(assignments).values([
      { participantId: mine.id, userId: t.users.assessor.id, role: 'assessor' },
      { participantId: mine.id, userId: t.users.juror.id, role: 'juror' },
    ]);
    return { periodId: p.id, questionnaireId: q.id, participantId: mine.id, otherParticipantId: other.id };
  }

  async function tenant(name: string): Promise<TenantWorld> {
    const [commission] = await db.insert(commissions).values({ name, level: 'provinsi', region: 'Banten' }).returning();
    const [category] = await db.insert(categories).values({ commissionId: commission.id, code: 'OPD', name: 'Organisasi Perangkat Daerah' }).returning();
    const base = { commissionId: commission.id, categoryId: category.id };
    const bodyId = await body(base);
    const otherBodyId = await body(base);
    const roles: UserRole[] = ['admin', 'assessor', 'juror', 'respondent', 'viewer'];
    const list = await Promise.all(roles.map(async (role) => {
      const u = await user(base, role, { bodyId: role === 'respondent' ? bodyId : undefined });
      return [role, { ...u, token: await login(app, u.username, PASSWORD) }] as const;
    }));
    const t = { ...base, bodyId, otherBodyId, users: Object.fromEntries(list) as Record<UserRole, WorldUser> };
    return { ...t, ...(await period(t)) };
  }

  async function newApiKey(scopes: readonly Scope[]): Promise<{ id: string; key: string }> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = await db.insert(apiKeys).values({
      commissionId: a.commissionId, name: unique('key'), prefix: key.slice(0, 12), keyHash: hashApiKey(key),
      scopes: [...scopes], createdBy: a.users.admin.id,
    }).returning();
    return { id: row.id, key };
  }
  const apiKeyWith = async (scopes: readonly Scope[]) => (await newApiKey(scopes)).key;

  const a = await tenant('KI Provinsi A');
  const b = await tenant('KI Provinsi B');
  return {
    app, db, a, b, unique, user, body, period,
    superadminToken: await login(app, SUPERADMIN.username, SUPERADMIN.password),
    apiKey: await apiKeyWith(API_KEY_SCOPES),
    apiKeyWith,
    newApiKey,
  };
}
