import { z } from '@hono/zod-openapi';
import { CHANGE_EVENT_KINDS } from '../../core/payroll/change-event.ts';

// Fields are left loose here: the service reads every event and lists each problem with its path, in words a
// payroll integrator can act on (a wrong IBAN checksum, an unknown subject), rather than a schema error.
export const ChangeEventSchema = z
  .looseObject({
    subjectId: z.string().optional().openapi({ description: 'The subject id (or send `email`)' }),
    email: z
      .string()
      .optional()
      .openapi({ description: "The employee's email, matched to exactly one subject" }),
    kind: z
      .string()
      .optional()
      .openapi({ description: CHANGE_EVENT_KINDS.join(' | '), example: 'bank_account' }),
    at: z.string().optional().openapi({ example: '2026-03-06T10:00:00-05:00' }),
    from: z.unknown().optional(),
    to: z.unknown().optional().openapi({
      description:
        'The new value: an address {line1, city, region, postalCode, country}, a bank account {iban | transit+institution+accountNumber | routing+accountNumber, bic, holder, bank, description}, or text',
    }),
    amount: z.unknown().optional(),
    currency: z.unknown().optional(),
    platform: z.unknown().optional(),
    description: z.unknown().optional(),
    source: z.unknown().optional(),
    eventId: z.unknown().optional(),
  })
  .openapi('ChangeEvent');

export const ChangeEventsBodySchema = z
  .union([ChangeEventSchema, z.array(ChangeEventSchema)])
  .openapi('ChangeEvents', { description: 'One event or an array of events' });

export const ChangeEventsHeadersSchema = z.object({
  'idempotency-key': z.string().optional().openapi({
    description: 'Required: the same key with the same body answers the first answer again (kept 7 days)',
  }),
});

export const ChangeEventsResultSchema = z
  .object({
    received: z.number().int(),
    replayed: z.boolean(),
    subjects: z.array(
      z.object({
        id: z.string(),
        changes: z.number().int(),
        payments: z.number().int(),
        band: z.string().nullable(),
        score: z.number().nullable(),
      }),
    ),
  })
  .openapi('ChangeEventsResult');
