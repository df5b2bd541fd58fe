// Uploaded ID documents and other papers: upload (the body is the raw file, read up to
// GATECHECK_MAX_DOCUMENT_BYTES), list, one file with its analysis, the decrypted content and error-level image
// (each read audited), and deletion.
import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { deleteDocumentFile } from '../../services/delete-document-file.ts';
import { getDocumentFile } from '../../services/get-document-file.ts';
import { listDocumentFiles } from '../../services/list-document-files.ts';
import {
  type DocumentContent,
  INLINE_TYPES,
  readDocumentContent,
} from '../../services/read-document-content.ts';
import { uploadDocument } from '../../services/upload-document.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { chunksOf, declaredLength } from './body-stream.ts';
import { IdParamSchema } from './common.schemas.ts';
import {
  BinarySchema,
  DocumentFileListSchema,
  DocumentFileParamsSchema,
  DocumentFileViewSchema,
  DocumentUploadedSchema,
  DocumentUploadQuerySchema,
} from './documents.schemas.ts';

const tags = ['Documents'];

const upload = createRoute({
  ...access('subjects:write', {
    body: 'stream',
    description:
      'The body is the file itself (JPEG, PNG, WebP, HEIC/HEIF, TIFF or PDF; the declared Content-Type and the name are ignored: the type is read from the content). ' +
      'Read up to GATECHECK_MAX_DOCUMENT_BYTES (default 25 MiB; 413 past it); images over GATECHECK_MAX_DOCUMENT_PIXELS (default 40 million, read from the header) and other types are refused with 422 naming what the file is. ' +
      'The file is stored encrypted (AES-256-GCM) and kept GATECHECK_DOCUMENT_RETENTION_DAYS (default 365). The item is written to bundle.documents (an open request of the same kind is fulfilled) and the analysis (MRZ, forensics) runs as a job. ' +
      'The same bytes uploaded again for the subject return the stored file (existing: true).',
  }),
  method: 'post',
  path: '/subjects/{id}/documents/files',
  tags,
  summary: 'Upload an ID document or other paper for a subject',
  request: {
    params: IdParamSchema,
    query: DocumentUploadQuerySchema,
    body: { content: { 'application/octet-stream': { schema: BinarySchema } }, required: true },
  },
  responses: { 202: jsonResponse(DocumentUploadedSchema, 'Stored; the analysis is queued') },
});

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/documents/files',
  tags,
  summary: "A subject's uploaded documents, newest first (deleted ones keep their record)",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(DocumentFileListSchema, 'The files') },
});

const one = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/documents/files/{fileId}',
  tags,
  summary: 'One uploaded document: type, size, retention, analysis (MRZ, forensics, reuse)',
  request: { params: DocumentFileParamsSchema },
  responses: { 200: jsonResponse(DocumentFileViewSchema, 'The file') },
});

const binary = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: BinarySchema } },
});

const content = createRoute({
  ...access('subjects:read', {
    description:
      'The decrypted file with its sniffed Content-Type and X-Content-Type-Options: nosniff; images are inline, PDFs an attachment. Every read is audited (document.viewed). 404 once the file is deleted.',
  }),
  method: 'get',
  path: '/subjects/{id}/documents/files/{fileId}/content',
  tags,
  summary: 'The document itself (audited)',
  request: { params: DocumentFileParamsSchema },
  responses: { 200: binary('The file, as uploaded') },
});

const ela = createRoute({
  ...access('subjects:read', {
    description:
      'The error-level-analysis image (PNG) made by the analysis; 404 when there is none (PDFs, before the analysis, after deletion). Audited as document.viewed.',
  }),
  method: 'get',
  path: '/subjects/{id}/documents/files/{fileId}/ela',
  tags,
  summary: 'The error-level image of a document (audited)',
  request: { params: DocumentFileParamsSchema },
  responses: { 200: binary('A PNG image') },
});

const remove = createRoute({
  ...access('subjects:write', {
    description:
      'Deletes the stored file and its error-level image now (audited as document.deleted, reason manual). The record stays, and the bundle item gets fileDeletedAt. Deleting a deleted file returns it unchanged.',
  }),
  method: 'delete',
  path: '/subjects/{id}/documents/files/{fileId}',
  tags,
  summary: 'Delete an uploaded document now',
  request: { params: DocumentFileParamsSchema },
  responses: { 200: jsonResponse(DocumentFileViewSchema, 'The file record, deleted') },
});

/** `filename="…"` (ASCII, quotes and controls removed) and `filename*` (UTF-8) for Content-Disposition. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function fileResponse(file: DocumentContent): Response {
  const kind = INLINE_TYPES.has(file.mediaType) ? 'inline' : 'attachment';
  const body = new Uint8Array(file.bytes);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': file.mediaType,
      'content-length': String(body.byteLength),
      'content-disposition': contentDisposition(kind, file.name),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}

export function registerDocumentRoutes(api: ServerApp): void {
  api.openapi(upload, async (c) => {
    const body = c.req.raw.body;
    if (body === null)
      throw new DomainError('validation', 'The body is empty: send the document file as the body');
    const query = c.req.valid('query');
    const uploaded = await uploadDocument(c.var.ctx, actorOf(c), {
      subjectId: c.req.valid('param').id,
      kind: query.kind,
      name: query.name,
      body: chunksOf(body),
      declaredBytes: declaredLength(c.req.header('content-length')),
    });
    return c.json(uploaded, 202);
  });
  api.openapi(list, async (c) =>
    c.json(await listDocumentFiles(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(one, async (c) => {
    const { id, fileId } = c.req.valid('param');
    return c.json(await getDocumentFile(c.var.ctx, actorOf(c), id, fileId), 200);
  });
  api.openapi(content, async (c) => {
    const { id, fileId } = c.req.valid('param');
    return fileResponse(await readDocumentContent(c.var.ctx, actorOf(c), id, fileId, 'file'));
  });
  api.openapi(ela, async (c) => {
    const { id, fileId } = c.req.valid('param');
    return fileResponse(await readDocumentContent(c.var.ctx, actorOf(c), id, fileId, 'ela'));
  });
  api.openapi(remove, async (c) => {
    const { id, fileId } = c.req.valid('param');
    return c.json(await deleteDocumentFile(c.var.ctx, actorOf(c), id, fileId), 200);
  });
}
