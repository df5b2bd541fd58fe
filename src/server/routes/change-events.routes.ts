// Change events from HRIS, payroll and IT: a webhook (JSON, with an Idempotency-Key) and a CSV import.
import { createRoute, z } from '@hono/zod-openapi';
import { importChangeEvents, recordChangeEvents } from '../../services/record-change-events.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import {
  ChangeEventsBodySchema,
  ChangeEventsHeadersSchema,
  ChangeEventsResultSchema,
} from './change-events.schemas.ts';

const tags = ['Change events'];

const webhook = createRoute({
  ...access('subjects:write', {
    body: 'bulk',
    description:
      'Address, bank-account, phone, email and legal-name changes and payroll payments/transfers, appended to the subjects’ bundles and re-assessed in one transaction. Send an Idempotency-Key header: a retry with the same key and body answers the first answer (`replayed: true`); the same key with another body is 409.',
  }),
  method: 'post',
  path: '/events/changes',
  tags,
  summary: 'Receive change events (one or an array) from an HRIS, payroll or IT system',
  request: { headers: ChangeEventsHeadersSchema, body: jsonBody(ChangeEventsBodySchema) },
  responses: {
    200: jsonResponse(ChangeEventsResultSchema, 'What was stored, per subject, and the new bands'),
  },
});

const importCsv = createRoute({
  ...access('subjects:write', {
    body: 'bulk',
    description:
      'The body is the CSV file (header row first). Every problem is listed with its line; a file with any problem stores nothing. Columns: docs/payroll-events.md.',
  }),
  method: 'post',
  path: '/events/changes/import',
  tags,
  summary: 'Import change events from a CSV file',
  request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: {
    200: jsonResponse(ChangeEventsResultSchema, 'What was stored, per subject, and the new bands'),
  },
});

export function registerChangeEventRoutes(api: ServerApp): void {
  api.openapi(webhook, async (c) =>
    c.json(
      await recordChangeEvents(c.var.ctx, actorOf(c), c.req.valid('json'), c.req.header('idempotency-key')),
      200,
    ),
  );
  api.openapi(importCsv, async (c) =>
    c.json(await importChangeEvents(c.var.ctx, actorOf(c), await c.req.text()), 200),
  );
}
