// Rows for commissions, users, API keys and the audit log.
import { PASSWORD } from '../../helpers/fixtures.ts';
import type { MatrixRow } from './types.ts';

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/commissions',
    request: () => ({ url: '/api/v1/commissions' }),
    allow: { superadmin: 200 },
  },
  {
    route: 'POST /api/v1/commissions',
    request: (w) => ({
      url: '/api/v1/commissions',
      payload: { name: w.unique('KI Kabupaten'), level: 'kabupaten_kota', admin: { username: w.unique('admin'), password: PASSWORD } },
    }),
    allow: { superadmin: 201 },
  },
  {
    route: 'GET /api/v1/commissions/:commissionId',
    request: (w) => ({ url: `/api/v1/commissions/${w.a.commissionId}` }),
    allow: { superadmin: 200 },
  },
  {
    route: 'PATCH /api/v1/commissions/:commissionId',
    request: (w) => ({ url: `/api/v1/commissions/${w.a.commissionId}`, payload: { region: 'Banten' } }),
    allow: { superadmin: 200 },
  },
  {
    route: 'GET /api/v1/users',
    request: () => ({ url: '/api/v1/users' }),
    allow: { admin: 200, otherAdmin: 200 },
    note: 'the other admin sees its own users only (test/identity/isolation.test.ts)',
  },
  {
    route: 'POST /api/v1/users',
    request: (w) => ({ url: '/api/v1/users', payload: { username: w.unique('ppid'), password: PASSWORD, role: 'respondent', bodyId: w.a.otherBodyId } }),
    allow: { admin: 201, otherAdmin: 422 },
    note: 'the other admin cannot bind a respondent to a body of commission A',
  },
  {
    route: 'GET /api/v1/users/:userId',
    request: (w) => ({ url: `/api/v1/users/${w.a.users.viewer.id}` }),
    allow: { admin: 200, otherAdmin: 404 },
  },
  {
    route: 'PATCH /api/v1/users/:userId',
    request: (w) => ({ url: `/api/v1/users/${w.a.users.viewer.id}`, payload: { displayName: 'Dasbor Sekretariat' } }),
    allow: { admin: 200, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/users/:userId',
    request: async (w) => ({ url: `/api/v1/users/${(await w.user(w.a, 'viewer')).id}` }),
    allow: { admin: 204, otherAdmin: 404 },
  },
  {
    route: 'GET /api/v1/api-keys',
    request: () => ({ url: '/api/v1/api-keys' }),
    allow: { admin: 200, otherAdmin: 200 },
  },
  {
    route: 'POST /api/v1/api-keys',
    request: (w) => ({ url: '/api/v1/api-keys', payload: { name: w.unique('dasbor'), scopes: ['rankings:read'] } }),
    allow: { admin: 201, otherAdmin: 201 },
    note: 'the other admin creates a key of its own commission (test/identity/api-keys.test.ts checks where it works)',
  },
  {
    route: 'DELETE /api/v1/api-keys/:keyId',
    request: async (w) => ({ url: `/api/v1/api-keys/${(await w.newApiKey(['rankings:read'])).id}` }),
    allow: { admin: 204, otherAdmin: 404 },
  },
  {
    route: 'GET /api/v1/audit-events',
    request: () => ({ url: '/api/v1/audit-events' }),
    allow: { admin: 200, otherAdmin: 200, apiKey: 200 },
  },
];
