// The platform superadmin: created on first start, and its password reset by `kip-monev reset-admin`
// (on the machine, for when nobody can log in as it any more).
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { Problem } from '../../http/problems.ts';
import { runWork } from '../../http/unit-of-work.ts';
import { assertAcceptablePassword, generatePassword, hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import { findUserByUsername, hasSuperadmin, insertUserUnlessTaken, superadminUsernames, updateUserRow } from './users.repo.ts';
import { t } from '../../i18n/message.ts';

export async function ensureSuperadmin(db: Db, config: { adminUsername: string; adminPassword: string | null }, log: Pick<FastifyBaseLogger, 'info' | 'warn'>) {
  const username = config.adminUsername.trim().toLowerCase();
  if (await hasSuperadmin(db)) {
    if (config.adminPassword) await warnIfIgnored(db, username, config.adminPassword, log);
    return;
  }
  const password = config.adminPassword ?? generatePassword();
  const weak = passwordWeakness(password, username);
  if (weak) throw new ConfigError(`KIP_ADMIN_PASSWORD ${weak.en()}`);
  await insertUserUnlessTaken(db, { username, role: 'superadmin', passwordHash: await hashPassword(password), displayName: 'Platform superadmin' });
  if (config.adminPassword) {
    log.info({ username }, 'created the platform superadmin with the password from KIP_ADMIN_PASSWORD');
  } else {
    log.warn({ username, password }, 'created the platform superadmin with a generated password: store it now, it is not shown again');
  }
}

/**
 * KIP_ADMIN_PASSWORD only creates the first superadmin; afterwards it is ignored. Someone who set
 * it expecting to log in with it is told so, instead of meeting a silent 401.
 */
async function warnIfIgnored(db: Db, username: string, password: string, log: Pick<FastifyBaseLogger, 'warn'>): Promise<void> {
  const user = await findUserByUsername(db, username);
  if (user?.role === 'superadmin' && await verifyPassword(password, user.passwordHash)) return;
  const existing = await superadminUsernames(db);
  log.warn(
    { username, superadmins: existing },
    user?.role === 'superadmin'
      ? 'KIP_ADMIN_PASSWORD is ignored: the superadmin already exists with another password; to set it, stop the server and run `kip-monev reset-admin`'
      : `KIP_ADMIN_PASSWORD is ignored: no superadmin is named "${username}" (KIP_ADMIN_USERNAME); the superadmin is ${existing.join(', ')}`,
  );
}

/** Sets the superadmin `username`'s password, ends its tokens, and audits it as the system. */
export async function resetSuperadminPassword(db: Db, username: string, password: string): Promise<{ id: string; username: string }> {
  const name = username.trim().toLowerCase();
  const user = await findUserByUsername(db, name);
  if (user?.role !== 'superadmin') {
    const names = (await superadminUsernames(db)).join(', ');
    throw new Problem('not_found', names
      ? t`No superadmin is named "${name}"; the superadmin is ${names}`
      : t`No superadmin is named "${name}"; the superadmin is not created yet (start the server once)`);
  }
  assertAcceptablePassword(password, name, 'password');
  const passwordHash = await hashPassword(password);
  await runWork(db, { principal: null, requestId: 'reset-admin', reason: 'kip-monev reset-admin' }, async (work) => {
    await updateUserRow(work.tx, user.id, { passwordHash });
    await work.audit({ action: 'user.password_reset', entityType: 'user', entityId: user.id, before: null, after: { password: 'changed' }, commissionId: null });
  });
  return { id: user.id, username: name };
}
