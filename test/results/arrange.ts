// Arranging a scored period for the results tests through the API, as a commission runs a monev:
// the admin creates the period, categories, questionnaire (TWO_BY_TWO), bodies with their
// respondents, and jurors; the respondents answer and submit, the tenant's assessor verifies and
// visits, the jurors score the presentation, and the admin moves the period stage by stage. The
// scores the results module reads are the ones the live pipeline materialised on the way.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Stage } from '../../src/modules/periods/index.ts';
import type { Advancement, AnswerValue } from '../../src/scoring/index.ts';
import { client, expectStatus, login, type Client } from '../helpers/client.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createBody, createTenant, createUser, PASSWORD, type Tenant } from '../helpers/fixtures.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';

export { ALL, A_ONLY, HALF } from '../helpers/questionnaires.ts';

export interface BodySpec {
  /** unique in the tenant: the API refuses a second body of the same name */
  name: string;
  /** index into the categories of the period spec (default 0) */
  category?: number;
  /** submitted (default) or not: a body that does not submit is marked not_submitted when the SAQ closes */
  status?: 'submitted' | 'not_submitted';
  answers?: Record<string, AnswerValue>;
  /** the assessor accepts every answer, or adjusts the ones given here (with a note); 'none': no decisions */
  verified?: Record<string, AnswerValue> | 'none';
  visitation?: number;
  /** aspect scores per juror index */
  presentation?: { juror: number; aspects: Record<string, number> }[];
}

export interface PeriodSpec {
  year?: number;
  /** the stage the period is left in */
  stage: Stage;
  stages: Record<string, number>;
  presentationAspects?: Record<string, number>;
  /** the evaluation stages in the order they run, and the stages' display names (docs/scoring.md §5) */
  evaluationOrder?: string[];
  stageLabels?: Record<string, string>;
  advancement?: Advancement;
  nonSubmitters?: 'not_scored' | 'tidak_informatif';
  maxAdjustment?: number | string;
  jurorDeviationThreshold?: number;
  /** categories to create (code, name); bodies refer to them by index */
  categories: { code: string; name: string }[];
  /** the questionnaire every category uses (default TWO_BY_TWO) */
  questionnaire?: object;
  bodies: BodySpec[];
  jurors?: number;
  /** the categories (instead of `categories`) and bodies (by name; others are created) of an earlier period, taking part again */
  reuse?: Pick<Arranged, 'categoryIds' | 'bodyIds'>;
}

export interface Arranged {
  periodId: string;
  categoryIds: string[];
  /** by body name */
  bodyIds: Record<string, string>;
  participantIds: Record<string, string>;
  jurorIds: string[];
}

const at = (periodId: string, bodyId: string, rest: string) => `/periods/${periodId}/participants/${bodyId}${rest}`;

async function moveTo(admin: Client, periodId: string, to: string, reason?: string) {
  expectStatus(await admin.post(`/periods/${periodId}/transitions`, { to, ...(reason ? { reason } : {}) }), 200);
}

export async function arrangePeriod(app: FastifyInstance, tenant: Tenant, spec: PeriodSpec): Promise<Arranged> {
  const suffix = randomBytes(3).toString('hex');
  const admin = client(app, tenant.users.admin.token);
  const assessor = client(app, tenant.users.assessor.token);
  const year = spec.year ?? 2025;
  const period = expectStatus(await admin.post('/periods', {
    year, title: `Monev KIP ${year} ${suffix}`, stages: spec.stages,
    ...(spec.presentationAspects ? { presentationAspects: spec.presentationAspects } : {}),
    ...(spec.evaluationOrder ? { evaluationOrder: spec.evaluationOrder } : {}),
    ...(spec.stageLabels ? { stageLabels: spec.stageLabels } : {}),
    ...(spec.advancement ? { advancement: spec.advancement } : {}),
    ...(spec.nonSubmitters ? { nonSubmitters: spec.nonSubmitters } : {}),
    ...(spec.maxAdjustment !== undefined ? { maxAdjustment: spec.maxAdjustment } : {}),
    ...(spec.jurorDeviationThreshold === undefined ? {} : { jurorDeviationThreshold: spec.jurorDeviationThreshold }),
  }), 201).json();
  const p: string = period.id;
  const categoryIds: string[] = [...(spec.reuse?.categoryIds ?? [])];
  for (const c of spec.reuse ? [] : spec.categories) {
    categoryIds.push(expectStatus(await admin.post('/categories', { code: `${c.code}-${suffix}`, name: c.name }), 201).json().id);
  }
  expectStatus(await admin.post(`/periods/${p}/questionnaires`, { ...(spec.questionnaire ?? TWO_BY_TWO), categoryIds }), 201);

  const jurors = await Promise.all(Array.from({ length: spec.jurors ?? 0 }, async (_, i) => {
    const username = `juri-${i + 1}-${suffix}`;
    const id: string = expectStatus(await admin.post('/users', { username, displayName: `Juri ${i + 1}`, password: PASSWORD, role: 'juror' }), 201).json().id;
    return { id, as: client(app, await login(app, username, PASSWORD)) };
  }));

  const bodyIds: Record<string, string> = {};
  const respondents: Record<string, Client> = {};
  // one after the other: bodies created side by side in one commission sometimes answer 500
  for (const b of spec.bodies) bodyIds[b.name] = spec.reuse?.bodyIds[b.name] ?? await createBody(admin, categoryIds[b.category ?? 0]!, b.name);
  // side by side: most of the time goes into hashing the respondents' passwords and logging them in
  await Promise.all(spec.bodies.filter((b) => (b.status ?? 'submitted') === 'submitted').map(async (b) => {
    respondents[b.name] = client(app, (await createUser(app, admin, 'respondent', bodyIds[b.name])).token);
  }));
  expectStatus(await admin.post(`/periods/${p}/participants`, { bodyIds: Object.values(bodyIds) }), 201);
  for (const id of Object.values(bodyIds)) {
    expectStatus(await admin.put(at(p, id, '/assignments'), { assessorIds: [tenant.users.assessor.id], jurorIds: jurors.map((j) => j.id) }), 200);
  }

  const submitting = spec.bodies.filter((b) => (b.status ?? 'submitted') === 'submitted');
  const path = (period.stagePath as Stage[]).slice(1, (period.stagePath as Stage[]).indexOf(spec.stage) + 1);
  for (const stage of path) {
    await moveTo(admin, p, stage);
    for (const b of submitting) {
      const id = bodyIds[b.name]!;
      const given = b.answers ?? {};
      if (stage === 'saq') {
        if (Object.keys(given).length) {
          expectStatus(await respondents[b.name]!.put(at(p, id, '/answers'), { answers: Object.entries(given).map(([question, value]) => ({ question, value })) }), 200);
        }
        expectStatus(await respondents[b.name]!.post(at(p, id, '/submission')), 200);
      }
      if (stage === 'verification' && b.verified !== 'none') {
        const adjusted = b.verified ?? {};
        const codes = [...new Set([...Object.keys(given), ...Object.keys(adjusted)])];
        if (codes.length) {
          expectStatus(await assessor.put(at(p, id, '/verifications'), {
            decisions: codes.map((question) => (question in adjusted
              ? { question, decision: 'adjust', value: adjusted[question], note: 'koreksi' }
              : { question, decision: 'accept' })),
          }), 200);
        }
      }
      if (stage === 'visitation' && b.visitation !== undefined) {
        expectStatus(await assessor.put(at(p, id, '/visitation'), { score: b.visitation }), 200);
      }
      if (stage === 'presentation') {
        for (const entry of b.presentation ?? []) {
          expectStatus(await jurors[entry.juror]!.as.put(at(p, id, '/presentation'), { aspects: entry.aspects }), 200);
        }
      }
    }
  }

  const listed = expectStatus(await admin.get(`/periods/${p}/participants?limit=500`), 200).json().items as { id: string; bodyId: string }[];
  const participantIds = Object.fromEntries(Object.entries(bodyIds).map(([name, id]) => [name, listed.find((x) => x.bodyId === id)!.id]));
  return { periodId: p, categoryIds, bodyIds, participantIds, jurorIds: jurors.map((j) => j.id) };
}

/**
 * A corrected visitation score, as a commission makes one after the fact: the period goes back to
 * the visitation stage (with a reason), the assessor enters the score, and the period goes forward
 * to the stage it was in.
 */
export async function correctVisitation(app: FastifyInstance, tenant: Tenant, arranged: Arranged, bodyName: string, score: number) {
  const admin = client(app, tenant.users.admin.token);
  const p = arranged.periodId;
  const period = expectStatus(await admin.get(`/periods/${p}`), 200).json();
  const path = period.stagePath as Stage[];
  const from = path.indexOf(period.stage);
  const visitation = path.indexOf('visitation');
  for (let i = from - 1; i >= visitation; i--) await moveTo(admin, p, path[i]!, `Koreksi nilai visitasi ${bodyName}`);
  expectStatus(await client(app, tenant.users.assessor.token).put(at(p, arranged.bodyIds[bodyName]!, '/visitation'), { score }), 200);
  for (let i = visitation + 1; i <= from; i++) await moveTo(admin, p, path[i]!);
}

/** A fresh app, a commission in it and one period arranged by `spec`: what a file about one period starts from. */
export async function appWithPeriod(spec: PeriodSpec): Promise<{ t: TestApp; a: Tenant; period: Arranged }> {
  const t = await createTestApp();
  const a = await createTenant(t.app);
  return { t, a, period: await arrangePeriod(t.app, a, spec) };
}
