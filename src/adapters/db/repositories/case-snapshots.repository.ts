// Case snapshots: insert and read only. There is no update (the table refuses it) and no delete here:
// removal belongs to retention under the privacy rules.
import type { SnapshotManifest, SnapshotPartName } from '../../../core/report/snapshot.ts';
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';
import type { CaseSnapshotsTable } from '../tables.ts';

/** A stored snapshot as read back: the parts stay JSON text, so verification hashes what is stored. */
export type StoredSnapshot = {
  id: string;
  subjectId: string;
  createdAt: string;
  createdBy: AuditActor;
  reason: string;
  manifestText: string;
  manifestHash: string;
  partTexts: Record<SnapshotPartName, string>;
};

export type StoredSnapshotHead = Omit<StoredSnapshot, 'partTexts' | 'manifestText'> & {
  manifest: SnapshotManifest;
  /** The assessment part's text (for the band and score shown in lists). */
  assessmentText: string;
};

function rowToStored(row: CaseSnapshotsTable): StoredSnapshot {
  return {
    id: row.id,
    subjectId: row.subject_id,
    createdAt: row.created_at,
    createdBy: parseJsonText<AuditActor>(row.created_by),
    reason: row.reason,
    manifestText: row.manifest,
    manifestHash: row.manifest_hash,
    partTexts: {
      bundle: row.bundle,
      assessment: row.assessment,
      screenings: row.screenings,
      case: row.case_state,
      timeline: row.timeline,
      files: row.files,
    },
  };
}

export async function insertSnapshot(
  db: Executor,
  snapshot: Omit<StoredSnapshot, 'manifestText'> & { manifest: SnapshotManifest },
): Promise<void> {
  await db
    .insertInto('case_snapshots')
    .values({
      id: snapshot.id,
      subject_id: snapshot.subjectId,
      created_at: snapshot.createdAt,
      created_by: toJsonText(snapshot.createdBy),
      reason: snapshot.reason,
      manifest: toJsonText(snapshot.manifest),
      manifest_hash: snapshot.manifestHash,
      bundle: snapshot.partTexts.bundle,
      assessment: snapshot.partTexts.assessment,
      screenings: snapshot.partTexts.screenings,
      case_state: snapshot.partTexts.case,
      timeline: snapshot.partTexts.timeline,
      files: snapshot.partTexts.files,
    })
    .execute();
}

export async function findSnapshot(db: Executor, id: string): Promise<StoredSnapshot | null> {
  const row = await db.selectFrom('case_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToStored(row) : null;
}

/** Newest first, without the parts. */
export async function listSnapshotHeads(db: Executor, subjectId: string): Promise<StoredSnapshotHead[]> {
  const rows = await db
    .selectFrom('case_snapshots')
    .select([
      'id',
      'subject_id',
      'created_at',
      'created_by',
      'reason',
      'manifest',
      'manifest_hash',
      'assessment',
    ])
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    createdAt: r.created_at,
    createdBy: parseJsonText<AuditActor>(r.created_by),
    reason: r.reason,
    manifest: parseJsonText<SnapshotManifest>(r.manifest),
    manifestHash: r.manifest_hash,
    assessmentText: r.assessment,
  }));
}

/** The manifest hash the audit log recorded when the snapshot was made (null when no entry is found). */
export async function findAuditedManifestHash(
  db: Executor,
  subjectId: string,
  snapshotId: string,
): Promise<string | null> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['data'])
    .where('action', '=', 'snapshot.created')
    .where('target_type', '=', 'subject')
    .where('target_id', '=', subjectId)
    .execute();
  for (const row of rows) {
    const data = parseJsonText<Record<string, unknown>>(row.data);
    if (data.snapshotId === snapshotId && typeof data.manifestHash === 'string') return data.manifestHash;
  }
  return null;
}
