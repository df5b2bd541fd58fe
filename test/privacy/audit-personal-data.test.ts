// The audit log outlives a deletion request (it is hash-chained and never cut), so no entry may carry personal
// data about the subject: after the main flows — a subject with name, email and phone, a document with a
// personal file name (uploaded, analysed, viewed), a verification link opened and consented to from a known
// address and browser, a case note, a transition with a note, a checklist note, a snapshot with a reason, a
// legal hold set and released with reasons, and the deletion — no audit entry's JSON holds any of them.
// SQLite and PostgreSQL, fixed clock.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { createVerification } from '../../src/services/create-verification.ts';
import { deletePersonalData } from '../../src/services/delete-personal-data.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { openVerification } from '../../src/services/open-verification.ts';
import { readDocumentContent } from '../../src/services/read-document-content.ts';
import { recordVerificationConsent } from '../../src/services/record-verification-consent.ts';
import { setLegalHold } from '../../src/services/set-legal-hold.ts';
import { createCaseSnapshot } from '../../src/services/snapshot-case.ts';
import { uploadDocument } from '../../src/services/upload-document.ts';
import { addCaseNote, transitionCase } from '../../src/services/work-case.ts';
import { setChecklistItem } from '../../src/services/work-checklist.ts';
import { dialects } from '../db.ts';
import { buildBundle } from '../services/factories.ts';
import {
  admin,
  createTestApp,
  investigator,
  recruiter,
  type TestApp,
  waitForJob,
} from '../services/helpers.ts';

const SUBJECT = 'cand-7731';
const PERSONAL = {
  name: 'Marguerite Okonkwo-Villanueva',
  email: 'marguerite.okv@example.org',
  phone: '+44 7700 900123',
  fileName: 'okonkwo-villanueva passport scan.jpg',
  ip: '198.51.100.234',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) MargueriteBrowser/7.1',
  caseNote: 'Called her sister in Lagos, who confirmed the address',
  transitionNote: 'Her manager at Brightwave vouched for the gap',
  checklistNote: 'She joined from her flat on Elm Row with camera on',
  snapshotReason: 'Before sending Marguerite to counsel',
  holdReason: 'Dispute raised by Marguerite through her solicitor',
};

for (const dialect of dialects) {
  describe(`audit entries hold no personal data about the subject (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('after the main flows and the deletion, no entry names the person, their file, address or notes', async () => {
      const { app, clock } = t;
      const bundle = buildBundle({ id: SUBJECT, name: PERSONAL.name });
      bundle.subject.email = PERSONAL.email;
      bundle.subject.phone = PERSONAL.phone;
      await createSubject(app, recruiter, bundle);
      // The same person again from a file (an ATS export): the import is audited too.
      const { results } = await importBundles(app, recruiter, [
        { ...bundle, subject: { ...bundle.subject, role: 'Dev' } },
      ]);
      expect(results.map((r) => (r.ok ? r.action : r.problems))).toEqual(['updated']);

      const upload = await uploadDocument(app, recruiter, {
        subjectId: SUBJECT,
        kind: 'passport',
        name: PERSONAL.fileName,
        body: await sharp({ create: { width: 240, height: 160, channels: 3, background: '#d8d2c4' } })
          .jpeg()
          .toBuffer(),
      });
      if (upload.jobId) await waitForJob(app, upload.jobId);
      const shown = await readDocumentContent(app, investigator, SUBJECT, upload.file.id);
      expect(shown.name).toBe(PERSONAL.fileName); // the name is still served with the file, from its own row

      const link = await createVerification(app, recruiter, SUBJECT);
      const candidate = { token: link.token, ip: PERSONAL.ip, userAgent: PERSONAL.userAgent };
      await openVerification(app, candidate);
      await recordVerificationConsent(app, candidate);

      clock.advance(60_000);
      await addCaseNote(app, recruiter, SUBJECT, { text: PERSONAL.caseNote });
      await transitionCase(app, investigator, SUBJECT, { to: 'in_review', note: PERSONAL.transitionNote });
      await setChecklistItem(app, recruiter, SUBJECT, 'interview.camera-on', {
        state: 'done',
        note: PERSONAL.checklistNote,
      });
      await createCaseSnapshot(app, investigator, SUBJECT, { reason: PERSONAL.snapshotReason });
      await setLegalHold(app, admin, SUBJECT, { on: true, reason: PERSONAL.holdReason });
      await setLegalHold(app, admin, SUBJECT, { on: false, reason: PERSONAL.holdReason });
      await deletePersonalData(app, admin, SUBJECT, SUBJECT);

      const entries = await listAuditEntries(app.database.db, { limit: 1000 });
      const actions = new Set(entries.map((e) => e.action));
      // The flows did run and were audited (so the check below looks at real entries).
      for (const action of [
        'subject.created',
        'subject.imported',
        'document.uploaded',
        'document.viewed',
        'verification.opened',
        'verification.consented',
        'case.note_added',
        'case.transitioned',
        'checklist.item_changed',
        'snapshot.created',
        'subject.legal-hold-set',
        'subject.legal-hold-released',
        'subject.personal-data-deleted',
      ])
        expect(actions, action).toContain(action);
      expect(entries.some((e) => e.action.startsWith('document.analy'))).toBe(true);

      const leaks = entries.flatMap((e) => {
        const text = JSON.stringify({ targetId: e.targetId, data: e.data }).toLowerCase();
        return Object.entries(PERSONAL)
          .filter(([, value]) => text.includes(value.toLowerCase()))
          .map(([field]) => `${e.action}: ${field}`);
      });
      expect(leaks).toEqual([]);
      // What the entries do keep: the ids and the file's hash.
      const uploaded = entries.find((e) => e.action === 'document.uploaded');
      expect(uploaded?.data).toMatchObject({
        fileId: upload.file.id,
        kind: 'passport',
        sha256: expect.any(String),
      });
      expect((await verifyAuditChain(app.database.db)).ok).toBe(true);
    }, 120_000);
  });
}
