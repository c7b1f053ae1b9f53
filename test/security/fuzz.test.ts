// Schema-driven fuzzing of every operation in openapi/openapi.json. For each operation fast-check
// generates requests from its schemas and breaks them (wrong types, missing and extra fields, huge
// strings, unicode, nulls, negative and non-finite numbers, deep nesting, SQL and path-traversal
// strings, forged cursors, wrong content types, garbage multipart), sent as several roles. Every
// response must be below 500 and, when it refuses, an RFC 9457 problem; a refused request and any
// read must leave the database (and the evidence files) exactly as they were.
//
//   FUZZ_RUNS=600 npx vitest run test/security/fuzz.test.ts   a deep run (default: 60 per operation)
//   FUZZ_SEED=123                                            another fixed seed (default 20251126)
//   FUZZ_REPORT=fuzz.json                                    also write the summary to a file
// A failure prints fast-check's seed and shrunk counterexample (the request), so it reproduces.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustments, apiKeys, appeals, categories, events, webhookDeliveries, webhookSubscriptions } from '../../src/db/schema.ts';
import { API_KEY_SCOPES, ROLE_SCOPES, type Permission } from '../../src/http/permissions.ts';
import { getPreset } from '../../src/scoring/presets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, expectStatus } from '../helpers/client.ts';
import { pdf } from '../helpers/multipart.ts';
import { buildWorld, type World } from '../authz/world.ts';
import { fingerprinter, type Fingerprint, type Fingerprinter } from './fingerprint.ts';
import { loadOperations, type Operation } from './operations.ts';
import { ACTORS, requestFor, type Actor, type FuzzRequest, type FuzzWorld } from './requests.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20251126);
const operations = loadOperations();

let t: TestApp;
let w: World;
let world: Omit<FuzzWorld, 'real'>;
/** per path parameter, the identifiers of commission A that requests point at */
let real: Record<string, string[]>;
/** operations that would wreck the shared world when they succeed get throwaway targets instead */
let overrides: Record<string, Record<string, string[]>>;
let fingerprints: Fingerprinter;
let current: Fingerprint;
let fingerprintClient: pg.Client | null = null;
let startedAt = 0;
/** a period in the SAQ that no fuzzed request targets, for the regressions that need an open participant */
let quiet: string;

const stats = {
  requests: 0,
  statuses: {} as Record<string, number>,
  perOperation: {} as Record<string, Record<string, number>>,
  /** operations where some request got past routing and authentication (validation or the handler answered) */
  reached: new Set<string>(),
};

async function uploadEvidence(): Promise<string> {
  const res = await client(t.app, w.a.users.respondent.token).upload(`/periods/${w.a.periodId}/participants/${w.a.bodyId}/evidence`, 'bukti.pdf', pdf());
  return expectStatus(res, 201).json().id;
}

/** A period in deliberation with a published result set, so result and public routes have data. */
async function publishedPeriod(): Promise<string> {
  const { periodId } = await w.period(w.a, { stage: 'deliberation' });
  const admin = w.a.users.admin.token;
  const created = await call(t.app, admin, { method: 'POST', url: `/api/v1/periods/${periodId}/results`, payload: { decreeNumber: '1/KIP/2025', decreeDate: '2025-11-20' } });
  if (created.statusCode !== 201) throw new Error(`result set: ${created.statusCode} ${created.body}`);
  const published = await call(t.app, admin, { method: 'POST', url: `/api/v1/periods/${periodId}/results/1/publication` });
  if (published.statusCode >= 300) throw new Error(`publication: ${published.statusCode} ${published.body}`);
  return periodId;
}

beforeAll(async () => {
  // tokens must outlive a deep run
  // no webhook dispatcher: its own writes would look like changes made by a fuzzed read
  t = await createTestApp({ JWT_TTL_SECONDS: '86400', WEBHOOK_DELIVERY: 'false' });
  w = await buildWorld(t.app, t.database.db);
  const { a, b } = w;
  const victimUser = await w.user(a, 'viewer');
  const victimKey = await w.newApiKey(['rankings:read']);
  const victimBody = await w.body(a);
  const victimCategory = expectStatus(await client(t.app, a.users.admin.token).post('/categories', { code: 'FUZZ', name: 'Kategori fuzz' }), 201).json();
  const spare = await w.period(a);
  quiet = (await w.period(a)).periodId;
  // an appeal on the world's participant, which is in the SAQ: no API call files one there (appeals
  // belong to the appeal stage), so it is written directly, for the appeal routes to have a target
  const [appeal] = await w.db.insert(appeals).values({ participantId: a.participantId, questionCode: '1.1', reason: 'sanggah', filedBy: a.users.respondent.id }).returning();
  // likewise an adjustment (they are recorded in deliberation), for its DELETE to have a target
  const [adjustment] = await w.db.insert(adjustments).values({ participantId: a.participantId, points: '2', reason: 'nilai plus' }).returning();
  // a webhook with one delivery, written directly (a subscription checks its URL's address, and
  // deliveries come from the dispatcher), for the webhook routes to have targets
  const [hook] = await w.db.insert(webhookSubscriptions).values({ commissionId: a.commissionId, url: 'https://ppid.example.go.id/hook', events: ['result_set.published'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).returning();
  const [event] = await w.db.insert(events).values({ commissionId: a.commissionId, type: 'result_set.published', data: { commissionId: a.commissionId } }).returning();
  const [delivery] = await w.db.insert(webhookDeliveries).values({ subscriptionId: hook!.id, eventId: event!.id, status: 'failed' }).returning();
  const fileId = await uploadEvidence();
  const published = await publishedPeriod();

  real = {
    commissionId: [a.commissionId], userId: [victimUser.id], keyId: [victimKey.id], categoryId: [a.categoryId, victimCategory.id],
    bodyId: [a.bodyId, a.otherBodyId], periodId: [a.periodId, published], questionnaireId: [a.questionnaireId],
    fileId: [fileId], appealId: [appeal!.id], adjustmentId: [adjustment!.id], version: ['1'],
    webhookId: [hook!.id], deliveryId: [delivery!.id],
  };
  overrides = {
    'POST /api/v1/periods/{periodId}/transitions': { periodId: [spare.periodId] },
    'PATCH /api/v1/periods/{periodId}': { periodId: [spare.periodId] },
    'DELETE /api/v1/bodies/{bodyId}': { bodyId: [victimBody] },
    'DELETE /api/v1/categories/{categoryId}': { categoryId: [victimCategory.id] },
    'DELETE /api/v1/periods/{periodId}/participants/{bodyId}': { periodId: [spare.periodId] },
    'PUT /api/v1/periods/{periodId}/participants/{bodyId}/assignments': { bodyId: [a.otherBodyId] },
  };
  const multipart = new Set(t.app.routeTable
    .filter((r) => (r.schema as { consumes?: string[] } | undefined)?.consumes?.includes('multipart/form-data'))
    .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
  world = {
    authorization: {
      anonymous: null, superadmin: `Bearer ${w.superadminToken}`, admin: `Bearer ${a.users.admin.token}`,
      assessor: `Bearer ${a.users.assessor.token}`, juror: `Bearer ${a.users.juror.token}`, respondent: `Bearer ${a.users.respondent.token}`,
      viewer: `Bearer ${a.users.viewer.token}`, apiKey: `Bearer ${w.apiKey}`,
    },
    foreign: {
      commissionId: b.commissionId, userId: b.users.viewer.id, categoryId: b.categoryId, bodyId: b.bodyId, periodId: b.periodId,
      questionnaireId: b.questionnaireId,
    },
    ids: [...Object.values(real).flat().filter((id) => id.length === 36), b.commissionId, b.bodyId, b.periodId, a.users.assessor.id, a.users.juror.id, b.users.assessor.id],
    multipart,
  };

  // the fingerprint runs after every request: a prepared statement on its own connection halves its cost
  if (t.databaseUrl) {
    fingerprintClient = new pg.Client({ connectionString: t.databaseUrl });
    await fingerprintClient.connect();
  }
  fingerprints = await fingerprinter(t.database.db, t.config.dataDir, fingerprintClient);
  current = await fingerprints.take();
}, 120_000);

afterAll(async () => {
  await fingerprintClient?.end();
  await t?.close();
});

/** The actors the route's permission lets in (the fuzzer favours them, to get past authorization more often). */
function permittedActors(op: Operation): Actor[] {
  const route = t.app.routeTable.find((r) => r.method === op.method && r.url === op.route);
  const permission = route?.permission as Permission | undefined;
  if (permission === undefined || permission === 'public') return [...ACTORS];
  if (permission === 'authenticated') return ACTORS.filter((a) => a !== 'anonymous' && a !== 'forged');
  return ACTORS.filter((a) => (a === 'apiKey' ? API_KEY_SCOPES.includes(permission)
    : a !== 'anonymous' && a !== 'forged' && ROLE_SCOPES[a].has(permission)));
}

function record(op: string, status: number) {
  stats.requests++;
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  const mine = (stats.perOperation[op] ??= {});
  mine[status] = (mine[status] ?? 0) + 1;
}

/** Sends one request and throws, with what went wrong, when a response breaks the contract. */
async function check(req: FuzzRequest): Promise<void> {
  // through call(), so every fuzzed answer is also held against the document (test/helpers/contract.ts)
  const res = await call(t.app, null, { method: req.method, url: req.url, headers: req.headers, payload: req.body.payload });
  const status = res.statusCode;
  record(req.operation, status);
  const after = await fingerprints.take();
  const changed = fingerprints.diff(current, after);
  current = after;

  const contentType = String(res.headers['content-type'] ?? '');
  let problem: Record<string, unknown> | null = null;
  try {
    problem = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    // not JSON: reported below if it had to be a problem
  }
  const routeMissing = status === 404 && typeof problem?.detail === 'string' && problem.detail.startsWith('No route');
  if (![401, 403].includes(status) && !routeMissing) stats.reached.add(req.operation);

  const failures: string[] = [];
  if (status >= 500) failures.push(`answered ${status}`);
  // the public HTML pages answer an unknown or unpublished period with an HTML 404 page, as documented
  const htmlNotFound = status === 404 && req.url.startsWith('/hasil') && contentType.startsWith('text/html');
  if (status >= 400 && !htmlNotFound) {
    if (!contentType.startsWith('application/problem+json')) failures.push(`a ${status} with content-type "${contentType}", not application/problem+json`);
    if (!problem || problem.status !== status || typeof problem.type !== 'string' || typeof problem.title !== 'string' || typeof problem.detail !== 'string') {
      failures.push(`a ${status} whose body is not a problem with this status, a type, a title and a detail`);
    }
    if (/\n\s+at |node_modules|\.ts:\d+/.test(res.body)) failures.push('the problem shows a stack trace or source paths');
    if (changed.length > 0) failures.push(`a refused request (${status}) changed: ${changed.join(', ')}`);
  } else if (req.method === 'GET' && changed.length > 0) {
    failures.push(`a read (${status}) changed: ${changed.join(', ')}`);
  }
  if (failures.length > 0) {
    throw new Error(`${failures.join('; ')}\n  response: ${status} ${contentType} ${res.body.slice(0, 600)}`);
  }
}

describe('the fingerprint behind "a refused request changes nothing"', () => {
  it('notices a rewritten row and a new evidence file, and ignores what a refusal may write', async () => {
    const before = await fingerprints.take();
    // the same values written again still count: a write is a write
    await w.db.update(categories).set({ name: 'Organisasi Perangkat Daerah' }).where(eq(categories.id, w.a.categoryId));
    fs.mkdirSync(path.join(t.config.dataDir, 'evidence', 'zz'), { recursive: true });
    fs.writeFileSync(path.join(t.config.dataDir, 'evidence', 'zz', 'blob'), 'x');
    expect(fingerprints.diff(before, await fingerprints.take())).toEqual(['categories', 'files']);
    fs.rmSync(path.join(t.config.dataDir, 'evidence', 'zz'), { recursive: true });

    const baseline = await fingerprints.take();
    // a failed login is counted, an API key's use is recorded: both happen on refused requests
    await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username: 'nobody', password: 'wrong' } });
    await w.db.update(apiKeys).set({ lastUsedAt: new Date(0) });
    expect(fingerprints.diff(baseline, await fingerprints.take())).toEqual([]);
    current = await fingerprints.take();
  });
});

/** The bugs this fuzzer found, pinned: each request must be refused with exactly this status, as a problem, changing nothing. */
describe('regressions found by fuzzing', () => {
  const multipartPart = '--b0\r\nContent-Disposition: form-data; name="file"; filename="bukti.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n';
  const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const cases: { name: string; status: number; detail: RegExp; request: () => { token: string | null; method: string; url: string; headers?: Record<string, string>; payload?: string } }[] = [
    {
      name: 'a malformed percent-encoding in the path (Fastify answered plain JSON)', status: 400, detail: /not a valid url component/,
      request: () => ({ token: w.a.users.admin.token, method: 'GET', url: '/api/v1/categories/%E0%A4%A' }),
    },
    {
      name: 'a path parameter longer than 100 characters (Fastify answered a plain JSON 414)', status: 414, detail: /max param length/,
      request: () => ({ token: w.a.users.admin.token, method: 'GET', url: `/api/v1/periods/${'a'.repeat(101)}` }),
    },
    {
      name: 'a multipart body without a boundary (busboy threw: 500)', status: 400, detail: /multipart\/form-data body is malformed/,
      request: () => ({ token: w.a.users.admin.token, method: 'POST', url: '/api/v1/bodies/import', headers: { 'content-type': 'multipart/form-data' }, payload: `${multipartPart}--b0--\r\n` }),
    },
    {
      name: 'a multipart body cut short (premature close: 500)', status: 400, detail: /multipart\/form-data body is malformed/,
      request: () => ({
        token: w.a.users.respondent.token, method: 'POST', url: `/api/v1/periods/${quiet}/participants/${w.a.bodyId}/evidence`,
        headers: { 'content-type': 'multipart/form-data; boundary=b0' }, payload: multipartPart,
      }),
    },
    {
      name: 'U+0000 in a text column (PostgreSQL 22021: 500)', status: 400, detail: /U\+0000/,
      request: () => ({ token: w.a.users.admin.token, method: 'POST', url: '/api/v1/categories', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ code: 'NUL', name: 'a\u0000b' }) }),
    },
    {
      name: 'U+0000 in a login name (PostgreSQL 22021 in the login limiter: 500)', status: 400, detail: /U\+0000/,
      request: () => ({ token: null, method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: '\u0000', password: 'x' }) }),
    },
    {
      name: 'a periods cursor whose year is beyond int4 (PostgreSQL 22003: 500)', status: 400, detail: /cursor is not valid/,
      request: () => ({ token: w.a.users.admin.token, method: 'GET', url: `/api/v1/periods?cursor=${cursor([9007199254740994, null])}` }),
    },
    {
      name: 'a result-set cursor whose version is beyond int4 (PostgreSQL 22003: 500)', status: 422, detail: /cursor is not valid/,
      request: () => ({ token: w.a.users.admin.token, method: 'GET', url: `/api/v1/periods/${w.a.periodId}/results?cursor=${cursor([2147483648])}` }),
    },
    {
      name: 'limit=-Infinity (Ajv coerced it and skipped minimum: 500 cutting the page)', status: 400, detail: /querystring\.limit must be a finite number/,
      request: () => ({ token: w.a.users.admin.token, method: 'GET', url: '/api/v1/users?limit=-Infinity' }),
    },
    {
      name: 'limit=1e999 on a public list (Ajv coerced it to Infinity and skipped maximum)', status: 400, detail: /querystring\.limit must be a finite number/,
      request: () => ({ token: null, method: 'GET', url: '/api/v1/public/commissions?limit=1e999' }),
    },
    {
      name: 'a 50,000-deep JSON body with an Idempotency-Key (JSON.stringify overflowed the stack: 500)', status: 400, detail: /nested too deeply/,
      request: () => ({
        token: w.a.users.respondent.token, method: 'POST', url: `/api/v1/periods/${quiet}/participants/${w.a.bodyId}/submission`,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-1' }, payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      }),
    },
  ];

  it.each(cases)('$name', async ({ status, detail, request }) => {
    const { token, method, url, headers, payload } = request();
    const before = await fingerprints.take();
    const res = await call(t.app, token, { method, url, headers, payload });
    const after = await fingerprints.take();
    current = after;
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.stringMatching(detail) });
    expect(fingerprints.diff(before, after)).toEqual([]);
  });

  it('U+0000 inside a jsonb document (PostgreSQL 22P05: 500)', async () => {
    // a draft period of its own (the world's bodies may have been deactivated by the fuzzer: none is enrolled)
    const periodId = expectStatus(await client(t.app, w.a.users.admin.token).post('/periods', { year: 2025, title: w.unique('Monev') }), 201).json().id;
    const questionnaire = structuredClone(getPreset('perki-2022-pemprov')!.questionnaire);
    questionnaire.code = 'NUL-JSONB';
    questionnaire.indicators[0]!.questions[0]!.text = 'Teks \u0000';
    const before = await fingerprints.take();
    const res = await call(t.app, w.a.users.admin.token, { method: 'POST', url: `/api/v1/periods/${periodId}/questionnaires`, payload: { ...questionnaire, categoryIds: [w.a.categoryId] } });
    const after = await fingerprints.take();
    current = after;
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, detail: expect.stringContaining('U+0000') });
    expect(fingerprints.diff(before, after)).toEqual([]);
  });
});

describe('fuzzing every operation of openapi/openapi.json', () => {
  it('the committed OpenAPI document lists every documented route of the app', () => {
    const documented = t.app.routeTable
      .filter((r) => !r.schema?.hide && !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(operations.map((o) => o.key).sort()).toEqual(documented);
    expect(operations.length).toBeGreaterThanOrEqual(75);
  });

  describe.each(operations.map((op, i) => [op.key, op, i] as const))('%s', (_key, op: Operation, index: number) => {
    it(`survives ${RUNS} fuzzed requests, some of them past authentication`, async () => {
      startedAt ||= Date.now();
      // what "changed nothing" compares with: the database as this test finds it
      current = await fingerprints.take();
      const arbitrary = requestFor({ ...world, real: { ...real, ...overrides[op.key] } }, op, permittedActors(op));
      await fc.assert(fc.asyncProperty(arbitrary, check), { seed: SEED + index, numRuns: RUNS });
      expect(Object.values(stats.perOperation[op.key] ?? {}).reduce((x, y) => x + y, 0), op.key).toBeGreaterThanOrEqual(RUNS);
      expect(stats.reached.has(op.key), `no request of ${op.key} got past authentication`).toBe(true);
    }, 600_000);
  });

  // the document must be honest: a status the fuzzer met is one a client generated from it can handle
  it('met only statuses the document lists for each operation', () => {
    const undocumented = operations.flatMap((op) => Object.keys(stats.perOperation[op.key] ?? {}).map(Number)
      .filter((status) => !op.statuses.includes(status)).map((status) => `${op.key}: ${status}`));
    expect(undocumented).toEqual([]);
  });

  // the summary of the walk, printed (and written to FUZZ_REPORT) once every operation ran
  afterAll(() => {
    const count = (from: number, to: number) => Object.entries(stats.statuses).filter(([s]) => Number(s) >= from && Number(s) < to).reduce((n, [, c]) => n + c, 0);
    const summary = {
      seed: SEED, runsPerOperation: RUNS, operations: operations.length, requests: stats.requests,
      refused: count(400, 600), accepted: count(200, 400), fuzzSeconds: (Date.now() - startedAt) / 1000,
      statuses: stats.statuses, perOperation: stats.perOperation,
    };
    console.log(`[fuzz] ${summary.requests} requests (${summary.refused} refused, ${summary.accepted} accepted) over ${summary.operations} operations `
      + `in ${summary.fuzzSeconds.toFixed(1)} s, seed ${SEED}; statuses ${JSON.stringify(summary.statuses)}`);
    if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(summary, null, 2)}\n`);
  });
});
