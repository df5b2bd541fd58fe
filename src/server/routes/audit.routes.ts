// The hash-chained audit log: pages of entries, per-subject history, and chain verification.

import { createRoute } from '@hono/zod-openapi';
import { listAudit, listSubjectAudit, verifyAudit } from '../../services/read-audit.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { AuditListSchema, AuditQuerySchema, AuditVerificationSchema } from './audit.schemas.ts';
import { IdParamSchema } from './common.schemas.ts';

const tags = ['Audit'];

const list = createRoute({
  ...access('audit:read'),
  method: 'get',
  path: '/audit',
  tags,
  summary: 'Audit entries, newest first; page back with `before`',
  request: { query: AuditQuerySchema },
  responses: { 200: jsonResponse(AuditListSchema, 'Entries') },
});

const verify = createRoute({
  ...access('audit:read'),
  method: 'get',
  path: '/audit/verify',
  tags,
  summary: 'Verify the whole hash chain',
  responses: { 200: jsonResponse(AuditVerificationSchema, 'ok, or the first entry that does not verify') },
});

const forSubject = createRoute({
  ...access('audit:read'),
  method: 'get',
  path: '/subjects/{id}/audit',
  tags,
  summary: 'Audit entries about one subject',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(AuditListSchema, 'Entries') },
});

export function registerAuditRoutes(api: ServerApp): void {
  api.openapi(list, async (c) => c.json(await listAudit(c.var.ctx, actorOf(c), c.req.valid('query')), 200));
  api.openapi(verify, async (c) => c.json(await verifyAudit(c.var.ctx, actorOf(c)), 200));
  api.openapi(forSubject, async (c) =>
    c.json(await listSubjectAudit(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
