// What an upgrade must keep, read through the HTTP API: the same function reads a database through
// the previous release (scripts/upgrade-fixture.ts, over fetch) and through this code
// (upgrade.test.ts, over inject), so the two readings compare field by field.
import { createHash } from 'node:crypto';

/** A GET with the admin's token (or none), answering the status and the raw bytes. */
export type Get = (url: string, token: string | null) => Promise<{ status: number; body: Buffer }>;

export interface Readings {
  periodId: string;
  /** the live rankings: every participant's score, band and ranks */
  rankings: Record<string, unknown>[];
  /** the result set's rows: per participant the published scores and the SHA-256 of their inputs */
  resultSet: { summary: Record<string, unknown>; rows: Record<string, unknown>[] };
  /** the public ranking of the published result set */
  publicRankings: Record<string, unknown>[];
  /** the audit log, newest first */
  audit: { count: number; items: Record<string, unknown>[] };
  /** the uploaded evidence files of the evidence period: their metadata and the SHA-256 of their bytes */
  evidence: { periodId: string; bodyId: string; files: { id: string; sha256: string; bytes: number }[] };
}

async function json(get: Get, url: string, token: string | null): Promise<any> {
  const res = await get(url, token);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.toString().slice(0, 300)}`);
  return JSON.parse(res.body.toString());
}

/** Every item of a paginated list, following nextCursor. */
async function all(get: Get, url: string, token: string | null): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: { items: Record<string, unknown>[]; nextCursor?: string | null } = await json(get, `${url}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    items.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return items;
}

export async function takeReadings(get: Get, token: string, ids: { periodId: string; evidencePeriodId: string; evidenceBodyId: string }): Promise<Readings> {
  const P = `/api/v1/periods/${ids.periodId}`;
  const rankings = await all(get, `${P}/rankings`, token);
  const { items: _items, nextCursor: _next, ...summary } = await json(get, `${P}/results/1?limit=1`, token);
  const rows: Record<string, unknown>[] = [];
  for (const r of await all(get, `${P}/results/1`, token)) {
    // the inputs themselves are large: their hash stands for them
    const { inputs: _inputs, ...row } = await json(get, `${P}/results/1/rows/${String(r.bodyId)}`, token);
    rows.push(row);
  }
  const publicRankings = await all(get, `/api/v1/public/periods/${ids.periodId}/rankings`, null);
  const audit = await all(get, '/api/v1/audit-events', token);
  const E = `/api/v1/periods/${ids.evidencePeriodId}/participants/${ids.evidenceBodyId}/evidence`;
  const files = [];
  for (const f of await all(get, E, token)) {
    const res = await get(`${E}/${String(f.id)}`, token);
    if (res.status !== 200) throw new Error(`GET ${E}/${String(f.id)}: ${res.status}`);
    files.push({ id: String(f.id), sha256: createHash('sha256').update(res.body).digest('hex'), bytes: res.body.length });
  }
  return {
    periodId: ids.periodId, rankings, resultSet: { summary, rows }, publicRankings,
    audit: { count: audit.length, items: audit },
    evidence: { periodId: ids.evidencePeriodId, bodyId: ids.evidenceBodyId, files },
  };
}
