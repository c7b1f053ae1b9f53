// The platform superadmin on a running platform: KIP_ADMIN_PASSWORD is only used to create it, so a
// changed value is warned about instead of silently ignored; `kip-monev reset-admin` sets its
// password (ending its tokens, audited); published example secrets are refused at start.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { connectPglite } from '../../src/db/client.ts';
import { auditEvents, users } from '../../src/db/schema.ts';
import { Problem } from '../../src/http/problems.ts';
import { ensureSuperadmin, resetSuperadminPassword } from '../../src/modules/users/bootstrap.ts';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function capture() {
  const lines: { obj: object; msg: string }[] = [];
  const log = { info: () => {}, warn: (obj: object, msg: string) => lines.push({ obj, msg }) };
  return { lines, log: log as unknown as Parameters<typeof ensureSuperadmin>[2] };
}

describe('KIP_ADMIN_PASSWORD once the superadmin exists', () => {
  it('is silent when it matches the superadmin\'s password', async () => {
    const { lines, log } = capture();
    await ensureSuperadmin(t.database.db, { adminUsername: SUPERADMIN.username, adminPassword: SUPERADMIN.password }, log);
    expect(lines).toEqual([]);
  });

  it('warns that it is ignored when it differs, or names no superadmin, and changes nothing', async () => {
    const { lines, log } = capture();
    await ensureSuperadmin(t.database.db, { adminUsername: SUPERADMIN.username, adminPassword: 'a-newer-password-2026' }, log);
    await ensureSuperadmin(t.database.db, { adminUsername: 'Admin', adminPassword: 'a-newer-password-2026' }, log);
    expect(lines.map((l) => l.msg)).toEqual([
      'KIP_ADMIN_PASSWORD is ignored: the superadmin already exists with another password; to set it, stop the server and run `kip-monev reset-admin`',
      'KIP_ADMIN_PASSWORD is ignored: no superadmin is named "admin" (KIP_ADMIN_USERNAME); the superadmin is root',
    ]);
    expect(await login(t.app, SUPERADMIN.username, SUPERADMIN.password)).toBeTruthy();
  });
});

describe('reset-admin', () => {
  it('sets the password, ends the superadmin\'s tokens and audits the reset', async () => {
    const before = await login(t.app, SUPERADMIN.username, SUPERADMIN.password);
    expect((await call(t.app, before, { url: '/api/v1/me' })).statusCode).toBe(200);
    await resetSuperadminPassword(t.database.db, ' ROOT ', 'sandi-platform-baru-2026');
    expect((await call(t.app, before, { url: '/api/v1/me' })).statusCode).toBe(401);
    const failed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: SUPERADMIN, remoteAddress: '192.0.2.44' });
    expect(failed.statusCode).toBe(401);
    expect(await login(t.app, SUPERADMIN.username, 'sandi-platform-baru-2026')).toBeTruthy();
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.password_reset')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'system', entityType: 'user', after: { password: 'changed' }, reason: 'kip-monev reset-admin', commissionId: null });
    expect(JSON.stringify(events[0])).not.toContain('sandi-platform');
  });

  it('refuses a weak password and a name that is not the superadmin, changing nothing', async () => {
    await expect(resetSuperadminPassword(t.database.db, 'root', 'root-root-root-1')).rejects.toThrow('The password must not contain the username');
    await expect(resetSuperadminPassword(t.database.db, 'root', 'aaaaaaaaaaaaaaaa')).rejects.toThrow(Problem);
    await expect(resetSuperadminPassword(t.database.db, 'admin', 'sandi-platform-lain-2026')).rejects.toThrow('No superadmin is named "admin"; the superadmin is root');
    expect(await login(t.app, SUPERADMIN.username, 'sandi-platform-baru-2026')).toBeTruthy();
  });
});

describe('first start', () => {
  it('refuses published example secrets', () => {
    expect(() => loadConfig({ JWT_SECRET: 'change-me-change-me-change-me-change-me' })).toThrow(/JWT_SECRET is an example value/);
  });

  it('refuses to create the superadmin with a weak KIP_ADMIN_PASSWORD, and creates nothing', async () => {
    const empty = connectPglite(null);
    try {
      await empty.migrate();
      const { log } = capture();
      await expect(ensureSuperadmin(empty.db, { adminUsername: 'admin', adminPassword: 'password1234' }, log))
        .rejects.toThrow(new ConfigError('KIP_ADMIN_PASSWORD is one of the most commonly used passwords; choose another (a few unrelated words make a good one)'));
      expect(await empty.db.select().from(users)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
