// The demo seed: a Banten-like commission, usable through the API with the printed credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { run, seedDemo, type DemoResult } from '../../src/commands/seed-demo.ts';
import { adjustments, appeals, bodies, participants } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { login } from '../helpers/client.ts';
import { client } from '../helpers/client.ts';

let t: TestApp;
let demo: DemoResult;
const PASSWORD = 'demo-password-2025';
beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  demo = await seedDemo(t.database.db, { stage: 'deliberation', password: PASSWORD });
  console.log(`[seed-demo] loaded to deliberation in ${(performance.now() - started).toFixed(0)} ms`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('seed-demo', () => {
  it('prints credentials for every role, and they log in', async () => {
    const roles = new Set(demo.credentials.map((c) => c.role));
    expect([...roles].sort()).toEqual(['admin', 'assessor', 'juror', 'respondent', 'viewer']);
    for (const cred of demo.credentials) expect(await login(t.app, cred.username, cred.password)).toBeTruthy();
  });

  it('is shaped like Banten 2025: 5 categories on their own presets, 107 enrolled, 77 submitted', async () => {
    const admin = client(t.app, await login(t.app, 'admin.banten', PASSWORD));
    const categories = (await admin.get('/categories')).json().items as { id: string; code: string }[];
    expect(categories.map((x) => x.code)).toEqual(['BUMD', 'DESA', 'LNS', 'OPD', 'PEMKAB-KOTA']);
    const codeOf = new Map(categories.map((c) => [c.id, c.code]));
    expect((await admin.get('/bodies?limit=500')).json().items).toHaveLength(107);
    const period = (await admin.get(`/periods/${demo.periodId}`)).json();
    expect(period).toMatchObject({
      year: 2025, stage: 'deliberation', participantCount: 107, stages: { saq: 70, visitation: 10, presentation: 20 }, appeal: true, maxAdjustment: 5,
    });
    expect(period.stagePath).toEqual(['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed']);
    // each category on its own preset
    const qs = (await admin.get(`/periods/${demo.periodId}/questionnaires`)).json().items as { code: string; categoryIds: string[] }[];
    expect(Object.fromEntries(qs.map((q) => [q.categoryIds.map((id) => codeOf.get(id)).join(), q.code]))).toEqual({
      OPD: 'monev-2025-opd', 'PEMKAB-KOTA': 'monev-2025-pemkab-pemkot', LNS: 'monev-2025-lns-lpnk', BUMD: 'monev-2025-bumd', DESA: 'monev-2025-desa',
    });
    const items = (await admin.get(`/periods/${demo.periodId}/participants?limit=500`)).json().items as
      { bodyId: string; categoryId: string; status: string; finalScore: number | null; bandCode: string; advanced: boolean; assessorIds: string[]; jurorIds: string[] }[];
    expect(items).toHaveLength(107);
    const by = (status: string) => items.filter((p) => p.status === status);
    expect(by('submitted')).toHaveLength(77);
    expect(by('not_submitted')).toHaveLength(30);
    const submittedPer: Record<string, number> = {};
    for (const p of by('submitted')) submittedPer[codeOf.get(p.categoryId) ?? ''] = (submittedPer[codeOf.get(p.categoryId) ?? ''] ?? 0) + 1;
    expect(submittedPer).toEqual({ OPD: 40, 'PEMKAB-KOTA': 8, LNS: 11, BUMD: 14, DESA: 4 });
    // the non-submitters are spread over the categories
    expect(new Set(by('not_submitted').map((p) => codeOf.get(p.categoryId))).size).toBe(4);
    const scored = by('submitted').filter((p) => p.finalScore !== null);
    expect(scored.length).toBe(77);
    expect(new Set(scored.map((p) => p.bandCode)).size).toBeGreaterThan(1);
    expect(items.some((p) => p.advanced)).toBe(true);
    expect(items.some((p) => p.advanced === false)).toBe(true);
    expect(items.every((p) => p.assessorIds.length === 1 && p.jurorIds.length === 3)).toBe(true);
  });

  it('has visitation scores, one resolved appeal and one adjustment at deliberation', async () => {
    const db = t.database.db;
    const rows = await db.select().from(participants).where(eq(participants.periodId, demo.periodId));
    const advanced = rows.filter((p) => p.advanced === true);
    expect(advanced.length).toBeGreaterThan(0);
    expect(advanced.every((p) => p.visitationScore !== null && p.visitationStageScore !== null)).toBe(true);
    const ids = new Set(rows.map((p) => p.id));
    const allAppeals = (await db.select().from(appeals)).filter((a) => ids.has(a.participantId));
    expect(allAppeals).toHaveLength(1);
    expect(allAppeals[0]).toMatchObject({ status: 'revised' });
    expect(allAppeals[0]?.evidence).toEqual([{ url: expect.stringMatching(/^https:\/\//) }]);
    const allAdjustments = (await db.select().from(adjustments)).filter((a) => ids.has(a.participantId));
    expect(allAdjustments).toHaveLength(1);
    expect(Number(allAdjustments[0]?.points)).toBe(2);
    expect(allAdjustments[0]?.reason).toMatch(/presentasi/);
    expect(advanced.map((p) => p.id)).toContain(allAdjustments[0]?.participantId);
  });

  it('is deterministic; stopped at appeal, its appeal is still open', async () => {
    const a = await createTestApp();
    try {
      const at = await seedDemo(a.database.db, { stage: 'appeal', password: PASSWORD });
      expect(at.stage).toBe('appeal');
      const rows = await a.database.db.select().from(participants).where(eq(participants.periodId, at.periodId));
      const open = (await a.database.db.select().from(appeals)).filter((x) => rows.some((p) => p.id === x.participantId));
      expect(open.map((x) => x.status)).toEqual(['open']);
      // same bodies and verified SAQ scores as the full demo
      const full = await t.database.db.select().from(participants).where(eq(participants.periodId, demo.periodId));
      const key = (ps: typeof rows, names: Map<string, string>) => ps.map((p) => `${names.get(p.bodyId)}:${p.status}:${p.selfAssessedSaq}`).sort();
      const namesOf = async (d: typeof a.database.db) => new Map((await d.select().from(bodies)).map((b) => [b.id, b.name]));
      expect(key(rows, await namesOf(a.database.db))).toEqual(key(full, await namesOf(t.database.db)));
    } finally {
      await a.close();
    }
  }, 120_000);

  it.each(['draft', 'saq', 'verification', 'visitation', 'presentation'] as const)('stops at %s', async (stage) => {
    const a = await createTestApp();
    try {
      expect((await seedDemo(a.database.db, { stage, password: PASSWORD })).stage).toBe(stage);
    } finally {
      await a.close();
    }
  }, 120_000);

  it('refuses to load twice, and the command checks its options', async () => {
    await expect(seedDemo(t.database.db)).rejects.toThrow(/already loaded/);
    expect(await run(['--stage', 'finished'])).toBe(2);
    expect(await run(['--password', 'short'])).toBe(2);
    expect(await run(['--colour'])).toBe(2);
    expect(await run(['--help'])).toBe(0);
  });
});
