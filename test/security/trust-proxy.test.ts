// TRUST_PROXY has Fastify's trustProxy meanings (false, a hop count, a list of proxy addresses):
// the client address is the rightmost untrusted X-Forwarded-For entry, so a client cannot pick its
// own address by writing the leftmost one — the address that login throttling counts against.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { loginFailures } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('TRUST_PROXY values', () => {
  it('reads false, a hop count and a list of addresses/CIDRs; refuses true and anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,fd00::/8' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(new ConfigError('TRUST_PROXY=true would let clients choose their own address; give the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs'));
    for (const bad of ['10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/8', '11']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be/);
  });
});

describe.each([
  { trust: '1', proxy: '10.0.0.5' },
  { trust: '10.0.0.0/8', proxy: '10.0.0.5' },
])('behind a proxy with TRUST_PROXY=$trust', ({ trust, proxy }) => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  /** A failed login through the proxy; the failure is counted against the address the service saw. */
  async function addressSeen(forwardedFor: string | undefined, remoteAddress: string): Promise<string[]> {
    t ??= await createTestApp({ TRUST_PROXY: trust });
    await t.database.db.delete(loginFailures);
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/token', remoteAddress,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      payload: { username: 'nobody-here', password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
    const rows = await t.database.db.select({ key: loginFailures.key }).from(loginFailures);
    return rows.map((r) => r.key).filter((k) => k.startsWith('address:')).map((k) => k.slice('address:'.length));
  }

  it('a client-written leftmost X-Forwarded-For does not set the address', async () => {
    // the client sent "X-Forwarded-For: 203.0.113.66"; the proxy appended the address it saw
    expect(await addressSeen('203.0.113.66, 198.51.100.20', proxy)).toEqual(['198.51.100.20']);
    expect(await addressSeen('198.51.100.20', proxy)).toEqual(['198.51.100.20']);
  });

  it('a client connecting directly names its own address under a hop count only, never under a list', async () => {
    const direct = '198.51.100.99';
    if (trust === '1') {
      // a hop count trusts whoever connects: deploy it only where clients cannot reach the service directly
      expect(await addressSeen('203.0.113.66', direct)).toEqual(['203.0.113.66']);
    } else {
      expect(await addressSeen('203.0.113.66', direct)).toEqual([direct]);
    }
  });
});

it('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
  const t = await createTestApp();
  try {
    await t.app.inject({
      method: 'POST', url: '/api/v1/auth/token', remoteAddress: '198.51.100.30', headers: { 'x-forwarded-for': '203.0.113.66' },
      payload: { username: 'nobody-here', password: 'wrong-password-1' },
    });
    expect(await t.database.db.select({ key: loginFailures.key }).from(loginFailures).where(eq(loginFailures.key, 'address:198.51.100.30'))).toHaveLength(1);
  } finally {
    await t.close();
  }
});
