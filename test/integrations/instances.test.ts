// Two API instances on one PostgreSQL database, each running its webhook dispatcher: every event is
// delivered exactly once (the queue is claimed with FOR UPDATE SKIP LOCKED). A backlog is queued
// while neither delivers, then both start at once and race for it; more events follow live.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { connectPostgres, type Database } from '../../src/db/client.ts';
import { httpSender, type Sender } from '../../src/modules/webhooks/sender.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus } from '../helpers/client.ts';
import { saqPeriod, startReceiver, type Receiver } from './helpers.ts';

let t: TestApp;
let second: { app: FastifyInstance; database: Database } | null = null;
let receiver: Receiver;
const http = httpSender(true);
/** attempts sent by each instance: the real sender, counted */
const sent = [0, 0];
const counting = (i: number): Sender => (out) => {
  sent[i]!++;
  return http.send(out);
};

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DELIVERY: 'false', WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_CONCURRENCY: '4' }, { webhooks: { send: counting(0) } });
  if (t.databaseUrl) {
    const database = connectPostgres(t.databaseUrl, { max: 5 });
    const app = await buildApp({ config: t.config, database, webhooks: { send: counting(1) } });
    await app.ready();
    second = { app, database };
  }
  receiver = await startReceiver(() => ({ status: 200 }));
}, 60_000);
afterAll(async () => {
  await second?.app.close();
  await second?.database.close();
  await t?.close();
  await receiver?.close();
  http.close();
});

it.skipIf(!inject('dbServer'))('two instances on one database deliver each event exactly once', async () => {
  if (!second) throw new Error('two instances need a PostgreSQL server; this file has PGlite');
  const apps = [t.app, second.app];
  const m = await saqPeriod(t.app);
  expectStatus(await m.admin.post('/webhooks', { url: receiver.url, events: ['submission.submitted', 'submission.reopened'] }), 201);
  // each instance takes every other request, as behind a load balancer
  const as = (i: number) => ({
    respondent: client(apps[i % 2]!, m.tenant.users.respondent.token),
    admin: client(apps[i % 2]!, m.tenant.users.admin.token),
  });
  const cycle = async (i: number) => {
    expectStatus(await as(i).respondent.post(`${m.participant}/submission`), 200);
    expectStatus(await as(i + 1).admin.delete(`${m.participant}/submission`, undefined, { 'x-audit-reason': 'Perbaikan' }), 200);
  };

  for (let i = 0; i < 30; i++) await cycle(i);
  t.app.webhooks.start();
  second.app.webhooks.start();
  for (let i = 0; i < 15; i++) await cycle(i);
  const events = 90;
  await receiver.waitFor(events, 30_000);
  // a while longer: a second copy of anything would have arrived by now
  await new Promise((r) => setTimeout(r, 1_000));

  const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
  expect(ids).toHaveLength(events);
  expect(new Set(ids).size).toBe(events);
  const feed = expectStatus(await m.admin.get('/events?types=submission.submitted,submission.reopened&limit=500'), 200).json().items;
  expect(new Set(ids)).toEqual(new Set(feed.map((e: { id: string }) => e.id)));
  // both took part
  expect(sent[0]! + sent[1]!).toBe(events);
  expect(Math.min(...sent)).toBeGreaterThan(0);
});
