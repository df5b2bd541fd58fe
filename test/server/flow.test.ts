// A recruiter's and an investigator's day through the HTTP API, on SQLite and on PostgreSQL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../../src/jobs/job-queue.ts';
import { issueSetupToken } from '../../src/services/setup-instance.ts';
import { dialects } from '../db.ts';
import { buildBundle } from '../factories.ts';
import {
  type Client,
  cookieClient,
  cookieFrom,
  createTestServer,
  PASSWORD,
  type TestServer,
} from './helpers.ts';

const infiltrator: unknown = JSON.parse(
  readFileSync(new URL('../../../shared/examples/02-clear-infiltrator.json', import.meta.url), 'utf8'),
);
const clean: unknown = JSON.parse(
  readFileSync(new URL('../../../shared/examples/01-clean-legitimate.json', import.meta.url), 'utf8'),
);

function subjectIdOf(bundle: unknown): string {
  if (typeof bundle === 'object' && bundle !== null && 'subject' in bundle) {
    const subject = bundle.subject;
    if (
      typeof subject === 'object' &&
      subject !== null &&
      'id' in subject &&
      typeof subject.id === 'string'
    ) {
      return subject.id;
    }
  }
  throw new Error('example bundle without subject.id');
}

for (const dialect of dialects) {
  describe(`HTTP flow (${dialect})`, () => {
    let t: TestServer;
    let admin: Client;
    let recruiter: Client;
    let investigator: Client;
    const id = subjectIdOf(infiltrator);

    beforeAll(async () => {
      t = await createTestServer(dialect);
      const issued = await issueSetupToken(t.app);
      if (!issued) throw new Error('no setup token');
      const res = await t.anonymous.request('/api/v1/setup', {
        method: 'POST',
        json: { token: issued.token, email: 'owner@example.test', name: 'Owner', password: PASSWORD },
      });
      expect(res.status).toBe(201);
      const session = cookieFrom(res, 'gc_session');
      admin = cookieClient(t.server, 'admin', session?.value ?? '', (await res.json()).csrfToken);
      for (const role of ['recruiter', 'investigator'] as const) {
        const created = await admin.request('/api/v1/users', {
          method: 'POST',
          json: { email: `${role}@example.test`, name: role, role, password: PASSWORD },
        });
        expect(created.status).toBe(201);
      }
      const login = async (role: 'recruiter' | 'investigator') => {
        const r = await t.anonymous.request('/api/v1/auth/login', {
          method: 'POST',
          json: { email: `${role}@example.test`, password: PASSWORD },
        });
        expect(r.status).toBe(200);
        return cookieClient(
          t.server,
          role,
          cookieFrom(r, 'gc_session')?.value ?? '',
          (await r.json()).csrfToken,
        );
      };
      recruiter = await login('recruiter');
      investigator = await login('investigator');
    }, 60_000);
    afterAll(() => t.close());

    it('reports health with the dialect', async () => {
      expect(await (await t.anonymous.request('/api/v1/health')).json()).toMatchObject({
        ok: true,
        database: dialect,
      });
    });

    it('creates, reads, extends and assesses a subject', async () => {
      const created = await recruiter.request('/api/v1/subjects', { method: 'POST', json: infiltrator });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/v1/subjects/${encodeURIComponent(id)}`);
      const { subject } = await created.json();
      expect(subject).toMatchObject({ id, case: { status: 'open' } });
      expect(['high', 'critical']).toContain(subject.assessment.band);

      const detail = await (await recruiter.request(`/api/v1/subjects/${id}`)).json();
      expect(detail.bundle.subject.id).toBe(id);

      const evidence = await recruiter.request(`/api/v1/subjects/${id}/evidence/incidents`, {
        method: 'POST',
        json: { at: '2026-05-20T10:00:00Z', kind: 'byod_request', text: 'Asked to use a personal laptop' },
      });
      expect(evidence.status).toBe(200);
      expect((await evidence.json()).bundle.incidents.at(-1).kind).toBe('byod_request');
      const bad = await recruiter.request(`/api/v1/subjects/${id}/evidence/incidents`, {
        method: 'POST',
        json: { kind: 'remote_access_tool' },
      });
      expect(bad.status).toBe(422);
      expect((await bad.json()).problems[0].path).toMatch(/^incidents\[\d+\]\.kind$/);
      expect(
        (await recruiter.request(`/api/v1/subjects/${id}/evidence/nonsense`, { method: 'POST', json: {} }))
          .status,
      ).toBe(400);

      const assessed = await recruiter.request(`/api/v1/subjects/${id}/assess`, {
        method: 'POST',
        json: { at: '2026-06-01T00:00:00Z' },
      });
      expect(assessed.status).toBe(200);
      expect((await assessed.json()).assessedAt).toBe('2026-06-01T00:00:00.000Z');

      const history = await (await recruiter.request(`/api/v1/subjects/${id}/assessments`)).json();
      expect(history.items.length).toBeGreaterThanOrEqual(2);
      const timeline = await (await recruiter.request(`/api/v1/subjects/${id}/timeline`)).json();
      expect(timeline.items.length).toBeGreaterThan(0);

      const list = await (await recruiter.request('/api/v1/subjects?band=critical&limit=10')).json();
      expect(list).toMatchObject({ total: expect.any(Number), items: expect.any(Array) });
    });

    it('works the case and keeps an audit trail', async () => {
      const review = await investigator.request(`/api/v1/subjects/${id}/case/transition`, {
        method: 'POST',
        json: { to: 'in_review', note: 'looking into it' },
      });
      expect(review.status).toBe(200);
      expect((await review.json()).status).toBe('in_review');
      const me = await (await investigator.request('/api/v1/auth/me')).json();
      const assigned = await investigator.request(`/api/v1/subjects/${id}/case/assign`, {
        method: 'POST',
        json: { userId: me.user.id },
      });
      expect((await assigned.json()).assignee).toEqual({ id: me.user.id, name: 'investigator' });
      const noted = await recruiter.request(`/api/v1/subjects/${id}/case/notes`, {
        method: 'POST',
        json: { text: 'Called the reference' },
      });
      expect((await noted.json()).notes.at(-1).text).toBe('Called the reference');

      const trail = await (await investigator.request(`/api/v1/subjects/${id}/audit`)).json();
      expect(trail.items.map((e: { action: string }) => e.action)).toContain('subject.created');
      const all = await (await investigator.request('/api/v1/audit?limit=5')).json();
      expect(all.items).toHaveLength(5);
      expect(await (await investigator.request('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    });

    it('imports many, assesses statelessly, serves the catalog', async () => {
      const imported = await recruiter.request('/api/v1/subjects/import', {
        method: 'POST',
        json: { bundles: [clean, buildBundle({ subject: { id: 'imp-2' } }), { nope: true }] },
      });
      const { results } = await imported.json();
      expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);

      const stateless = await recruiter.request('/api/v1/assess', {
        method: 'POST',
        json: { bundles: [buildBundle({ subject: { id: 'ephemeral' } })], at: '2026-06-01T00:00:00Z' },
      });
      const body = await stateless.json();
      expect(Object.keys(body.assessments[0]).sort()).toEqual([
        'band',
        'notEvaluated',
        'score',
        'signals',
        'subject',
      ]);
      expect((await recruiter.request('/api/v1/subjects/ephemeral')).status).toBe(404);

      const catalog = await (await recruiter.request('/api/v1/signals')).json();
      expect(catalog.signals.length).toBeGreaterThan(10);
      expect(catalog.checks.length).toBeGreaterThan(0);
    });

    it('changes the policy and re-assesses everyone as a job', async () => {
      const current = await (await admin.request('/api/v1/policy')).json();
      const res = await admin.request('/api/v1/policy', {
        method: 'PUT',
        json: { ...current, bands: { elevated: 20, high: 60, critical: 90 } },
      });
      expect(res.status).toBe(200);
      const { policy, job } = await res.json();
      expect(policy.bands.high).toBe(60);
      await waitForJob(t.app.jobs, job.id, 30_000);
      const view = await (await recruiter.request(`/api/v1/jobs/${job.id}`)).json();
      expect(view.status).toBe('succeeded');
      expect((await (await recruiter.request('/api/v1/jobs')).json()).items.length).toBeGreaterThan(0);
    }, 40_000);

    it('manages users and tokens', async () => {
      const users = await (await admin.request('/api/v1/users')).json();
      const rec = users.items.find((u: { email: string }) => u.email === 'recruiter@example.test');
      const patched = await admin.request(`/api/v1/users/${rec.id}`, {
        method: 'PATCH',
        json: { disabled: true },
      });
      expect((await patched.json()).disabled).toBe(true);
      // A disabled user's session stops working at once.
      expect((await recruiter.request('/api/v1/subjects')).status).toBe(401);
      const tokens = await (await admin.request('/api/v1/tokens')).json();
      expect(tokens.items).toEqual(expect.any(Array));
    });
  });
}
