// The row format of the authorization matrix (see README.md in this folder).
import type { InjectOptions } from 'fastify';
import type { World } from '../world.ts';

/**
 * Who calls. Everything happens in commission A (the world's `a`), except `otherAdmin`, the admin
 * of commission B, who sends the very same request for A's resources.
 */
export const ACTORS = [
  'anonymous',
  'superadmin',
  'admin',
  'assessor',
  'juror',
  'respondent',
  'viewer',
  /** the admin of commission B */
  'otherAdmin',
  /** an API key of commission A holding every scope an API key may hold (API_KEY_SCOPES) */
  'apiKey',
  /** an API key of commission A holding every API-key scope except the route's permission */
  'apiKeyWithoutScope',
] as const;
export type Actor = (typeof ACTORS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MatrixRequest {
  /** defaults to the row's method */
  method?: HttpMethod;
  /** the concrete URL, e.g. `/api/v1/users/${w.a.users.viewer.id}` */
  url: string;
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
}

export interface MatrixRow {
  /** the route exactly as registered: method, space, URL pattern, e.g. 'GET /api/v1/users/:userId' */
  route: `${HttpMethod} /api/v1/${string}`;
  /**
   * Builds the request for one actor. Called once per actor, in the order of RUN_ORDER, so a row
   * whose request consumes its target (DELETE, a unique name) makes a fresh one here.
   */
  request: (w: World, actor: Actor) => MatrixRequest | Promise<MatrixRequest>;
  /**
   * The exact status for every actor that gets past authorization. Every actor not listed is
   * expected to be refused: 401 for `anonymous`, 403 for everybody else. A row that allows
   * `admin` must also say what `otherAdmin` gets (404 for A's resources, usually 200 for a list,
   * which then shows B's own data).
   */
  allow: Partial<Record<Actor, number>>;
  /**
   * Writes (anything but GET) that succeed must leave an audit event with their request id; set
   * false only for a write that changes no commission data (logging in).
   */
  audited?: boolean;
  /** why the statuses are what they are, when it is not obvious */
  note?: string;
}

/** Actors with a write in their power go last, so refused actors see the world unchanged. */
export const RUN_ORDER: Actor[] = [
  'anonymous', 'superadmin', 'apiKeyWithoutScope', 'otherAdmin', 'viewer', 'juror', 'assessor', 'respondent', 'apiKey', 'admin',
];

/** Every actor with the same status (public routes). */
export function everyone(status: number): Record<Actor, number> {
  return Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
}
