// Sanctions lists (snapshots, import) and investigators' dismissals of list matches.
import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../core/errors.ts';
import { dismissMatch, listMatchDismissals } from '../../services/dismiss-match.ts';
import { importSanctionsLists, type ListFile } from '../../services/import-sanctions-lists.ts';
import { listSanctionsSnapshots } from '../../services/list-sanctions-snapshots.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema, JobViewSchema } from './common.schemas.ts';
import {
  DismissalBodySchema,
  DismissalListSchema,
  ImportFilesBodySchema,
  SnapshotListSchema,
} from './intel.schemas.ts';
import { SubjectDetailSchema } from './subjects.schemas.ts';

const tags = ['Sanctions'];

const snapshots = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/intel/sanctions',
  tags,
  summary: 'Sanctions list snapshots: lists, versions, dates, counts and the diff from the previous one',
  responses: { 200: jsonResponse(SnapshotListSchema, 'Snapshots, newest first') },
});

const importLists = createRoute({
  ...access('policy:write', {
    body: 'bulk',
    description:
      'Body: JSON `{files: [{name, content | contentBase64}]}` (schema SanctionsImport), or multipart/form-data with `files` parts.',
  }),
  method: 'post',
  path: '/intel/sanctions/import',
  tags,
  summary: 'Import list files as a new snapshot (a job; then everyone is re-assessed)',
  responses: { 202: jsonResponse(JobViewSchema, 'The import job') },
});

const dismiss = createRoute({
  ...access('cases:work'),
  method: 'post',
  path: '/subjects/{id}/dismissals',
  tags,
  summary: 'Dismiss a sanctions match as not this person (with a reason); the subject is re-assessed',
  request: { params: IdParamSchema, body: jsonBody(DismissalBodySchema) },
  responses: { 200: jsonResponse(SubjectDetailSchema, 'The subject, re-assessed') },
});

const dismissals = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/subjects/{id}/dismissals',
  tags,
  summary: "The subject's dismissed sanctions matches",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(DismissalListSchema, 'Dismissals, newest first') },
});

async function readFiles(request: Request): Promise<ListFile[]> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData();
    const out: ListFile[] = [];
    for (const value of form.getAll('files')) {
      if (typeof value === 'string') continue;
      out.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    return out;
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new DomainError('validation', 'The body is not JSON or multipart/form-data');
  }
  const parsed = ImportFilesBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(
      'validation',
      'The import body is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data.files.map((f, i) => {
    if (f.content === undefined && f.contentBase64 === undefined)
      throw new DomainError('validation', 'A file has no content', [
        { path: `files.${i}`, message: 'give content or contentBase64' },
      ]);
    const bytes =
      f.contentBase64 !== undefined
        ? new Uint8Array(Buffer.from(f.contentBase64, 'base64'))
        : new TextEncoder().encode(f.content);
    return { name: f.name, bytes };
  });
}

export function registerIntelRoutes(api: ServerApp): void {
  api.openapi(snapshots, async (c) => c.json(await listSanctionsSnapshots(c.var.ctx, actorOf(c)), 200));
  api.openapi(importLists, async (c) => {
    const actor = actorOf(c);
    const files = await readFiles(c.req.raw);
    return c.json(await importSanctionsLists(c.var.ctx, actor, files), 202);
  });
  api.openapi(dismiss, async (c) =>
    c.json(await dismissMatch(c.var.ctx, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(dismissals, async (c) =>
    c.json(await listMatchDismissals(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
