// Collecting a case snapshot's parts from the store (inside one transaction, so they agree with each other),
// hashing them into a manifest, and checking a stored snapshot against its manifest and the audit log.
// Hashes are SHA-256 over canonical JSON (sorted keys, the same function the audit chain uses).
import { createHash } from 'node:crypto';
import type { Executor } from '../../adapters/db/database.ts';
import { canonicalJson, parseJsonText, toJsonText } from '../../adapters/db/json.ts';
import { latestAssessment } from '../../adapters/db/repositories/assessments.repository.ts';
import {
  findAuditedManifestHash,
  findSnapshot,
  type StoredSnapshot,
} from '../../adapters/db/repositories/case-snapshots.repository.ts';
import { findCase, listCaseEvents, listCaseNotes } from '../../adapters/db/repositories/cases.repository.ts';
import { listAllDismissals } from '../../adapters/db/repositories/dismissals.repository.ts';
import { listDocumentFiles } from '../../adapters/db/repositories/document-files.repository.ts';
import { listInterviewRecordings } from '../../adapters/db/repositories/interview-recordings.repository.ts';
import { findSubject } from '../../adapters/db/repositories/subjects.repository.ts';
import { findUserById } from '../../adapters/db/repositories/users.repository.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { ChecklistView } from '../../core/checklist/checklist.ts';
import { findWallets } from '../../core/detectors/payments/wallets.ts';
import { companiesOf, peopleOf } from '../../core/detectors/sanctions/parties.ts';
import { DomainError } from '../../core/errors.ts';
import type { SanctionsLookup } from '../../core/intel/sanctions.ts';
import {
  type CaseSnapshot,
  SNAPSHOT_PART_TITLES,
  SNAPSHOT_PARTS,
  type SnapshotCase,
  type SnapshotChecklistItem,
  type SnapshotFile,
  type SnapshotManifest,
  type SnapshotPartName,
  type SnapshotParts,
  type SnapshotScreenings,
  type SnapshotVerification,
} from '../../core/report/snapshot.ts';
import { type AppContext, notFound } from '../context.ts';
import { loadTimeline } from '../get-timeline.ts';
import { loadPolicy } from './assessing.ts';
import { loadChecklist } from './checklists.ts';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash of one part or of the manifest: SHA-256 of its canonical JSON. */
export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Sanctions screening of everyone and every wallet the bundle names, against the loaded lists. */
export function screenBundle(
  bundle: CaseBundle,
  lookup: SanctionsLookup | undefined,
  dismissals: SnapshotScreenings['dismissals'],
): SnapshotScreenings {
  const parties = [...peopleOf(bundle), ...companiesOf(bundle)].map((party) => ({
    role: party.role,
    path: party.path,
    name: party.query.name,
    matches: lookup ? lookup.screen(party.query, { limit: 3 }) : [],
  }));
  const wallets: SnapshotScreenings['wallets'] = [];
  (bundle.payments ?? []).forEach((p, i) => {
    const text = typeof p.destination === 'string' ? p.destination : '';
    for (const wallet of findWallets(text)) {
      wallets.push({
        address: wallet.address,
        path: `payments[${i}].destination`,
        hits: lookup ? lookup.screenWallet(wallet.address) : [],
      });
    }
  });
  return {
    available: lookup !== undefined,
    listVersion: lookup?.version ?? null,
    parties,
    wallets,
    dismissals,
  };
}

function storedFiles(
  bundle: CaseBundle,
  documents: Awaited<ReturnType<typeof listDocumentFiles>>,
  recordings: Awaited<ReturnType<typeof listInterviewRecordings>>,
): SnapshotFile[] {
  const files: SnapshotFile[] = [
    ...documents.map((d) => ({
      kind: 'document' as const,
      id: d.id,
      name: d.name,
      mediaType: d.mediaType,
      bytes: d.bytes,
      sha256: d.sha256,
      storedAt: d.uploadedAt,
      deletedAt: d.deletedAt,
    })),
    ...recordings.map((r) => ({
      kind: 'recording' as const,
      id: r.id,
      name: r.name,
      mediaType: r.mediaType,
      bytes: r.bytes,
      sha256: r.sha256,
      storedAt: r.uploadedAt,
      deletedAt: r.deletedAt,
    })),
  ];
  const resume = bundle.resume as Record<string, unknown> | undefined;
  if (resume && typeof resume.sha256 === 'string') {
    files.push({
      kind: 'resume',
      id: typeof resume.fileId === 'string' ? resume.fileId : 'resume',
      name: typeof resume.file === 'string' ? resume.file : 'resume',
      mediaType: typeof resume.mediaType === 'string' ? resume.mediaType : null,
      bytes: typeof resume.bytes === 'number' ? resume.bytes : null,
      sha256: resume.sha256,
      storedAt: typeof resume.parsedAt === 'string' ? resume.parsedAt : null,
      deletedAt: null,
    });
  }
  return files;
}

/** The checklist's steps in order (hiring stages, then the response playbook) with their recorded state. */
export function checklistItems(view: ChecklistView | undefined): SnapshotChecklistItem[] | null {
  if (!view) return null;
  const groups = [
    ...view.stages.map((s) => ({ group: s.title, items: s.items })),
    ...(view.playbook?.phases ?? []).map((p) => ({ group: `Response: ${p.title}`, items: p.items })),
  ];
  return groups.flatMap(({ group, items }) =>
    items.map((item) => ({
      id: item.id,
      title: item.title,
      group,
      status: item.state.status,
      note: item.state.note,
      updatedAt: item.state.at,
      updatedBy: item.state.by?.name ?? null,
    })),
  );
}

/** Reads every part of a subject's case as it is now. Null when the subject does not exist. */
export async function collectSnapshotParts(
  db: Executor,
  subjectId: string,
  now: Date,
  lookup: SanctionsLookup | undefined,
): Promise<SnapshotParts | null> {
  const subject = await findSubject(db, subjectId);
  const record = await findCase(db, subjectId);
  if (!subject || !record) return null;
  const [latest, events, notes, dismissals, documents, recordings, timeline] = await Promise.all([
    latestAssessment(db, subjectId),
    listCaseEvents(db, subjectId),
    listCaseNotes(db, subjectId),
    listAllDismissals(db, [subjectId]),
    listDocumentFiles(db, subjectId),
    listInterviewRecordings(db, subjectId),
    loadTimeline(db, subjectId, subject.bundle, now),
  ]);
  const assignee = record.assigneeId ? await findUserById(db, record.assigneeId) : null;
  const caseState: SnapshotCase = {
    status: record.status,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    openedAt: record.openedAt,
    updatedAt: record.updatedAt,
    events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.from, to: e.to, actor: e.actor.name })),
    notes: notes.map((n) => ({ at: n.at, author: n.author.name, text: n.text })),
    checklist: checklistItems((await loadChecklist(db, subjectId, await loadPolicy(db), now))?.view),
  };
  const parts: SnapshotParts = {
    bundle: subject.bundle,
    assessment: latest
      ? {
          id: latest.id,
          createdAt: latest.createdAt,
          trigger: latest.trigger,
          assessment: latest.assessment,
        }
      : null,
    screenings: screenBundle(
      subject.bundle,
      lookup,
      dismissals.map((d) => ({
        list: d.list,
        entryId: d.entryId,
        matchedName: d.matchedName,
        reason: d.reason,
        at: d.dismissedAt,
      })),
    ),
    case: caseState,
    timeline,
    files: storedFiles(subject.bundle, documents, recordings),
  };
  // What is stored is what is hashed: a JSON round trip drops undefined values the same way the store does.
  return parseJsonText<SnapshotParts>(toJsonText(parts));
}

export function partHashes(parts: SnapshotParts): Record<SnapshotPartName, string> {
  const out = {} as Record<SnapshotPartName, string>;
  for (const name of SNAPSHOT_PARTS) out[name] = hashCanonical(parts[name]);
  return out;
}

export function partTexts(parts: SnapshotParts): Record<SnapshotPartName, string> {
  const out = {} as Record<SnapshotPartName, string>;
  for (const name of SNAPSHOT_PARTS) out[name] = toJsonText(parts[name]);
  return out;
}

/** Parses a stored snapshot; a part that is no longer readable JSON is reported by verification, not here. */
export function storedToSnapshot(stored: StoredSnapshot): CaseSnapshot {
  const parts = {} as Record<SnapshotPartName, unknown>;
  for (const name of SNAPSHOT_PARTS) parts[name] = parseJsonText(stored.partTexts[name]);
  return {
    id: stored.id,
    subjectId: stored.subjectId,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    reason: stored.reason,
    manifest: parseJsonText<SnapshotManifest>(stored.manifestText),
    manifestHash: stored.manifestHash,
    parts: parts as SnapshotParts,
  };
}

/**
 * Recomputes every part's hash from what is stored, the manifest's hash, and compares the manifest hash with
 * the one the audit log recorded when the snapshot was made (the audit log is itself hash-chained).
 */
export async function verifyStoredSnapshot(
  db: Executor,
  stored: StoredSnapshot,
): Promise<SnapshotVerification> {
  const problems: string[] = [];
  let manifest: SnapshotManifest | null = null;
  try {
    manifest = parseJsonText<SnapshotManifest>(stored.manifestText);
  } catch {
    problems.push('The manifest is not readable JSON: it was edited.');
  }
  const parts: SnapshotVerification['parts'] = [];
  for (const name of SNAPSHOT_PARTS) {
    const expected = manifest?.parts?.[name] ?? '';
    let actual: string | null = null;
    try {
      actual = hashCanonical(parseJsonText(stored.partTexts[name]));
    } catch {
      actual = null;
    }
    const ok = actual !== null && actual === expected;
    parts.push({ name, expected, actual, ok });
    if (!ok)
      problems.push(
        actual === null
          ? `Part "${name}" (${SNAPSHOT_PART_TITLES[name]}) is not readable JSON: it was edited.`
          : `Part "${name}" (${SNAPSHOT_PART_TITLES[name]}) does not match its hash in the manifest: it was changed after the snapshot was made.`,
      );
  }
  if (manifest) {
    if (hashCanonical(manifest) !== stored.manifestHash)
      problems.push('The manifest does not match the manifest hash: the manifest or the hash was edited.');
    const header: [string, unknown, unknown][] = [
      ['id', manifest.snapshotId, stored.id],
      ['subject', manifest.subjectId, stored.subjectId],
      ['time', manifest.createdAt, stored.createdAt],
      ['reason', manifest.reason, stored.reason],
      ['author', canonicalJson(manifest.createdBy), canonicalJson(stored.createdBy)],
    ];
    for (const [what, inManifest, inRow] of header)
      if (inManifest !== inRow) problems.push(`The snapshot's ${what} differs from the one in its manifest.`);
  }
  const audited = await findAuditedManifestHash(db, stored.subjectId, stored.id);
  if (audited === null) problems.push('The audit log has no record of this snapshot being made.');
  else if (audited !== stored.manifestHash)
    problems.push(
      'The manifest hash differs from the one recorded in the audit log when the snapshot was made.',
    );
  return {
    ok: problems.length === 0,
    snapshotId: stored.id,
    manifestHash: stored.manifestHash,
    parts,
    problems,
  };
}

export function requireSubjectParts(parts: SnapshotParts | null, subjectId: string): SnapshotParts {
  if (!parts) throw notFound('Subject', subjectId);
  return parts;
}

/** A stored snapshot, read whole (no authorization, no access-log entry: the calling service does both). */
export async function loadCaseSnapshot(app: AppContext, snapshotId: string): Promise<CaseSnapshot> {
  const stored = await findSnapshot(app.database.db, snapshotId);
  if (!stored) throw notFound('Snapshot', snapshotId);
  try {
    return storedToSnapshot(stored);
  } catch {
    throw new DomainError(
      'conflict',
      `Snapshot ${JSON.stringify(snapshotId)} is damaged (a part is not readable); verify it to see which`,
    );
  }
}
