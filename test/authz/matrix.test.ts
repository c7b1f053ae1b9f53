// The authorization matrix: for every /api/v1 route and every actor (each role, anonymous, another
// commission's admin, an API key with and without the route's scope), the exact status. Rows live
// in test/authz/matrix/*.ts (format: matrix/README.md); a registered route without a row fails.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../src/db/schema.ts';
import { API_KEY_SCOPES, type Scope } from '../../src/http/permissions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { ACTORS, RUN_ORDER, type Actor, type MatrixRow } from './matrix/types.ts';
import { buildWorld, type World } from './world.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'matrix');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'types.ts').sort();
const rows: (MatrixRow & { file: string })[] = [];
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(dir, file)).href) as { rows?: MatrixRow[] };
  if (!Array.isArray(mod.rows)) throw new Error(`test/authz/matrix/${file} must export "rows: MatrixRow[]"`);
  rows.push(...mod.rows.map((r) => ({ ...r, file })));
}

let t: TestApp;
let w: World;
const keysWithout = new Map<string, Promise<string>>();
let requestCounter = 0;

beforeAll(async () => {
  // the webhooks of the rows point nowhere: nothing is delivered
  t = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  w = await buildWorld(t.app, t.database.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

function permissionOf(route: string): string | undefined {
  const [method, url] = route.split(' ');
  return t.app.routeTable.find((r) => r.method === method && r.url === url)?.permission;
}

async function tokenFor(actor: Actor, route: string): Promise<string | null> {
  switch (actor) {
    case 'anonymous': return null;
    case 'superadmin': return w.superadminToken;
    case 'otherAdmin': return w.b.users.admin.token;
    case 'apiKey': return w.apiKey;
    case 'apiKeyWithoutScope': {
      const permission = permissionOf(route) ?? '';
      if (!keysWithout.has(permission)) keysWithout.set(permission, w.apiKeyWith(API_KEY_SCOPES.filter((s: Scope) => s !== permission)));
      return keysWithout.get(permission)!;
    }
    default: return w.a.users[actor].token;
  }
}

function expected(row: MatrixRow, actor: Actor): number {
  return row.allow[actor] ?? (actor === 'anonymous' ? 401 : 403);
}

describe('the authorization matrix', () => {
  it('has a row for every /api/v1 route, and every row names a registered route once', () => {
    const registered = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`);
    const covered: string[] = rows.map((r) => r.route);
    const missing = registered.filter((r) => !covered.includes(r));
    const unknown = covered.filter((r) => !registered.includes(r));
    const duplicated = covered.filter((r, i) => covered.indexOf(r) !== i);
    expect({ missing, unknown, duplicated }, 'add rows in test/authz/matrix/<area>.ts (see README.md there)')
      .toEqual({ missing: [], unknown: [], duplicated: [] });
  });

  it('every row that lets an admin in says what the other commission\'s admin gets', () => {
    const vague = rows.filter((r) => r.allow.admin !== undefined && permissionOf(r.route) !== 'public' && r.allow.otherAdmin === undefined);
    expect(vague.map((r) => `${r.file}: ${r.route}`)).toEqual([]);
  });

  it('names only known actors', () => {
    const strange = rows.flatMap((r) => Object.keys(r.allow).filter((a) => !(ACTORS as readonly string[]).includes(a)).map((a) => `${r.route}: ${a}`));
    expect(strange).toEqual([]);
  });

  describe.each(rows.map((r) => [`${r.route} (${r.file})`, r] as const))('%s', (_name, row) => {
    it('answers every actor with the expected status', async () => {
      const method = row.route.split(' ')[0];
      const got: Partial<Record<Actor, number>> = {};
      const want: Partial<Record<Actor, number>> = {};
      const bodies: string[] = [];
      const unaudited: string[] = [];
      for (const actor of RUN_ORDER) {
        const req = await row.request(w, actor);
        const token = await tokenFor(actor, row.route);
        const requestId = `matrix-${++requestCounter}`;
        const res = await call(t.app, token, {
          method: req.method ?? method, url: req.url, payload: req.payload, headers: { ...(req.headers ?? {}), 'x-request-id': requestId },
        });
        got[actor] = res.statusCode;
        want[actor] = expected(row, actor);
        if (res.statusCode !== want[actor]) bodies.push(`${actor}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        if ((req.method ?? method) !== 'GET' && res.statusCode < 300 && row.audited !== false) {
          const events = await w.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.requestId, requestId));
          if (events.length === 0) unaudited.push(`${actor}: ${res.statusCode} but no audit event with request id ${requestId}`);
        }
      }
      expect(got, bodies.join('\n')).toEqual(want);
      expect(unaudited, 'every successful write records an audit event in its transaction').toEqual([]);
    });
  });
});
