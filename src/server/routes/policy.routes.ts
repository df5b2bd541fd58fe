// The assessment policy: read by everyone, changed by admins (which re-assesses everyone as a job).

import { createRoute } from '@hono/zod-openapi';
import { getPolicy, updatePolicy } from '../../services/update-policy.ts';
import { access, jsonBody, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { PolicyBodySchema, PolicySchema, PolicyUpdateSchema } from './policy.schemas.ts';

const tags = ['Policy'];

const read = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/policy',
  tags,
  summary: 'The current assessment policy',
  responses: { 200: jsonResponse(PolicySchema, 'The policy') },
});

const update = createRoute({
  ...access('policy:write'),
  method: 'put',
  path: '/policy',
  tags,
  summary: 'Replace the policy and re-assess every subject as a job',
  request: { body: jsonBody(PolicyBodySchema) },
  responses: { 200: jsonResponse(PolicyUpdateSchema, 'The stored policy and the re-assessment job') },
});

export function registerPolicyRoutes(api: ServerApp): void {
  api.openapi(read, async (c) => c.json(await getPolicy(c.var.ctx, actorOf(c)), 200));
  api.openapi(update, async (c) =>
    c.json(await updatePolicy(c.var.ctx, actorOf(c), c.req.valid('json')), 200),
  );
}
