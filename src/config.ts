// Environment → typed, validated configuration. A bad value stops the process with one line that
// names the variable (see ConfigError). Every variable is documented in README.md.
import net from 'node:net';
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
  /**
   * log2 of scrypt's cost N for new password hashes (14: 16 MiB and tens of ms a hash). Stored hashes
   * name their own cost, so lowering it (the test suite does) never breaks a stored password.
   */
  passwordCost: number;
  bodyLimitBytes: number;
  importMaxBytes: number;
  /** what one uploaded spreadsheet may unpack to and hold (src/http/spreadsheet-read.ts) */
  spreadsheet: SheetLimits;
  /** a request's headers must arrive within headersTimeoutMs, the whole request within requestTimeoutMs (408) */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /**
   * Failed logins of one account from one address (maxPerAccount), and from one address on any
   * accounts (maxPerAddress), before each next attempt waits twice as long as the last, up to
   * windowSeconds (modules/auth/auth.service.ts)
   */
  login: { maxPerAccount: number; maxPerAddress: number; windowSeconds: number };
  /**
   * Which hops before this process may set X-Forwarded-For (Fastify's trustProxy): none, the last
   * N hops, or the listed addresses/CIDRs. The client address is the rightmost untrusted one.
   */
  trustProxy: false | number | string[];
  /** when set, GET /metrics requires `Authorization: Bearer <metricsToken>` */
  metricsToken: string | null;
  s3: { endpoint: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string } | null;
  /** the directory of DejaVuSans.ttf and DejaVuSans-Bold.ttf, embedded in the PDFs (Debian: fonts-dejavu-core) */
  fontDir: string;
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

/**
 * Limits on one uploaded spreadsheet, past which it is refused (413 for size and memory, 422 for the
 * rest): a small XLSX can unpack to gigabytes, and a CSV within IMPORT_MAX_BYTES can still hold rows
 * or cells no import needs.
 */
export interface SheetLimits {
  /** the XLSX's files unpacked, added up, as declared and as counted while inflating */
  maxUnpackedBytes: number;
  /** data rows, the header not counted */
  maxRows: number;
  maxColumns: number;
  /** characters of one cell */
  maxCellChars: number;
  /** the heap of the worker thread that parses one file; beyond it the worker dies and the file is refused */
  maxMemoryMb: number;
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

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name, fallback);
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** proxy-addr's names for address ranges, allowed in a TRUST_PROXY list */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false`, a hop count, or a list of proxy addresses/CIDRs. `true` is refused: it
 * trusts every hop, so the leftmost X-Forwarded-For — which the client writes — became its address.
 */
function trustProxy(raw: string | undefined): false | number | string[] {
  if (raw === undefined || ['', '0', 'false', 'no'].includes(raw)) return false;
  if (['true', 'yes'].includes(raw)) {
    throw new ConfigError('TRUST_PROXY=true would let clients choose their own address; give the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs');
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a hop count between 0 and 10 (got "${raw}")`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = net.isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!(PROXY_RANGE_NAMES.includes(entry) || (family !== 0 && prefixOk && extra === undefined))) {
      throw new ConfigError(`TRUST_PROXY must be false, a hop count, or a comma-separated list of addresses/CIDRs (got "${entry}")`);
    }
  }
  return entries;
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

/** Secrets that were published in kip-monev's examples (docker-compose.yml once shipped the first): never accepted. */
const EXAMPLE_SECRETS = new Set([
  'change-me-change-me-change-me-change-me',
  'change-me',
  'changeme-changeme-changeme-changeme',
]);

export function loadConfig(env: Env = process.env): Config {
  const jwtSecret = optional(env, 'JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (jwtSecret !== null && EXAMPLE_SECRETS.has(jwtSecret)) {
    throw new ConfigError('JWT_SECRET is an example value published with kip-monev, so anyone could sign tokens with it; generate one (openssl rand -base64 48)');
  }
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
    passwordCost: int(env, 'PASSWORD_HASH_COST', 14, 10, 20),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 5_242_880, 1024, 104_857_600),
    spreadsheet: {
      maxUnpackedBytes: int(env, 'IMPORT_MAX_UNPACKED_BYTES', 52_428_800, 1024, 1_073_741_824),
      maxRows: int(env, 'IMPORT_MAX_ROWS', 20_000, 1, 1_000_000),
      maxColumns: int(env, 'IMPORT_MAX_COLUMNS', 200, 1, 16_384),
      maxCellChars: int(env, 'IMPORT_MAX_CELL_CHARS', 10_000, 10, 32_767),
      maxMemoryMb: int(env, 'IMPORT_MAX_MEMORY_MB', 512, 64, 8_192),
    },
    headersTimeoutMs: int(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
    login: {
      maxPerAccount: int(env, 'LOGIN_MAX_PER_ACCOUNT', 5, 1, 100_000),
      maxPerAddress: int(env, 'LOGIN_MAX_PER_ADDRESS', 50, 1, 1_000_000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    metricsToken: optional(env, 'METRICS_TOKEN'),
    s3,
    fontDir: path.resolve(str(env, 'KIP_FONT_DIR', '/usr/share/fonts/truetype/dejavu')),
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
