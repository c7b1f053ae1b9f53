// Authentication (JWT from us, JWT from an external identity provider, or an API key) and the one
// place where route permissions are enforced.
import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { findUsableApiKey, recordApiKeyUse } from '../modules/api-keys/api-keys.repo.ts';
import { platformSetting } from '../modules/auth/auth.repo.ts';
import { findUserById, findUserByUsername, type UserRow } from '../modules/users/users.repo.ts';
import { must } from '../must.ts';
import { allows, ROLE_SCOPES, type Permission, type Principal, type Role, type Scope } from './permissions.ts';
import { Problem } from './problems.ts';
import { plugin } from './plugin.ts';
import { t, type Message } from '../i18n/message.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const API_KEY_PREFIX = 'kip_';
const LAST_USED_RESOLUTION_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** where @fastify/swagger-ui serves the API documentation (registered in app.ts) */
export const DOCS_PREFIX = '/docs';
/** A route of that documentation: Swagger UI's page and its assets. */
export const isDocsRoute = (route: string) => route === DOCS_PREFIX || route.startsWith(`${DOCS_PREFIX}/`);

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface TokenIssuer {
  issue(user: { id: string; commissionId: string | null; role: Role; tokenVersion: number }): Promise<{ accessToken: string; expiresIn: number }>;
}

/** The HS256 signing secret: JWT_SECRET, or a random secret generated once and shared through the database. */
export async function resolveJwtSecret(db: Db, configured: string | null): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  return new TextEncoder().encode(await platformSetting(db, 'jwt_secret', randomBytes(48).toString('base64url')));
}

/**
 * Requests that carry or return credentials (passwords, API key secrets) are never kept in the
 * Idempotency-Key replay store, not even as a hash of the body: they refuse the header instead.
 */
export function refuseReplay(request: FastifyRequest, what: Message): void {
  if (request.headers['idempotency-key'] === undefined) return;
  request.idempotency = null;
  throw new Problem('bad_request', t`${what} cannot be replayed, because credentials are never stored: send it without Idempotency-Key`);
}

const unauthenticated = (detail: Message) => new Problem('unauthenticated', detail, { headers: { 'www-authenticate': 'Bearer' } });

export default fp(plugin(function auth(app: FastifyInstance, opts: { db: Db; config: Config; secret: Uint8Array }): void {
  const { db, config } = opts;
  // one key object for every token, instead of importing the raw secret on each sign and verify
  const secret = createSecretKey(opts.secret);
  const jwks = config.jwks ? createRemoteJWKSet(new URL(config.jwks.url)) : null;

  const issuer: TokenIssuer = {
    async issue(user) {
      const accessToken = await new SignJWT({ cid: user.commissionId, role: user.role, tv: user.tokenVersion })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(config.jwtIssuer)
        .setAudience(config.jwtAudience)
        .setIssuedAt()
        .setExpirationTime(`${config.jwtTtlSeconds}s`)
        .sign(secret);
      return { accessToken, expiresIn: config.jwtTtlSeconds };
    },
  };
  app.decorate('tokens', issuer);
  app.decorateRequest('principal', null);

  // A token of ours is verified once, then recognised until it expires: jose verifies HS256 through
  // WebCrypto, a thread-pool round trip that cost more than the rest of a cached rankings page.
  // What can end a token early (a disabled account, a new password) is its user row, read every time.
  const verifiedTokens = new LRUCache<string, JWTPayload & { exp: number }>({ max: 10_000 });
  async function verifyOurs(token: string): Promise<JWTPayload> {
    // a token without `exp` would be valid forever: refused, even when signed with our secret
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'], issuer: config.jwtIssuer, audience: config.jwtAudience, requiredClaims: ['exp'],
    });
    if (typeof payload.exp === 'number') verifiedTokens.set(token, Object.freeze({ ...payload, exp: payload.exp }));
    return payload;
  }
  /** The principal of a looked-up user row (none: unknown). */
  function userPrincipal(user: UserRow | undefined): Principal {
    if (!user || !user.active) throw unauthenticated(t`The account is unknown or disabled`);
    return {
      kind: 'user', id: user.id, username: user.username, role: user.role, commissionId: user.commissionId,
      bodyId: user.bodyId, scopes: ROLE_SCOPES[user.role],
    };
  }

  async function fromApiKey(key: string): Promise<Principal> {
    const row = await findUsableApiKey(db, hashApiKey(key));
    if (!row) throw unauthenticated(t`The API key is unknown or revoked`);
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // at most one write per key and minute, not one per request
      await recordApiKeyUse(db, row.id);
    }
    return {
      kind: 'api_key', id: row.id, username: `api-key:${row.name}`, role: 'admin', commissionId: row.commissionId,
      bodyId: null, scopes: new Set(row.scopes as Scope[]),
    };
  }

  /** The principal of a token of ours; `payload` has been verified. */
  async function fromOurPayload(payload: JWTPayload): Promise<Principal> {
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw unauthenticated(t`The token has no valid subject`);
    const user = await findUserById(db, payload.sub);
    const principal = userPrincipal(user);
    if ((payload.cid ?? null) !== principal.commissionId) throw unauthenticated(t`The token is not valid`);
    // the cached user row says which tokens a password change or reset has ended: no extra query
    if ((payload.tv ?? 0) !== user?.tokenVersion) throw unauthenticated(t`The token was issued before a password change; log in again`);
    return principal;
  }

  async function fromJwt(token: string): Promise<Principal> {
    const known = verifiedTokens.get(token);
    if (known && known.exp * 1000 > Date.now()) return fromOurPayload(known);
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated(t`The token is malformed`);
    }
    try {
      if (header.alg === 'HS256') {
        return await fromOurPayload(await verifyOurs(token));
      }
      if (jwks && config.jwks) {
        const { payload } = await jwtVerify(token, jwks, {
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
          requiredClaims: ['exp'],
          ...(config.jwks.issuer ? { issuer: config.jwks.issuer } : {}),
          ...(config.jwks.audience ? { audience: config.jwks.audience } : {}),
        });
        const username = (payload as JWTPayload & Record<string, unknown>)[config.jwks.usernameClaim];
        if (typeof username !== 'string') throw unauthenticated(t`The token has no "${config.jwks.usernameClaim}" claim`);
        const principal = userPrincipal(await findUserByUsername(db, username.toLowerCase()));
        // single sign-on is for commission users; the platform superadmin signs in only with its password
        if (principal.role === 'superadmin') throw unauthenticated(t`The platform superadmin cannot sign in through the identity provider`);
        return principal;
      }
      throw unauthenticated(t`Tokens signed with "${String(header.alg)}" are not accepted`);
    } catch (err) {
      if (err instanceof Problem) throw err;
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated(t`The token has expired`);
      if (err instanceof joseErrors.JOSEError) throw unauthenticated(t`The token is not valid`);
      throw err;
    }
  }

  async function authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated(t`Use "Authorization: Bearer <token or API key>"`);
    const credential = must(match[1], 'the credential of a matched Authorization header');
    return credential.startsWith(API_KEY_PREFIX) ? fromApiKey(credential) : fromJwt(credential);
  }

  async function admit(request: FastifyRequest, permission: Permission): Promise<void> {
    request.principal = await authenticate(request);
    if (!request.principal) throw unauthenticated(t`This resource needs a bearer token or an API key`);
    if (!allows(request.principal, permission)) {
      throw new Problem('forbidden', t`Your role (${request.principal.role}) may not do this (needs "${permission}")`);
    }
  }

  // A plain callback, not an async function: the public routes (health, the public reads) then pass
  // without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined) return done(); // no such route: the 404 handler answers
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined) {
      // Swagger UI's own assets are documentation, public by design; any other route without a
      // declaration is a programming error and stays closed (the route-walk test catches it).
      if (isDocsRoute(route)) return done();
      request.log.error({ route }, 'route without a permission declaration');
      return done(new Problem('forbidden', t`This route declares no permission, so nobody may call it`));
    }
    if (permission === 'public') return done();
    admit(request, permission).then(() => done(), done);
  });
}));

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenIssuer;
  }
}
