// Verification media: the candidate's photo of an identity document and the keyframes their browser takes
// during the challenge (public, token-only and rate-limited like the other /verify/{token} routes; the body
// is the raw picture, read as a stream within its own limit), and a reviewer's audited view of a keyframe.
import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { listVerificationDocuments } from '../../services/list-verification-documents.ts';
import { readVerificationKeyframe } from '../../services/read-verification-keyframe.ts';
import { uploadVerificationDocument } from '../../services/upload-verification-document.ts';
import { uploadVerificationKeyframe } from '../../services/upload-verification-keyframe.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { chunksOf, declaredLength } from './body-stream.ts';
import {
  BinarySchema,
  KeyframeParamSchema,
  KeyframeQuerySchema,
  KeyframeStoredSchema,
  VerificationDocumentListSchema,
  VerificationDocumentQuerySchema,
  VerificationDocumentUploadedSchema,
} from './verification-media.schemas.ts';
import { candidate, candidateAccess } from './verifications.routes.ts';
import { VerificationTokenParamSchema } from './verifications.schemas.ts';

const tags = ['Verifications'];
const rawBody = (type: string) => ({ content: { [type]: { schema: BinarySchema } }, required: true });

const uploadDocument = createRoute({
  ...candidateAccess(
    "The body is a photo of an identity document (JPEG, PNG, WebP or HEIC; the type is read from the content). Allowed after consent (409 before), until the session ends (410). Limits as for document uploads (GATECHECK_MAX_DOCUMENT_BYTES, GATECHECK_MAX_DOCUMENT_PIXELS). Stored encrypted as the subject's document and analysed as a job: MRZ, forensics and the face on the photo (for the match with the live face). Audited (verification.document-uploaded).",
    'stream',
  ),
  method: 'post',
  path: '/verify/{token}/document',
  tags,
  summary: 'Candidate: send a photo of the identity document',
  request: {
    params: VerificationTokenParamSchema,
    query: VerificationDocumentQuerySchema,
    body: rawBody('image/jpeg'),
  },
  responses: { 202: jsonResponse(VerificationDocumentUploadedSchema, 'Stored; being read') },
});

const listDocuments = createRoute({
  ...candidateAccess(
    'The document photos sent through this link: being read, done (whether the machine-readable lines and a face were found) or failed, with a plain message.',
  ),
  method: 'get',
  path: '/verify/{token}/document',
  tags,
  summary: 'Candidate: what became of the document photos',
  request: { params: VerificationTokenParamSchema },
  responses: { 200: jsonResponse(VerificationDocumentListSchema, 'The photos sent') },
});

const keyframe = createRoute({
  ...candidateAccess(
    'A JPEG snapshot of the camera during the challenge (409 unless the challenge is running; at most 12 per attempt (10 minutes) and 48 per session, 409 beyond; at most 512 KiB and 1280 × 1280 pixels, read from the header). Stored encrypted, kept like the trace; the server re-reads it with its own face models when the trace arrives and checks the trace against it. Audited (verification.keyframe-uploaded).',
    'stream',
  ),
  method: 'post',
  path: '/verify/{token}/keyframes',
  tags,
  summary: 'Candidate: send a keyframe of the challenge',
  request: { params: VerificationTokenParamSchema, query: KeyframeQuerySchema, body: rawBody('image/jpeg') },
  responses: { 201: jsonResponse(KeyframeStoredSchema, 'Stored') },
});

const viewKeyframe = createRoute({
  ...access('subjects:read', {
    description:
      "One keyframe of a session as a JPEG (the pictures quoted by the liveness signals: `result.keyframes[].index`). 404 for another subject's session, an unknown index or once retention deleted it. Audited (verification.keyframe-viewed).",
  }),
  method: 'get',
  path: '/subjects/{id}/verifications/{sessionId}/keyframes/{index}',
  tags,
  summary: 'A keyframe of a verification session (audited)',
  request: { params: KeyframeParamSchema },
  responses: { 200: { description: 'A JPEG image', content: { 'image/jpeg': { schema: BinarySchema } } } },
});

function bodyOf(raw: Request): ReadableStream<Uint8Array> {
  if (raw.body === null)
    throw new DomainError('validation', 'The body is empty: send the picture as the body');
  return raw.body;
}

export function registerVerificationMediaRoutes(api: ServerApp): void {
  api.openapi(uploadDocument, async (c) => {
    const query = c.req.valid('query');
    const uploaded = await uploadVerificationDocument(c.var.ctx, candidate(c, c.req.valid('param').token), {
      kind: query.kind,
      name: query.name,
      body: chunksOf(bodyOf(c.req.raw)),
      declaredBytes: declaredLength(c.req.header('content-length')),
    });
    return c.json(uploaded, 202);
  });
  api.openapi(listDocuments, async (c) =>
    c.json(await listVerificationDocuments(c.var.ctx, candidate(c, c.req.valid('param').token)), 200, {
      'cache-control': 'no-store',
    }),
  );
  api.openapi(keyframe, async (c) => {
    const query = c.req.valid('query');
    const stored = await uploadVerificationKeyframe(c.var.ctx, candidate(c, c.req.valid('param').token), {
      t: query.t,
      step: query.step,
      body: chunksOf(bodyOf(c.req.raw)),
      declaredBytes: declaredLength(c.req.header('content-length')),
    });
    return c.json(stored, 201);
  });
  api.openapi(viewKeyframe, async (c) => {
    const { id, sessionId, index } = c.req.valid('param');
    const image = await readVerificationKeyframe(c.var.ctx, actorOf(c), id, sessionId, Number(index));
    const body = new Uint8Array(image.bytes);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': image.mediaType,
        'content-length': String(body.byteLength),
        'content-disposition': `inline; filename="keyframe-${Number(index)}.jpg"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    });
  });
}
