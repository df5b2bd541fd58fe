// Privacy on SQLite and PostgreSQL with a fixed clock: the retention sweep deletes exactly what is past each
// kind's period (rows and files) and nothing of a subject under legal hold; a changed policy re-dates what is
// stored; closed cases are erased after their period; the data-subject export holds every kind; the deletion
// leaves nothing of the person (a held person is refused) and keeps the audit chain whole; the access log.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import { insertDocumentFile } from '../../src/adapters/db/repositories/document-files.repository.ts';
import { insertInterviewRecording } from '../../src/adapters/db/repositories/interview-recordings.repository.ts';
import { findSubject } from '../../src/adapters/db/repositories/subjects.repository.ts';
import { insertVerificationKeyframe } from '../../src/adapters/db/repositories/verification-keyframes.repository.ts';
import {
  insertVerificationSession,
  updateVerificationSession,
} from '../../src/adapters/db/repositories/verification-sessions.repository.ts';
import { createLocalFileStore } from '../../src/adapters/storage/local-file-store.ts';
import type { CaseBundle } from '../../src/core/bundle/schema.ts';
import { isDomainError } from '../../src/core/errors.ts';
import { retainUntil } from '../../src/core/privacy/retention.ts';
import { applyRetention } from '../../src/services/apply-retention.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { deleteDocumentFile } from '../../src/services/delete-document-file.ts';
import { deletePersonalData } from '../../src/services/delete-personal-data.ts';
import { exportSubjectData } from '../../src/services/export-subject-data.ts';
import { getSubject } from '../../src/services/get-subject.ts';
import { documentStore } from '../../src/services/internal/documents.ts';
import { getRetention, updateRetention } from '../../src/services/manage-retention.ts';
import { readAccessLog } from '../../src/services/read-access-log.ts';
import { getLegalHold, setLegalHold } from '../../src/services/set-legal-hold.ts';
import { createCaseSnapshot } from '../../src/services/snapshot-case.ts';
import { sweepOrphanFiles } from '../../src/services/sweep-orphan-files.ts';
import { dialects } from '../db.ts';
import { buildLoginEventRow } from '../factories.ts';
import { admin, createTestApp, investigator, recruiter, T0, type TestApp } from '../services/helpers.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(T0) - days * DAY).toISOString();
const actor = { kind: 'user' as const, id: 'admin-1', name: 'admin user' };

type Seeded = { files: Record<string, string>; bytes: Record<string, Uint8Array> };

function bundleFor(id: string, resumeKey: string): CaseBundle {
  return {
    format: 'gatecheck.case-bundle/v1',
    subject: { id, kind: 'employee', name: `Person ${id}`, email: `${id}@example.com` },
    resume: { file: 'cv.pdf', fileId: resumeKey, sha256: 'x', parsedAt: ago(400), text: 'Developer' },
    documents: [
      { kind: 'passport', receivedAt: ago(400), faceEmbedding: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] },
    ],
    logins: [
      { at: ago(400), ip: '203.0.113.7', app: 'okta' },
      { at: ago(10), ip: '203.0.113.8', app: 'okta' },
    ],
    changes: [
      { at: ago(400), field: 'bank_account', from: 'A', to: 'B' },
      { at: ago(10), field: 'bank_account', from: 'B', to: 'C' },
    ],
    payments: [{ at: ago(400), kind: 'request', method: 'crypto', amount: 10, currency: 'USD' }],
  } as CaseBundle;
}

/** One subject with two of each stored kind: one past its default period, one recent. */
async function seed(app: AppContext, id: string): Promise<Seeded> {
  const store = documentStore(app);
  const files: Record<string, string> = {};
  const bytes: Record<string, Uint8Array> = {};
  const put = async (name: string, key: string) => {
    const b = new TextEncoder().encode(`${id} ${name}`);
    await store.put(key, b);
    files[name] = key;
    bytes[name] = b;
    return b;
  };
  await put('resume', `resume-${id}`);
  await createSubject(app, recruiter, bundleFor(id, `resume-${id}`));
  const db = app.database.db;
  for (const [name, days] of [
    ['docOld', 400],
    ['docNew', 10],
  ] as const) {
    const b = await put(name, `doc-${id}-${name}`);
    await insertDocumentFile(db, {
      id: `${id}-${name}`,
      subjectId: id,
      name: `${name}.jpg`,
      kind: 'passport',
      mediaType: 'image/jpeg',
      bytes: b.length,
      sha256: createHash('sha256').update(b).digest('hex'),
      width: 1,
      height: 1,
      pages: null,
      uploadedAt: ago(days),
      uploadedBy: actor,
      retainUntil: retainUntil(ago(days), 365),
      documentIndex: null,
      storageKey: `doc-${id}-${name}`,
    });
  }
  for (const [name, days] of [
    ['recOld', 40],
    ['recNew', 5],
  ] as const) {
    const b = await put(name, `rec-${id}-${name}`);
    await insertInterviewRecording(db, {
      id: `${id}-${name}`,
      subjectId: id,
      interviewIndex: 0,
      name: `${name}.mp4`,
      mediaType: 'video/mp4',
      bytes: b.length,
      sha256: 'r',
      uploadedAt: ago(days),
      uploadedBy: actor,
      retainUntil: retainUntil(ago(days), 30),
      storageKey: `rec-${id}-${name}`,
    });
  }
  for (const [name, days] of [
    ['sesOld', 40],
    ['sesNew', 5],
  ] as const) {
    const sessionId = `${id}-${name}`;
    await insertVerificationSession(db, {
      id: sessionId,
      subjectId: id,
      kind: 'liveness',
      tokenSha256: `t-${sessionId}`,
      createdAt: ago(days + 1),
      createdBy: actor,
      expiresAt: ago(days - 1),
    });
    const { gzipSync } = await import('node:zlib');
    const trace = gzipSync(Buffer.from(JSON.stringify({ session: sessionId })));
    await store.put(`trace-${sessionId}`, trace);
    files[`${name}Trace`] = `trace-${sessionId}`;
    bytes[`${name}Trace`] = new TextEncoder().encode(JSON.stringify({ session: sessionId }));
    await updateVerificationSession(db, sessionId, {
      status: 'completed',
      consent: { at: ago(days), ip: '198.51.100.1', userAgent: 'test', textVersion: 'liveness-consent-2' },
      traceKey: `trace-${sessionId}`,
      traceBytes: trace.length,
      finishedAt: ago(days),
      retainUntil: retainUntil(ago(days), 30),
    });
    const kb = await put(`${name}Frame`, `kf-${sessionId}`);
    await insertVerificationKeyframe(db, {
      id: `${sessionId}-k0`,
      sessionId,
      index: 0,
      t: 100,
      stepId: null,
      storageKey: `kf-${sessionId}`,
      bytes: kb.length,
      sha256: 'k',
      width: 1,
      height: 1,
      createdAt: ago(days),
      retainUntil: retainUntil(ago(days), 30),
    });
  }
  await db
    .insertInto('login_events')
    .values([
      buildLoginEventRow(`${id}-login-old`, id, ago(400)),
      buildLoginEventRow(`${id}-login-new`, id, ago(10)),
    ])
    .execute();
  return { files, bytes };
}

async function stored(app: AppContext, key: string): Promise<boolean> {
  return documentStore(app).exists(key);
}

async function liveKeys(app: AppContext, id: string) {
  const db = app.database.db;
  const docs = await db
    .selectFrom('document_files')
    .select(['id', 'storage_key'])
    .where('subject_id', '=', id)
    .execute();
  const recs = await db
    .selectFrom('interview_recordings')
    .select(['id', 'storage_key'])
    .where('subject_id', '=', id)
    .execute();
  const sessions = await db
    .selectFrom('verification_sessions')
    .select(['id', 'trace_key'])
    .where('subject_id', '=', id)
    .execute();
  const logins = await db.selectFrom('login_events').select('id').where('subject_id', '=', id).execute();
  return {
    docs: docs
      .filter((d) => d.storage_key !== null)
      .map((d) => d.id)
      .sort(),
    recs: recs
      .filter((r) => r.storage_key !== null)
      .map((r) => r.id)
      .sort(),
    traces: sessions
      .filter((s) => s.trace_key !== null)
      .map((s) => s.id)
      .sort(),
    logins: logins.map((l) => l.id).sort(),
  };
}

for (const dialect of dialects) {
  describe(`privacy (${dialect})`, () => {
    let t: TestApp;
    let a: Seeded;
    let b: Seeded;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      a = await seed(t.app, 'p-a');
      b = await seed(t.app, 'p-b');
      for (const id of ['p-a', 'p-b']) await createCaseSnapshot(t.app, investigator, id, { reason: 'test' });
      await setLegalHold(t.app, admin, 'p-b', { on: true, reason: 'Claim from former employer' });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('has the default periods, GATECHECK_DOCUMENT_RETENTION_DAYS for documents', async () => {
      const view = await getRetention(t.app, recruiter);
      expect(view.policy).toEqual({
        biometrics: 30,
        documents: t.app.config.documents.retentionDays,
        resumes: t.app.config.documents.retentionDays,
        signIns: 365,
        changes: 365,
        closedCases: 730,
      });
      expect(view.kinds.every((k) => k.label.length > 0 && k.deletes.length > 0)).toBe(true);
    });

    it('refuses a policy with bad days, naming each kind, and non-admins', async () => {
      const error = await updateRetention(t.app, admin, { biometrics: 0, documents: 2.5, selfies: 3 }).catch(
        (e: unknown) => e,
      );
      expect(isDomainError(error) && error.code).toBe('validation');
      expect(isDomainError(error) && error.problems?.map((p) => p.path).sort()).toEqual([
        'biometrics',
        'documents',
        'selfies',
      ]);
      const forbidden = await updateRetention(t.app, investigator, { biometrics: 10 }).catch(
        (e: unknown) => e,
      );
      expect(isDomainError(forbidden) && forbidden.code).toBe('forbidden');
    });

    it('the sweep deletes exactly what is past each period, files included, and nothing of the held subject', async () => {
      const importRow = (id: string, days: number) => ({
        id,
        file_name: 'okta.json',
        format: 'okta',
        mapping: null,
        status: 'done',
        job_id: null,
        upload: null,
        created_at: ago(days),
        created_by: JSON.stringify(actor),
        started_at: ago(days),
        finished_at: ago(days),
        bytes_read: 10,
        total_bytes: 10,
        read_count: 1,
        imported: 0,
        duplicates: 0,
        malformed: 1,
        matched: 0,
        unmatched: 1,
        problems: JSON.stringify([{ line: 1, message: 'no time in {"user":"x@example.com"}' }]),
        unmatched_accounts: JSON.stringify([{ account: 'x@example.com', events: 1 }]),
        skipped: 0,
        skipped_reasons: '[]',
        error: null,
      });
      await t.app.database.db
        .insertInto('login_imports')
        .values([importRow('imp-old', 400), importRow('imp-new', 10)])
        .execute();
      const result = await applyRetention(t.app);
      const imports = await t.app.database.db
        .selectFrom('login_imports')
        .select(['id', 'unmatched_accounts', 'problems'])
        .orderBy('id')
        .execute();
      expect(imports.map((i) => [i.id, i.unmatched_accounts === '[]', i.problems === '[]'])).toEqual([
        ['imp-new', false, false],
        ['imp-old', true, true],
      ]);
      expect(result.failed).toEqual([]);
      expect(await liveKeys(t.app, 'p-a')).toEqual({
        docs: ['p-a-docNew'],
        recs: ['p-a-recNew'],
        traces: ['p-a-sesNew'],
        logins: ['p-a-login-new'],
      });
      for (const gone of ['docOld', 'recOld', 'sesOldTrace', 'sesOldFrame', 'resume'])
        expect(await stored(t.app, a.files[gone] as string), gone).toBe(false);
      for (const kept of ['docNew', 'recNew', 'sesNewTrace', 'sesNewFrame'])
        expect(await stored(t.app, a.files[kept] as string), kept).toBe(true);
      const bundle = (await findSubject(t.app.database.db, 'p-a'))?.bundle;
      expect(bundle?.logins?.map((l) => l.at)).toEqual([ago(10)]);
      expect(bundle?.changes?.map((c) => c.at)).toEqual([ago(10)]);
      expect(bundle?.payments).toEqual([]);
      expect(bundle?.resume?.fileDeletedAt).toBe(T0);
      // The last verification finished 5 days ago: the face measurements are still within 30 days of it.
      expect(bundle?.documents?.[0]).toHaveProperty('faceEmbedding');

      // Held: every row and file stays.
      expect(await liveKeys(t.app, 'p-b')).toEqual({
        docs: ['p-b-docNew', 'p-b-docOld'],
        recs: ['p-b-recNew', 'p-b-recOld'],
        traces: ['p-b-sesNew', 'p-b-sesOld'],
        logins: ['p-b-login-new', 'p-b-login-old'],
      });
      for (const key of Object.values(b.files)) expect(await stored(t.app, key), key).toBe(true);
      const held = (await findSubject(t.app.database.db, 'p-b'))?.bundle;
      expect(held?.logins).toHaveLength(2);
      expect(held?.resume?.fileDeletedAt).toBeUndefined();

      const audit = await listAuditEntries(t.app.database.db, { limit: 1000 });
      const retention = audit.filter((e) => e.action === 'retention.deleted');
      expect(retention.find((e) => e.targetId === 'signIns')?.data).toMatchObject({
        kind: 'signIns',
        count: 1,
      });
      expect(retention.find((e) => e.targetId === 'p-a')?.data).toMatchObject({
        kind: 'bundle',
        counts: { signIns: 1, changes: 1, payments: 1, faceData: 0 },
      });
      expect(audit.some((e) => e.targetId === 'p-b' && e.action.endsWith('deleted'))).toBe(false);
      // A second run finds nothing more.
      const again = await applyRetention(t.app);
      expect(again.files + again.tracesDeleted + again.signIns + again.changes + again.payments).toBe(0);
    });

    it('a shorter period applies to what is already stored; face data goes 30 days after the last verification', async () => {
      await updateRetention(t.app, admin, { documents: 5, biometrics: 3 });
      const result = await applyRetention(t.app);
      expect(result.failed).toEqual([]);
      const keys = await liveKeys(t.app, 'p-a');
      expect(keys.docs).toEqual([]);
      expect(keys.recs).toEqual([]);
      expect(keys.traces).toEqual([]);
      expect(await stored(t.app, a.files.sesNewFrame as string)).toBe(false);
      expect((await findSubject(t.app.database.db, 'p-a'))?.bundle.documents?.[0]).not.toHaveProperty(
        'faceEmbedding',
      );
      expect((await liveKeys(t.app, 'p-b')).docs).toHaveLength(2);
      await updateRetention(t.app, admin, { documents: 365, biometrics: 30 });
    });

    it('the export holds every kind of data and the decrypted files', async () => {
      await getSubject(t.app, investigator, 'p-b');
      const result = await exportSubjectData(t.app, investigator, 'p-b');
      const zip = unzipSync(result.zip);
      const data = JSON.parse(strFromU8(zip['data.json'] as Uint8Array)) as Record<string, unknown[]> & {
        subject: { bundle: CaseBundle };
      };
      expect(data.subject.bundle.subject.id).toBe('p-b');
      for (const kind of [
        'assessments',
        'documents',
        'recordings',
        'verificationSessions',
        'keyframes',
        'signIns',
        'changes',
        'payments',
        'snapshots',
        'accessLog',
        'audit',
      ])
        expect((data[kind] as unknown[]).length, kind).toBeGreaterThan(0);
      expect(data).toHaveProperty('case');
      expect(data).toHaveProperty('legalHold.active', true);
      const sessions = data.verificationSessions as {
        consent: { textVersion: string };
        tokenSha256?: string;
      }[];
      expect(sessions[0]?.consent.textVersion).toBe('liveness-consent-2');
      expect(sessions[0]).not.toHaveProperty('tokenSha256');
      const paths = Object.keys(zip).filter((p) => p.startsWith('files/'));
      expect(paths).toHaveLength(9);
      expect(zip['files/documents/p-b-docOld-docOld.jpg']).toEqual(b.bytes.docOld);
      expect(zip['files/resume/cv.pdf']).toEqual(b.bytes.resume);
      expect(strFromU8(zip['files/verifications/p-b-sesOld/trace.json'] as Uint8Array)).toBe(
        strFromU8(b.bytes.sesOldTrace as Uint8Array),
      );
      const log = await readAccessLog(t.app, investigator, 'p-b');
      expect(log[0]).toMatchObject({ action: 'subject.exported', actor: { id: investigator.id } });
      expect(
        (await listAuditEntries(t.app.database.db, { targetId: 'p-b', limit: 100 })).some(
          (e) => e.action === 'subject.exported',
        ),
      ).toBe(true);
    });

    it('records subject views in the access log once per few minutes; recruiters cannot read it', async () => {
      await getSubject(t.app, recruiter, 'p-a');
      await getSubject(t.app, recruiter, 'p-a');
      const log = await readAccessLog(t.app, admin, 'p-a');
      expect(log.filter((e) => e.action === 'subject.viewed')).toHaveLength(1);
      const error = await readAccessLog(t.app, recruiter, 'p-a').catch((e: unknown) => e);
      expect(isDomainError(error) && error.code).toBe('forbidden');
    });

    it('deletion removes everything about the person; a held person is refused; the audit chain stays whole', async () => {
      const notAdmin = await deletePersonalData(t.app, investigator, 'p-a', 'p-a').catch((e: unknown) => e);
      expect(isDomainError(notAdmin) && notAdmin.code).toBe('forbidden');
      const unconfirmed = await deletePersonalData(t.app, admin, 'p-a', 'p-b').catch((e: unknown) => e);
      expect(isDomainError(unconfirmed) && unconfirmed.code).toBe('validation');
      const heldError = await deletePersonalData(t.app, admin, 'p-b', 'p-b').catch((e: unknown) => e);
      expect(isDomainError(heldError) && heldError.code).toBe('conflict');
      expect(isDomainError(heldError) && heldError.message).toMatch(/legal hold/);
      // Nor can one of its documents be deleted by hand.
      const docError = await deleteDocumentFile(t.app, recruiter, 'p-b', 'p-b-docNew').catch(
        (e: unknown) => e,
      );
      expect(isDomainError(docError) && docError.code).toBe('conflict');

      const digestAlert = (subjectId: string) => ({
        id: `al-${subjectId}`,
        subjectId,
        subjectName: `Person ${subjectId}`,
      });
      await t.app.database.db
        .insertInto('alert_deliveries')
        .values({
          id: 'digest-1',
          alert_id: null,
          digest_day: '2026-03-19',
          destination_id: 'dest-1',
          destination_kind: 'webhook',
          payload: JSON.stringify({ day: '2026-03-19', alerts: [digestAlert('p-a'), digestAlert('p-b')] }),
          status: 'delivered',
          attempts: 1,
          next_attempt_at: null,
          last_attempt_at: T0,
          last_error: null,
          delivered_at: T0,
          created_at: T0,
        })
        .execute();
      const result = await deletePersonalData(t.app, admin, 'p-a', 'p-a');
      const digest = await t.app.database.db
        .selectFrom('alert_deliveries')
        .select('payload')
        .where('id', '=', 'digest-1')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(digest.payload ?? '{}').alerts).toEqual([digestAlert('p-b')]);
      expect(result.filesPending).toBe(0);
      expect(result.deleted).toMatchObject({
        subject: 1,
        documents: 2,
        recordings: 2,
        verificationSessions: 2,
        snapshots: 1,
      });
      const db = t.app.database.db;
      expect(await findSubject(db, 'p-a')).toBeNull();
      for (const table of [
        'document_files',
        'interview_recordings',
        'verification_sessions',
        'assessments',
        'cases',
        'case_events',
        'login_events',
        'subject_accounts',
        'case_snapshots',
      ] as const) {
        const rows = await db
          .selectFrom(table)
          .select('subject_id')
          .where('subject_id', '=', 'p-a')
          .execute();
        expect(rows, table).toEqual([]);
      }
      expect(
        await db.selectFrom('verification_keyframes').select('id').where('id', 'like', 'p-a-%').execute(),
      ).toEqual([]);
      for (const key of Object.values(a.files)) expect(await stored(t.app, key), key).toBe(false);
      expect(await db.selectFrom('file_deletions').selectAll().execute()).toEqual([]);
      // The held person is untouched.
      expect(await liveKeys(t.app, 'p-b')).toMatchObject({ docs: ['p-b-docNew', 'p-b-docOld'] });
      for (const key of Object.values(b.files)) expect(await stored(t.app, key), key).toBe(true);
      const entry = (await listAuditEntries(db, { targetId: 'p-a', limit: 5 }))[0];
      expect(entry?.action).toBe('subject.personal-data-deleted');
      expect(JSON.stringify(entry?.data)).not.toMatch(/Person|example\.com/);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('closed cases are erased after their period unless held; releasing the hold is audited', async () => {
      const db = t.app.database.db;
      await createSubject(t.app, recruiter, bundleFor('p-c', 'resume-p-c'));
      await db
        .updateTable('cases')
        .set({ status: 'closed', updated_at: ago(800) })
        .where('subject_id', 'in', ['p-b', 'p-c'])
        .execute();
      const result = await applyRetention(t.app);
      expect(result.closedCases).toEqual(['p-c']);
      expect(await findSubject(db, 'p-c')).toBeNull();
      expect(await findSubject(db, 'p-b')).not.toBeNull();
      const released = await setLegalHold(t.app, admin, 'p-b', { on: false, reason: 'Claim settled' });
      expect(released.on).toBe(false);
      expect(await getLegalHold(t.app, recruiter, 'p-b')).toMatchObject({
        on: false,
        reason: 'Claim settled',
      });
      const actions = (await listAuditEntries(db, { targetId: 'p-b', limit: 100 })).map((e) => e.action);
      expect(actions).toContain('subject.legal-hold-set');
      expect(actions).toContain('subject.legal-hold-released');
      expect((await applyRetention(t.app)).closedCases).toEqual(['p-b']);
      for (const key of Object.values(b.files)) expect(await stored(t.app, key), key).toBe(false);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('removes orphan files a day old, keeping referenced files and keys it does not make', async () => {
      // A store of its own: PostgreSQL test databases share the temporary folder's file store.
      const root = mkdtempSync(path.join(os.tmpdir(), 'gc-orphans-'));
      t.app.files = createLocalFileStore(root);
      try {
        const bytes = new TextEncoder().encode('x');
        for (const key of ['doc-orphan-1', 'report-keep-1', 'resume-p-d']) await t.app.files.put(key, bytes);
        await createSubject(t.app, recruiter, bundleFor('p-d', 'resume-p-d'));
        // Written just now (file times are real): within the grace, nothing is taken.
        t.clock.set(new Date());
        expect((await sweepOrphanFiles(t.app)).removed).toEqual([]);
        t.clock.set(new Date(Date.now() + 2 * DAY));
        expect((await sweepOrphanFiles(t.app)).removed).toEqual(['doc-orphan-1']);
        expect(await t.app.files.exists('report-keep-1')).toBe(true);
        expect(await t.app.files.exists('resume-p-d')).toBe(true);
        const audit = await listAuditEntries(t.app.database.db, { targetType: 'retention', limit: 10 });
        expect(audit[0]?.data).toEqual({ kind: 'orphanFiles', count: 1 });
      } finally {
        t.clock.set(T0);
        t.app.files = undefined;
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
}
