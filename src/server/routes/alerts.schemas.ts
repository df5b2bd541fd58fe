import { z } from '@hono/zod-openapi';

const BandSchema = z.enum(['low', 'elevated', 'high', 'critical']);
const KindSchema = z.enum(['slack', 'webhook', 'email']);

export const AlertDeliverySchema = z
  .object({
    destinationId: z.string(),
    destinationKind: KindSchema,
    destinationName: z.string(),
    status: z.enum(['pending', 'retrying', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('AlertDelivery');

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['band-rise', 'critical-signal']),
    createdAt: z.string(),
    subject: z.object({ id: z.string(), name: z.string().nullable() }),
    previousBand: BandSchema.nullable(),
    band: BandSchema,
    previousScore: z.number().nullable(),
    score: z.number(),
    signals: z.array(z.string()),
    newCriticalSignals: z.array(z.string()),
    reasons: z.array(z.string()),
    read: z.boolean(),
    readAt: z.string().nullable(),
    deliveries: z.array(AlertDeliverySchema),
  })
  .openapi('Alert');

export const AlertInboxSchema = z
  .object({ unread: z.number().int(), items: z.array(AlertSchema) })
  .openapi('AlertInbox');

export const AlertQuerySchema = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'Only unread alerts' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ example: 100 }),
});

export const AlertReadSchema = z.object({ id: z.string(), readAt: z.string() }).openapi('AlertRead');

export const AlertDestinationSchema = z
  .object({
    id: z.string(),
    kind: KindSchema,
    name: z.string(),
    enabled: z.boolean(),
    urlHint: z.string().nullable(),
    managedBy: z.enum(['api', 'environment']),
    secret: z
      .string()
      .optional()
      .openapi({ description: 'The webhook signing secret, only in the answer that created or rotated it' }),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('AlertDestination');

export const AlertDestinationListSchema = z
  .object({ items: z.array(AlertDestinationSchema) })
  .openapi('AlertDestinationList');

export const PutAlertDestinationsSchema = z
  .object({
    destinations: z
      .array(
        z.object({
          id: z.string().min(1).optional().openapi({ description: 'Keep or change an existing destination' }),
          kind: z.enum(['slack', 'webhook']),
          name: z.string().min(1).max(200),
          enabled: z.boolean().optional(),
          url: z
            .string()
            .max(2000)
            .optional()
            .openapi({ description: 'Required for a new destination; omit to keep the stored one' }),
          rotateSecret: z.boolean().optional(),
        }),
      )
      .max(50),
  })
  .openapi('PutAlertDestinations');
