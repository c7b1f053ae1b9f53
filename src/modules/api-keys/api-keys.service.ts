// Integration keys: an admin creates one with a subset of API_KEY_SCOPES; the secret is returned once
// and only its SHA-256 is stored (http/auth.ts looks keys up by that hash). Revoking is final.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { API_KEY_PREFIX, hashApiKey } from '../../http/auth.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { apiKeysPage, findApiKey, insertApiKey, revokeApiKeyRow, type ApiKeyRow } from './api-keys.repo.ts';
import type { ApiKeyCreate, ApiKeyListQuery } from './api-keys.schemas.ts';
import { t } from '../../i18n/message.ts';

/** `kip_` and 8 characters of the secret: enough to tell keys apart, far too little to guess the rest */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

function toDto(k: ApiKeyRow) {
  return {
    id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, createdBy: k.createdBy, createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badCursor = () => new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });

const auditable = (k: ApiKeyRow) => ({ name: k.name, prefix: k.prefix, scopes: k.scopes, revokedAt: k.revokedAt });

export async function listApiKeys(db: Db, c: RequestContext, query: ApiKeyListQuery) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 1);
  const after = cursor ? String(cursor[0]) : null;
  if (after !== null && !UUID.test(after)) throw badCursor();
  const rows = await apiKeysPage(db, c.commissionId, { revoked: query.revoked, after, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (k) => [k.id]);
  return { items: items.map(toDto), nextCursor };
}

export async function createApiKey(work: Work, input: ApiKeyCreate) {
  const { tx, ctx: c } = work;
  if (c.principal.kind !== 'user') throw new Problem('forbidden', t`Only a signed-in admin may create API keys`);
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await insertApiKey(tx, {
    commissionId: c.commissionId, name: input.name, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), keyHash: hashApiKey(key),
    scopes: [...input.scopes], createdBy: c.principal.id,
  });
  await work.audit({ action: 'api_key.create', entityType: 'api_key', entityId: row.id, after: auditable(row) });
  return { ...toDto(row), key };
}

/** Revokes the key at once (idempotent); a revoked key is kept for the audit trail. */
export async function revokeApiKey(work: Work, keyId: string): Promise<void> {
  const { tx, ctx: c } = work;
  const before = await findApiKey(tx, c.commissionId, keyId, { forUpdate: true });
  if (!before) throw notFound(t`API key`);
  if (before.revokedAt) return;
  const after = await revokeApiKeyRow(tx, keyId);
  await work.audit({ action: 'api_key.revoke', entityType: 'api_key', entityId: keyId, before: auditable(before), after: auditable(after) });
}
