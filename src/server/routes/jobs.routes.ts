// Background jobs (re-assessment after a policy change, bulk work): status and progress.

import { createRoute } from '@hono/zod-openapi';
import { getJob, listJobs } from '../../services/view-jobs.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { IdParamSchema, JobViewSchema } from './common.schemas.ts';
import { JobListSchema, JobQuerySchema } from './jobs.schemas.ts';

const tags = ['Jobs'];

const list = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/jobs',
  tags,
  summary: 'Recent jobs, newest first',
  request: { query: JobQuerySchema },
  responses: { 200: jsonResponse(JobListSchema, 'Jobs') },
});

const read = createRoute({
  ...access('subjects:read'),
  method: 'get',
  path: '/jobs/{id}',
  tags,
  summary: 'One job with its progress',
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse(JobViewSchema, 'The job') },
});

export function registerJobRoutes(api: ServerApp): void {
  api.openapi(list, async (c) => c.json(await listJobs(c.var.ctx, actorOf(c), c.req.valid('query')), 200));
  api.openapi(read, async (c) => c.json(await getJob(c.var.ctx, actorOf(c), c.req.valid('param').id), 200));
}
