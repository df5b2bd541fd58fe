import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { DomainError } from '../../src/core/errors.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { waitForJob } from '../../src/jobs/job-queue.ts';
import { listAssessments } from '../../src/services/assess-subject.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { listAudit, verifyAudit } from '../../src/services/read-audit.ts';
import { getPolicy, updatePolicy } from '../../src/services/update-policy.ts';
import { getJob, listJobs } from '../../src/services/view-jobs.ts';
import { dialects } from '../db.ts';
import { buildBundle, buildRiskyBundle } from './factories.ts';
import { admin, createTestApp, investigator, recruiter, type TestApp, viewer } from './helpers.ts';

for (const dialect of dialects) {
  describe(`policy and re-assessment job (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await importBundles(t.app, recruiter, [
        buildBundle({ id: 'a-1' }),
        buildRiskyBundle('b-2'),
        buildBundle({ id: 'c-3' }),
      ]);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('starts with the default policy', async () => {
      expect(await getPolicy(t.app, viewer)).toEqual(DEFAULT_POLICY);
    });

    it('rejects an invalid policy with paths, and non-admins', async () => {
      await expect(updatePolicy(t.app, investigator, DEFAULT_POLICY)).rejects.toMatchObject({
        code: 'forbidden',
      });
      try {
        await updatePolicy(t.app, admin, {
          bands: { elevated: 60, high: 50, critical: 90 },
          overrides: { 'no.such': {} },
        });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).problems?.map((p) => p.path).sort()).toEqual([
          'bands',
          'overrides.no.such',
        ]);
      }
      expect(await getPolicy(t.app, viewer)).toEqual(DEFAULT_POLICY);
    });

    it('stores a new policy and re-assesses everyone as a job with progress', async () => {
      const { policy, job } = await updatePolicy(t.app, admin, {
        bands: { elevated: 10, high: 40, critical: 70 },
      });
      expect(policy.bands).toEqual({ elevated: 10, high: 40, critical: 70 });
      expect(job).toMatchObject({
        kind: 'reassess-all',
        status: expect.stringMatching(/queued|running|succeeded/),
      });
      const done = await waitForJob(t.app.jobs, job.id);
      expect(done).toMatchObject({ status: 'succeeded', progress: 3, total: 3 });
      expect(done.result).toMatchObject({ subjects: 3 });
      expect(await getPolicy(t.app, viewer)).toEqual(policy);
      for (const id of ['a-1', 'b-2', 'c-3']) {
        expect((await listAssessments(t.app, viewer, id)).items).toHaveLength(2);
      }
      expect((await getJob(t.app, viewer, job.id)).status).toBe('succeeded');
      expect((await listJobs(t.app, viewer)).items.map((j) => j.id)).toContain(job.id);
      await expect(getJob(t.app, viewer, 'nope')).rejects.toMatchObject({ code: 'not_found' });
      const actions = (await listAudit(t.app, investigator, { limit: 4 })).items.map((e) => e.action);
      expect(actions).toEqual([
        'assessment.created',
        'assessment.created',
        'assessment.created',
        'policy.updated',
      ]);
    });

    it('verifies the audit chain through the service', async () => {
      await expect(verifyAudit(t.app, recruiter)).rejects.toMatchObject({ code: 'forbidden' });
      const result = await verifyAudit(t.app, investigator);
      expect(result.ok).toBe(true);
      expect(result).toEqual(await verifyAuditChain(t.app.database.db));
    });
  });
}
