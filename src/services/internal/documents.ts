// Shared by the document services: the file store, the view of a stored file, names, and the bundle item an
// upload writes (contract: kind, receivedAt, file, fileId, mediaType, sha256; then mrz, mrzSource, metadata,
// forensics from the analysis; fileDeletedAt when the file is deleted).
import type { Transaction } from 'kysely';
import { lockForTransaction } from '../../adapters/db/database.ts';
import {
  type DocumentDeletedReason,
  type DocumentFileRecord,
  type DocumentFileStatus,
  findDocumentFile,
  setDocumentFileJob,
} from '../../adapters/db/repositories/document-files.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { FileStore } from '../../adapters/storage/file-store.ts';
import { lazyDocumentStore } from '../../adapters/storage/open-file-store.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { MrzReading } from '../../intel/documents/analyze.ts';
import type { ForensicFinding } from '../../intel/documents/forensics/index.ts';
import { type Actor, type AppContext, notFound, toAuditActor } from '../context.ts';

export const ANALYZE_DOCUMENT_JOB = 'document.analyze';
export const MAX_DOCUMENT_NAME = 200;

/** Another subject's document with a near-identical image (perceptual hashes `distance` bits apart). */
export type DocumentReuse = {
  subjectId: string;
  subjectName: string | null;
  fileId: string | null;
  distance: number;
};

/** The analysis stored on the row (the error-level image itself is a separate encrypted file). */
export type DocumentAnalysisView = {
  analyzedAt: string;
  ms: number;
  mrz: MrzReading | null;
  forensics: {
    metadata: Record<string, string | number | boolean>;
    findings: ForensicFinding[];
    perceptualHash: string | null;
    /** 256-bit detail hash (64 hex characters) that confirms a perceptual-hash match. */
    detailHash: string | null;
    ela: { meanDiff: number; maxDiff: number; suspicious: boolean } | null;
  };
  reuse: DocumentReuse[];
  /** What could not be done and why. */
  notes: string[];
  /** Identity documents: the face on the photo (null for a PDF: not looked at); absent for other kinds. */
  face?: { found: boolean; faces: number; score: number | null; box: number[] | null } | null;
};

export type DocumentFileView = {
  id: string;
  subjectId: string;
  name: string;
  kind: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  /** Index in bundle.documents. */
  documentIndex: number | null;
  uploadedAt: string;
  /** The uploader's name. */
  uploadedBy: string;
  retainUntil: string;
  deletedAt: string | null;
  deletedReason: DocumentDeletedReason | null;
  status: DocumentFileStatus;
  jobId: string | null;
  error: string | null;
  /** Whether an error-level image is stored (GET …/ela). */
  hasEla: boolean;
  analysis: DocumentAnalysisView | null;
};

export function toDocumentFileView(file: DocumentFileRecord): DocumentFileView {
  return {
    id: file.id,
    subjectId: file.subjectId,
    name: file.name,
    kind: file.kind,
    mediaType: file.mediaType,
    bytes: file.bytes,
    sha256: file.sha256,
    width: file.width,
    height: file.height,
    pages: file.pages,
    documentIndex: file.documentIndex,
    uploadedAt: file.uploadedAt,
    uploadedBy: file.uploadedBy.name,
    retainUntil: file.retainUntil,
    deletedAt: file.deletedAt,
    deletedReason: file.deletedReason,
    status: file.status,
    jobId: file.jobId,
    error: file.error,
    hasEla: file.elaKey !== null,
    // Written by analysisRecord (analyze-document.ts) from a DocumentAnalysisView.
    analysis: file.analysis as DocumentAnalysisView | null,
  };
}

/** The document store of this application (encrypted local files unless the context brings another). */
export function documentStore(app: AppContext): FileStore {
  return app.files ?? lazyDocumentStore(app.config);
}

/** File-store keys of a document and of its error-level image: generated from the file id, never a name. */
export function documentStorageKey(fileId: string): string {
  return `doc-${fileId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function elaStorageKey(fileId: string): string {
  return `ela-${fileId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * What a client may call the file, for display only: its last path segment, without control or
 * bidirectional-override characters, at most 200 characters (the extension kept); "document" when nothing is left.
 */
export function cleanDocumentName(name: string | undefined): string {
  const last =
    (name ?? '')
      .normalize('NFC')
      .replaceAll('\\', '/')
      .split('/')
      .pop()
      ?.replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '')
      .trim() ?? '';
  const base = /^\.*$/.test(last) ? 'document' : last;
  if (base.length <= MAX_DOCUMENT_NAME) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return `${base.slice(0, MAX_DOCUMENT_NAME - ext.length)}${ext}`;
}

/** The file, which must belong to the subject (another subject's file is not found, like a missing one). */
export async function findSubjectFile(
  db: Parameters<typeof findDocumentFile>[0],
  subjectId: string,
  fileId: string,
): Promise<DocumentFileRecord> {
  const file = await findDocumentFile(db, fileId);
  if (file === null || file.subjectId !== subjectId) throw notFound('Document file', fileId);
  return file;
}

/** Serialises this process's (and other processes') document writes to one subject's bundle. */
export async function lockSubjectDocuments(trx: Transaction<DB>, subjectId: string): Promise<void> {
  await lockForTransaction(trx, `gatecheck:subject-documents:${subjectId}`);
}

type DocumentItem = Record<string, unknown>;

/** The index of the bundle document item written for this file, or -1 (a bundle replace may have dropped it). */
export function documentItemIndex(bundle: CaseBundle, fileId: string, hint: number | null): number {
  const docs = (bundle.documents ?? []) as DocumentItem[];
  if (hint !== null && docs[hint]?.fileId === fileId) return hint;
  return docs.findIndex((d) => d.fileId === fileId);
}

/** A copy of the bundle with the document item at `index` changed by `patch` (undefined values removed). */
export function withDocumentItem(bundle: CaseBundle, index: number, patch: DocumentItem): CaseBundle {
  const docs = [...((bundle.documents ?? []) as DocumentItem[])];
  const item: DocumentItem = { ...(docs[index] ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete item[k];
    else item[k] = v;
  }
  docs[index] = item;
  return { ...bundle, documents: docs as CaseBundle['documents'] };
}

/**
 * Where an upload of `kind` goes in bundle.documents: the first open request of that kind (requested or due,
 * not yet received, no file) is fulfilled; otherwise a new item is appended.
 */
export function uploadTarget(bundle: CaseBundle, kind: string): number {
  const docs = (bundle.documents ?? []) as DocumentItem[];
  const open = docs.findIndex(
    (d) =>
      d.kind === kind &&
      (d.receivedAt === undefined || d.receivedAt === null) &&
      d.fileId === undefined &&
      d.file === undefined &&
      (d.requestedAt !== undefined || d.dueAt !== undefined),
  );
  return open >= 0 ? open : docs.length;
}

/** Queues the analysis job and records its id; null when queueing failed (resumed at the next start). */
export async function queueDocumentAnalysis(
  app: AppContext,
  file: DocumentFileRecord,
  actor: Actor,
): Promise<string | null> {
  const who = toAuditActor(actor);
  try {
    const jobId = await app.jobs.enqueue(ANALYZE_DOCUMENT_JOB, { fileId: file.id, actor: who }, who);
    await setDocumentFileJob(app.database.db, file.id, jobId);
    return jobId;
  } catch {
    // The row stays 'analyzing' without a job id; resumeDocumentAnalysis queues it at the next start.
    return null;
  }
}
