// Who may do what. Routes declare one permission in `config.permission`; the auth plugin checks it
// against the caller's scopes here. Finer limits (assigned participants, own body) are data checks
// in the services, see `participantAccess` in modules/participants.
export const SCOPES = [
  'commissions:manage',
  'users:manage',
  'api-keys:manage',
  'audit:read',
  'categories:read', 'categories:write',
  'bodies:read', 'bodies:write',
  'periods:read', 'periods:write',
  'questionnaires:read', 'questionnaires:write',
  'participants:read', 'participants:write',
  'answers:read', 'answers:write', 'answers:import', 'submission:write', 'submission:reopen', 'evidence:write',
  'verifications:write', 'visitation:write', 'presentation:write',
  'appeals:read', 'appeals:file', 'appeals:resolve',
  'scores:read', 'adjustments:write', 'rankings:read', 'statistics:read',
  'results:read', 'results:write',
  'events:read', 'webhooks:manage',
] as const;

export type Scope = (typeof SCOPES)[number];
/** `public`: anyone, even anonymous; `authenticated`: any signed-in user or key. */
export type Permission = Scope | 'public' | 'authenticated';

export const ROLES = ['superadmin', 'admin', 'assessor', 'juror', 'respondent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const READ_ALL: Scope[] = SCOPES.filter((s) => s.endsWith(':read') && s !== 'audit:read');
const ASSESSMENT_READ: Scope[] = ['periods:read', 'questionnaires:read', 'participants:read', 'answers:read', 'appeals:read', 'scores:read'];

export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  superadmin: new Set(['commissions:manage']),
  admin: new Set([
    ...READ_ALL, 'audit:read', 'users:manage', 'api-keys:manage',
    'categories:write', 'bodies:write', 'periods:write', 'questionnaires:write', 'participants:write',
    'answers:import', 'submission:reopen', 'adjustments:write', 'results:write', 'webhooks:manage',
  ]),
  assessor: new Set([...ASSESSMENT_READ, 'verifications:write', 'visitation:write', 'appeals:resolve']),
  juror: new Set([...ASSESSMENT_READ, 'presentation:write']),
  respondent: new Set([...ASSESSMENT_READ, 'answers:write', 'evidence:write', 'submission:write', 'appeals:file']),
  viewer: new Set(READ_ALL),
};

/** What an admin may delegate to an integration key: the admin's own scopes minus identity management. */
export const API_KEY_SCOPES: Scope[] = [...ROLE_SCOPES.admin].filter((s) => s !== 'users:manage' && s !== 'api-keys:manage');

export interface Principal {
  kind: 'user' | 'api_key';
  /** the user id, or the API key id */
  id: string;
  username: string;
  role: Role;
  /** null only for the platform superadmin */
  commissionId: string | null;
  /** respondents only */
  bodyId: string | null;
  scopes: ReadonlySet<Scope>;
}

export function allows(principal: Principal | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!principal) return false;
  return permission === 'authenticated' || principal.scopes.has(permission);
}
