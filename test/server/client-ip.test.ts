// The client address through the real app: the socket peer, or the client a trusted proxy names. Proved on
// the sign-in limit (failures are counted per account and address) and the audit entries it writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { dialects } from '../db.ts';
import { createTestServer, createUserWithRole, ORIGIN, type TestServer } from './helpers.ts';

const PROXY = '10.0.0.5';

for (const dialect of dialects) {
  describe(`client address behind proxies (${dialect})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await createTestServer(dialect, { config: { trustedProxies: ['10.0.0.0/8'] } });
      await createUserWithRole(t.app, 'viewer', 'target@example.test');
    });
    afterAll(() => t.close());

    /** A failed sign-in arriving from socket peer `peer` with these forwarding headers. */
    const attempt = (peer: string, headers: Record<string, string> = {}) =>
      t.server.request(
        `${ORIGIN}/api/v1/auth/login`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ email: 'target@example.test', password: 'guess guess guess' }),
        },
        { incoming: { socket: { remoteAddress: peer, remotePort: 50_000, remoteFamily: 'IPv4' } } },
      );
    const auditedIps = async () =>
      (await listAuditEntries(t.app.database.db, { limit: 200 }))
        .filter((e) => e.action === 'auth.login_failed')
        .map((e) => (e.data as { ip: string }).ip);

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy: a new spoofed address each time does not escape the limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= t.config.login.maxFailures; i++)
        statuses.push((await attempt('203.0.113.9', { 'x-forwarded-for': `198.51.100.${i}` })).status);
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
      expect(new Set(await auditedIps())).toEqual(new Set(['203.0.113.9']));
    });

    it('counts the client a trusted proxy names, not the proxy', async () => {
      for (let i = 0; i < t.config.login.maxFailures; i++)
        expect((await attempt(PROXY, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(401);
      expect((await attempt(PROXY, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(429);
      // Another client behind the same proxy is not held back by the first one's failures.
      expect((await attempt(PROXY, { 'x-forwarded-for': '198.51.100.21' })).status).toBe(401);
      // Nor is the proxy itself when it sends a request of its own.
      expect((await attempt(PROXY)).status).toBe(401);
      const ips = await auditedIps();
      expect(ips.filter((ip) => ip === '198.51.100.20')).toHaveLength(t.config.login.maxFailures);
      expect(ips).toContain('198.51.100.21');
      expect(ips).toContain(PROXY);
    });

    it('walks a chain of proxies and never believes what the client put left of the real address', async () => {
      // client 198.51.100.30 (pretending to be 198.51.100.99) → 10.1.1.1 (trusted) → 10.0.0.5 (trusted).
      const headers = { 'x-forwarded-for': '198.51.100.99, 198.51.100.30, 10.1.1.1' };
      for (let i = 0; i < t.config.login.maxFailures; i++)
        expect((await attempt(PROXY, headers)).status).toBe(401);
      expect(
        (await attempt(PROXY, { 'x-forwarded-for': '198.51.100.98, 198.51.100.30, 10.1.1.1' })).status,
      ).toBe(429);
      expect(await auditedIps()).not.toContain('198.51.100.99');
    });

    it('reads the Forwarded header (RFC 7239) when there is no X-Forwarded-For', async () => {
      expect((await attempt(PROXY, { forwarded: 'for="[2001:db8::7]:4711";proto=https' })).status).toBe(401);
      expect(await auditedIps()).toContain('2001:db8::7');
    });
  });
}
