// Deletes an uploaded document's stored file now (and its error-level image). The row and the bundle item stay
// as the record (the item gets `fileDeletedAt`); `document.deleted` is audited with the reason. The blobs are
// removed before the transaction that records it, so a crash in between leaves the file gone and the row
// still live; the next purge or delete finishes the record, and the file can never outlive its deletion.
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor } from '../adapters/db/records.ts';
import {
  type DocumentDeletedReason,
  type DocumentFileRecord,
  findDocumentFile,
  markDocumentFileDeleted,
} from '../adapters/db/repositories/document-files.repository.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import {
  type DocumentFileView,
  documentItemIndex,
  documentStorageKey,
  documentStore,
  elaStorageKey,
  findSubjectFile,
  lockSubjectDocuments,
  toDocumentFileView,
  withDocumentItem,
} from './internal/documents.ts';
import { assertNoLegalHold } from './internal/privacy.ts';

/** Removes the file's blobs and records the deletion; false when another process recorded it first. */
export async function deleteStoredDocument(
  app: AppContext,
  actor: AuditActor,
  file: DocumentFileRecord,
  reason: DocumentDeletedReason,
): Promise<boolean> {
  const store = documentStore(app);
  // The keys are derived from the id, so they are known even if the row lost them.
  for (const key of new Set([
    file.storageKey ?? documentStorageKey(file.id),
    file.elaKey ?? elaStorageKey(file.id),
  ]))
    await store.delete(key);
  return inTransaction(app, async (trx) => {
    await lockSubjectDocuments(trx, file.subjectId);
    const at = app.clock.now().toISOString();
    if (!(await markDocumentFileDeleted(trx, file.id, { at, reason }))) return false;
    let path: string | null = null;
    const subject = await findSubject(trx, file.subjectId);
    if (subject) {
      const index = documentItemIndex(subject.bundle, file.id, file.documentIndex);
      if (index >= 0) {
        path = `documents[${index}]`;
        const checked = validateBundle(withDocumentItem(subject.bundle, index, { fileDeletedAt: at }));
        if (checked.ok) await updateSubjectBundle(trx, checked.bundle, at);
      }
    }
    await appendAudit(trx, {
      at,
      actor,
      action: 'document.deleted',
      targetType: 'subject',
      targetId: file.subjectId,
      data: {
        // Ids only: the file name may name the person, and this entry outlives the file (docs/privacy.md).
        fileId: file.id,
        kind: file.kind,
        sha256: file.sha256,
        reason,
        retainUntil: file.retainUntil,
        path,
      },
    });
    return true;
  });
}

export async function deleteDocumentFile(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  fileId: string,
): Promise<DocumentFileView> {
  authorize(actor, 'subjects:write');
  const file = await findSubjectFile(app.database.db, subjectId, fileId);
  // A case under legal hold keeps its files until the hold is released (409).
  if (file.deletedAt === null) await assertNoLegalHold(app.database.db, subjectId, 'Deleting this document');
  if (file.deletedAt === null) await deleteStoredDocument(app, toAuditActor(actor), file, 'manual');
  const after = await findDocumentFile(app.database.db, fileId);
  return toDocumentFileView(after ?? file);
}
