// Threat indicators shared between organisations: import (STIX 2.1 or CSV), list, remove an import, and
// export a subject's identifiers as a STIX 2.1 bundle.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteIndicatorImport } from '../../services/delete-indicator-import.ts';
import { exportSubjectIndicators } from '../../services/export-subject-indicators.ts';
import { importIndicators } from '../../services/import-indicators.ts';
import { listIndicators } from '../../services/list-indicators.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema } from './common.schemas.ts';
import {
  ExportIndicatorsQuerySchema,
  ImportIdParamSchema,
  ImportIndicatorsQuerySchema,
  ImportIndicatorsResultSchema,
  IndicatorPageSchema,
  ListIndicatorsQuerySchema,
  RemovedIndicatorsSchema,
  StixBundleSchema,
} from './indicators.schemas.ts';

const tags = ['Threat indicators'];

const importRoute = createRoute({
  ...access('policy:write', {
    body: 'bulk',
    description:
      'The body is the file as sent by the other organisation: a STIX 2.1 bundle (JSON) or a CSV with the header `type,value,source,description,valid_until` (the format is recognised from the content; at most 10 MB). Objects or lines that cannot be used are skipped and listed; a file with nothing usable is 422 with every problem. Importing the same file again changes nothing. Everyone is re-assessed afterwards (a job).',
  }),
  method: 'post',
  path: '/indicators/import',
  tags,
  summary: 'Import threat indicators (STIX 2.1 bundle or CSV)',
  request: {
    query: ImportIndicatorsQuerySchema,
    body: {
      content: { 'text/plain': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: {
    201: jsonResponse(ImportIndicatorsResultSchema, 'Imported'),
    200: jsonResponse(ImportIndicatorsResultSchema, 'This file was imported before; nothing changed'),
  },
});

const listRoute = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/indicators',
  tags,
  summary: 'The imported threat indicators, a page at a time, and the imports',
  request: { query: ListIndicatorsQuerySchema },
  responses: { 200: jsonResponse(IndicatorPageSchema, 'A page of indicators') },
});

const removeRoute = createRoute({
  ...access('policy:write'),
  method: 'delete',
  path: '/indicators/imports/{id}',
  tags,
  summary: 'Remove one import and its indicators (everyone is re-assessed)',
  request: { params: ImportIdParamSchema },
  responses: { 200: jsonResponse(RemovedIndicatorsSchema, 'Removed') },
});

const exportRoute = createRoute({
  ...access('export'),
  method: 'get',
  path: '/subjects/{id}/indicators.stix',
  tags,
  summary: "The subject's identifiers as a STIX 2.1 bundle for other organisations",
  description:
    'Only for an escalated or reported case unless `all=true`. With `hashed=true&salt=…` emails and phones are shared as sha256("<salt>:<normal form>") instead of their values. Audited.',
  request: { params: IdParamSchema, query: ExportIndicatorsQuerySchema },
  responses: { 200: jsonResponse(StixBundleSchema, 'A STIX 2.1 bundle') },
});

export function registerIndicatorRoutes(api: ServerApp): void {
  api.openapi(importRoute, async (c) => {
    const query = c.req.valid('query');
    const content = new Uint8Array(await c.req.raw.arrayBuffer());
    const result = await importIndicators(c.var.ctx, actorOf(c), { ...query, content });
    return c.json(result, result.unchanged ? 200 : 201);
  });
  api.openapi(listRoute, async (c) =>
    c.json(await listIndicators(c.var.ctx, actorOf(c), c.req.valid('query')), 200),
  );
  api.openapi(removeRoute, async (c) =>
    c.json(await deleteIndicatorImport(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
  api.openapi(exportRoute, async (c) => {
    const bundle = await exportSubjectIndicators(
      c.var.ctx,
      actorOf(c),
      c.req.valid('param').id,
      c.req.valid('query'),
    );
    c.header(
      'content-disposition',
      `attachment; filename="${c.req.valid('param').id.replace(/[^\w.-]/g, '_')}.stix.json"`,
    );
    return c.json(bundle, 200);
  });
}
