// Sign-in logs: file imports (the body is the raw file, streamed to disk), their progress and reports,
// unmatched accounts and linking them to subjects, and a subject's stored sign-ins with its places.
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { importLogins } from '../../services/import-logins.ts';
import { linkLoginAccount } from '../../services/link-login-account.ts';
import { listSubjectLogins } from '../../services/list-subject-logins.ts';
import { listUnmatchedAccounts } from '../../services/list-unmatched-accounts.ts';
import { getLoginImport, listLoginImports } from '../../services/view-login-imports.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { chunksOf, declaredLength } from './body-stream.ts';
import { IdParamSchema } from './common.schemas.ts';
import {
  ImportQuerySchema,
  ImportQueuedSchema,
  LimitQuerySchema,
  LinkAccountBodySchema,
  LinkedAccountSchema,
  LoginImportListSchema,
  LoginImportSchema,
  SubjectLoginsSchema,
  UnmatchedAccountsSchema,
} from './logins.schemas.ts';

const tags = ['Sign-ins'];

const upload = createRoute({
  ...access('logins:import', {
    body: 'stream',
    description:
      'The body is the log file itself (any content type; gzip is recognised), streamed to disk up to GATECHECK_MAX_UPLOAD_BYTES (default 2 GiB). The import runs as a job: follow GET /logins/imports/{importId} or GET /jobs/{jobId}.',
  }),
  method: 'post',
  path: '/logins/imports',
  tags,
  summary: 'Import a sign-in log file (Okta, Entra ID, Google Workspace, generic CSV/NDJSON)',
  request: {
    query: ImportQuerySchema,
    body: {
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: { 202: jsonResponse(ImportQueuedSchema, 'The import is queued') },
});

const imports = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/logins/imports',
  tags,
  summary: 'Sign-in log imports, newest first',
  request: { query: LimitQuerySchema },
  responses: { 200: jsonResponse(LoginImportListSchema, 'Imports') },
});

const oneImport = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/logins/imports/{id}',
  tags,
  summary: 'One import: progress, counts, malformed lines, unmatched accounts',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(LoginImportSchema, 'The import') },
});

const unmatched = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/logins/unmatched',
  tags,
  summary: 'Accounts of stored sign-in events that match no subject, most events first',
  responses: { 200: jsonResponse(UnmatchedAccountsSchema, 'Unmatched accounts') },
});

const link = createRoute({
  ...access('logins:import'),
  method: 'post',
  path: '/logins/accounts',
  tags,
  summary: 'Link an account to a subject: its stored events move to the subject, who is re-assessed',
  request: { body: jsonBody(LinkAccountBodySchema) },
  responses: { 200: jsonResponse(LinkedAccountSchema, 'The link and how many events the account has') },
});

const subjectLogins = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/logins',
  tags,
  summary: "A subject's stored sign-ins (newest first) and the places they came from",
  request: { params: IdParamSchema, query: LimitQuerySchema },
  responses: { 200: jsonResponse(SubjectLoginsSchema, 'Sign-ins and places') },
});

export function registerLoginRoutes(api: ServerApp): void {
  api.openapi(upload, async (c) => {
    const actor = actorOf(c);
    const query = c.req.valid('query');
    const body = c.req.raw.body;
    if (body === null)
      throw new DomainError('validation', 'The body is empty: send the log file as the body');
    const queued = await importLogins(c.var.ctx, actor, {
      fileName: query.fileName ?? 'upload',
      format: query.format,
      mapping: query.mapping,
      body: chunksOf(body),
      declaredBytes: declaredLength(c.req.header('content-length')),
    });
    return c.json(queued, 202);
  });
  api.openapi(imports, async (c) =>
    c.json(await listLoginImports(c.var.ctx, actorOf(c), c.req.valid('query')), 200),
  );
  api.openapi(oneImport, async (c) =>
    c.json(await getLoginImport(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(unmatched, async (c) => c.json(await listUnmatchedAccounts(c.var.ctx, actorOf(c)), 200));
  api.openapi(link, async (c) =>
    c.json(await linkLoginAccount(c.var.ctx, actorOf(c), c.req.valid('json')), 200),
  );
  api.openapi(subjectLogins, async (c) =>
    c.json(
      await listSubjectLogins(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('query')),
      200,
    ),
  );
}
