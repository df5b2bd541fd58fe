import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { insertUser } from '../../src/adapters/db/repositories/users.repository.ts';
import { DomainError } from '../../src/core/errors.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { listSubjectAudit } from '../../src/services/read-audit.ts';
import { addCaseNote, assignCase, getCase, transitionCase } from '../../src/services/work-case.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { createTestApp, investigator, recruiter, type TestApp, viewer } from './helpers.ts';

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
  describe(`cases (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await createSubject(t.app, recruiter, buildBundle({ id: 'cand-0042' }));
      await insertUser(t.app.database.db, {
        id: 'inv-1',
        email: 'ines@example.com',
        name: 'Ines Investigator',
        role: 'investigator',
        passwordHash: 'x',
        at: '2026-01-01T00:00:00.000Z',
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('moves a case through the workflow with append-only events holding previous and new values', async () => {
      t.clock.advance(1000);
      let view = await transitionCase(t.app, investigator, 'cand-0042', { to: 'in_review' });
      expect(view.status).toBe('in_review');
      expect(view.allowedTransitions).toEqual(['escalated', 'cleared']);
      t.clock.advance(1000);
      view = await transitionCase(t.app, investigator, 'cand-0042', {
        to: 'escalated',
        note: 'Camera refused twice',
      });
      expect(view.events.map((e) => [e.kind, e.from, e.to])).toEqual([
        ['opened', null, 'open'],
        ['transitioned', 'open', 'in_review'],
        ['transitioned', 'in_review', 'escalated'],
      ]);
      expect(view.notes.map((n) => n.text)).toEqual(['Camera refused twice']);
      expect(view.events[2]?.data).toEqual({ noteId: view.notes[0]?.id });
      expect(view.events[2]?.actor).toEqual({ kind: 'user', id: investigator.id, name: investigator.name });
    });

    it('refuses a transition the workflow does not allow, and changes nothing', async () => {
      const before = await getCase(t.app, viewer, 'cand-0042');
      try {
        await transitionCase(t.app, investigator, 'cand-0042', { to: 'closed' });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('invalid_transition');
        expect((error as DomainError).message).toMatch(/Escalated cannot move to Closed/);
      }
      expect(await getCase(t.app, viewer, 'cand-0042')).toEqual(before);
      expect(await codeOf(transitionCase(t.app, investigator, 'cand-0042', { to: 'archived' }))).toBe(
        'validation',
      );
      expect(await codeOf(transitionCase(t.app, investigator, 'nobody', { to: 'in_review' }))).toBe(
        'not_found',
      );
    });

    it('lets only investigators and admins work cases; recruiters may add notes', async () => {
      expect(await codeOf(transitionCase(t.app, recruiter, 'cand-0042', { to: 'reported' }))).toBe(
        'forbidden',
      );
      expect(await codeOf(assignCase(t.app, recruiter, 'cand-0042', { userId: 'inv-1' }))).toBe('forbidden');
      expect(await codeOf(addCaseNote(t.app, viewer, 'cand-0042', { text: 'hi' }))).toBe('forbidden');
      const view = await addCaseNote(t.app, recruiter, 'cand-0042', { text: '  Reference called back  ' });
      expect(view.notes.at(-1)?.text).toBe('Reference called back');
      expect(await codeOf(addCaseNote(t.app, recruiter, 'cand-0042', { text: '   ' }))).toBe('validation');
    });

    it('assigns and unassigns, recording who it was before', async () => {
      let view = await assignCase(t.app, investigator, 'cand-0042', { userId: 'inv-1' });
      expect(view.assignee).toEqual({ id: 'inv-1', name: 'Ines Investigator' });
      view = await assignCase(t.app, investigator, 'cand-0042', { userId: null });
      expect(view.assignee).toBeNull();
      const assigned = view.events.filter((e) => e.kind === 'assigned').map((e) => [e.from, e.to]);
      expect(assigned).toEqual([
        [null, 'inv-1'],
        ['inv-1', null],
      ]);
      expect(await codeOf(assignCase(t.app, investigator, 'cand-0042', { userId: 'ghost' }))).toBe(
        'validation',
      );
    });

    it('audits every case change against the subject, in one unbroken chain', async () => {
      expect(await codeOf(listSubjectAudit(t.app, recruiter, 'cand-0042'))).toBe('forbidden');
      const { items } = await listSubjectAudit(t.app, investigator, 'cand-0042');
      expect(items.map((e) => e.action).reverse()).toEqual([
        'subject.created',
        'assessment.created',
        'case.transitioned',
        'case.transitioned',
        'case.note_added',
        'case.assigned',
        'case.assigned',
      ]);
      expect(items.find((e) => e.action === 'case.transitioned')?.data).toMatchObject({
        from: 'in_review',
        to: 'escalated',
      });
      expect(await verifyAuditChain(t.app.database.db)).toMatchObject({ ok: true });
    });
  });
}
