// Rows for login and "who am I".
import { PASSWORD } from '../../helpers/fixtures.ts';
import { everyone, type MatrixRow } from './types.ts';

export const rows: MatrixRow[] = [
  {
    route: 'POST /api/v1/auth/token',
    request: (w) => ({ url: '/api/v1/auth/token', payload: { username: w.a.users.viewer.username, password: PASSWORD } }),
    allow: everyone(200),
    audited: false,
    note: 'public: a bearer header, valid or not, plays no part in logging in',
  },
  {
    route: 'GET /api/v1/me',
    request: () => ({ url: '/api/v1/me' }),
    allow: { ...everyone(200), anonymous: 401 },
  },
];
