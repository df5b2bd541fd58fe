import { z } from '@hono/zod-openapi';
import { AuditEntrySchema } from './common.schemas.ts';

export const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ example: 100 }),
  before: z.coerce.number().int().min(1).optional().openapi({ description: 'Entries with seq below this' }),
});

export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) }).openapi('AuditList');

export const AuditVerificationSchema = z
  .looseObject({
    ok: z.boolean(),
    entries: z.number().int(),
    firstBadSeq: z.number().int().optional(),
    problem: z.string().optional(),
  })
  .openapi('AuditVerification');
