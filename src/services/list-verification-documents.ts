// What became of the document photos the candidate sent through this verification link: still being read,
// done (whether the machine-readable lines and a face were found) or failed, each with a plain-language
// message for the candidate. Only the files this session uploaded are listed.
import {
  type DocumentFileRecord,
  type DocumentFileStatus,
  listDocumentFiles,
} from '../adapters/db/repositories/document-files.repository.ts';
import type { AppContext } from './context.ts';
import { type CandidateRequest, candidateActor, resolveCandidateSession } from './internal/verifications.ts';

export type CandidateDocumentStatus = 'analyzing' | 'done' | 'failed';

export type CandidateDocument = {
  fileId: string;
  kind: string;
  status: CandidateDocumentStatus;
  /** Whether the machine-readable lines were read; null until known (or when none could be looked for). */
  mrzFound: boolean | null;
  /** Whether a face was found on the photo; null until known. */
  faceFound: boolean | null;
  message: string | null;
};

export function candidateDocumentStatus(status: DocumentFileStatus): CandidateDocumentStatus {
  return status === 'analyzed' ? 'done' : status === 'analyzing' ? 'analyzing' : 'failed';
}

const MESSAGES = {
  analyzing: 'We are reading your photo; this takes a few seconds.',
  failed: 'We could not read this photo — please take it again.',
  mrzFound: 'We could read the machine-readable lines on your document.',
  mrzMissing:
    'We could not read the machine-readable lines (the rows of letters and < signs at the bottom). If your document has them, take the photo again flat, in good light and without glare.',
  noFace: 'We could not find a face on the photo — please retake it in good light.',
  faceFound: 'We found the photo of your face on the document.',
} as const;

function readField(file: DocumentFileRecord, key: 'mrz' | 'face'): boolean | null {
  const value = file.analysis?.[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return typeof value.found === 'boolean' ? value.found : null;
}

export function toCandidateDocument(file: DocumentFileRecord): CandidateDocument {
  const status = candidateDocumentStatus(file.status);
  const mrzFound = status === 'done' ? readField(file, 'mrz') : null;
  const faceFound = status === 'done' ? readField(file, 'face') : null;
  let message: string | null = null;
  if (status === 'analyzing') message = MESSAGES.analyzing;
  else if (status === 'failed') message = MESSAGES.failed;
  else {
    const parts: string[] = [];
    if (mrzFound === true) parts.push(MESSAGES.mrzFound);
    if (mrzFound === false) parts.push(MESSAGES.mrzMissing);
    if (faceFound === true) parts.push(MESSAGES.faceFound);
    if (faceFound === false) parts.push(MESSAGES.noFace);
    message = parts.length > 0 ? parts.join(' ') : null;
  }
  // Named as the candidate page names it (`id_card` for the bundle's `national_id`).
  const kind = file.kind === 'national_id' ? 'id_card' : file.kind;
  return { fileId: file.id, kind, status, mrzFound, faceFound, message };
}

export async function listVerificationDocuments(
  app: AppContext,
  request: CandidateRequest,
): Promise<{ documents: CandidateDocument[] }> {
  const session = await resolveCandidateSession(app, request.token);
  const mine = candidateActor(session).id;
  const files = await listDocumentFiles(app.database.db, session.subjectId);
  return {
    documents: files.filter((f) => f.uploadedBy.id === mine && f.deletedAt === null).map(toCandidateDocument),
  };
}
