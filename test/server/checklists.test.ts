// The checklist over HTTP: read, mark done (who/when), 404 for an unknown step, 422 for a bad state or a
// missing reason, and the policy's checklist settings validated by PUT /policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../db.ts';
import { buildBundle } from '../services/factories.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

for (const dialect of dialects) {
  describe(`checklist API (${dialect})`, () => {
    let t: TestServer;
    let recruiter: Client;
    let admin: Client;
    beforeAll(async () => {
      t = await createTestServer(dialect);
      recruiter = await t.signIn('recruiter', 'rita@example.test');
      admin = await t.signIn('admin');
      const created = await recruiter.request('/api/v1/subjects', {
        method: 'POST',
        json: buildBundle({ id: 'cand-7' }),
      });
      expect(created.status).toBe(201);
    }, 60_000);
    afterAll(() => t.close());

    it('GET lists the stages with their steps; PUT marks one done with who and when', async () => {
      const res = await recruiter.request('/api/v1/subjects/cand-7/checklist');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.stages.map((s: { stage: string }) => s.stage)).toEqual([
        'application',
        'interview',
        'verification',
      ]);
      expect(body.playbook).toBeNull();

      const put = await recruiter.request('/api/v1/subjects/cand-7/checklist/interview.face-cover-test', {
        method: 'PUT',
        json: { state: 'done', note: 'Image stayed natural' },
      });
      expect(put.status).toBe(200);
      const after = await put.json();
      const item = after.stages
        .flatMap((s: { items: { id: string }[] }) => s.items)
        .find((i: { id: string }) => i.id === 'interview.face-cover-test');
      expect(item.state).toMatchObject({
        status: 'done',
        note: 'Image stayed natural',
        by: { name: 'recruiter tester' },
      });
      expect(typeof item.state.at).toBe('string');

      const detail = await (await recruiter.request('/api/v1/subjects/cand-7')).json();
      expect(detail.assessment.notEvaluated).not.toContain('checklist.interview.face-cover-test');
      expect(detail.assessment.notEvaluated).toContain('checklist.interview.camera-on');
    });

    it('answers 404 for an unknown step or subject and 422 for a bad state or a missing reason', async () => {
      const unknown = await recruiter.request('/api/v1/subjects/cand-7/checklist/interview.nope', {
        method: 'PUT',
        json: { state: 'done' },
      });
      expect(unknown.status).toBe(404);
      expect((await recruiter.request('/api/v1/subjects/nobody/checklist')).status).toBe(404);
      const bad = await recruiter.request('/api/v1/subjects/cand-7/checklist/interview.camera-on', {
        method: 'PUT',
        json: { state: 'finished' },
      });
      expect(bad.status).toBe(422);
      expect((await bad.json()).problems).toEqual([
        { path: 'state', message: '"finished" is not one of: open, done, not_applicable' },
      ]);
      const noReason = await recruiter.request('/api/v1/subjects/cand-7/checklist/interview.camera-on', {
        method: 'PUT',
        json: { state: 'not_applicable' },
      });
      expect(noReason.status).toBe(422);
    });

    it('PUT /policy keeps the checklist settings and refuses an unknown step id', async () => {
      const current = await (await admin.request('/api/v1/policy')).json();
      expect(current.checklist).toEqual({
        playbookFromBand: 'high',
        hiringStagesForEmployees: false,
        disabledItems: [],
      });
      const bad = await admin.request('/api/v1/policy', {
        method: 'PUT',
        json: { ...current, checklist: { ...current.checklist, disabledItems: ['nope'] } },
      });
      expect(bad.status).toBe(422);
      const ok = await admin.request('/api/v1/policy', {
        method: 'PUT',
        json: { ...current, checklist: { ...current.checklist, disabledItems: ['interview.same-person'] } },
      });
      expect(ok.status).toBe(200);
      const view = await (await recruiter.request('/api/v1/subjects/cand-7/checklist')).json();
      const ids = view.stages.flatMap((s: { items: { id: string }[] }) => s.items.map((i) => i.id));
      expect(ids).not.toContain('interview.same-person');
    });
  });
}
