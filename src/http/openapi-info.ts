// The top of the OpenAPI document: info (version from package.json, a short guide), servers and
// the tags in the order a reader meets them. Every operation names one of these tags and its own
// operationId in its route schema.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** package.json of kip-monev, found above this module whether it runs from src/ (tsx) or from the dist/ bundle. */
function readPackageJson(): { name: string; version: string; license?: string } {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown; license?: unknown };
      if (pkg.name === 'kip-monev' && typeof pkg.version === 'string') {
        return { name: pkg.name, version: pkg.version, license: typeof pkg.license === 'string' ? pkg.license : undefined };
      }
    }
    if (path.dirname(dir) === dir) throw new Error('the package.json of kip-monev was not found above ' + fileURLToPath(import.meta.url));
  }
}

const pkg = readPackageJson();

const GUIDE = `Scoring backend for the monitoring dan evaluasi keterbukaan informasi publik (monev KIP).
The full contract is docs/api.md; the scoring rules are docs/scoring.md.

- **Authentication**: \`Authorization: Bearer <credential>\`, where the credential is a JWT from
  \`POST /api/v1/auth/token\` (operation \`createToken\`) or an API key \`kip_…\` created by an admin.
  Every operation's description ends with the permission it needs; public operations need none.
- **Errors**: RFC 9457 \`application/problem+json\` with a stable \`code\` (e.g. \`wrong_stage\`),
  the \`requestId\`, and for validation failures \`errors[]\` of \`{ path, message }\`. Send
  \`Accept-Language: id\` (or \`id-ID\`, q-values honoured) for the \`title\`, \`detail\` and every
  \`errors[].message\` in Bahasa Indonesia; English otherwise. Problems carry \`Content-Language\`
  and \`Vary: Accept-Language\`; \`code\` and \`path\` are the same in both languages.
- **Paging**: lists take \`limit\` and an opaque \`cursor\` and answer \`{ items, nextCursor }\`;
  pass \`nextCursor\` as \`cursor\` until it is null.
- **ETags**: versioned resources send \`ETag\`; updates honour \`If-Match\` (412 \`stale\` when it is
  old); rankings, recap, statistics and result sets honour \`If-None-Match\` (304).
- **Idempotency**: a \`POST\` may carry \`Idempotency-Key\`; repeating it replays the first response
  (\`Idempotent-Replayed: true\`), reusing it for another request is 409.
- **Scores**: JSON numbers rounded half up to 2 decimals; exact decimal strings where offered
  (\`finalScoreExact\`, \`gainExact\`).
- **Exports**: rankings, recap, statistics, juror agreement and result sets answer CSV or XLSX by
  \`Accept\` (\`text/csv\`, the XLSX media type) or \`?format=csv|xlsx\`; anything else is 406.
- **Reasons**: some writes need \`X-Audit-Reason\` (422 \`reason_required\` without it).
- **Events**: stage changes, submissions, verifications, appeals and result sets are readable as a feed
  (\`GET /api/v1/events\`) and delivered to webhooks signed per Standard Webhooks (docs/api.md).`;

export const openapiInfo = {
  title: 'kip-monev API',
  version: pkg.version,
  description: GUIDE,
  // the SPDX identifier as well as the name: OpenAPI 3.1 lets tools read the license without a URL
  license: { name: pkg.license ?? 'MIT', identifier: pkg.license ?? 'MIT' },
  contact: { name: 'kip-monev maintainers' },
};

/** Relative, so the document works behind any host. */
export const openapiServers = [{ url: '/', description: 'this server' }];

/** Every tag an operation may use, in the order a reader meets them. */
export const openapiTags = [
  { name: 'auth', description: 'Log in for a JWT, and who the caller is.' },
  { name: 'commissions', description: 'Information commissions (tenants): the platform superadmin manages them.' },
  { name: 'users', description: 'The users of a commission and their roles (admin, assessor, juror, respondent, viewer).' },
  { name: 'api-keys', description: 'API keys for integrations: scoped, shown once, revocable.' },
  { name: 'audit', description: 'The append-only audit log of every write.' },
  { name: 'categories', description: 'Categories of public bodies (e.g. ministries, provincial agencies).' },
  { name: 'bodies', description: 'Public bodies (badan publik) of a commission; import from CSV or XLSX.' },
  { name: 'periods', description: 'Evaluation periods (one monev a year), their settings and their stages.' },
  { name: 'questionnaires', description: 'The SAQ questionnaires of a period, from scratch, a preset or an earlier period.' },
  { name: 'participants', description: 'The bodies enrolled in a period, their assessors and jurors, and deadline extensions.' },
  { name: 'assessments', description: 'The workflow per participant: answers, evidence, submission, verification, appeals, visitation, presentation, scores.' },
  { name: 'adjustments', description: 'Plenary bonus or penalty points on a participant (nilai plus).' },
  { name: 'results', description: 'Live rankings, recap, statistics, and the versioned result sets a plenary publishes.' },
  { name: 'statistics', description: 'Statistics across periods for dashboards: trends from year to year and band migration between two periods.' },
  { name: 'events', description: 'The feed of domain events of my commission (stage changes, submissions, verifications, appeals, result sets), oldest first.' },
  { name: 'webhooks', description: 'Endpoints that receive those events as signed Standard Webhooks deliveries, and their delivery log.' },
  { name: 'public', description: 'Anonymous read-only access to published results.' },
  { name: 'operations', description: 'Health, readiness and metrics (not under /api/v1).' },
];
