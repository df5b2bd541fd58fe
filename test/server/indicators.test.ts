// The threat indicator routes over HTTP: import as the raw body (STIX sniffed from the content), 201 then
// 200 for the same file, 422 listing problems, paging, removal, and the STIX export of a subject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const STIX = JSON.stringify({
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  objects: [
    {
      type: 'indicator',
      spec_version: '2.1',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      pattern: "[email-addr:value = 'bad.actor@evil.example']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    },
  ],
});

describe('threat indicator routes', () => {
  let t: TestServer;
  let admin: Client;
  let viewer: Client;
  let investigator: Client;

  beforeAll(async () => {
    t = await createTestServer();
    admin = await t.signIn('admin');
    viewer = await t.signIn('viewer');
    investigator = await t.withToken('investigator');
  });
  afterAll(() => t.close());

  it('POST /indicators/import: 201, then 200 unchanged for the same file; GET pages them', async () => {
    const post = () =>
      admin.request('/api/v1/indicators/import?name=acme.json', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: STIX,
      });
    const first = await post();
    expect(first.status).toBe(201);
    const json = (await first.json()) as { import: { id: string; format: string }; unchanged: boolean };
    expect(json).toMatchObject({ unchanged: false, import: { format: 'stix' } });
    const again = await post();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { unchanged: boolean }).unchanged).toBe(true);
    const page = await viewer.request('/api/v1/indicators?limit=10');
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({
      total: 1,
      items: [{ kind: 'email', value: 'bad.actor@evil.example', source: 'acme.json' }],
    });
    const removed = await admin.request(`/api/v1/indicators/imports/${json.import.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ removed: 1 });
  });

  it('a CSV with nothing usable: 422 problem listing each line', async () => {
    const res = await admin.request('/api/v1/indicators/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'type,value\nfax,1\nemail,nope\n',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { problems: { path: string }[] };
    expect(problem.problems.map((p) => p.path)).toEqual(['line 2', 'line 3']);
  });

  it('GET /subjects/{id}/indicators.stix with all=true: a STIX bundle', async () => {
    const created = await admin.request('/api/v1/subjects', {
      method: 'POST',
      json: {
        format: 'gatecheck.case-bundle/v1',
        subject: { id: 'cand-9', kind: 'candidate', name: 'Kim Doe', email: 'kim@fastdev.example' },
      },
    });
    expect(created.status).toBe(201);
    expect((await investigator.request('/api/v1/subjects/cand-9/indicators.stix')).status).toBe(422);
    const res = await investigator.request('/api/v1/subjects/cand-9/indicators.stix?all=true');
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as { type: string; objects: { type: string; pattern?: string }[] };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o) => o.pattern ?? o.type)).toEqual([
      'identity',
      "[email-addr:value = 'kim@fastdev.example']",
      "[domain-name:value = 'fastdev.example']",
    ]);
  });
});
