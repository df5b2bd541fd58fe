import { z } from '@hono/zod-openapi';
import { JobViewSchema } from './common.schemas.ts';

export const JobListSchema = z.object({ items: z.array(JobViewSchema) }).openapi('JobList');

export const JobQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ example: 50 }),
});
