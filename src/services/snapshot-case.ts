// Case snapshots: freeze a subject's evidence, latest assessment, screenings, case state, timeline and file
// hashes with a SHA-256 manifest (audited), list them, read one, and verify one against its manifest.
// Snapshots are never changed; later edits to the case make new snapshots. Reading one whole is written to the
// subject's access log.
import { appendAudit } from '../adapters/db/audit.ts';
import {
  findSnapshot,
  insertSnapshot,
  listSnapshotHeads,
} from '../adapters/db/repositories/case-snapshots.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { DomainError } from '../core/errors.ts';
import {
  type CaseSnapshot,
  type CaseSnapshotSummary,
  MAX_SNAPSHOT_REASON,
  type SnapshotAssessment,
  type SnapshotManifest,
  type SnapshotVerification,
} from '../core/report/snapshot.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { recordAccess } from './internal/privacy.ts';
import {
  collectSnapshotParts,
  hashCanonical,
  loadCaseSnapshot,
  partHashes,
  partTexts,
  requireSubjectParts,
  verifyStoredSnapshot,
} from './internal/snapshots.ts';

export type { CaseSnapshot, CaseSnapshotSummary, SnapshotVerification };

function requireReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length > MAX_SNAPSHOT_REASON)
    throw new DomainError('validation', 'The reason is too long', [
      { path: 'reason', message: `${text.length} characters; the limit is ${MAX_SNAPSHOT_REASON}` },
    ]);
  return text === '' ? 'Evidence preserved' : text;
}

/** Freezes the subject's case as it is now; audited as snapshot.created with the manifest hash. */
export async function createCaseSnapshot(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { reason?: string | undefined } = {},
): Promise<CaseSnapshot> {
  authorize(actor, 'export');
  const reason = requireReason(input.reason);
  const who = toAuditActor(actor);
  const lookup = app.sanctions ? await app.sanctions.lookup() : undefined;
  return inTransaction(app, async (trx) => {
    const now = app.clock.now();
    const parts = requireSubjectParts(await collectSnapshotParts(trx, subjectId, now, lookup), subjectId);
    const id = app.ids.newId();
    const createdAt = now.toISOString();
    const manifest: SnapshotManifest = {
      algorithm: 'sha256',
      canonicalization: 'json-sorted-keys',
      snapshotId: id,
      subjectId,
      createdAt,
      createdBy: who,
      reason,
      parts: partHashes(parts),
    };
    const manifestHash = hashCanonical(manifest);
    await insertSnapshot(trx, {
      id,
      subjectId,
      createdAt,
      createdBy: who,
      reason,
      manifest,
      manifestHash,
      partTexts: partTexts(parts),
    });
    await appendAudit(trx, {
      at: createdAt,
      actor: who,
      action: 'snapshot.created',
      targetType: 'subject',
      targetId: subjectId,
      data: { snapshotId: id, manifestHash },
    });
    return { id, subjectId, createdAt, createdBy: who, reason, manifest, manifestHash, parts };
  });
}

/** Newest first, with the band and score each snapshot froze. */
export async function listCaseSnapshots(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<{ items: CaseSnapshotSummary[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  const heads = await listSnapshotHeads(db, subjectId);
  const items: CaseSnapshotSummary[] = [];
  for (const head of heads) {
    let band: CaseSnapshotSummary['band'] = null;
    let score: number | null = null;
    try {
      const assessment = JSON.parse(head.assessmentText) as SnapshotAssessment;
      band = assessment?.assessment.band ?? null;
      score = assessment?.assessment.score ?? null;
    } catch {
      // An unreadable part shows up in verification; the list still lists the snapshot.
    }
    items.push({
      id: head.id,
      subjectId: head.subjectId,
      createdAt: head.createdAt,
      createdBy: head.createdBy,
      reason: head.reason,
      manifestHash: head.manifestHash,
      band,
      score,
    });
  }
  return { items };
}

/** One snapshot whole; written to the subject's access log (`snapshot.viewed`). */
export async function getCaseSnapshot(
  app: AppContext,
  actor: Actor,
  snapshotId: string,
): Promise<CaseSnapshot> {
  authorize(actor, 'subjects:read');
  const snapshot = await loadCaseSnapshot(app, snapshotId);
  await recordAccess(app, actor, snapshot.subjectId, 'snapshot.viewed', snapshot.id);
  return snapshot;
}

/** Recomputes the hashes: ok, or which part (or the manifest) differs. */
export async function verifyCaseSnapshot(
  app: AppContext,
  actor: Actor,
  snapshotId: string,
): Promise<SnapshotVerification> {
  authorize(actor, 'subjects:read');
  const stored = await findSnapshot(app.database.db, snapshotId);
  if (!stored) throw notFound('Snapshot', snapshotId);
  return verifyStoredSnapshot(app.database.db, stored);
}
