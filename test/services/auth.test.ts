import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { DomainError } from '../../src/core/errors.ts';
import { login, logout, resolveSession } from '../../src/services/login-user.ts';
import {
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from '../../src/services/manage-api-tokens.ts';
import { createUser, listUsers, updateUser } from '../../src/services/manage-users.ts';
import { completeSetup, getSetupState, issueSetupToken } from '../../src/services/setup-instance.ts';
import { dialects } from '../db.ts';
import { admin, createTestApp, investigator, type TestApp } from './helpers.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

const PASSWORD = 'correct horse battery staple';

for (const dialect of dialects) {
  describe(`setup, sign-in and tokens (${dialect})`, () => {
    let t: TestApp;
    let adminId = '';
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('sets up the first admin once, with the one-time token only', async () => {
      expect(await getSetupState(t.app)).toEqual({ needsSetup: true });
      const first = await issueSetupToken(t.app);
      const issued = await issueSetupToken(t.app); // a restart prints a new one; the old one stops working
      expect(first?.token).toMatch(/^gcs_/);
      const input = { email: 'Ada@Example.com', name: 'Ada Admin', password: PASSWORD, ip: '10.0.0.1' };
      expect(await codeOf(completeSetup(t.app, { ...input, token: first?.token ?? '' }))).toBe('forbidden');
      expect(await codeOf(completeSetup(t.app, { ...input, token: 'guess' }))).toBe('forbidden');
      expect(
        await codeOf(completeSetup(t.app, { ...input, password: 'short', token: issued?.token ?? '' })),
      ).toBe('validation');
      const done = await completeSetup(t.app, { ...input, token: issued?.token ?? '' });
      adminId = done.user.id;
      expect(done.user).toMatchObject({ email: 'ada@example.com', name: 'Ada Admin', role: 'admin' });
      expect((await resolveSession(t.app, done.session.token))?.user.id).toBe(adminId);
      expect(await getSetupState(t.app)).toEqual({ needsSetup: false });
      expect(await codeOf(completeSetup(t.app, { ...input, token: issued?.token ?? '' }))).toBe('setup_done');
      expect(await issueSetupToken(t.app)).toBeNull();
      const actions = (await listAuditEntries(t.app.database.db)).map((e) => e.action);
      expect(actions).toContain('setup.completed');
    });

    it('signs in, resolves and expires sessions, and signs out', async () => {
      const { user, session } = await login(t.app, {
        email: 'ADA@example.com',
        password: PASSWORD,
        ip: '10.0.0.1',
      });
      expect(user.id).toBe(adminId);
      expect(session.token).not.toBe(session.csrfToken);
      const resolved = await resolveSession(t.app, session.token);
      expect(resolved).toMatchObject({ user: { id: adminId }, csrfToken: session.csrfToken });
      expect(resolved?.actor).toEqual({ kind: 'user', id: adminId, name: 'Ada Admin', role: 'admin' });
      expect(await resolveSession(t.app, 'not-a-session')).toBeNull();

      await logout(t.app, resolved!.actor, session.token);
      expect(await resolveSession(t.app, session.token)).toBeNull();

      const again = await login(t.app, { email: 'ada@example.com', password: PASSWORD, ip: '10.0.0.1' });
      t.clock.advance(12 * 3_600_000);
      expect(await resolveSession(t.app, again.session.token)).toBeNull();
    });

    it('rate-limits failed sign-ins per email and IP (fixed clock)', async () => {
      const attempt = (password: string, ip = '192.0.2.9') =>
        login(t.app, { email: 'ada@example.com', password, ip });
      for (let i = 0; i < 5; i++) expect(await codeOf(attempt('wrong password!'))).toBe('unauthenticated');
      // Even the right password is refused now, from this address.
      expect(await codeOf(attempt(PASSWORD))).toBe('rate_limited');
      // Another address is not affected.
      expect((await attempt(PASSWORD, '192.0.2.10')).user.id).toBe(adminId);
      t.clock.advance(15 * 60_000 + 1000);
      expect((await attempt(PASSWORD)).user.id).toBe(adminId);
      const failures = (await listAuditEntries(t.app.database.db, { limit: 50 })).filter(
        (e) => e.action === 'auth.login_failed',
      );
      expect(failures).toHaveLength(5);
      expect(failures[0]?.data).toMatchObject({
        email: 'ada@example.com',
        ip: '192.0.2.9',
        reason: 'wrong_password',
      });
      expect(await codeOf(login(t.app, { email: 'nobody@example.com', password: PASSWORD }))).toBe(
        'unauthenticated',
      );
    });

    it('manages users and never removes the last admin', async () => {
      expect(
        await codeOf(
          createUser(t.app, investigator, {
            email: 'x@example.com',
            name: 'X',
            role: 'viewer',
            password: PASSWORD,
          }),
        ),
      ).toBe('forbidden');
      const inv = await createUser(t.app, admin, {
        email: 'ines@example.com',
        name: 'Ines',
        role: 'investigator',
        password: PASSWORD,
      });
      expect(
        await codeOf(
          createUser(t.app, admin, {
            email: 'INES@example.com',
            name: 'I',
            role: 'viewer',
            password: PASSWORD,
          }),
        ),
      ).toBe('conflict');
      expect(await codeOf(updateUser(t.app, admin, adminId, { role: 'viewer' }))).toBe('conflict');
      expect(await codeOf(updateUser(t.app, admin, adminId, { disabled: true }))).toBe('conflict');
      await updateUser(t.app, admin, inv.id, { role: 'admin' });
      expect((await updateUser(t.app, admin, adminId, { role: 'investigator' })).role).toBe('investigator');
      const disabled = await updateUser(t.app, admin, inv.id, { role: 'viewer' }).catch(
        (e: DomainError) => e.code,
      );
      expect(disabled).toBe('conflict');
      await updateUser(t.app, admin, adminId, { role: 'admin' });
      const session = await login(t.app, { email: 'ines@example.com', password: PASSWORD, ip: '10.0.0.2' });
      await updateUser(t.app, admin, inv.id, { disabled: true });
      expect(await resolveSession(t.app, session.session.token)).toBeNull();
      expect(
        await codeOf(login(t.app, { email: 'ines@example.com', password: PASSWORD, ip: '10.0.0.2' })),
      ).toBe('unauthenticated');
      expect((await listUsers(t.app, admin)).items.map((u) => [u.email, u.role, u.disabled])).toEqual([
        ['ada@example.com', 'admin', false],
        ['ines@example.com', 'admin', true],
      ]);
    });

    it('creates API tokens shown once, resolves them to actors and revokes them', async () => {
      expect(await codeOf(createApiToken(t.app, investigator, { name: 'ats', role: 'recruiter' }))).toBe(
        'forbidden',
      );
      const created = await createApiToken(t.app, admin, { name: 'ATS sync', role: 'recruiter' });
      expect(created.token).toMatch(/^gc_[A-Za-z0-9_-]{43}$/);
      expect(await resolveApiToken(t.app, created.token)).toEqual({
        kind: 'token',
        id: created.id,
        name: 'ATS sync',
        role: 'recruiter',
      });
      expect(await resolveApiToken(t.app, `${created.token}x`)).toBeNull();
      const listed = (await listApiTokens(t.app, admin)).items;
      expect(listed).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(created.token);
      expect(listed[0]?.lastUsedAt).not.toBeNull();
      await revokeApiToken(t.app, admin, created.id);
      expect(await resolveApiToken(t.app, created.token)).toBeNull();
      expect(await codeOf(revokeApiToken(t.app, admin, 'nope'))).toBe('not_found');
      expect(await codeOf(createApiToken(t.app, admin, { name: '', role: 'root' as 'admin' }))).toBe(
        'validation',
      );
    });
  });
}
