import { z } from '@hono/zod-openapi';
import { RETENTION_KINDS } from '../../core/privacy/retention.ts';
import { AuditActorSchema } from './common.schemas.ts';

const days = z.number().int().openapi({ example: 30 });

export const RetentionPolicySchema = z
  .object(
    Object.fromEntries(RETENTION_KINDS.map((k) => [k, days])) as Record<
      (typeof RETENTION_KINDS)[number],
      typeof days
    >,
  )
  .openapi('RetentionPolicy');

export const RetentionBodySchema = z.record(z.string(), z.unknown()).openapi({
  description: `Days per kind of data (${RETENTION_KINDS.join(', ')}), whole numbers from 1 to 3650; kinds left out keep their current period. Checked by the service: 422 names every problem.`,
  example: { biometrics: 30, documents: 365 },
});

export const RetentionViewSchema = z
  .object({
    policy: RetentionPolicySchema,
    kinds: z.array(
      z.object({
        kind: z.enum(RETENTION_KINDS),
        days: z.number().int(),
        defaultDays: z.number().int(),
        label: z.string(),
        from: z.string().openapi({ description: 'What the period counts from' }),
        deletes: z.string().openapi({ description: 'What is deleted when it ends' }),
      }),
    ),
    minDays: z.number().int(),
    maxDays: z.number().int(),
  })
  .openapi('RetentionView');

export const LegalHoldBodySchema = z
  .object({
    on: z.boolean(),
    reason: z
      .string()
      .max(2000)
      .openapi({ description: 'Why the hold is set or released (1–500 characters)' }),
  })
  .openapi('LegalHoldBody');

export const LegalHoldSchema = z
  .object({
    subjectId: z.string(),
    on: z.boolean(),
    reason: z.string().nullable(),
    setBy: AuditActorSchema.nullable(),
    setAt: z.string().nullable(),
  })
  .openapi('LegalHold');

export const DeleteConfirmQuerySchema = z.object({
  confirm: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The subject id again, as confirmation (required: 422 without it)' }),
});

const count = z.number().int();
export const PersonalDataDeletionSchema = z
  .object({
    subjectId: z.string(),
    deleted: z.record(z.string(), count).openapi({ description: 'Rows and files deleted per kind' }),
    filesPending: count.openapi({
      description: 'Stored files whose removal failed; the hourly retention sweep removes them',
    }),
  })
  .openapi('PersonalDataDeletion');

export const AccessLogQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'At most this many (200)' }),
});

export const AccessLogSchema = z
  .array(
    z.object({
      at: z.string(),
      actor: AuditActorSchema,
      action: z.string().openapi({ example: 'document.viewed' }),
      itemId: z.string().nullable().openapi({ description: 'The document, recording or session looked at' }),
    }),
  )
  .openapi('AccessLog');
