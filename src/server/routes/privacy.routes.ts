// Privacy: the retention periods (Settings), a legal hold per case, the data-subject export and deletion, and
// the subject access log. Thin: each handler calls one service.
import { createRoute } from '@hono/zod-openapi';
import { deletePersonalData } from '../../services/delete-personal-data.ts';
import { exportSubjectData } from '../../services/export-subject-data.ts';
import { getRetention, updateRetention } from '../../services/manage-retention.ts';
import { readAccessLog } from '../../services/read-access-log.ts';
import { getLegalHold, setLegalHold } from '../../services/set-legal-hold.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import { contentDisposition } from './documents.routes.ts';
import {
  AccessLogQuerySchema,
  AccessLogSchema,
  DeleteConfirmQuerySchema,
  LegalHoldBodySchema,
  LegalHoldSchema,
  PersonalDataDeletionSchema,
  RetentionBodySchema,
  RetentionViewSchema,
} from './privacy.schemas.ts';

const tags = ['Privacy'];

const readRetention = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/settings/retention',
  tags,
  summary: 'How long each kind of personal data is kept',
  responses: { 200: jsonResponse(RetentionViewSchema, 'The periods, their defaults and what each deletes') },
});

const updateRetentionRoute = createRoute({
  ...access('policy:write', {
    description:
      'Stores the periods (kinds left out keep theirs) and recomputes the deletion date of every stored file; the hourly sweep deletes what is then due. Audited (retention.updated).',
  }),
  method: 'put',
  path: '/settings/retention',
  tags,
  summary: 'Change the retention periods',
  request: { body: jsonBody(RetentionBodySchema) },
  responses: { 200: jsonResponse(RetentionViewSchema, 'The stored periods') },
});

const readHold = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/legal-hold',
  tags,
  summary: "The case's legal hold",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(LegalHoldSchema, 'The hold (on: false when never set)') },
});

const putHold = createRoute({
  ...access('policy:write', {
    description:
      'While on, retention deletes nothing about the person and a deletion request is refused (409). Audited (subject.legal-hold-set / -released; the reason stays on the hold).',
  }),
  method: 'put',
  path: '/subjects/{id}/legal-hold',
  tags,
  summary: 'Set or release the legal hold',
  request: { params: IdParamSchema, body: jsonBody(LegalHoldBodySchema) },
  responses: { 200: jsonResponse(LegalHoldSchema, 'The hold') },
});

const exportRoute = createRoute({
  ...access('export', {
    description:
      'A ZIP with data.json (every record about the person) and the stored originals, decrypted, under files/. Audited (subject.exported) and written to the access log.',
  }),
  method: 'get',
  path: '/subjects/{id}/data-export',
  tags,
  summary: 'Everything stored about the person (ZIP)',
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'application/zip',
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    },
  },
});

const deleteRoute = createRoute({
  ...access('policy:write', {
    description:
      'Admins only. Deletes every record and stored file about the person in one transaction (files right after it). `confirm` must repeat the subject id. Refused with 409 while the case is on legal hold. Audited (subject.personal-data-deleted, counts only); earlier audit entries and the access log stay.',
  }),
  method: 'delete',
  path: '/subjects/{id}/personal-data',
  tags,
  summary: 'Delete everything about the person',
  request: { params: IdParamSchema, query: DeleteConfirmQuerySchema },
  responses: { 200: jsonResponse(PersonalDataDeletionSchema, 'What was deleted') },
});

const accessLog = createRoute({
  ...access('audit:read'),
  method: 'get',
  path: '/subjects/{id}/access-log',
  tags,
  summary: "Who viewed the person's record, documents, recordings and verification media",
  request: { params: IdParamSchema, query: AccessLogQuerySchema },
  responses: { 200: jsonResponse(AccessLogSchema, 'Newest first') },
});

export function registerPrivacyRoutes(api: ServerApp): void {
  api.openapi(readRetention, async (c) => c.json(await getRetention(c.var.ctx, actorOf(c)), 200));
  api.openapi(updateRetentionRoute, async (c) =>
    c.json(await updateRetention(c.var.ctx, actorOf(c), c.req.valid('json')), 200),
  );
  api.openapi(readHold, async (c) =>
    c.json(await getLegalHold(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(putHold, async (c) =>
    c.json(await setLegalHold(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(exportRoute, async (c) => {
    const result = await exportSubjectData(c.var.ctx, actorOf(c), c.req.valid('param').id);
    return new Response(new Uint8Array(result.zip), {
      status: 200,
      headers: {
        'content-type': 'application/zip',
        'content-length': String(result.zip.byteLength),
        'content-disposition': contentDisposition('attachment', result.fileName),
        'cache-control': 'private, no-store',
      },
    });
  });
  api.openapi(deleteRoute, async (c) =>
    c.json(
      await deletePersonalData(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('query').confirm),
      200,
    ),
  );
  api.openapi(accessLog, async (c) =>
    c.json(
      await readAccessLog(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('query').limit),
      200,
    ),
  );
}
