// Case snapshots on both dialects: frozen parts, a manifest that verifies, UPDATE refused by the database,
// tampering found part by part, later case changes leaving old snapshots alone; the report model built from a
// snapshot; and case export → import into a fresh database of the other dialect giving back the same bundle,
// assessment and case (status, assignee, notes, checklist), a bad caseExport refused whole, an existing case kept.
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../src/adapters/db/audit.ts';
import { latestAssessment } from '../../src/adapters/db/repositories/assessments.repository.ts';
import { findCase, listCaseNotes } from '../../src/adapters/db/repositories/cases.repository.ts';
import { listChecklistStates } from '../../src/adapters/db/repositories/checklists.repository.ts';
import { findSubject, subjectExists } from '../../src/adapters/db/repositories/subjects.repository.ts';
import { insertUser } from '../../src/adapters/db/repositories/users.repository.ts';
import { getSignal } from '../../src/core/catalog/signals.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { CaseExport } from '../../src/core/report/case-export.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { exportCase, exportSignalsCsv, exportSubjectsCsv } from '../../src/services/export-cases.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { buildCaseReport } from '../../src/services/report-case.ts';
import {
  createCaseSnapshot,
  getCaseSnapshot,
  listCaseSnapshots,
  verifyCaseSnapshot,
} from '../../src/services/snapshot-case.ts';
import { addCaseNote, assignCase, transitionCase } from '../../src/services/work-case.ts';
import { setChecklistItem } from '../../src/services/work-checklist.ts';
import { dialects } from '../db.ts';
import { buildBundle, buildRiskyBundle } from './factories.ts';
import { createTestApp, investigator, recruiter, T0, type TestApp, viewer } from './helpers.ts';

const risky = {
  ...buildRiskyBundle('emp-0207', 'Kyle Anderson'),
  changes: [
    {
      at: '2026-03-01T09:00:00-07:00',
      field: 'shipping_address' as const,
      to: { line1: '12 Elm St', city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' },
    },
  ],
};

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
  describe(`case snapshots (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      const imported = await importBundles(t.app, recruiter, [
        risky,
        buildBundle({ id: 'cand-0001', name: '=HYPERLINK("http://evil.example","x")' }),
      ]);
      expect(imported.results.every((r) => r.ok)).toBe(true);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('freezes the parts with a manifest that verifies, and audits the manifest hash', async () => {
      await setChecklistItem(t.app, recruiter, 'emp-0207', 'application.source-recorded', {
        state: 'done',
        note: 'Came through a job board',
      });
      const snap = await createCaseSnapshot(t.app, investigator, 'emp-0207', {
        reason: 'Before contacting counsel',
      });
      expect(snap.manifestHash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(snap.manifest.parts).sort()).toEqual(
        ['assessment', 'bundle', 'case', 'files', 'screenings', 'timeline'].sort(),
      );
      expect(snap.parts.bundle.subject.name).toBe('Kyle Anderson');
      expect(snap.parts.assessment?.assessment.band).toBe('high');
      expect(snap.parts.timeline.length).toBeGreaterThan(3);
      expect(snap.parts.case.status).toBe('open');
      expect(snap.parts.case.checklist?.find((i) => i.id === 'application.source-recorded')).toMatchObject({
        status: 'done',
        note: 'Came through a job board',
        updatedBy: 'recruiter user',
      });
      expect(snap.parts.screenings.available).toBe(false);
      expect(snap.parts.screenings.parties.map((p) => p.name)).toContain('Kyle Anderson');
      const verified = await verifyCaseSnapshot(t.app, viewer, snap.id);
      expect(verified).toMatchObject({ ok: true, problems: [] });
      expect(verified.parts.every((p) => p.ok)).toBe(true);
      const listed = await listCaseSnapshots(t.app, viewer, 'emp-0207');
      expect(listed.items[0]).toMatchObject({
        id: snap.id,
        manifestHash: snap.manifestHash,
        reason: 'Before contacting counsel',
      });
      const audit = await t.app.database.db
        .selectFrom('audit_log')
        .select(['data'])
        .where('action', '=', 'snapshot.created')
        .execute();
      expect(audit.some((r) => r.data.includes(snap.manifestHash))).toBe(true);
    });

    it('is not changed by later case changes; a new snapshot has a new hash', async () => {
      const before = await createCaseSnapshot(t.app, investigator, 'emp-0207');
      await addCaseNote(t.app, recruiter, 'emp-0207', { text: 'Candidate asked to be paid in USDT' });
      const again = await getCaseSnapshot(t.app, viewer, before.id);
      expect(again.parts).toEqual(before.parts);
      expect((await verifyCaseSnapshot(t.app, viewer, before.id)).ok).toBe(true);
      const after = await createCaseSnapshot(t.app, investigator, 'emp-0207');
      expect(after.manifestHash).not.toBe(before.manifestHash);
      expect(after.manifest.parts.case).not.toBe(before.manifest.parts.case);
      expect(after.manifest.parts.bundle).toBe(before.manifest.parts.bundle);
      expect(after.parts.case.notes.map((n) => n.text)).toContain('Candidate asked to be paid in USDT');
    });

    it('refuses UPDATE in the database, and finds a part tampered with behind the trigger', async () => {
      const snap = await createCaseSnapshot(t.app, investigator, 'emp-0207');
      const db = t.app.database.db;
      await expect(
        db.updateTable('case_snapshots').set({ reason: 'changed' }).where('id', '=', snap.id).execute(),
      ).rejects.toThrow(/immutable/);
      // Someone with database rights turns the guard off and edits the case part.
      if (dialect === 'postgres')
        await sql`alter table case_snapshots disable trigger case_snapshots_no_update`.execute(db);
      else await sql`drop trigger case_snapshots_no_update`.execute(db);
      const tampered = JSON.stringify({ ...snap.parts.case, status: 'cleared' });
      await db
        .updateTable('case_snapshots')
        .set({ case_state: tampered })
        .where('id', '=', snap.id)
        .execute();
      const result = await verifyCaseSnapshot(t.app, viewer, snap.id);
      expect(result.ok).toBe(false);
      expect(result.parts.filter((p) => !p.ok).map((p) => p.name)).toEqual(['case']);
      expect(result.problems.join(' ')).toMatch(/Part "case"/);
      // Rewriting the manifest hash to match is caught by the audit log's record.
      await db
        .updateTable('case_snapshots')
        .set({ manifest_hash: 'f'.repeat(64) })
        .where('id', '=', snap.id)
        .execute();
      const again = await verifyCaseSnapshot(t.app, viewer, snap.id);
      expect(again.problems.join(' ')).toMatch(/audit log/);
      if (dialect === 'postgres')
        await sql`alter table case_snapshots enable trigger case_snapshots_no_update`.execute(db);
    });

    it('builds the report model from a fresh snapshot, naming its manifest', async () => {
      const model = await buildCaseReport(t.app, investigator, 'emp-0207');
      const snap = await getCaseSnapshot(t.app, viewer, model.snapshot.id);
      expect(model.snapshot.manifestHash).toBe(snap.manifestHash);
      expect(model.subject.name).toBe('Kyle Anderson');
      expect(model.summary.band).toBe(snap.parts.assessment?.assessment.band);
      expect(model.summary.reasons[0]).toMatch(/^Score 83 of 100 is high/);
      expect(model.summary.reasons.some((r) => /camera/i.test(r))).toBe(true);
      const ids = model.signals.map((s) => s.id);
      expect(ids).toContain('interview.camera-refusal');
      const camera = model.signals.find((s) => s.id === 'interview.camera-refusal');
      expect(camera?.evidence[0]?.path).toBe('interviews[0]');
      expect(camera?.evidence[0]?.value).toContain('camera broken');
      expect(camera?.howToVerify).toBe(getSignal('interview.camera-refusal')?.howToVerify);
      const values = model.identifiers.map((i) => `${i.kind}:${i.value}`);
      expect(values).toContain('wallet:0x52908400098527886E0F7030069857D2E4169EE7');
      expect(values).toContain('ip:203.0.113.7');
      expect(values).toContain('email:emp-0207@example.com');
      expect(values.some((v) => v.startsWith('address:12 Elm St'))).toBe(true);
      expect(model.jurisdictions.map((j) => j.title)).toEqual(['Canada', 'United States', 'United Kingdom']);
      const ic3 = model.jurisdictions[1]?.forms[0];
      expect(ic3?.authority).toMatch(/IC3/);
      expect(ic3?.fields.find((f) => f.label === 'Subject name')?.value).toBe('Kyle Anderson');
      expect(ic3?.fields.find((f) => f.label === 'Who received the money (crypto wallets)')?.value).toContain(
        '0x52908400098527886E0F7030069857D2E4169EE7',
      );
      expect(ic3?.fields.find((f) => f.label.startsWith('Victim'))?.value).toBeNull();
      expect(model.checklistNote).toBeNull();
      expect(model.case.checklist?.find((i) => i.id === 'application.source-recorded')?.status).toBe('done');
      // An existing snapshot of another subject is not found under this one.
      expect(await codeOf(buildCaseReport(t.app, investigator, 'cand-0001', { snapshotId: snap.id }))).toBe(
        'not_found',
      );
      expect(await codeOf(buildCaseReport(t.app, recruiter, 'emp-0207'))).toBe('forbidden');
    });

    it('exports CSVs with formula cells defused', async () => {
      const subjects = parse(await exportSubjectsCsv(t.app, investigator), { columns: true }) as Record<
        string,
        string
      >[];
      expect(subjects.map((r) => r.id).sort()).toEqual(['cand-0001', 'emp-0207']);
      expect(subjects.find((r) => r.id === 'cand-0001')?.name).toBe(
        '\'=HYPERLINK("http://evil.example","x")',
      );
      const signals = parse(await exportSignalsCsv(t.app, investigator), { columns: true }) as Record<
        string,
        string
      >[];
      const latest = await latestAssessment(t.app.database.db, 'emp-0207');
      expect(
        signals
          .filter((r) => r.subject_id === 'emp-0207')
          .map((r) => r.signal)
          .sort(),
      ).toEqual((latest?.assessment.signals ?? []).map((s) => s.id).sort());
    });
  });
}

const other = { sqlite: 'postgres', postgres: 'sqlite' } as const;

async function caseOf(app: TestApp['app'], subjectId: string) {
  const db = app.database.db;
  const [record, notes, checklist] = await Promise.all([
    findCase(db, subjectId),
    listCaseNotes(db, subjectId),
    listChecklistStates(db, subjectId),
  ]);
  return { record, notes, checklist };
}

for (const dialect of dialects) {
  describe(`case export (${dialect}) → import into a fresh database (${other[dialect]})`, () => {
    let from: TestApp;
    let to: TestApp;
    let exported: CaseExport;
    beforeAll(async () => {
      from = await createTestApp(dialect);
      to = await createTestApp(other[dialect]);
      for (const [t, id] of [
        [from, 'user-from'],
        [to, 'user-to'],
      ] as const) {
        await insertUser(t.app.database.db, {
          id,
          email: 'Ines.Ortega@example.com',
          name: 'Ines Ortega',
          role: 'investigator',
          passwordHash: 'x',
          at: T0,
        });
      }
      await importBundles(from.app, recruiter, [risky]);
      await addCaseNote(from.app, recruiter, 'emp-0207', { text: 'Asked for crypto' });
      from.clock.set('2026-03-20T13:00:00.000Z');
      await transitionCase(from.app, investigator, 'emp-0207', { to: 'in_review' });
      await transitionCase(from.app, investigator, 'emp-0207', { to: 'escalated' });
      await assignCase(from.app, investigator, 'emp-0207', { userId: 'user-from' });
      await setChecklistItem(from.app, recruiter, 'emp-0207', 'application.source-recorded', {
        state: 'done',
        note: 'Came through a job board',
      });
      exported = JSON.parse(
        JSON.stringify(await exportCase(from.app, investigator, 'emp-0207')),
      ) as CaseExport;
    });
    afterAll(async () => {
      await from?.close();
      await to?.close();
    });

    it('exports the case state with checklist who/when and the assignee email', () => {
      expect(exported.format).toBe('gatecheck.case-bundle/v1');
      const c = exported.caseExport.case;
      expect(c.status).toBe('escalated');
      expect(c.assignee).toMatchObject({ name: 'Ines Ortega', email: 'ines.ortega@example.com' });
      expect(c.notes.map((n) => n.text)).toEqual(['Asked for crypto']);
      expect(c.checklist).toEqual([
        {
          id: 'application.source-recorded',
          status: 'done',
          note: 'Came through a job board',
          at: '2026-03-20T13:00:00.000Z',
          by: 'recruiter user',
        },
      ]);
    });

    it('refuses a bad caseExport whole, naming its paths, and stores nothing', async () => {
      const bad = structuredClone(exported) as unknown as { caseExport: Record<string, unknown> };
      bad.caseExport = {
        ...exported.caseExport,
        case: {
          ...exported.caseExport.case,
          status: 'archived',
          notes: [{ at: 'yesterday', author: 'x', text: 'y' }],
        },
      };
      const result = await importBundles(to.app, recruiter, [bad]);
      expect(result.results[0]?.ok).toBe(false);
      const paths = result.results[0]?.ok === false ? result.results[0].problems.map((p) => p.path) : [];
      expect(paths).toEqual(['caseExport.case.status', 'caseExport.case.notes[0].at']);
      expect(await subjectExists(to.app.database.db, 'emp-0207')).toBe(false);
      expect(await listAuditEntries(to.app.database.db, { targetId: 'emp-0207' })).toEqual([]);
      const viaCreate = await createSubject(to.app, recruiter, bad).then(
        () => 'stored',
        (e: unknown) => (e instanceof DomainError ? e.problems?.map((p) => p.path) : e),
      );
      expect(viaCreate).toEqual(['caseExport.case.status', 'caseExport.case.notes[0].at']);
      expect(await subjectExists(to.app.database.db, 'emp-0207')).toBe(false);
    });

    it('gives back the same bundle, assessment, case status, assignee, notes and checklist', async () => {
      to.clock.set('2026-04-01T08:00:00.000Z');
      const result = await importBundles(to.app, recruiter, [exported]);
      expect(result.results[0]).toEqual({ index: 0, ok: true, subjectId: 'emp-0207', action: 'created' });
      const original = await findSubject(from.app.database.db, 'emp-0207');
      const copy = await findSubject(to.app.database.db, 'emp-0207');
      expect(copy?.bundle).toEqual(original?.bundle);
      const a = (await latestAssessment(from.app.database.db, 'emp-0207'))?.assessment;
      const b = (await latestAssessment(to.app.database.db, 'emp-0207'))?.assessment;
      expect(b?.band).toBe(a?.band);
      expect(b?.score).toBe(a?.score);
      expect(b?.signals.map((s) => s.id)).toEqual(a?.signals.map((s) => s.id));

      const was = await caseOf(from.app, 'emp-0207');
      const now = await caseOf(to.app, 'emp-0207');
      expect(now.record?.status).toBe(was.record?.status);
      expect(now.record?.assigneeId).toBe('user-to');
      const marker = `imported from ${from.app.config.publicUrl} export of ${exported.caseExport.exportedAt}`;
      expect(now.notes.map((n) => ({ at: n.at, author: n.author.name, text: n.text }))).toEqual(
        was.notes.map((n) => ({ at: n.at, author: n.author.name, text: `${n.text}\n\n(${marker})` })),
      );
      expect(now.checklist.map((c) => ({ ...c, by: c.by?.name }))).toEqual(
        was.checklist.map((c) => ({ ...c, by: c.by?.name, note: `${c.note} (${marker})` })),
      );
      const audit = await listAuditEntries(to.app.database.db, { targetId: 'emp-0207' });
      expect(audit.filter((e) => e.action === 'case.imported').map((e) => e.data)).toEqual([
        { source: marker, status: 'escalated', assignee: 'matched', notes: 1, checklist: 1, skipped: 0 },
      ]);
    });

    it('keeps the case of a subject that already exists and warns', async () => {
      const before = await caseOf(to.app, 'emp-0207');
      const again = structuredClone(exported);
      again.caseExport.case.status = 'closed';
      again.caseExport.case.notes.push({ at: T0, author: 'Someone', text: 'Another note' });
      const result = await importBundles(to.app, recruiter, [again]);
      expect(result.results[0]).toMatchObject({ ok: true, action: 'updated' });
      const warnings = result.results[0]?.ok ? (result.results[0].warnings ?? []) : [];
      expect(warnings.map((w) => w.path)).toEqual(['caseExport']);
      expect(warnings[0]?.message).toContain('already exists here with its own case');
      expect(await caseOf(to.app, 'emp-0207')).toEqual(before);
    });

    it('through POST /subjects: skips unknown checklist steps and keeps an unknown assignee as a note', async () => {
      const copy = structuredClone(exported);
      copy.subject.id = 'emp-0208';
      copy.caseExport.case.assignee = { id: 'x', name: 'Pat Doe', email: 'pat@elsewhere.example' };
      copy.caseExport.case.checklist.push({
        id: 'no.such-step',
        status: 'done',
        note: null,
        at: T0,
        by: 'Pat',
      });
      const created = await createSubject(to.app, recruiter, copy);
      expect(created.id).toBe('emp-0208');
      const stored = await findSubject(to.app.database.db, 'emp-0208');
      expect(stored?.bundle).not.toHaveProperty('caseExport');
      const now = await caseOf(to.app, 'emp-0208');
      expect(now.record).toMatchObject({ status: 'escalated', assigneeId: null });
      expect(now.checklist.map((c) => c.itemId)).toEqual(['application.source-recorded']);
      expect(now.notes.at(-1)?.text).toContain('Assigned to Pat Doe (pat@elsewhere.example) in the export');
      const audit = await listAuditEntries(to.app.database.db, { targetId: 'emp-0208' });
      expect(audit.find((e) => e.action === 'case.imported')?.data).toMatchObject({
        assignee: 'kept as note',
        checklist: 1,
        skipped: 1,
      });
      const viaImport = structuredClone(copy);
      viaImport.subject.id = 'emp-0209';
      const result = await importBundles(to.app, recruiter, [viaImport]);
      const warnings = result.results[0]?.ok ? (result.results[0].warnings ?? []) : [];
      expect(warnings).toEqual([
        {
          path: 'caseExport.case.checklist[1].id',
          message: '"no.such-step" is not a checklist step on this instance; its state was skipped',
        },
      ]);
    });
  });
}
