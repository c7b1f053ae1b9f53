// Rows for rankings, statistics, juror agreement, the recap, result sets and the public API.
import { client, expectStatus } from '../../helpers/client.ts';
import type { World } from '../world.ts';
import { everyone, type MatrixRow } from './types.ts';

const decree = { decreeNumber: '1/KEP/KI/2025', decreeDate: '2025-11-20' };

/** A fresh period of commission A in deliberation with result set version 1 (made by A's admin). */
async function frozenPeriod(w: World): Promise<string> {
  const { periodId } = await w.period(w.a, { stage: 'deliberation' });
  expectStatus(await client(w.app, w.a.users.admin.token).post(`/periods/${periodId}/results`, decree), 201);
  return periodId;
}

const memo = new WeakMap<World, { frozen?: Promise<string>; published?: Promise<string> }>();

/** One shared frozen period per world, for the reads. */
function sharedFrozen(w: World): Promise<string> {
  const m = memo.get(w) ?? {};
  memo.set(w, m);
  return (m.frozen ??= frozenPeriod(w));
}

/** One shared published period per world (version 1 published), for the public reads. */
function sharedPublished(w: World): Promise<string> {
  const m = memo.get(w) ?? {};
  memo.set(w, m);
  return (m.published ??= frozenPeriod(w).then(async (periodId) => {
    expectStatus(await client(w.app, w.a.users.admin.token).post(`/periods/${periodId}/results/1/publication`), 201);
    return periodId;
  }));
}

const readers = { admin: 200, viewer: 200, apiKey: 200, otherAdmin: 404 };

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/periods/:periodId/rankings',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/rankings` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/recap',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/recap` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/statistics',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/statistics` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/juror-agreement',
    request: (w) => ({ url: `/api/v1/periods/${w.a.periodId}/juror-agreement` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/results',
    request: async (w) => ({ url: `/api/v1/periods/${await sharedFrozen(w)}/results` }),
    allow: readers,
  },
  {
    route: 'POST /api/v1/periods/:periodId/results',
    request: async (w) => ({ url: `/api/v1/periods/${(await w.period(w.a, { stage: 'deliberation' })).periodId}/results`, payload: decree }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 404 },
    note: 'a fresh period in deliberation per actor, so every allowed caller fixes a version 1',
  },
  {
    route: 'GET /api/v1/periods/:periodId/results/:version',
    request: async (w) => ({ url: `/api/v1/periods/${await sharedFrozen(w)}/results/1` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/results/:version/attachment',
    request: async (w) => ({ url: `/api/v1/periods/${await sharedFrozen(w)}/results/1/attachment`, headers: { accept: 'application/pdf' } }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/results/:version/rows/:bodyId',
    request: async (w) => ({ url: `/api/v1/periods/${await sharedFrozen(w)}/results/1/rows/${w.a.bodyId}` }),
    allow: readers,
  },
  {
    route: 'GET /api/v1/periods/:periodId/results/:version/diff',
    request: async (w) => ({ url: `/api/v1/periods/${await sharedFrozen(w)}/results/1/diff?from=1` }),
    allow: readers,
  },
  {
    route: 'POST /api/v1/periods/:periodId/results/:version/publication',
    request: async (w) => ({ url: `/api/v1/periods/${await frozenPeriod(w)}/results/1/publication` }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 404 },
    note: 'a fresh result set per actor, so every allowed caller publishes one',
  },
  {
    route: 'GET /api/v1/public/commissions',
    request: async (w) => {
      await sharedPublished(w);
      return { url: '/api/v1/public/commissions' };
    },
    allow: everyone(200),
  },
  {
    route: 'GET /api/v1/public/commissions/:commissionId/periods',
    request: async (w) => {
      await sharedPublished(w);
      return { url: `/api/v1/public/commissions/${w.a.commissionId}/periods` };
    },
    allow: everyone(200),
  },
  {
    route: 'GET /api/v1/public/periods/:periodId',
    request: async (w) => ({ url: `/api/v1/public/periods/${await sharedPublished(w)}` }),
    allow: everyone(200),
  },
  {
    route: 'GET /api/v1/public/periods/:periodId/rankings',
    request: async (w) => ({ url: `/api/v1/public/periods/${await sharedPublished(w)}/rankings` }),
    allow: everyone(200),
  },
  {
    route: 'GET /api/v1/public/bodies/:bodyId/history',
    request: async (w) => {
      await sharedPublished(w);
      return { url: `/api/v1/public/bodies/${w.a.bodyId}/history` };
    },
    allow: everyone(200),
  },
];
