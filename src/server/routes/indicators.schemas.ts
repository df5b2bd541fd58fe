import { z } from '@hono/zod-openapi';
import { INDICATOR_KINDS } from '../../core/intel/indicators.ts';
import { AuditActorSchema } from './common.schemas.ts';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const ImportIndicatorsQuerySchema = z.object({
  name: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Shown in the list of imports; the source when the file names none' }),
  strict: flag.openapi({ description: 'Reject the whole file when any object or line cannot be used' }),
});

export const IndicatorImportSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    format: z.string().openapi({ description: 'stix or csv' }),
    sha256: z.string(),
    bytes: z.number().int(),
    indicators: z.number().int(),
    problems: z.number().int(),
    expired: z.number().int(),
    importedAt: z.string(),
    importedBy: AuditActorSchema,
  })
  .openapi('IndicatorImport');

export const ImportIndicatorsResultSchema = z
  .object({
    import: IndicatorImportSchema,
    unchanged: z.boolean().openapi({ description: 'This exact file was imported before: nothing changed' }),
    byKind: z.record(z.string(), z.number().int()),
    problems: z.array(z.object({ where: z.string(), message: z.string() })),
    problemCount: z.number().int(),
    expired: z.number().int(),
    revoked: z.number().int(),
    ignoredObjects: z.number().int(),
    hashed: z.number().int().openapi({
      description:
        'Emails and phones shared as salted hashes (also in byKind); compared using GATECHECK_INDICATOR_SALT',
    }),
    hashedNeedSalt: z.boolean().openapi({
      description: 'Hashed indicators were imported but no salt is configured: they match nothing yet',
    }),
    reassessJobId: z.string().nullable(),
  })
  .openapi('ImportIndicatorsResult');

export const ListIndicatorsQuerySchema = z.object({
  kind: z.enum(INDICATOR_KINDS).optional(),
  importId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const IndicatorSchema = z
  .object({
    id: z.string(),
    importId: z.string(),
    kind: z.string(),
    value: z.string().openapi({ description: 'Normal form (what is matched)' }),
    source: z.string(),
    labels: z.array(z.string()),
    description: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    stixId: z.string().nullable(),
    importedAt: z.string(),
  })
  .openapi('ThreatIndicator');

export const IndicatorPageSchema = z
  .object({
    items: z.array(IndicatorSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    imports: z.array(IndicatorImportSchema),
  })
  .openapi('IndicatorPage');

export const ImportIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const RemovedIndicatorsSchema = z.object({
  removed: z.number().int(),
  reassessJobId: z.string().nullable(),
});

export const ExportIndicatorsQuerySchema = z.object({
  all: flag.openapi({ description: 'Every identifier, whatever the case status' }),
  hashed: flag.openapi({ description: 'Salted SHA-256 of emails and phones instead of the values' }),
  salt: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: 'The salt agreed with the receiving organisations (16+ characters)' }),
  organization: z.string().max(200).optional(),
});

export const StixBundleSchema = z
  .object({
    type: z.literal('bundle'),
    id: z.string(),
    objects: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('StixBundle');
