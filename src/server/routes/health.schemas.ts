import { z } from '@hono/zod-openapi';

export const HealthSchema = z
  .object({
    ok: z.boolean(),
    version: z.string(),
    database: z.enum(['sqlite', 'postgres']),
  })
  .openapi('Health');
