import { z } from '@hono/zod-openapi';
import { SUBJECT_KINDS } from '../../core/bundle/schema.ts';
import { EVIDENCE_KINDS } from '../../services/add-evidence.ts';
import {
  BandSchema,
  CaseStatusSchema,
  CaseViewSchema,
  DetailedAssessmentSchema,
  SeveritySchema,
} from './common.schemas.ts';

export const SubjectSummarySchema = z
  .looseObject({
    id: z.string(),
    name: z.string().nullable(),
    kind: z.string().nullable(),
    role: z.string().nullable(),
    claimedCountry: z.string().nullable(),
    band: BandSchema.nullable(),
    score: z.number().nullable(),
    caseStatus: CaseStatusSchema,
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    signalCount: z.number().nullable(),
    updatedAt: z.string(),
  })
  .openapi('SubjectSummary');

export const SubjectListSchema = z
  .object({ items: z.array(SubjectSummarySchema), total: z.number().int() })
  .openapi('SubjectList');

export const SubjectQuerySchema = z.object({
  q: z.string().max(200).optional().openapi({ description: 'Search in id, name, aliases and email' }),
  band: BandSchema.optional(),
  status: CaseStatusSchema.optional(),
  kind: z.enum(SUBJECT_KINDS).optional(),
  assigneeId: z.string().max(200).optional().openapi({ description: 'Only cases assigned to this user' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ example: 50 }),
  offset: z.coerce.number().int().min(0).optional().openapi({ example: 0 }),
});

export const SubjectDetailSchema = z
  .looseObject({
    id: z.string(),
    bundle: z
      .record(z.string(), z.unknown())
      .openapi({ allOf: [{ $ref: '#/components/schemas/CaseBundle' }] }),
    assessment: DetailedAssessmentSchema.nullable(),
    case: CaseViewSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SubjectDetail');

export const CreatedSubjectSchema = z.object({ subject: SubjectDetailSchema }).openapi('CreatedSubject');

export const ImportBodySchema = z
  .object({ bundles: z.array(z.unknown()).min(1).max(10_000) })
  .openapi('ImportRequest');

export const ImportResultSchema = z
  .object({
    results: z.array(
      z.looseObject({
        index: z.number().int(),
        ok: z.boolean(),
        subjectId: z.string().optional(),
        action: z.enum(['created', 'updated']).optional(),
        problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        /** Stored, with a caveat: a case export's case kept out (the subject already had one), steps skipped. */
        warnings: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      }),
    ),
  })
  .openapi('ImportResult');

export const EvidenceParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
  kind: z.enum(EVIDENCE_KINDS).openapi({ param: { name: 'kind', in: 'path' } }),
});

export const EvidenceItemSchema = z
  .record(z.string(), z.unknown())
  .openapi('EvidenceItem', { description: 'One item of the bundle array named by `kind`.' });

export const AssessBodySchema = z
  .object({
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Assess as of this moment (ISO 8601); default now' }),
  })
  .openapi('AssessSubjectRequest');

export const AssessmentListSchema = z
  .object({ items: z.array(DetailedAssessmentSchema) })
  .openapi('AssessmentList');

export const TimelineItemSchema = z
  .looseObject({
    at: z.string(),
    kind: z.string(),
    title: z.string(),
    detail: z.string().optional(),
    path: z.string().optional(),
    severity: SeveritySchema.optional(),
  })
  .openapi('TimelineItem');

export const TimelineSchema = z.object({ items: z.array(TimelineItemSchema) }).openapi('Timeline');
