// The decrypted bytes of an uploaded document (or of its error-level image) for a reviewer. Every read is
// audited (`document.viewed`), after the file has been decrypted and its integrity checked.
import { appendAudit } from '../adapters/db/audit.ts';
import { EncryptedFileError } from '../adapters/storage/encrypted-file-store.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { documentStore, findSubjectFile } from './internal/documents.ts';
import { recordAccess } from './internal/privacy.ts';

export type DocumentPart = 'file' | 'ela';

export type DocumentContent = {
  bytes: Uint8Array;
  /** The sniffed type (image/png for the error-level image). */
  mediaType: string;
  /** A name for Content-Disposition. */
  name: string;
};

/** Image types a browser may show inline; everything else is served as an attachment. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
]);

export async function readDocumentContent(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  fileId: string,
  part: DocumentPart = 'file',
): Promise<DocumentContent> {
  authorize(actor, 'subjects:read');
  const file = await findSubjectFile(app.database.db, subjectId, fileId);
  if (file.deletedAt !== null)
    throw new DomainError(
      'not_found',
      `The document file ${fileId} was deleted on ${file.deletedAt.slice(0, 10)} (${file.deletedReason === 'retention' ? 'retention period over' : 'deleted by hand'}); only its record remains`,
    );
  const key = part === 'ela' ? file.elaKey : file.storageKey;
  if (key === null)
    throw new DomainError(
      'not_found',
      part === 'ela'
        ? `The document file ${fileId} has no error-level image (made for images, once the analysis has run)`
        : `The document file ${fileId} is not stored`,
    );
  let bytes: Uint8Array;
  try {
    bytes = await documentStore(app).get(key);
  } catch (error) {
    if (error instanceof EncryptedFileError)
      throw new DomainError('conflict', `The document file ${fileId} cannot be shown: ${error.message}`);
    throw error;
  }
  await inTransaction(app, async (trx) => {
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: toAuditActor(actor),
      action: 'document.viewed',
      targetType: 'subject',
      targetId: subjectId,
      data: { fileId, part },
    });
  });
  await recordAccess(app, actor, subjectId, 'document.viewed', fileId);
  const stem = file.name.replace(/\.[^.]*$/, '');
  return part === 'ela'
    ? { bytes, mediaType: 'image/png', name: `${stem}-ela.png` }
    : { bytes, mediaType: file.mediaType, name: file.name };
}
