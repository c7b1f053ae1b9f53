// The demo seed: a Banten-like commission, usable through the API with the printed credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seedDemo, type DemoResult } from '../../src/commands/seed-demo.ts';
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

  it('loads categories, 40 bodies and a 2025 period carried to deliberation with fictional scores', async () => {
    const admin = client(t.app, await login(t.app, 'admin.banten', PASSWORD));
    expect((await admin.get('/categories')).json().items.map((x: { code: string }) => x.code)).toEqual(['BUMD', 'OPD', 'PEMKAB-KOTA', 'VERTIKAL']);
    expect((await admin.get('/bodies?limit=500')).json().items).toHaveLength(40);
    const period = (await admin.get(`/periods/${demo.periodId}`)).json();
    expect(period).toMatchObject({ year: 2025, stage: 'deliberation', participantCount: 40, stages: { saq: 70, presentation: 30 }, appeal: true });
    // one preset per category (OPD, kabupaten/kota, BUMD, instansi vertikal)
    expect((await admin.get(`/periods/${demo.periodId}/questionnaires`)).json().items).toHaveLength(4);
    const items = (await admin.get(`/periods/${demo.periodId}/participants?limit=500`)).json().items;
    const by = (status: string) => items.filter((p: { status: string }) => p.status === status);
    expect(by('submitted').length).toBeGreaterThan(30);
    expect(by('not_submitted').length).toBeGreaterThan(0);
    const scored = by('submitted').filter((p: { finalScore: number | null }) => p.finalScore !== null);
    expect(scored.length).toBe(by('submitted').length);
    expect(new Set(scored.map((p: { bandCode: string }) => p.bandCode)).size).toBeGreaterThan(1);
    expect(items.some((p: { advanced: boolean }) => p.advanced === true)).toBe(true);
    expect(items.some((p: { advanced: boolean }) => p.advanced === false)).toBe(true);
    expect(items.every((p: { assessorIds: string[]; jurorIds: string[] }) => p.assessorIds.length === 1 && p.jurorIds.length === 3)).toBe(true);
  });

  it('refuses to load twice, and the command checks its options', async () => {
    await expect(seedDemo(t.database.db)).rejects.toThrow(/already loaded/);
    expect(await run(['--stage', 'finished'])).toBe(2);
    expect(await run(['--password', 'short'])).toBe(2);
    expect(await run(['--colour'])).toBe(2);
    expect(await run(['--help'])).toBe(0);
  });
});
