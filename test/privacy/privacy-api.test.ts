// The privacy routes over HTTP, in-process, on SQLite and PostgreSQL: who may set a hold, export and delete,
// the answers for a missing confirmation and a held case, the ZIP, and the access log it leaves.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../db.ts';
import { type Client, createTestServer, type TestServer } from '../server/helpers.ts';
import { buildBundle } from '../services/factories.ts';

for (const dialect of dialects) {
  describe(`privacy routes (${dialect})`, () => {
    let t: TestServer;
    let admin: Client;
    let investigator: Client;
    let recruiter: Client;

    beforeAll(async () => {
      t = await createTestServer(dialect);
      admin = await t.signIn('admin');
      investigator = await t.signIn('investigator');
      recruiter = await t.signIn('recruiter');
      for (const id of ['api-1', 'api-2']) {
        const res = await recruiter.request('/api/v1/subjects', {
          method: 'POST',
          json: buildBundle({ id }),
        });
        expect(res.status).toBe(201);
      }
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('only admins set a legal hold, with a reason; while on, deletion is refused with 409', async () => {
      const path = '/api/v1/subjects/api-1/legal-hold';
      expect((await recruiter.request(path, { method: 'PUT', json: { on: true, reason: 'x' } })).status).toBe(
        403,
      );
      const noReason = await admin.request(path, { method: 'PUT', json: { on: true, reason: ' ' } });
      expect(noReason.status).toBe(422);
      const set = await admin.request(path, { method: 'PUT', json: { on: true, reason: 'Lawsuit' } });
      expect(set.status).toBe(200);
      expect(await (await recruiter.request(path)).json()).toMatchObject({ on: true, reason: 'Lawsuit' });
      const refused = await admin.request('/api/v1/subjects/api-1/personal-data?confirm=api-1', {
        method: 'DELETE',
      });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/legal hold/);
    });

    it('non-admins cannot delete; admins must repeat the id; then everything goes', async () => {
      const path = '/api/v1/subjects/api-2/personal-data';
      expect((await investigator.request(`${path}?confirm=api-2`, { method: 'DELETE' })).status).toBe(403);
      expect((await admin.request(path, { method: 'DELETE' })).status).toBe(422);
      const done = await admin.request(`${path}?confirm=api-2`, { method: 'DELETE' });
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({
        subjectId: 'api-2',
        deleted: { subject: 1 },
        filesPending: 0,
      });
      expect((await admin.request('/api/v1/subjects/api-2')).status).toBe(404);
    });

    it('exports a ZIP for investigators (not recruiters) and logs who did', async () => {
      expect((await recruiter.request('/api/v1/subjects/api-1/data-export')).status).toBe(403);
      const res = await investigator.request('/api/v1/subjects/api-1/data-export');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="gatecheck-api-1-/);
      const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const data = JSON.parse(strFromU8(zip['data.json'] as Uint8Array)) as { subject: { id: string } };
      expect(data.subject.id).toBe('api-1');
      const log = (await (await admin.request('/api/v1/subjects/api-1/access-log')).json()) as {
        action: string;
      }[];
      expect(log.map((e) => e.action)).toContain('subject.exported');
      expect((await recruiter.request('/api/v1/subjects/api-1/access-log')).status).toBe(403);
    });

    it('retention periods: everyone reads them, admins change them, bad days are named', async () => {
      const read = await recruiter.request('/api/v1/settings/retention');
      expect(read.status).toBe(200);
      expect(((await read.json()) as { policy: { biometrics: number } }).policy.biometrics).toBe(30);
      const bad = await admin.request('/api/v1/settings/retention', {
        method: 'PUT',
        json: { biometrics: -1 },
      });
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as { problems: { path: string }[] }).problems[0]?.path).toBe('biometrics');
      const ok = await admin.request('/api/v1/settings/retention', {
        method: 'PUT',
        json: { biometrics: 14 },
      });
      expect(((await ok.json()) as { policy: { biometrics: number } }).policy.biometrics).toBe(14);
    });
  });
}
