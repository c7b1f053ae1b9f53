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
  it('fixes one result set for two concurrent requests with one key; the other is a 409 or a replay, as is a retry', async () => {
    const request = {
      method: 'POST' as const, url: `/api/v1/periods/${period.periodId}/results`,
      headers: { 'idempotency-key': 'sk-penetapan-2025' },
      // a reason, so that a second version would be allowed if the key did not stop it
      payload: { decreeNumber: '52/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20', reason: 'Penetapan hasil monev' },
    };
    const answers = await Promise.all([call(t.app, a.users.admin.token, request), call(t.app, a.users.admin.token, request)]);
    const won = answers.find((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined)!;
    expect(won).toBeDefined();
    const lost = answers.find((r) => r !== won)!;
    if (lost.statusCode === 409) {
      expect(lost.json().detail).toMatch(/Idempotency-Key was answered meanwhile/);
    } else {
      // the embedded database runs one transaction at a time, so the second request may start after
      // the first committed: then it is a replay
      expect([lost.statusCode, lost.headers['idempotent-replayed'], lost.body]).toEqual([201, 'true', won.body]);
    }

    const list = await call(t.app, a.users.admin.token, { url: `/api/v1/periods/${period.periodId}/results` });
    expect(list.json().items.map((s: { version: number }) => s.version)).toEqual([1]);

    const retry = await call(t.app, a.users.admin.token, request);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(won.body);
  });
});
