// The dispatcher as the app runs it: started with the app, woken by the commit that writes an event
// (the poll here is 10 minutes, so only the wake-up can deliver in time), and stopped within its
// grace when the app closes, even while a receiver hangs; the interrupted attempt is recorded.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webhookDeliveries } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { expectStatus } from '../helpers/client.ts';
import { saqPeriod, startReceiver, type Receiver, type SaqPeriod } from './helpers.ts';

let t: TestApp;
let r: Receiver;
let m: SaqPeriod;
let webhookId: string;

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_INTERVAL_MS: '600000' });
  r = await startReceiver();
  m = await saqPeriod(t.app);
  webhookId = expectStatus(await m.admin.post('/webhooks', { url: r.url, events: ['submission.submitted', 'submission.reopened'] }), 201).json().id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await r?.close();
});

it('delivers an event as soon as its change commits', async () => {
  const submitted = performance.now();
  expectStatus(await m.respondent.post(`${m.participant}/submission`), 200);
  await r.waitFor(1, 5_000);
  expect(r.received[0]!.at - (performance.timeOrigin + submitted)).toBeLessThan(5_000);
  expect(JSON.parse(r.received[0]!.body)).toMatchObject({ type: 'submission.submitted' });
});

it('stops within its grace when the app closes, while a receiver hangs', async () => {
  r.answer(() => 'hang');
  expectStatus(await m.admin.delete(`${m.participant}/submission`, undefined, { 'x-audit-reason': 'Perbaikan' }), 200);
  await r.waitFor(2, 5_000);
  const started = performance.now();
  await t.app.close();
  // 2 s of grace, then the attempt is interrupted and recorded, far below the 10 s time-out
  expect(performance.now() - started).toBeLessThan(6_000);
  const rows = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, webhookId));
  const interrupted = rows.find((d) => d.status !== 'succeeded');
  expect(interrupted).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'interrupted: the instance was shutting down' });
});
