// The candidate sends a photo of their identity document through the verification link (after consenting,
// before the session ends). It goes through the ordinary upload path (src/services/upload-document.ts: read
// within GATECHECK_MAX_DOCUMENT_BYTES, type sniffed from the content, pixels from the header, encrypted,
// bundle document item, analysed as a job: MRZ, forensics and the face on the photo), recorded as uploaded by
// the candidate and audited `verification.document-uploaded`. Only photos: HEIC, PNG, JPEG or WebP.
import { DomainError } from '../core/errors.ts';
import { sniffDocument } from '../intel/documents/sniff.ts';
import { type AppContext, SYSTEM_ACTOR } from './context.ts';
import {
  type CandidateRequest,
  candidateActor,
  IDENTITY_DOCUMENT_KINDS,
  reloadLiveSession,
  resolveCandidateSession,
} from './internal/verifications.ts';
import { type CandidateDocumentStatus, candidateDocumentStatus } from './list-verification-documents.ts';
import { checkDocumentKind, readBounded, storeDocumentUpload } from './upload-document.ts';

/** The picture types a candidate may send (a photo of the document, for the face and the MRZ). */
const PHOTO_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
]);
export const NOT_A_PICTURE = 'This is not a picture we can read (HEIC/PNG/JPEG/WebP only)';

export type VerificationDocumentInput = {
  kind: string | undefined;
  name?: string | undefined;
  body: AsyncIterable<Uint8Array> | Uint8Array;
  declaredBytes?: number | undefined;
};

export type VerificationDocumentUploaded = { fileId: string; status: CandidateDocumentStatus };

function requireConsent(session: { consent: unknown }): void {
  if (session.consent === null)
    throw new DomainError(
      'invalid_transition',
      'Read and accept the consent first: the document photo is taken after consent.',
    );
}

export async function uploadVerificationDocument(
  app: AppContext,
  request: CandidateRequest,
  input: VerificationDocumentInput,
): Promise<VerificationDocumentUploaded> {
  const session = await resolveCandidateSession(app, request.token);
  requireConsent(session);
  // The candidate page says `id_card` (the issue-6 contract); the bundle's kind is `national_id`.
  const kind = checkDocumentKind(input.kind === 'id_card' ? 'national_id' : input.kind);
  if (!IDENTITY_DOCUMENT_KINDS.has(kind))
    throw new DomainError(
      'validation',
      'Send a photo of your passport, national ID card, driving licence or work permit.',
      [{ path: 'kind', message: `expected one of ${[...IDENTITY_DOCUMENT_KINDS].join(', ')}` }],
    );
  const limit = app.config.documents.maxBytes;
  const tooBig = () =>
    new DomainError(
      'payload_too_large',
      `The photo is larger than ${(limit / 1024 / 1024).toFixed(0)} MB; take it again at a lower resolution.`,
    );
  if (input.declaredBytes !== undefined && input.declaredBytes > limit) throw tooBig();
  const bytes = await readBounded(input.body, limit).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === 'payload_too_large' ? tooBig() : error;
  });
  if (bytes.length === 0) throw new DomainError('validation', 'The photo is empty: take it again.');
  const sniffed = await sniffDocument(bytes).catch(() => null);
  if (sniffed === null || !PHOTO_TYPES.has(sniffed.mediaType))
    throw new DomainError('validation', NOT_A_PICTURE, [
      {
        path: 'file',
        message: sniffed === null ? 'not a picture' : `${sniffed.label} is not accepted here`,
      },
    ]);
  const who = candidateActor(session);
  const uploaded = await storeDocumentUpload(
    app,
    {
      who,
      // The analysis is Gatecheck's own work.
      jobActor: SYSTEM_ACTOR,
      audit: { action: 'verification.document-uploaded', data: { sessionId: session.id } },
      check: async (trx) => {
        requireConsent(await reloadLiveSession(app, trx, session.id));
      },
    },
    { subjectId: session.subjectId, kind, name: input.name, body: bytes },
  );
  return { fileId: uploaded.file.id, status: candidateDocumentStatus(uploaded.file.status) };
}
