import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/adapters/db/audit.ts';
import {
  latestAssessment,
  listAssessments,
} from '../../src/adapters/db/repositories/assessments.repository.ts';
import { DomainError } from '../../src/core/errors.ts';
import { assessStoredSubject } from '../../src/services/assess-subject.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { updatePolicy } from '../../src/services/update-policy.ts';
import { transitionCase } from '../../src/services/work-case.ts';
import { getChecklist, setChecklistItem } from '../../src/services/work-checklist.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { admin, createTestApp, investigator, recruiter, type TestApp, viewer } from './helpers.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

for (const dialect of dialects) {
  describe(`checklists (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await createSubject(t.app, recruiter, buildBundle({ id: 'cand-0042' }));
      await createSubject(
        t.app,
        recruiter,
        buildBundle({
          subject: { id: 'emp-0001', kind: 'employee', name: 'Eve Employee', startDate: '2026-01-05' },
        }),
      );
    });
    afterAll(async () => {
      await t?.close();
    });

    it('lists the stages that apply with every step open, and the open steps as assessment gaps', async () => {
      const candidate = await getChecklist(t.app, viewer, 'cand-0042');
      expect(candidate.stages.map((s) => s.stage)).toEqual(['application', 'interview', 'verification']);
      expect(candidate.playbook).toBeNull();
      const all = candidate.stages.flatMap((s) => s.items);
      expect(all.every((i) => i.state.status === 'open' && i.state.by === null)).toBe(true);
      expect(candidate.gaps.map((g) => g.check)).toContain('checklist.interview.camera-on');

      const employee = await getChecklist(t.app, viewer, 'emp-0001');
      expect(employee.stages.map((s) => s.stage)).toEqual(['verification', 'onboarding', 'employment']);

      // The stored assessment (made when the subject was created) lists the open steps, score untouched.
      const stored = await latestAssessment(t.app.database.db, 'cand-0042');
      expect(stored?.assessment.notEvaluated).toContain('checklist.interview.camera-on');
      expect(stored?.assessment.notEvaluated).toContain('liveness');
      const gap = stored?.assessment.gaps.find((g) => g.check === 'checklist.interview.camera-on');
      expect(gap?.reason).toMatch(/checklist step not done yet/);
    });

    it('marks a step done with who and when, audits it and refreshes the assessment gaps', async () => {
      const before = await latestAssessment(t.app.database.db, 'cand-0042');
      const historyBefore = (await listAssessments(t.app.database.db, 'cand-0042')).length;
      t.clock.advance(60_000);
      const after = await setChecklistItem(t.app, recruiter, 'cand-0042', 'interview.camera-on', {
        state: 'done',
        note: 'Camera on for the whole call',
      });
      const item = after.stages.flatMap((s) => s.items).find((i) => i.id === 'interview.camera-on');
      expect(item?.state).toEqual({
        itemId: 'interview.camera-on',
        status: 'done',
        note: 'Camera on for the whole call',
        by: { kind: 'user', id: recruiter.id, name: recruiter.name },
        at: t.clock.now().toISOString(),
      });
      expect(after.gaps.map((g) => g.check)).not.toContain('checklist.interview.camera-on');

      const latest = await latestAssessment(t.app.database.db, 'cand-0042');
      expect(latest?.trigger).toBe('checklist');
      expect(latest?.assessment.notEvaluated).not.toContain('checklist.interview.camera-on');
      expect(latest?.assessment.notEvaluated).toContain('checklist.interview.face-cover-test');
      expect({ score: latest?.assessment.score, band: latest?.assessment.band }).toEqual({
        score: before?.assessment.score,
        band: before?.assessment.band,
      });
      expect(await listAssessments(t.app.database.db, 'cand-0042')).toHaveLength(historyBefore + 1);

      const trail = await listSubjectAudit(t.app, investigator, 'cand-0042');
      const entry = trail.items.find((e) => e.action === 'checklist.item_changed');
      expect(entry?.data).toEqual({
        itemId: 'interview.camera-on',
        from: 'open',
        to: 'done',
        noteLength: 'Camera on for the whole call'.length,
      });
      expect(await verifyAuditChain(t.app.database.db)).toMatchObject({ ok: true });

      // The same change again writes nothing.
      const again = await setChecklistItem(t.app, recruiter, 'cand-0042', 'interview.camera-on', {
        state: 'done',
        note: 'Camera on for the whole call',
      });
      expect(again.stages).toEqual(after.stages);
      expect(await listAssessments(t.app.database.db, 'cand-0042')).toHaveLength(historyBefore + 1);
    });

    it('a manual re-assessment keeps the checklist gaps', async () => {
      const assessed = await assessStoredSubject(t.app, recruiter, 'cand-0042');
      expect(assessed.notEvaluated).toContain('checklist.interview.face-cover-test');
      expect(assessed.notEvaluated).not.toContain('checklist.interview.camera-on');
    });

    it('not applicable needs a reason; reopening clears it back to a gap', async () => {
      expect(
        await codeOf(
          setChecklistItem(t.app, recruiter, 'cand-0042', 'application.source-recorded', {
            state: 'not_applicable',
          }),
        ),
      ).toBe('validation');
      const na = await setChecklistItem(t.app, recruiter, 'cand-0042', 'application.source-recorded', {
        state: 'not_applicable',
        note: 'Internal transfer, no application',
      });
      expect(na.gaps.map((g) => g.check)).not.toContain('checklist.application.source-recorded');
      const reopened = await setChecklistItem(t.app, recruiter, 'cand-0042', 'application.source-recorded', {
        state: 'open',
      });
      const item = reopened.stages
        .flatMap((s) => s.items)
        .find((i) => i.id === 'application.source-recorded');
      expect(item?.state).toMatchObject({ status: 'open', note: null, by: { name: recruiter.name } });
      expect(reopened.gaps.map((g) => g.check)).toContain('checklist.application.source-recorded');
    });

    it('refuses unknown steps, bad states, unknown subjects and viewers; playbook steps need an investigator', async () => {
      expect(
        await codeOf(setChecklistItem(t.app, recruiter, 'cand-0042', 'interview.nope', { state: 'done' })),
      ).toBe('not_found');
      expect(
        await codeOf(
          setChecklistItem(t.app, recruiter, 'cand-0042', 'interview.camera-on', { state: 'finished' }),
        ),
      ).toBe('validation');
      expect(
        await codeOf(setChecklistItem(t.app, recruiter, 'nobody', 'interview.camera-on', { state: 'done' })),
      ).toBe('not_found');
      expect(await codeOf(getChecklist(t.app, viewer, 'nobody'))).toBe('not_found');
      expect(
        await codeOf(setChecklistItem(t.app, viewer, 'cand-0042', 'interview.camera-on', { state: 'done' })),
      ).toBe('forbidden');
      expect(
        await codeOf(
          setChecklistItem(t.app, recruiter, 'cand-0042', 'response.contain.hold-payments', {
            state: 'done',
          }),
        ),
      ).toBe('forbidden');
    });

    it('shows the response playbook once the case is escalated; its review steps become gaps', async () => {
      await transitionCase(t.app, investigator, 'cand-0042', { to: 'in_review' });
      await transitionCase(t.app, investigator, 'cand-0042', { to: 'escalated' });
      const view = await getChecklist(t.app, viewer, 'cand-0042');
      expect(view.playbook?.reason).toBe('the case is escalated');
      expect(view.playbook?.phases.map((p) => p.phase)).toEqual(['contain', 'preserve', 'review', 'report']);
      expect(view.gaps.map((g) => g.check)).toContain('checklist.response.review.referrals');
      expect(view.gaps.map((g) => g.check)).not.toContain('checklist.response.contain.hold-payments');
      const held = await setChecklistItem(
        t.app,
        investigator,
        'cand-0042',
        'response.contain.hold-payments',
        {
          state: 'done',
        },
      );
      const contain = held.playbook?.phases.find((p) => p.phase === 'contain');
      expect(contain).toMatchObject({ closed: 1, total: 2 });
    });

    it('follows the organisation policy: disabled steps, employees’ hiring stages, the in-person window', async () => {
      await updatePolicy(t.app, admin, {
        inPersonWindowDays: 45,
        checklist: { hiringStagesForEmployees: true, disabledItems: ['employment.camera-check-ins'] },
      });
      const view = await getChecklist(t.app, viewer, 'emp-0001');
      expect(view.stages.map((s) => s.stage)).toEqual([
        'application',
        'interview',
        'verification',
        'onboarding',
        'employment',
      ]);
      const ids = view.stages.flatMap((s) => s.items.map((i) => i.id));
      expect(ids).not.toContain('employment.camera-check-ins');
      const inPerson = view.stages
        .flatMap((s) => s.items)
        .find((i) => i.id === 'onboarding.in-person-identity');
      expect(inPerson?.whatToDo).toContain('Within 45 days');
    });
  });
}
