import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { countAssessments } from '../../src/adapters/db/repositories/assessments.repository.ts';
import { DomainError } from '../../src/core/errors.ts';
import { addEvidence } from '../../src/services/add-evidence.ts';
import { assessStoredSubject, listAssessments } from '../../src/services/assess-subject.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { getTimeline } from '../../src/services/get-timeline.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { listSubjects } from '../../src/services/list-subjects.ts';
import { replaceSubjectBundle } from '../../src/services/replace-subject-bundle.ts';
import { dialects } from '../db.ts';
import { buildBundle, buildRiskyBundle } from './factories.ts';
import { createTestApp, recruiter, type TestApp, viewer } from './helpers.ts';

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

for (const dialect of dialects) {
  describe(`subjects (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t?.close();
    });

    const auditCount = async () => (await listAuditEntries(t.app.database.db, { limit: 1000 })).length;

    it('creates a subject with an open case and a first assessment, audited', async () => {
      const detail = await createSubject(t.app, recruiter, buildRiskyBundle());
      expect(detail.id).toBe('emp-0207');
      expect(detail.case.status).toBe('open');
      expect(detail.case.events).toMatchObject([{ kind: 'opened', from: null, to: 'open' }]);
      expect(detail.case.allowedTransitions).toEqual([]); // a recruiter cannot work cases
      expect(detail.assessment?.subject).toBe('emp-0207');
      expect(detail.assessment?.assessedAt).toBe('2026-03-20T12:00:00.000Z');
      const entries = await listAuditEntries(t.app.database.db);
      expect(entries.map((e) => e.action).reverse()).toEqual(['subject.created', 'assessment.created']);
      expect(entries[1]?.actor).toEqual({ kind: 'user', id: recruiter.id, name: recruiter.name });
    });

    it('refuses a second subject with the same id (conflict) and leaves nothing behind', async () => {
      const before = await auditCount();
      expect((await domainError(createSubject(t.app, recruiter, buildBundle({ id: 'emp-0207' })))).code).toBe(
        'conflict',
      );
      expect(await auditCount()).toBe(before);
    });

    it('rejects an invalid bundle whole, with every problem', async () => {
      const before = await auditCount();
      const error = await domainError(
        createSubject(t.app, recruiter, {
          format: 'gatecheck.case-bundle/v1',
          subject: { id: 'bad-1', claimedLocation: { country: 'Canada' } },
          interviews: [{ at: 'yesterday' }],
        }),
      );
      expect(error.code).toBe('validation');
      expect(error.problems?.map((p) => p.path).sort()).toEqual([
        'interviews[0].at',
        'subject.claimedLocation.country',
      ]);
      expect((await listSubjects(t.app, viewer, { q: 'bad-1' })).total).toBe(0);
      expect(await auditCount()).toBe(before);
    });

    it('denies writes to viewers', async () => {
      expect((await domainError(createSubject(t.app, viewer, buildBundle({ id: 'v-1' })))).code).toBe(
        'forbidden',
      );
      expect((await domainError(addEvidence(t.app, viewer, 'emp-0207', 'incidents', {}))).code).toBe(
        'forbidden',
      );
      expect((await domainError(assessStoredSubject(t.app, viewer, 'emp-0207'))).code).toBe('forbidden');
    });

    it('imports bundles all-or-nothing per bundle', async () => {
      const { results } = await importBundles(t.app, recruiter, [
        buildBundle({ id: 'cand-0001', name: 'Isabelle Fortin' }),
        { format: 'gatecheck.case-bundle/v1', subject: { kind: 'robot' } },
        buildBundle({ id: 'emp-0207', name: 'Kyle Anderson (updated)' }),
        buildBundle({ id: 'cand-0001', name: 'Duplicate' }),
        'not a bundle',
      ]);
      expect(results[0]).toEqual({ index: 0, ok: true, subjectId: 'cand-0001', action: 'created' });
      expect(results[1]).toMatchObject({ index: 1, ok: false });
      expect(results[1]?.ok === false && results[1].problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['subject.id', 'subject.kind']),
      );
      expect(results[2]).toEqual({ index: 2, ok: true, subjectId: 'emp-0207', action: 'updated' });
      expect(results[3]).toMatchObject({ index: 3, ok: false, subjectId: 'cand-0001' });
      expect(results[4]).toMatchObject({ index: 4, ok: false });
      const list = await listSubjects(t.app, viewer, {});
      expect(list.items.map((i) => i.id).sort()).toEqual(['cand-0001', 'emp-0207']);
      expect((await getSubject(t.app, viewer, 'emp-0207')).bundle.subject.name).toBe(
        'Kyle Anderson (updated)',
      );
      expect(await countAssessments(t.app.database.db, 'emp-0207')).toBe(2);
      expect(await countAssessments(t.app.database.db, 'cand-0001')).toBe(1);
    });

    it('adds evidence: validates the whole bundle, appends, re-assesses', async () => {
      const before = await getSubject(t.app, viewer, 'cand-0001');
      const error = await domainError(
        addEvidence(t.app, recruiter, 'cand-0001', 'interviews', {
          at: '2026-03-01 10:00',
          plannedMode: 'hologram',
        }),
      );
      expect(error.code).toBe('validation');
      expect(error.problems?.map((p) => p.path).sort()).toEqual([
        'interviews[0].at',
        'interviews[0].plannedMode',
      ]);
      expect((await getSubject(t.app, viewer, 'cand-0001')).bundle).toEqual(before.bundle);
      expect((await domainError(addEvidence(t.app, recruiter, 'cand-0001', 'subject', {}))).code).toBe(
        'validation',
      );
      expect(
        (await domainError(addEvidence(t.app, recruiter, 'nobody', 'incidents', { kind: 'other' }))).code,
      ).toBe('not_found');

      t.clock.advance(60_000);
      const detail = await addEvidence(t.app, recruiter, 'cand-0001', 'incidents', {
        at: '2026-03-19T10:00:00-04:00',
        kind: 'byod_request',
        text: 'Asked to use a personal laptop',
      });
      expect(detail.bundle.incidents).toHaveLength(1);
      expect(detail.assessment?.assessedAt).toBe('2026-03-20T12:01:00.000Z');
      const entries = await listAuditEntries(t.app.database.db, { limit: 2 });
      expect(entries.map((e) => e.action)).toEqual(['assessment.created', 'evidence.added']);
      expect(entries[1]?.data).toEqual({ kind: 'incidents', index: 0, path: 'incidents[0]' });
    });

    it('keeps every assessment (history, newest first) and the subject shows the latest', async () => {
      const first = await assessStoredSubject(t.app, recruiter, 'emp-0207', { at: '2026-03-01T00:00:00Z' });
      const second = await assessStoredSubject(t.app, recruiter, 'emp-0207');
      expect(first.assessedAt).toBe('2026-03-01T00:00:00.000Z');
      const { items } = await listAssessments(t.app, viewer, 'emp-0207');
      expect(items).toHaveLength(4);
      expect(items[0]).toEqual(second);
      expect(items[1]).toEqual(first);
      const summary = (await listSubjects(t.app, viewer, { q: 'kyle' })).items[0];
      expect(summary).toMatchObject({
        id: 'emp-0207',
        band: second.band,
        score: second.score,
        caseStatus: 'open',
      });
      expect(
        (await domainError(assessStoredSubject(t.app, recruiter, 'emp-0207', { at: 'soon' }))).code,
      ).toBe('validation');
    });

    it('replaces a bundle only for the same subject id', async () => {
      const error = await domainError(
        replaceSubjectBundle(t.app, recruiter, 'emp-0207', buildBundle({ id: 'x' })),
      );
      expect(error.problems?.[0]?.path).toBe('subject.id');
      const detail = await replaceSubjectBundle(t.app, recruiter, 'emp-0207', buildRiskyBundle());
      expect(detail.bundle.subject.name).toBe('Kyle Anderson');
      expect(
        (await domainError(replaceSubjectBundle(t.app, recruiter, 'ghost', buildBundle({ id: 'ghost' }))))
          .code,
      ).toBe('not_found');
    });

    it('filters and pages the subject list', async () => {
      const all = await listSubjects(t.app, viewer, {});
      expect(all.total).toBe(2);
      const band = all.items[0]?.band ?? 'low';
      expect((await listSubjects(t.app, viewer, { band })).items.every((i) => i.band === band)).toBe(true);
      expect((await listSubjects(t.app, viewer, { status: 'open', limit: 1 })).items).toHaveLength(1);
      expect((await listSubjects(t.app, viewer, { status: 'open', limit: 1, offset: 1 })).items).toHaveLength(
        1,
      );
      expect((await listSubjects(t.app, viewer, { kind: 'employee' })).total).toBe(0);
      expect((await domainError(listSubjects(t.app, viewer, { band: 'purple' }))).code).toBe('validation');
    });

    it('builds a time-ordered timeline with logins summarised per day and IP', async () => {
      const { items } = await getTimeline(t.app, viewer, 'emp-0207');
      const times = items.map((i) => Date.parse(i.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const logins = items.filter((i) => i.kind === 'logins');
      expect(logins.map((l) => l.title)).toEqual([
        '2 logins from 203.0.113.7 (CN)',
        '1 login from 198.51.100.4 (US)',
      ]);
      expect(items.some((i) => i.kind === 'documents' && i.title === 'Passport overdue')).toBe(true);
      expect(items.filter((i) => i.kind === 'assessment')).toHaveLength(5);
      expect(items.some((i) => i.kind === 'case' && i.title === 'Case opened')).toBe(true);
      expect(items.find((i) => i.kind === 'interviews')?.path).toBe('interviews[0]');
    });

    it('leaves an unbroken audit chain', async () => {
      expect((await verifyAuditChain(t.app.database.db)).ok).toBe(true);
    });
  });
}
