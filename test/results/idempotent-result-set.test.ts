// An Idempotency-Key is kept in the transaction of the write it answers. Two requests racing with
// one key — a client's retry that overtakes its first attempt — must not both write: fixing a result
// set twice would make two decree versions. (Kept after the commit, as it once was, both passed the
// key check before either had committed, and versions 1 and 2 were both created.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import type { Tenant } from '../helpers/fixtures.ts';
import { ALL, HALF, appWithPeriod, type Arranged } from './arrange.ts';

let t: TestApp;
let a: Tenant;
let period: Arranged;

beforeAll(async () => {
  ({ t, a, period } = await appWithPeriod({
    stage: 'deliberation',
    stages: { saq: 100 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    bodies: [{ name: 'Dinas Kominfo', answers: ALL }, { name: 'Dinas Pendidikan', answers: HALF }],
  }));
}, 120_000);
afterAll(async () => t?.close());

describe('Idempotency-Key under a race', () => {
  it('fixes one result set for two concurrent requests with one key; the loser is a 409, a retry replays', async () => {
    const request = {
      method: 'POST' as const, url: `/api/v1/periods/${period.periodId}/results`,
      headers: { 'idempotency-key': 'sk-penetapan-2025' },
      // a reason, so that a second version would be allowed if the key did not stop it
      payload: { decreeNumber: '52/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20', reason: 'Penetapan hasil monev' },
    };
    const answers = await Promise.all([call(t.app, a.users.admin.token, request), call(t.app, a.users.admin.token, request)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const lost = answers.find((r) => r.statusCode === 409)!;
    expect(lost.json().detail).toMatch(/Idempotency-Key was answered meanwhile/);

    const list = await call(t.app, a.users.admin.token, { url: `/api/v1/periods/${period.periodId}/results` });
    expect(list.json().items.map((s: { version: number }) => s.version)).toEqual([1]);

    const won = answers.find((r) => r.statusCode === 201)!;
    const retry = await call(t.app, a.users.admin.token, request);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(won.body);
  });
});
