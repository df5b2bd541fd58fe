// The alert routes in-process: an admin adds destinations (the signing secret comes back once, never again),
// bad input is refused naming the field, and the inbox answers the alert a band rise raised, which a viewer
// can mark read.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../server/helpers.ts';
import { buildBundle, buildRiskyBundle } from '../services/factories.ts';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer('sqlite', { config: { storageKey: randomBytes(32).toString('base64') } });
});
afterAll(() => t.close());

describe('alerts API', () => {
  it('shows a new signing secret once and never the URL again', async () => {
    const admin = await t.signIn('admin');
    const put = await admin.request('/api/v1/alerts/destinations', {
      method: 'PUT',
      json: { destinations: [{ kind: 'webhook', name: 'SIEM', url: 'https://siem.example.com/in/abc' }] },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const body = (await put.json()) as { items: { id: string; secret?: string; urlHint: string }[] };
    expect(body.items[0]?.secret).toMatch(/^gcwh_/);
    expect(body.items[0]?.urlHint).toBe('https://siem.example.com/…');
    const get = await admin.request('/api/v1/alerts/destinations');
    const text = await get.text();
    expect(text).not.toContain('gcwh_');
    expect(text).not.toContain('/in/abc');
    // Keeping it by id (no URL) keeps URL and secret; an unknown id is refused, naming the field.
    const keep = await admin.request('/api/v1/alerts/destinations', {
      method: 'PUT',
      json: { destinations: [{ id: body.items[0]?.id, kind: 'webhook', name: 'SIEM', enabled: false }] },
    });
    expect(
      ((await keep.json()) as { items: { secret?: string; enabled: boolean }[] }).items[0],
    ).toMatchObject({
      enabled: false,
    });
    const bad = await admin.request('/api/v1/alerts/destinations', {
      method: 'PUT',
      json: { destinations: [{ id: 'nope', kind: 'slack', name: 'x' }] },
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('destinations[0].id');
  });

  it('lists the alert of a band rise with the unread count, and marks it read', async () => {
    const recruiter = await t.signIn('recruiter');
    const viewer = await t.signIn('viewer');
    expect(
      (await recruiter.request('/api/v1/subjects', { method: 'POST', json: buildBundle({ id: 'emp-1' }) }))
        .status,
    ).toBe(201);
    const put = await recruiter.request('/api/v1/subjects/emp-1', {
      method: 'PUT',
      json: buildRiskyBundle('emp-1'),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const inbox = (await (await viewer.request('/api/v1/alerts')).json()) as {
      unread: number;
      items: { id: string; previousBand: string; subject: { id: string } }[];
    };
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ previousBand: 'low', subject: { id: 'emp-1' } });
    const read = await viewer.request(`/api/v1/alerts/${inbox.items[0]?.id}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    const after = (await (await viewer.request('/api/v1/alerts?unread=true')).json()) as {
      unread: number;
      items: unknown[];
    };
    expect(after).toEqual({ unread: 0, items: [] });
  });
});
