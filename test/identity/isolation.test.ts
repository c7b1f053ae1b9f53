// Tenant isolation, walked over every registered route: no user or key of commission A reads anything
// of commission B. Every GET route is called by each of A's actors (1) with B's identifiers in the
// path — the answer must be 404 (or 403 where the role lacks the permission), never data — and (2)
// with A's own identifiers — whatever comes back must not mention any of B's identifiers or names.
// Inside A, assessors, jurors and respondents are walked over a participant that is not theirs.
// Writes across commissions are covered row by row by the authorization matrix (`otherAdmin`).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, appeals, evidenceFiles, webhookSubscriptions } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { buildWorld, type TenantWorld, type World } from '../authz/world.ts';

let t: TestApp;
let w: World;
const ids = { a: {} as Record<string, string>, b: {} as Record<string, string> };
const secretsOfB: string[] = [];

/**
 * One identifier per kind of path parameter, for both commissions. The key, appeal and file are
 * written directly: an appeal in the SAQ stage is a state no API call leaves, and rows are all the
 * walk needs (it reads them, it never uses the key or the file's content).
 */
async function identifiers(tenant: TenantWorld): Promise<Record<string, string>> {
  const [key] = await w.db.insert(apiKeys).values({
    commissionId: tenant.commissionId, name: w.unique('key'), prefix: 'kip_isolation', keyHash: randomBytes(32).toString('hex'),
    scopes: ['rankings:read'], createdBy: tenant.users.admin.id,
  }).returning();
  const [appeal] = await w.db.insert(appeals).values({ participantId: tenant.participantId, questionCode: '1.1', reason: w.unique('sanggah') }).returning();
  const [file] = await w.db.insert(evidenceFiles).values({
    commissionId: tenant.commissionId, participantId: tenant.participantId, filename: `${w.unique('bukti')}.pdf`, contentType: 'application/pdf',
    size: 10, sha256: '0'.repeat(64), storageKey: w.unique('blob'),
  }).returning();
  const [webhook] = await w.db.insert(webhookSubscriptions).values({
    commissionId: tenant.commissionId, url: `https://${w.unique('penerima')}.example.id/kip`, events: ['period.stage_changed'],
    secret: `whsec_${randomBytes(24).toString('base64')}`, createdBy: tenant.users.admin.id,
  }).returning();
  return {
    commissionId: tenant.commissionId, categoryId: tenant.categoryId, bodyId: tenant.bodyId, periodId: tenant.periodId,
    questionnaireId: tenant.questionnaireId, participantId: tenant.participantId, userId: tenant.users.viewer.id,
    keyId: key!.id, appealId: appeal!.id, fileId: file!.id, evidenceId: file!.id, webhookId: webhook!.id, version: '1',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app, t.database.db);
  ids.a = await identifiers(w.a);
  ids.b = await identifiers(w.b);
  const b = w.b;
  secretsOfB.push(b.commissionId, b.categoryId, b.bodyId, b.otherBodyId, b.periodId, b.questionnaireId, b.participantId, b.otherParticipantId,
    ...Object.values(b.users).flatMap((u) => [u.id, u.username]), ids.b.keyId!, ids.b.appealId!, ids.b.fileId!, ids.b.webhookId!);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const ACTORS = ['admin', 'assessor', 'juror', 'respondent', 'viewer', 'apiKey'] as const;
const tokenOf = (actor: (typeof ACTORS)[number]) => (actor === 'apiKey' ? w.apiKey : w.a.users[actor].token);

function fill(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`test/identity/isolation.test.ts has no identifier for the path parameter ":${name}" (${url}): add one to identifiers()`);
    return values[name]!;
  });
}

const getRoutes = () => t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && r.permission !== 'public');

describe('tenant isolation over every GET route', () => {
  it('walks a meaningful number of routes', () => {
    expect(getRoutes().length).toBeGreaterThanOrEqual(5);
  });

  it('B\'s identifiers in the path answer 404 (or 403 without the permission) to every actor of A', async () => {
    const leaks: string[] = [];
    for (const route of getRoutes().filter((r) => r.url.includes('/:'))) {
      const url = fill(route.url, ids.b);
      for (const actor of ACTORS) {
        const res = await call(t.app, tokenOf(actor), { url });
        if (res.statusCode !== 404 && res.statusCode !== 403) leaks.push(`${actor} GET ${url} (${route.url}) → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('nothing A\'s actors read with their own identifiers mentions B', async () => {
    const leaks: string[] = [];
    for (const route of getRoutes()) {
      const url = fill(route.url, ids.a);
      for (const actor of ACTORS) {
        const res = await call(t.app, tokenOf(actor), { url });
        const found = secretsOfB.filter((s) => res.body.includes(s));
        if (found.length > 0) leaks.push(`${actor} GET ${url} → ${res.statusCode} mentions ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('assessors and jurors reach only assigned participants, respondents only their own body', async () => {
    const leaks: string[] = [];
    const unassigned = { ...ids.a, bodyId: w.a.otherBodyId, participantId: w.a.otherParticipantId };
    const hidden = [w.a.otherBodyId, w.a.otherParticipantId];
    for (const route of getRoutes().filter((r) => r.url.startsWith('/api/v1/periods/:periodId'))) {
      const url = fill(route.url, unassigned);
      for (const actor of ['assessor', 'juror', 'respondent'] as const) {
        const res = await call(t.app, tokenOf(actor), { url });
        if (route.url.includes(':bodyId') && res.statusCode !== 404 && res.statusCode !== 403) {
          leaks.push(`${actor} GET ${url} (${route.url}) → ${res.statusCode}`);
        } else if (res.statusCode < 300 && hidden.some((h) => res.body.includes(h))) {
          leaks.push(`${actor} GET ${url} (${route.url}) → ${res.statusCode} mentions the unassigned participant`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the walk sees data: A\'s admin reads its own users and audit log', async () => {
    const users = await call(t.app, w.a.users.admin.token, { url: '/api/v1/users?limit=500' });
    expect(users.json().items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining(Object.values(w.a.users).map((u) => u.id)));
  });
});
