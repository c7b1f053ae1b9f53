// What the event and webhook tests share: a real HTTP receiver on loopback, a clock that can jump,
// an independent signature check (the standardwebhooks package), and a tenant with a period in the
// SAQ stage arranged through the API.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** when it arrived (real time) */
  at: number;
}

/** What the receiver answers a request: a status and body, or 'hang' (never answer). */
export type Answering = (request: Received, n: number) => { status: number; body?: string } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** changes the answers from now on */
  answer(with_: Answering): void;
  /** resolves once `n` requests have arrived */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(answering: Answering = () => ({ status: 200, body: 'diterima' })): Promise<Receiver> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let answer = answering;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(r);
      const a = answer(r, received.length);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kip/webhooks`,
    received,
    answer(with_) {
      answer = with_;
    },
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} requests, not ${n}, within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Real time plus whatever the test has skipped ahead. */
export function fakeClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
    /** back to real time */
    reset() {
      offset = 0;
    },
  };
}

/**
 * The payload, if the request carries a valid signature with this secret, checked by the
 * standardwebhooks package (not our code). It refuses timestamps 5 minutes away from its clock, so
 * a request signed at a fake time is checked at that time (`at`).
 */
export function verify(secret: string, r: Received, at?: Date): unknown {
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.startsWith('webhook-'))) as Record<string, string>;
  if (!at) return new Webhook(secret).verify(r.body, headers);
  vi.useFakeTimers({ toFake: ['Date'], now: at });
  try {
    return new Webhook(secret).verify(r.body, headers);
  } finally {
    vi.useRealTimers();
  }
}

export interface SaqPeriod {
  tenant: Tenant;
  periodId: string;
  admin: Client;
  respondent: Client;
  assessor: Client;
  /** the path of the tenant's body as a participant of the period, below /api/v1 */
  participant: string;
}

/** A tenant (tests/helpers/fixtures.ts) with a period in `saq` (TWO_BY_TWO) in which its body takes part, assessor assigned. */
export async function saqPeriod(app: FastifyInstance, options: { appeal?: boolean } = {}): Promise<SaqPeriod> {
  const tenant = await createTenant(app);
  const admin = client(app, tenant.users.admin.token);
  const periodId: string = expectStatus(await admin.post('/periods', {
    year: 2025, title: 'Monev Keterbukaan Informasi Publik 2025', stages: { saq: 100 }, appeal: options.appeal ?? false,
  }), 201).json().id;
  expectStatus(await admin.post(`/periods/${periodId}/questionnaires`, { ...TWO_BY_TWO, categoryIds: [tenant.categoryId] }), 201);
  expectStatus(await admin.post(`/periods/${periodId}/participants`, { bodyIds: [tenant.bodyId] }), 201);
  expectStatus(await admin.put(`/periods/${periodId}/participants/${tenant.bodyId}/assignments`, { assessorIds: [tenant.users.assessor.id], jurorIds: [] }), 200);
  expectStatus(await admin.post(`/periods/${periodId}/transitions`, { to: 'saq' }), 200);
  return {
    tenant, periodId, admin,
    respondent: client(app, tenant.users.respondent.token),
    assessor: client(app, tenant.users.assessor.token),
    participant: `/periods/${periodId}/participants/${tenant.bodyId}`,
  };
}

export const ANSWERS = [
  { question: 'q1', value: true }, { question: 'q2', value: true }, { question: 'q3', value: 'full' }, { question: 'q4', value: ['web', 'app'] },
];
