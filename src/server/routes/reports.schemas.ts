import { z } from '@hono/zod-openapi';
import { MAX_SNAPSHOT_REASON } from '../../core/report/snapshot.ts';
import { AuditActorSchema, BandSchema } from './common.schemas.ts';

export const CreateSnapshotBodySchema = z
  .object({
    reason: z.string().max(MAX_SNAPSHOT_REASON).optional().openapi({
      description: 'Why the evidence is frozen (shown in the report)',
      example: 'Before calling counsel',
    }),
  })
  .openapi('CreateSnapshot');

const hash = z.string().openapi({ description: 'Hex SHA-256', example: 'a3f1…' });

export const SnapshotManifestSchema = z
  .looseObject({
    algorithm: z.literal('sha256'),
    canonicalization: z.string(),
    snapshotId: z.string(),
    subjectId: z.string(),
    createdAt: z.string(),
    createdBy: AuditActorSchema,
    reason: z.string(),
    parts: z.record(z.string(), hash),
  })
  .openapi('SnapshotManifest');

export const SnapshotHeadSchema = z
  .looseObject({
    id: z.string(),
    subjectId: z.string(),
    createdAt: z.string(),
    createdBy: AuditActorSchema,
    reason: z.string(),
    manifestHash: hash,
  })
  .openapi('SnapshotHead');

export const SnapshotCreatedSchema = SnapshotHeadSchema.extend({ manifest: SnapshotManifestSchema }).openapi(
  'SnapshotCreated',
);

export const SnapshotListSchema = z
  .object({
    items: z.array(SnapshotHeadSchema.extend({ band: BandSchema.nullable(), score: z.number().nullable() })),
  })
  .openapi('SnapshotList');

export const SnapshotSchema = SnapshotCreatedSchema.extend({
  parts: z.looseObject({
    bundle: z.record(z.string(), z.unknown()),
    assessment: z.unknown(),
    screenings: z.unknown(),
    case: z.unknown(),
    timeline: z.array(z.unknown()),
    files: z.array(z.unknown()),
  }),
}).openapi('Snapshot');

export const SnapshotVerificationSchema = z
  .object({
    ok: z.boolean(),
    snapshotId: z.string(),
    manifestHash: hash,
    parts: z.array(
      z.object({ name: z.string(), expected: z.string(), actual: z.string().nullable(), ok: z.boolean() }),
    ),
    problems: z.array(z.string()),
  })
  .openapi('SnapshotVerification');

export const SnapshotIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const ReportQuerySchema = z.object({
  snapshot: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'Report on this snapshot; without it a new snapshot is made first' }),
});

export const ReportSchema = z
  .looseObject({
    format: z.literal('gatecheck.report/v1'),
    generatedAt: z.string(),
    snapshot: z.looseObject({ id: z.string(), manifestHash: hash }),
    subject: z.looseObject({ id: z.string(), name: z.string().nullable() }),
    summary: z.looseObject({
      band: BandSchema.nullable(),
      score: z.number().nullable(),
      reasons: z.array(z.string()),
    }),
    signals: z.array(z.looseObject({ id: z.string(), severity: z.string() })),
    identifiers: z.array(z.looseObject({ kind: z.string(), value: z.string(), path: z.string() })),
    jurisdictions: z.array(z.looseObject({ country: z.string(), title: z.string() })),
  })
  .openapi('Report');

export const CaseExportSchema = z
  .looseObject({
    format: z.literal('gatecheck.case-bundle/v1'),
    subject: z.looseObject({ id: z.string() }),
    caseExport: z.looseObject({ exportedAt: z.string(), case: z.looseObject({ status: z.string() }) }),
  })
  .openapi('CaseExport');

export const BinarySchema = z.string().openapi({ format: 'binary' });
