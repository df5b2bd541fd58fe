// The sign-in API in-process: a raw file upload streamed past the small-body limits, the import report,
// a subject's sign-ins and places, unmatched accounts and linking, the network overview, and the hooks
// (Okta verification and deliveries with the admin-set secret, the generic webhook with an API token).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubject } from '../../src/services/create-subject.ts';
import { buildBundle } from '../services/factories.ts';
import { recruiter as recruiterActor } from '../services/helpers.ts';
import { oktaEvent, PYONGYANG, TORONTO } from '../services/logins-fixtures.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const GOOGLE = '/work/shared/datasets/signin-logs/elastic_google_workspace_login_test-login.ndjson';

function ndjson(events: Record<string, unknown>[]): string {
  return `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
}

/** About 2 MB of Okta events: more than the 1 MB small-body and well within the upload limit. */
function bigOktaFile(): string {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 1500; i++) {
    events.push(
      oktaEvent({
        uuid: `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        published: new Date(Date.UTC(2026, 2, 1) + i * 600_000).toISOString(),
        login: i % 2 === 0 ? 'emp-0207@example.com' : `someone-${i % 7}@vendor.example`,
        ip: '99.230.12.10',
        ...TORONTO,
      }),
    );
  }
  return ndjson(events);
}

async function waitForImport(client: Client, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await client.request(`/api/v1/logins/imports/${id}`);
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === 'done' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

async function waitForJob(client: Client, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const body = (await (await client.request(`/api/v1/jobs/${id}`)).json()) as Record<string, unknown>;
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('sign-in API', () => {
  let t: TestServer;
  let investigator: Client;
  let viewer: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestServer('sqlite');
    investigator = await t.withToken('investigator');
    viewer = await t.signIn('viewer');
    admin = await t.signIn('admin');
    await createSubject(t.app, recruiterActor, buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }));
    await createSubject(t.app, recruiterActor, buildBundle({ id: 'emp-0300', name: 'Mina Park' }));
  });
  afterAll(() => t.close());

  it('uploads a raw 2 MB log (streamed, past the small-body limit) and reports the import', async () => {
    const file = bigOktaFile();
    expect(file.length).toBeGreaterThan(2_000_000);
    const res = await investigator.request(
      '/api/v1/logins/imports?format=okta&fileName=C:%5Cexports%5Cokta.ndjson',
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      },
    );
    expect(res.status).toBe(202);
    const queued = (await res.json()) as { importId: string; jobId: string };
    const view = await waitForImport(viewer, queued.importId);
    expect(view).toMatchObject({
      fileName: 'okta.ndjson',
      format: 'okta',
      status: 'done',
      jobId: queued.jobId,
      progress: { bytesRead: file.length, totalBytes: file.length },
      counts: {
        read: 1500,
        imported: 1500,
        duplicates: 0,
        malformed: 0,
        skipped: 0,
        matched: 750,
        unmatched: 750,
      },
      problems: [],
      skippedReasons: [],
      error: null,
    });
    expect((view.unmatchedAccounts as { account: string }[]).map((a) => a.account)).toEqual([
      'someone-1@vendor.example',
      'someone-0@vendor.example',
      'someone-2@vendor.example',
      'someone-3@vendor.example',
      'someone-4@vendor.example',
      'someone-5@vendor.example',
      'someone-6@vendor.example',
    ]);
    const list = await viewer.request('/api/v1/logins/imports');
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(
      queued.importId,
    );
  });

  it('an upload over the limit is 413, by Content-Length or while streaming', async () => {
    const small = { ...t.app.config, maxUploadBytes: 1000 };
    Object.assign(t.app, { config: small });
    try {
      const declared = await investigator.request('/api/v1/logins/imports', {
        method: 'POST',
        body: 'x'.repeat(5000),
      });
      expect(declared.status).toBe(413);
      expect(declared.headers.get('content-type')).toBe('application/problem+json');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(500)));
          controller.close();
        },
      });
      const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, duplex: 'half' };
      const streamed = await investigator.request('/api/v1/logins/imports', init);
      expect(streamed.status).toBe(413);
      expect(((await streamed.json()) as { code: string }).code).toBe('payload_too_large');
    } finally {
      Object.assign(t.app, { config: { ...small, maxUploadBytes: 2 * 1024 ** 3 } });
    }
  });

  it('rejects an unknown format and a bad mapping before reading the body', async () => {
    const format = await investigator.request('/api/v1/logins/imports?format=syslog', {
      method: 'POST',
      body: 'a',
    });
    expect(format.status).toBe(400);
    const mapping = await investigator.request(
      `/api/v1/logins/imports?format=csv&mapping=${encodeURIComponent('{"at":"T"}')}`,
      {
        method: 'POST',
        body: 'T,U\n2026-01-01T00:00:00Z,a@b.c\n',
      },
    );
    expect(mapping.status).toBe(422);
    expect(((await mapping.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe(
      'mapping.account',
    );
  });

  it("serves a subject's sign-ins and places, the unmatched accounts, and links one", async () => {
    const res = await viewer.request('/api/v1/subjects/emp-0207/logins?limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { at: string; ip: string }[];
      total: number;
      truncated: boolean;
      places: { city: string; count: number; ips: string[]; kinds: Record<string, number> }[];
    };
    expect(body.total).toBe(750);
    expect(body.truncated).toBe(true);
    expect(body.items).toHaveLength(10);
    expect((body.items[0]?.at ?? '') > (body.items[9]?.at ?? '')).toBe(true);
    expect(body.places).toEqual([
      expect.objectContaining({
        city: 'Toronto',
        count: 750,
        ips: ['99.230.12.10'],
        kinds: { unknown: 750 },
      }),
    ]);
    const unmatched = (await (await viewer.request('/api/v1/logins/unmatched')).json()) as {
      items: { account: string; events: number }[];
    };
    expect(unmatched.items).toHaveLength(7);
    const forbidden = await viewer.request('/api/v1/logins/accounts', {
      method: 'POST',
      json: { account: 'someone-1@vendor.example', subjectId: 'emp-0300' },
    });
    expect(forbidden.status).toBe(403);
    const linked = await investigator.request('/api/v1/logins/accounts', {
      method: 'POST',
      json: { account: 'someone-1@vendor.example', subjectId: 'emp-0300' },
    });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toEqual({
      account: 'someone-1@vendor.example',
      subjectId: 'emp-0300',
      events: 108,
    });
    const missing = await investigator.request('/api/v1/logins/accounts', {
      method: 'POST',
      json: { account: 'x@y.z', subjectId: 'nobody' },
    });
    expect(missing.status).toBe(404);
  });

  it('the network overview lists the address both subjects use', async () => {
    const res = await viewer.request('/api/v1/network/overview');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      sharedEgress: {
        ip: string;
        events: number;
        subjects: { id: string; name: string; household: boolean }[];
      }[];
      anomalies: { subjectId: string; signals: { id: string }[] }[];
      counts: { events: number; subjects: number; unmatchedAccounts: number };
    };
    expect(body.counts).toEqual({ events: 1500, subjects: 2, unmatchedAccounts: 6 });
    expect(body.sharedEgress).toEqual([
      expect.objectContaining({
        ip: '99.230.12.10',
        events: 858,
        subjects: [
          { id: 'emp-0207', name: 'Kyle Anderson', household: false },
          { id: 'emp-0300', name: 'Mina Park', household: false },
        ],
      }),
    ]);
    expect(body.anomalies.map((a) => a.subjectId).sort()).toEqual(['emp-0207', 'emp-0300']);
    expect(body.anomalies[0]?.signals.map((s) => s.id)).toContain('network.shared-egress');
  });

  it('the Okta hook is off until an admin sets its secret, then verifies and stores deliveries once', async () => {
    const off = await t.anonymous.request('/api/v1/hooks/okta', {
      headers: { authorization: 'anything', 'x-okta-verification-challenge': 'abc' },
    });
    expect(off.status).toBe(404);
    expect(((await off.json()) as { detail: string }).detail).toContain('POST /api/v1/hooks/okta/secret');

    const before = (await (await admin.request('/api/v1/hooks')).json()) as {
      okta: { secretSet: boolean; url: string };
    };
    expect(before.okta).toMatchObject({ secretSet: false, url: 'http://localhost:8080/api/v1/hooks/okta' });
    expect((await investigator.request('/api/v1/hooks/okta/secret', { method: 'POST' })).status).toBe(403);
    const set = await admin.request('/api/v1/hooks/okta/secret', { method: 'POST' });
    expect(set.status).toBe(200);
    const { secret } = (await set.json()) as { secret: string };
    expect(secret).toMatch(/^gcoh_[A-Za-z0-9_-]{40,}$/);
    const after = (await (await admin.request('/api/v1/hooks')).json()) as { okta: { secretSet: boolean } };
    expect(after.okta.secretSet).toBe(true);

    const wrong = await t.anonymous.request('/api/v1/hooks/okta', {
      headers: { authorization: `${secret}x`, 'x-okta-verification-challenge': 'abc' },
    });
    expect(wrong.status).toBe(401);
    const verify = await t.anonymous.request('/api/v1/hooks/okta', {
      headers: { authorization: secret, 'x-okta-verification-challenge': 'Qk1kU2Y3cG9u' },
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toEqual({ verification: 'Qk1kU2Y3cG9u' });

    const delivery = {
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: 'https://example.okta.com/api/v1/eventHooks/who8',
      eventId: 'delivery-1',
      data: {
        events: [
          oktaEvent({
            uuid: 'c0000000-0000-4000-8000-000000000001',
            published: '2026-03-19T08:00:00.000Z',
            login: 'emp-0300@example.com',
            ip: '99.230.12.10',
            ...TORONTO,
          }),
          oktaEvent({
            uuid: 'c0000000-0000-4000-8000-000000000002',
            published: '2026-03-19T08:30:00.000Z',
            login: 'emp-0300@example.com',
            ip: '175.45.176.20',
            ...PYONGYANG,
          }),
          { eventType: 'user.account.update_profile', published: '2026-03-19T08:31:00.000Z', uuid: 'x' },
        ],
      },
    };
    const post = (authorization: string) =>
      t.anonymous.request('/api/v1/hooks/okta', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(delivery),
      });
    expect((await post('wrong')).status).toBe(401);
    const first = await post(`Bearer ${secret}`);
    expect(first.status).toBe(200);
    const stored = (await first.json()) as {
      accepted: number;
      duplicates: number;
      problems: unknown[];
      jobId: string;
    };
    // the third event is another Okta event type: skipped, not a problem
    expect(stored).toMatchObject({ accepted: 2, duplicates: 0, rejected: 0, skipped: 1, problems: [] });
    const again = (await (await post(secret)).json()) as { accepted: number; duplicates: number };
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, jobId: null });

    // the subject is re-assessed by the queued job: Toronto then Pyongyang in 30 minutes
    const job = await waitForJob(viewer, stored.jobId);
    expect(job.status).toBe('succeeded');
    const subject = (await (await viewer.request('/api/v1/subjects/emp-0300')).json()) as {
      assessment: { signals: { id: string }[] };
    };
    expect(subject.assessment.signals.map((s) => s.id)).toEqual(
      expect.arrayContaining(['network.impossible-travel', 'network.high-risk-country']),
    );

    // rotating the secret retires the old one at once
    const rotated = (await (await admin.request('/api/v1/hooks/okta/secret', { method: 'POST' })).json()) as {
      secret: string;
    };
    expect(rotated.secret).not.toBe(secret);
    expect((await post(secret)).status).toBe(401);
    expect((await post(rotated.secret)).status).toBe(200);
  });

  it('the generic webhook takes JSON arrays, {events}, NDJSON and exported records, with an API token', async () => {
    const recruiter = await t.withToken('recruiter');
    const denied = await recruiter.request('/api/v1/hooks/logins', { method: 'POST', json: [] });
    expect(denied.status).toBe(403);
    const array = await investigator.request('/api/v1/hooks/logins', {
      method: 'POST',
      json: [
        { at: '2026-03-19T10:00:00Z', account: 'emp-0207@example.com', ip: '99.230.12.10', eventId: 'g-1' },
        { at: 'yesterday', account: 'emp-0207@example.com', ip: '99.230.12.10' },
        { at: '2026-03-19T10:05:00Z', account: 'emp-0207@example.com', ip: '99.230.12.10', eventId: 'g-1' },
      ],
    });
    expect(array.status).toBe(200);
    expect(await array.json()).toMatchObject({
      accepted: 1,
      duplicates: 1,
      rejected: 1,
      problems: [{ index: 1, message: expect.stringContaining('yesterday') }],
    });
    const lines = [
      JSON.stringify({
        at: '2026-03-19T11:00:00Z',
        account: 'emp-0207@example.com',
        ip: '99.230.12.10',
        eventId: 'g-2',
      }),
      '{not json',
      readFileSync(GOOGLE, 'utf8').split('\n')[13] ?? '',
    ].join('\n');
    const nd = await investigator.request('/api/v1/hooks/logins', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: lines,
    });
    expect(nd.status).toBe(200);
    expect(await nd.json()).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: 1,
      problems: [{ index: 1, message: 'line 2 is not valid JSON' }],
    });
    const empty = await investigator.request('/api/v1/hooks/logins', { method: 'POST', body: '  ' });
    expect(empty.status).toBe(422);
  });
});
