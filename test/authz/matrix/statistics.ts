// Rows for the statistics across periods: trends and band migration (admins, viewers, keys).
import { client, expectStatus } from '../../helpers/client.ts';
import type { World } from '../world.ts';
import type { MatrixRow } from './types.ts';

const READERS = { admin: 200, viewer: 200, apiKey: 200 } as const;

/** A fresh period of commission A in deliberation with version 1 published (by A's admin). */
async function publishedPeriod(w: World): Promise<string> {
  const admin = client(w.app, w.a.users.admin.token);
  const { periodId } = await w.period(w.a, { stage: 'deliberation' });
  expectStatus(await admin.post(`/periods/${periodId}/results`, { decreeNumber: '2/KEP/KI/2025', decreeDate: '2025-11-21' }), 201);
  expectStatus(await admin.post(`/periods/${periodId}/results/1/publication`), 201);
  return periodId;
}

const memo = new WeakMap<World, Promise<[string, string]>>();

/** Two published periods per world, made once, for the migration. */
function twoPublished(w: World): Promise<[string, string]> {
  let pair = memo.get(w);
  if (!pair) memo.set(w, pair = (async () => [await publishedPeriod(w), await publishedPeriod(w)] as [string, string])());
  return pair;
}

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/statistics/trends',
    request: () => ({ url: '/api/v1/statistics/trends?from=2020&to=2030' }),
    allow: { ...READERS, otherAdmin: 200 },
    note: 'the other admin gets its own commission\'s periods',
  },
  {
    route: 'GET /api/v1/statistics/migration',
    request: async (w) => {
      const [from, to] = await twoPublished(w);
      return { url: `/api/v1/statistics/migration?from=${from}&to=${to}` };
    },
    allow: { ...READERS, otherAdmin: 404 },
  },
];
