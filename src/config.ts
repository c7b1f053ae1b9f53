// Environment → typed, validated configuration. A bad value stops the process with one line that
// names the variable (see ConfigError). Every variable is documented in README.md.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** HS256 secret; when absent a random one is generated once and kept in the database */
  jwtSecret: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  jwtTtlSeconds: number;
  /** external identity provider (provincial SSO) */
  jwks: { url: string; issuer: string; audience: string | null; usernameClaim: string } | null;
  adminUsername: string;
  adminPassword: string | null;
  bodyLimitBytes: number;
  importMaxBytes: number;
  /** a request's headers must arrive within headersTimeoutMs, the whole request within requestTimeoutMs (408) */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  login: { maxPerAccount: number; maxPerAddress: number; windowSeconds: number };
  trustProxy: boolean;
  s3: { endpoint: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string } | null;
  webhooks: {
    /** plain http and loopback/private receivers (on-premises, tests); metadata addresses stay refused */
    allowPrivate: boolean;
    /** whether this instance runs the webhook dispatcher */
    delivery: boolean;
    pollIntervalMs: number;
    /** deliveries in flight at once on this instance */
    concurrency: number;
  };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function optional(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v === '' ? null : v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name, fallback);
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const jwtSecret = optional(env, 'JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const adminPassword = optional(env, 'KIP_ADMIN_PASSWORD');
  if (adminPassword !== null && adminPassword.length < 12) throw new ConfigError('KIP_ADMIN_PASSWORD must be at least 12 characters');
  const jwksUrl = url(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  const s3Bucket = optional(env, 'S3_BUCKET');
  const s3 = s3Bucket === null ? null : {
    endpoint: url(env, 'S3_ENDPOINT', ['https:', 'http:']),
    region: str(env, 'S3_REGION', 'us-east-1'),
    bucket: s3Bucket,
    accessKeyId: required(env, 'S3_ACCESS_KEY_ID', 'when S3_BUCKET is set'),
    secretAccessKey: required(env, 'S3_SECRET_ACCESS_KEY', 'when S3_BUCKET is set'),
  };
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(str(env, 'DATA_DIR', './data')),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    jwtSecret,
    jwtIssuer: str(env, 'JWT_ISSUER', 'kip-monev'),
    jwtAudience: str(env, 'JWT_AUDIENCE', 'kip-monev-api'),
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 900, 60, 86_400),
    jwks: jwksUrl === null ? null : {
      url: jwksUrl,
      issuer: required(env, 'JWT_JWKS_ISSUER', 'when JWT_JWKS_URL is set (tokens of any other issuer must be refused)'),
      audience: optional(env, 'JWT_JWKS_AUDIENCE'),
      usernameClaim: str(env, 'JWT_JWKS_USERNAME_CLAIM', 'preferred_username'),
    },
    adminUsername: str(env, 'KIP_ADMIN_USERNAME', 'admin'),
    adminPassword,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 5_242_880, 1024, 104_857_600),
    headersTimeoutMs: int(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
    login: {
      maxPerAccount: int(env, 'LOGIN_MAX_PER_ACCOUNT', 10, 1, 100_000),
      maxPerAddress: int(env, 'LOGIN_MAX_PER_ADDRESS', 50, 1, 1_000_000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    },
    trustProxy: bool(env, 'TRUST_PROXY', false),
    s3,
    webhooks: {
      allowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
      delivery: bool(env, 'WEBHOOK_DELIVERY', true),
      pollIntervalMs: int(env, 'WEBHOOK_POLL_INTERVAL_MS', 1_000, 50, 600_000),
      concurrency: int(env, 'WEBHOOK_CONCURRENCY', 8, 1, 256),
    },
  };
}

function required(env: Env, name: string, when: string): string {
  const v = optional(env, name);
  if (v === null) throw new ConfigError(`${name} is required ${when}`);
  return v;
}
