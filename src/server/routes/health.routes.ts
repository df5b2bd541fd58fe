// Liveness for load balancers and monitors: 200 when the database answers, 503 when it does not.

import { createRoute } from '@hono/zod-openapi';
import { checkHealth } from '../../services/check-health.ts';
import { access, jsonResponse } from '../openapi.ts';
import type { ServerApp } from '../types.ts';
import { VERSION } from '../version.ts';
import { HealthSchema } from './health.schemas.ts';

const health = createRoute({
  ...access('public'),
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Health check',
  responses: {
    200: jsonResponse(HealthSchema, 'Healthy'),
    503: jsonResponse(HealthSchema, 'The database does not answer'),
  },
});

export function registerHealthRoutes(api: ServerApp): void {
  api.openapi(health, async (c) => {
    const result = await checkHealth(c.var.ctx);
    const body = { ok: result.ok, version: VERSION, database: result.database };
    c.header('cache-control', 'no-store');
    return result.ok ? c.json(body, 200) : c.json(body, 503);
  });
}
