// Webhooks end to end: subscriptions through the API, deliveries to a real HTTP receiver on
// loopback (WEBHOOK_ALLOW_PRIVATE), signatures checked by an independent implementation
// (standardwebhooks), retries, time-outs, rotation and auto-disable on a clock the test moves.
// The app's own polling is off (WEBHOOK_DELIVERY=false): each test drives the dispatcher with drain().
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../../src/modules/webhooks/dispatcher.ts';
import { retryDelayMs } from '../../src/modules/webhooks/retry-schedule.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus } from '../helpers/client.ts';
import { fakeClock, saqPeriod, startReceiver, verify, type Receiver, type SaqPeriod } from './helpers.ts';

const clock = fakeClock();
const TIMEOUT_MS = 1_500;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
let strict: TestApp;
const receivers: Receiver[] = [];

beforeAll(async () => {
  // random 0.5: the jitter factor is exactly 1, so the schedule can be asserted
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DELIVERY: 'false' }, { webhooks: { clock, random: () => 0.5, timeoutMs: TIMEOUT_MS } });
  strict = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
}, 60_000);
afterEach(async () => {
  clock.reset();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await t?.close();
  await strict?.close();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

interface Created { id: string; secret: string; version: number }
async function subscribe(m: SaqPeriod, url: string, events = ['submission.submitted']): Promise<Created> {
  return expectStatus(await m.admin.post('/webhooks', { url, events, description: 'Portal PPID' }), 201).json();
}

const submit = async (m: SaqPeriod) => expectStatus(await m.respondent.post(`${m.participant}/submission`), 200);
const reopen = async (m: SaqPeriod) => expectStatus(await m.admin.delete(`${m.participant}/submission`, undefined, { 'x-audit-reason': 'Perbaikan jawaban' }), 200);

interface Delivery {
  id: string; eventId: string; type: string; status: string; attempts: number; nextAttemptAt: string | null;
  lastAttempt: { at: string; statusCode: number | null; durationMs: number | null; response: string | null; error: string | null } | null;
}
const deliveries = async (m: SaqPeriod, hook: { id: string }): Promise<Delivery[]> =>
  expectStatus(await m.admin.get(`/webhooks/${hook.id}/deliveries`), 200).json().items;
const drain = () => t.app.webhooks.drain();

describe('webhook subscriptions', () => {
  it('are created with a secret shown once, then read, changed and deleted, audited without the secret', async () => {
    const r = await receiver();
    const m = await saqPeriod(t.app);
    const res = expectStatus(await m.admin.post('/webhooks', { url: r.url, events: ['result_set.published'], description: 'Portal PPID Provinsi Banten' }), 201);
    const created = res.json();
    expect(created).toMatchObject({ url: r.url, events: ['result_set.published'], description: 'Portal PPID Provinsi Banten', enabled: true, version: 1 });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    expect(res.headers.location).toBe(`/api/v1/webhooks/${created.id}`);
    expect(res.headers['cache-control']).toBe('no-store');

    const read = expectStatus(await m.admin.get(`/webhooks/${created.id}`), 200);
    expect(read.json()).not.toHaveProperty('secret');
    expect(read.headers.etag).toBe('"1"');
    expect(expectStatus(await m.admin.get('/webhooks'), 200).json().items).toEqual([read.json()]);

    const changed = expectStatus(await m.admin.patch(`/webhooks/${created.id}`, { events: ['result_set.published', 'result_set.created'], description: null }, { 'if-match': '"1"' }), 200).json();
    expect(changed).toMatchObject({ events: ['result_set.published', 'result_set.created'], description: null, version: 2 });
    expect(changed).not.toHaveProperty('secret');
    expectStatus(await m.admin.patch(`/webhooks/${created.id}`, { description: 'x' }, { 'if-match': '"1"' }), 412);
    expectStatus(await m.admin.patch(`/webhooks/${created.id}`, {}), 400);
    expectStatus(await m.admin.post('/webhooks', { url: r.url, events: ['period.deleted'] }), 400);
    expectStatus(await m.admin.post('/webhooks', { url: r.url, events: [] }), 400);
    expectStatus(await m.admin.post('/webhooks', { url: r.url, events: ['result_set.published'] }, { 'idempotency-key': 'k-1' }), 400);

    expectStatus(await m.admin.delete(`/webhooks/${created.id}`), 204);
    expectStatus(await m.admin.get(`/webhooks/${created.id}`), 404);
    expectStatus(await m.admin.delete(`/webhooks/${created.id}`), 404);

    const audit = expectStatus(await m.admin.get(`/audit-events?entity=webhook&entityId=${created.id}`), 200).json().items;
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['webhook.create', 'webhook.delete', 'webhook.update']);
    expect(JSON.stringify(audit)).not.toContain(created.secret.slice(6));
  });

  it('refuse (422) URLs that lead inside the network, unless WEBHOOK_ALLOW_PRIVATE allows private ones', async () => {
    const m = await saqPeriod(strict.app);
    for (const url of [
      'http://127.0.0.1:8080/hooks', 'https://127.0.0.1/hooks', 'https://10.20.30.40/hooks', 'https://172.16.0.5/hooks', 'https://192.168.1.10/hooks',
      'https://169.254.169.254/latest/meta-data', 'https://100.64.0.1/hooks', 'https://0.0.0.0/hooks', 'https://[::1]/hooks', 'https://[fd00::1]/hooks',
      'https://[fe80::1]/hooks', 'https://[::ffff:10.0.0.1]/hooks', 'https://localhost/hooks', 'https://localhost:8443/hooks',
      'http://203.0.113.10/hooks', 'https://admin:rahasia@203.0.113.10/hooks', 'https://tidak-ada.invalid/hooks', 'ftp://203.0.113.10/hooks',
    ]) {
      const res = await m.admin.post('/webhooks', { url, events: ['result_set.published'] });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().errors, url).toEqual([{ path: 'body.url', message: expect.any(String) }]);
    }
    const ok = expectStatus(await m.admin.post('/webhooks', { url: 'https://203.0.113.10/hooks', events: ['result_set.published'] }), 201).json();
    expectStatus(await m.admin.patch(`/webhooks/${ok.id}`, { url: 'https://localhost/hooks' }), 422);

    // allowed: private and loopback receivers over http; never the metadata or unspecified addresses
    const onPrem = await saqPeriod(t.app);
    expectStatus(await onPrem.admin.post('/webhooks', { url: 'http://localhost:9000/hooks', events: ['result_set.published'] }), 201);
    expectStatus(await onPrem.admin.post('/webhooks', { url: 'http://10.20.30.40/hooks', events: ['result_set.published'] }), 201);
    expectStatus(await onPrem.admin.post('/webhooks', { url: 'http://169.254.169.254/latest/meta-data', events: ['result_set.published'] }), 422);
    expectStatus(await onPrem.admin.post('/webhooks', { url: 'http://[fd00:ec2::254]/', events: ['result_set.published'] }), 422);
    expectStatus(await onPrem.admin.post('/webhooks', { url: 'http://0.0.0.0:3000/', events: ['result_set.published'] }), 422);
  });

  it('are managed by admins and API keys with webhooks:manage, within their commission', async () => {
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, 'http://127.0.0.1:9/hooks');
    for (const role of ['assessor', 'viewer', 'respondent', 'juror'] as const) {
      expectStatus(await client(t.app, m.tenant.users[role].token).get('/webhooks'), 403);
      expectStatus(await client(t.app, m.tenant.users[role].token).post('/webhooks', { url: 'http://127.0.0.1:9/x', events: ['result_set.published'] }), 403);
    }
    const key = expectStatus(await m.admin.post('/api-keys', { name: 'Integrasi SIP-PPID', scopes: ['webhooks:manage'] }), 201).json().key;
    const other = expectStatus(await m.admin.post('/api-keys', { name: 'Dasbor', scopes: ['events:read'] }), 201).json().key;
    expectStatus(await client(t.app, key).post('/webhooks', { url: 'http://127.0.0.1:9/x', events: ['result_set.published'] }), 201);
    expectStatus(await client(t.app, other).get('/webhooks'), 403);
    const elsewhere = await saqPeriod(t.app);
    expectStatus(await elsewhere.admin.get(`/webhooks/${hook.id}`), 404);
    expectStatus(await elsewhere.admin.get(`/webhooks/${hook.id}/deliveries`), 404);
    expect(expectStatus(await elsewhere.admin.get('/webhooks'), 200).json().items).toEqual([]);
  });
});

describe('webhook deliveries', () => {
  it('are signed as Standard Webhooks, verified by an independent implementation', async () => {
    const r = await receiver();
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url, ['submission.submitted', 'period.stage_changed']);
    await submit(m);
    await drain();
    // the stage change came before the subscription: only the submission is sent
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    const payload = verify(hook.secret, got, clock.now()) as { type: string; timestamp: string; data: Record<string, unknown> };
    const [event] = expectStatus(await m.admin.get('/events?types=submission.submitted'), 200).json().items;
    expect(payload).toEqual({ type: 'submission.submitted', timestamp: event.timestamp, data: event.data });
    expect(got.headers['webhook-id']).toBe(event.id);
    expect(got.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - got.at / 1000)).toBeLessThan(5);
    expect(() => verify(hook.secret, { ...got, body: got.body.replace('"submitted"', '"enrolled"') }, clock.now())).toThrow();
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, got, clock.now())).toThrow();

    const [log] = await deliveries(m, hook);
    expect(log).toMatchObject({ eventId: event.id, type: 'submission.submitted', status: 'succeeded', attempts: 1, nextAttemptAt: null });
    expect(log!.lastAttempt).toMatchObject({ statusCode: 200, response: 'diterima', error: null });
    expect(log!.lastAttempt!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('are retried with exponential backoff until the receiver answers 2xx', async () => {
    const r = await receiver((_req, n) => (n === 1 ? { status: 500, body: 'Internal Server Error: basis data penuh' } : { status: 204 }));
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url);
    await submit(m);
    await drain();
    let [log] = await deliveries(m, hook);
    expect(log).toMatchObject({ status: 'pending', attempts: 1, lastAttempt: { statusCode: 500, response: 'Internal Server Error: basis data penuh', error: 'answered 500' } });
    const wait = Date.parse(log!.nextAttemptAt!) - clock.now().getTime();
    expect(wait).toBeGreaterThan(29_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect(expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json().failingSince).not.toBeNull();

    await drain(); // not due yet
    expect(r.received).toHaveLength(1);
    clock.advance(30_000);
    await drain();
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers['webhook-id']).toBe(r.received[0]!.headers['webhook-id']);
    expect(r.received[1]!.body).toBe(r.received[0]!.body);
    [log] = await deliveries(m, hook);
    expect(log).toMatchObject({ status: 'succeeded', attempts: 2, nextAttemptAt: null, lastAttempt: { statusCode: 204, error: null } });
    // a success ends the subscription's failing streak
    expect(expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json().failingSince).toBeNull();
  });

  it('keep being retried for 24 hours, waits doubling from 30 s up to 4 h, then are given up', async () => {
    const r = await receiver(() => ({ status: 503, body: 'Sedang pemeliharaan' }));
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url);
    await submit(m);
    const first = clock.now().getTime();
    await drain();
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const [log] = await deliveries(m, hook);
      if (log!.status === 'failed') break;
      const wait = Date.parse(log!.nextAttemptAt!) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait + 1);
      await drain();
    }
    const expected = waits.map((_, i) => Math.min(30_000 * 2 ** i, 4 * HOUR));
    waits.forEach((w, i) => expect(Math.abs(w - expected[i]!), `wait ${i + 1}`).toBeLessThan(1_000));
    expect(clock.now().getTime() - first).toBeGreaterThanOrEqual(DAY);
    expect(clock.now().getTime() - first).toBeLessThan(DAY + 4 * HOUR + 60_000);
    const [log] = await deliveries(m, hook);
    expect(log).toMatchObject({ status: 'failed', attempts: waits.length + 1, nextAttemptAt: null });
    expect(r.received).toHaveLength(waits.length + 1);
    // one day of failures does not disable the endpoint
    expect(expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json()).toMatchObject({ enabled: true, failingSince: expect.any(String) });
    // the jitter: up to 25% either way
    expect([retryDelayMs(1, () => 0), retryDelayMs(1, () => 1), retryDelayMs(30, () => 0.5)]).toEqual([22_500, 37_500, 4 * HOUR]);
  });

  it('to a receiver that hangs cost an attempt and a retry, never an API request\'s time', async () => {
    const r = await receiver(() => 'hang');
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url, ['submission.submitted', 'submission.reopened']);
    await submit(m);
    const draining = drain();
    await r.waitFor(1);
    // while the attempt hangs, writes (which emit events of their own) answer at once
    const started = performance.now();
    await reopen(m);
    await submit(m);
    expectStatus(await m.admin.get(`/webhooks/${hook.id}/deliveries`), 200);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS / 2);
    await draining;
    const log = await deliveries(m, hook);
    expect(log).toHaveLength(3);
    for (const d of log) {
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastAttempt: { statusCode: null, error: `no answer within ${TIMEOUT_MS / 1000} s` } });
      expect(d.lastAttempt!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(Date.parse(d.nextAttemptAt!)).toBeGreaterThan(clock.now().getTime());
    }
  });

  it('carry a signature with each secret for 24 hours after a rotation', async () => {
    const r = await receiver();
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url);
    const rotated = expectStatus(await m.admin.patch(`/webhooks/${hook.id}`, { rotateSecret: true }), 200).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(DAY - 60_000);
    await submit(m);
    await drain();
    const during = r.received[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(hook.secret, during, clock.now())).toBeTruthy();
    expect(verify(rotated.secret, during, clock.now())).toBeTruthy();

    clock.advance(DAY + 60_000);
    await reopen(m);
    await submit(m);
    await drain();
    const after = r.received[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verify(rotated.secret, after, clock.now())).toBeTruthy();
    expect(() => verify(hook.secret, after, clock.now())).toThrow();
    const audit = expectStatus(await m.admin.get(`/audit-events?entity=webhook&entityId=${hook.id}&action=webhook.update`), 200).json().items;
    expect(audit[0].after).toMatchObject({ secretRotated: true });
  });

  it('that fail for 3 days disable the subscription, with an audit entry', async () => {
    const r = await receiver(() => ({ status: 500, body: 'maintenance' }));
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url, ['submission.submitted', 'submission.reopened']);
    await submit(m);
    await drain();
    const failingSince = expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json().failingSince;
    expect(Math.abs(Date.parse(failingSince) - clock.now().getTime())).toBeLessThan(5_000);

    clock.advance(2 * DAY);
    await reopen(m);
    await drain();
    expect(expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json()).toMatchObject({ enabled: true, failingSince });

    clock.advance(DAY + 60_000);
    await submit(m);
    await drain();
    const disabled = expectStatus(await m.admin.get(`/webhooks/${hook.id}`), 200).json();
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'every delivery failed for 3 days', disabledAt: expect.any(String), failingSince });
    const [entry] = expectStatus(await m.admin.get(`/audit-events?action=webhook.disable&entityId=${hook.id}`), 200).json().items;
    expect(entry).toMatchObject({ actor: { type: 'system', id: null }, entityType: 'webhook', before: { enabled: true }, after: { enabled: false } });
    expect(entry.reason).toContain(failingSince);

    // nothing more is queued or sent while it is disabled
    const sent = r.received.length;
    const logged = (await deliveries(m, hook)).length;
    await reopen(m);
    await drain();
    expect(r.received).toHaveLength(sent);
    expect(await deliveries(m, hook)).toHaveLength(logged);
    // enabled again by an admin, its streak starts over
    r.answer(() => ({ status: 200 }));
    const resumed = expectStatus(await m.admin.patch(`/webhooks/${hook.id}`, { enabled: true }), 200).json();
    expect(resumed).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    await submit(m);
    await drain();
    expect(r.received.length).toBeGreaterThan(sent);
  });

  it('can be retried by hand', async () => {
    const r = await receiver();
    const m = await saqPeriod(t.app);
    const hook = await subscribe(m, r.url);
    await submit(m);
    await drain();
    const [done] = await deliveries(m, hook);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    const retried = expectStatus(await m.admin.post(`/webhooks/${hook.id}/deliveries/${done!.id}/retry`), 202).json();
    expect(retried).toMatchObject({ id: done!.id, status: 'pending', attempts: 1 });
    await drain();
    expect(r.received).toHaveLength(2);
    expect(r.received[1]!.headers['webhook-id']).toBe(done!.eventId);
    expect((await deliveries(m, hook))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(expectStatus(await m.admin.get(`/audit-events?action=webhook_delivery.retry&entityId=${hook.id}`), 200).json().items).toHaveLength(1);

    expectStatus(await m.admin.post(`/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/retry`), 404);
    const elsewhere = await saqPeriod(t.app);
    expectStatus(await elsewhere.admin.post(`/webhooks/${hook.id}/deliveries/${done!.id}/retry`), 404);
    expectStatus(await m.admin.patch(`/webhooks/${hook.id}`, { enabled: false }), 200);
    expectStatus(await m.admin.post(`/webhooks/${hook.id}/deliveries/${done!.id}/retry`), 409);
  });

  it('check the address again when they connect: a host that now resolves inside the network is refused', async () => {
    const r = await receiver();
    const m = await saqPeriod(t.app);
    // accepted where private receivers are allowed; then delivered by an instance where they are not
    // (as if the name had resolved to a public address when it was checked and to loopback now)
    const byName = await subscribe(m, r.url.replace('127.0.0.1', 'localhost'));
    const byAddress = await subscribe(m, r.url);
    await submit(m);
    const guarded = new WebhookDispatcher({ db: t.database.db, allowPrivate: false, pollIntervalMs: 60_000, concurrency: 4, clock, random: () => 0.5 });
    await guarded.drain();
    await guarded.stop();
    expect(r.received).toHaveLength(0);
    const [viaName] = await deliveries(m, byName);
    expect(viaName).toMatchObject({ status: 'pending', attempts: 1, lastAttempt: { statusCode: null } });
    expect(viaName!.lastAttempt!.error).toMatch(/^localhost resolves to 127\.0\.0\.1 is a loopback/);
    const [viaAddress] = await deliveries(m, byAddress);
    expect(viaAddress!.lastAttempt!.error).toMatch(/^127\.0\.0\.1 is a loopback/);
  });
});
