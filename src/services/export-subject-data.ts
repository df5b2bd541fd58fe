// Data-subject export (GET /subjects/{id}/data-export): everything stored about one person as a ZIP —
// `data.json` (the bundle, assessments, case with events and notes, alerts, dismissals, documents, recordings,
// verification sessions with their consent records and snapshots, sign-in and change events, linked accounts,
// case snapshots, the checklist, the legal hold, the access log and the audit entries about the subject) and the stored
// originals under `files/`, decrypted. Session link tokens are never stored, and the storage keys are left out.
// Audited (`subject.exported`, counts only) and written to the access log.
import { gunzipSync } from 'node:zlib';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { appendAudit, listAuditEntries } from '../adapters/db/audit.ts';
import { parseJsonText } from '../adapters/db/json.ts';
import { listAssessments } from '../adapters/db/repositories/assessments.repository.ts';
import { findCase, listCaseEvents, listCaseNotes } from '../adapters/db/repositories/cases.repository.ts';
import { listDocumentFiles } from '../adapters/db/repositories/document-files.repository.ts';
import { listInterviewRecordings } from '../adapters/db/repositories/interview-recordings.repository.ts';
import { findLegalHold, listAccess } from '../adapters/db/repositories/privacy.repository.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import { listVerificationKeyframes } from '../adapters/db/repositories/verification-keyframes.repository.ts';
import { listSubjectVerifications } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { recordAccess } from './internal/privacy.ts';

export const DATA_EXPORT_FORMAT = 'gatecheck.data-export/v1';

export type SubjectDataExport = { fileName: string; zip: Uint8Array; files: number };

type ExportFile = { path: string; kind: string; id: string; sha256: string | null; bytes: number };

/** Letters, digits, dot, dash and underscore only: a stored name never becomes a path. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return cleaned.slice(-100) || 'file';
}

const README = `Gatecheck data export

data.json holds every record stored about this person, as JSON:
  subject              the case bundle (all evidence as entered or imported) and the current score
  assessments          every assessment with its signals and reasons
  case, checklist      case status, events and notes; the due-diligence checklist
  alerts, dismissals   alerts raised and screening matches dismissed
  documents, recordings, verificationSessions, keyframes   what is known about each stored file
  verificationSessions[].consent   the consent the person gave before any capture
  signIns, linkedAccounts           sign-in events and the accounts linked to the person
  changes, payments                 HR and payroll change events (from the bundle)
  snapshots            frozen copies of the case
  legalHold, accessLog, audit       the hold, who viewed the record, and the audit entries about it
  files                the list of files below, with their SHA-256
files/ holds the stored originals, decrypted. Files deleted by retention are listed in data.json but absent.
`;

export async function exportSubjectData(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<SubjectDataExport> {
  authorize(actor, 'export');
  const db = app.database.db;
  const subject = await findSubject(db, subjectId);
  if (subject === null) throw notFound('Subject', subjectId);
  const store = documentStore(app);
  const entries: Zippable = {};
  const files: ExportFile[] = [];
  const add = async (
    key: string | null,
    path: string,
    meta: Omit<ExportFile, 'path' | 'bytes'>,
    transform?: (b: Uint8Array) => Uint8Array,
  ) => {
    if (key === null) return;
    const raw = await store.get(key);
    const bytes = transform ? transform(raw) : raw;
    entries[path] = [bytes, { level: 0 }];
    files.push({ ...meta, path, bytes: bytes.length });
  };

  const documents = await listDocumentFiles(db, subjectId);
  for (const d of documents)
    await add(d.storageKey, `files/documents/${d.id}-${safeName(d.name)}`, {
      kind: 'document',
      id: d.id,
      sha256: d.sha256,
    });
  const recordings = await listInterviewRecordings(db, subjectId);
  for (const r of recordings)
    await add(r.storageKey, `files/recordings/${r.id}-${safeName(r.name)}`, {
      kind: 'recording',
      id: r.id,
      sha256: r.sha256,
    });
  const resume = subject.bundle.resume;
  if (typeof resume?.fileId === 'string' && resume.fileDeletedAt === undefined)
    await add(
      resume.fileId,
      `files/resume/${safeName(typeof resume.file === 'string' ? resume.file : 'resume')}`,
      { kind: 'resume', id: resume.fileId, sha256: typeof resume.sha256 === 'string' ? resume.sha256 : null },
    );
  const sessions = await listSubjectVerifications(db, subjectId);
  const keyframes = [];
  for (const s of sessions) {
    await add(
      s.traceKey,
      `files/verifications/${s.id}/trace.json`,
      { kind: 'trace', id: s.id, sha256: null },
      (b) => gunzipSync(b),
    );
    for (const k of await listVerificationKeyframes(db, s.id)) {
      keyframes.push({ ...k, storageKey: undefined });
      await add(k.storageKey, `files/verifications/${s.id}/keyframe-${k.index}.jpg`, {
        kind: 'keyframe',
        id: k.id,
        sha256: k.sha256,
      });
    }
  }

  const accounts = await db
    .selectFrom('subject_accounts')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .execute();
  const accountNames = accounts.map((a) => a.account);
  const signIns = await db
    .selectFrom('login_events')
    .selectAll()
    .where((eb) =>
      accountNames.length > 0
        ? eb.or([eb('subject_id', '=', subjectId), eb('account', 'in', accountNames)])
        : eb('subject_id', '=', subjectId),
    )
    .orderBy('at')
    .execute();
  const alerts = await db.selectFrom('alerts').selectAll().where('subject_id', '=', subjectId).execute();
  const dismissals = await db
    .selectFrom('match_dismissals')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .execute();
  const snapshots = await db
    .selectFrom('case_snapshots')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .execute();
  const checklist = await db
    .selectFrom('case_checklist_items')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .execute();
  const now = app.clock.now().toISOString();
  const data = {
    format: DATA_EXPORT_FORMAT,
    exportedAt: now,
    exportedBy: toAuditActor(actor),
    subject: {
      id: subject.id,
      bundle: subject.bundle,
      band: subject.band,
      score: subject.score,
      createdAt: subject.createdAt,
      updatedAt: subject.updatedAt,
    },
    assessments: await listAssessments(db, subjectId, 10_000),
    case: {
      state: await findCase(db, subjectId),
      events: await listCaseEvents(db, subjectId),
      notes: await listCaseNotes(db, subjectId),
    },
    alerts: alerts.map((a) => ({
      ...a,
      signals: parseJsonText(a.signals),
      new_critical: parseJsonText(a.new_critical),
      reasons: parseJsonText(a.reasons),
    })),
    dismissals,
    documents: documents.map((d) => ({ ...d, storageKey: undefined, elaKey: undefined })),
    recordings: recordings.map((r) => ({ ...r, storageKey: undefined })),
    verificationSessions: sessions.map((s) => ({ ...s, tokenSha256: undefined, traceKey: undefined })),
    keyframes,
    signIns,
    linkedAccounts: accounts.map((a) => ({ ...a, linked_by: parseJsonText(a.linked_by) })),
    changes: subject.bundle.changes ?? [],
    payments: subject.bundle.payments ?? [],
    snapshots: snapshots.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      createdBy: parseJsonText(s.created_by),
      reason: s.reason,
      manifestHash: s.manifest_hash,
      manifest: parseJsonText(s.manifest),
      bundle: parseJsonText(s.bundle),
      assessment: parseJsonText(s.assessment),
      screenings: parseJsonText(s.screenings),
      caseState: parseJsonText(s.case_state),
      timeline: parseJsonText(s.timeline),
      files: parseJsonText(s.files),
    })),
    checklist: checklist.map((c) => ({ ...c, actor: parseJsonText(c.actor) })),
    legalHold: await findLegalHold(db, subjectId),
    accessLog: await listAccess(db, subjectId, 100_000),
    audit: await listAuditEntries(db, { targetType: 'subject', targetId: subjectId, limit: 1000 }),
    files,
  };
  entries['data.json'] = strToU8(JSON.stringify(data, null, 2));
  entries['README.txt'] = strToU8(README);
  const zip = zipSync(entries, { level: 6, mtime: new Date(now) });
  await inTransaction(app, (trx) =>
    appendAudit(trx, {
      at: now,
      actor: toAuditActor(actor),
      action: 'subject.exported',
      targetType: 'subject',
      targetId: subjectId,
      data: { files: files.length, bytes: zip.length },
    }),
  );
  await recordAccess(app, actor, subjectId, 'subject.exported');
  return { fileName: `gatecheck-${safeName(subjectId)}-${now.slice(0, 10)}.zip`, zip, files: files.length };
}
