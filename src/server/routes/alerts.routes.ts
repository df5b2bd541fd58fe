// Alerts: the inbox with delivery state, marking read, and the admin's destinations (secrets shown once).

import { createRoute } from '@hono/zod-openapi';
import {
  getAlertDestinations,
  listAlerts,
  markAlertRead,
  putAlertDestinations,
} from '../../services/alerts.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import {
  AlertDestinationListSchema,
  AlertInboxSchema,
  AlertQuerySchema,
  AlertReadSchema,
  PutAlertDestinationsSchema,
} from './alerts.schemas.ts';
import { IdParamSchema } from './common.schemas.ts';

const tags = ['Alerts'];

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/alerts',
  tags,
  summary: 'Alerts, newest first, with the unread count and each destination’s delivery state',
  request: { query: AlertQuerySchema },
  responses: { 200: jsonResponse(AlertInboxSchema, 'The inbox') },
});

const read = createRoute({
  ...access('subjects:read'),
  method: 'post',
  path: '/alerts/{id}/read',
  tags,
  summary: 'Mark an alert read',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(AlertReadSchema, 'Read') },
});

const getDestinations = createRoute({
  ...access('policy:write'),
  method: 'get',
  path: '/alerts/destinations',
  tags,
  summary: 'Where alerts go (never a secret)',
  responses: { 200: jsonResponse(AlertDestinationListSchema, 'The destinations') },
});

const putDestinations = createRoute({
  ...access('policy:write'),
  method: 'put',
  path: '/alerts/destinations',
  tags,
  summary: 'Replace the Slack and webhook destinations; new signing secrets are in this answer only',
  request: { body: jsonBody(PutAlertDestinationsSchema) },
  responses: { 200: jsonResponse(AlertDestinationListSchema, 'The destinations') },
});

export function registerAlertRoutes(api: ServerApp): void {
  api.openapi(getDestinations, async (c) => c.json(await getAlertDestinations(c.var.ctx, actorOf(c)), 200));
  api.openapi(putDestinations, async (c) =>
    c.json(await putAlertDestinations(c.var.ctx, actorOf(c), c.req.valid('json').destinations), 200),
  );
  api.openapi(list, async (c) => c.json(await listAlerts(c.var.ctx, actorOf(c), c.req.valid('query')), 200));
  api.openapi(read, async (c) =>
    c.json(await markAlertRead(c.var.ctx, actorOf(c), c.req.valid('param').id), 200),
  );
}
