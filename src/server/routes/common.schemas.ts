// Response shapes shared by several features, named so the OpenAPI document lists them once.
// Objects are loose: the server may add fields without breaking clients.
import { z } from '@hono/zod-openapi';
import { ROLES } from '../../core/auth/roles.ts';
import { CASE_STATUSES } from '../../core/case/state-machine.ts';
import { BANDS, SEVERITIES } from '../../core/types.ts';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'validation' }),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const RoleSchema = z.enum(ROLES).openapi('Role');
export const CaseStatusSchema = z.enum(CASE_STATUSES).openapi('CaseStatus');
export const BandSchema = z.enum(BANDS).openapi('Band');
export const SeveritySchema = z.enum(SEVERITIES).openapi('Severity');

const json = z.unknown();
const jsonObject = z.record(z.string(), z.unknown());

export const AuditActorSchema = z
  .looseObject({
    kind: z.string().openapi({ example: 'user' }),
    id: z.string().nullable(),
    name: z.string(),
  })
  .openapi('AuditActor');

export const UserSchema = z
  .looseObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
  })
  .openapi('User');

export const SignalSchema = z
  .looseObject({
    id: z.string(),
    severity: SeveritySchema,
    explanation: z.string(),
    evidence: z.array(z.string()),
    sources: z.array(z.string()),
    data: jsonObject.optional(),
  })
  .openapi('Signal');

export const AssessmentSchema = z
  .looseObject({
    subject: z.string(),
    score: z.number(),
    band: BandSchema,
    signals: z.array(SignalSchema),
    notEvaluated: z.array(z.string()),
  })
  .openapi('Assessment');

export const DetailedAssessmentSchema = z
  .looseObject({
    subject: z.string(),
    score: z.number(),
    band: BandSchema,
    signals: z.array(SignalSchema),
    notEvaluated: z.array(z.string()),
    assessedAt: z.string(),
    gaps: z.array(z.looseObject({ check: z.string(), reason: z.string(), step: z.string() })),
    breakdown: z.array(
      z.looseObject({
        family: z.string(),
        contribution: z.number(),
        capped: z.boolean(),
        signals: z.array(z.string()),
      }),
    ),
    reasons: z.array(z.string()),
  })
  .openapi('DetailedAssessment');

export const CaseEventSchema = z
  .looseObject({
    id: z.string(),
    at: z.string(),
    actor: AuditActorSchema,
    kind: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    data: jsonObject.nullable(),
  })
  .openapi('CaseEvent');

export const NoteSchema = z
  .looseObject({ id: z.string(), at: z.string(), author: AuditActorSchema, text: z.string() })
  .openapi('Note');

export const CaseViewSchema = z
  .looseObject({
    status: CaseStatusSchema,
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    allowedTransitions: z.array(CaseStatusSchema),
    events: z.array(CaseEventSchema),
    notes: z.array(NoteSchema),
  })
  .openapi('CaseView');

export const JobViewSchema = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    status: z.string().openapi({ example: 'running' }),
    progress: z.number(),
    total: z.number().nullable(),
    message: z.string().nullable(),
    result: json.optional(),
    error: z.string().optional(),
  })
  .openapi('JobView');

export const AuditEntrySchema = z
  .looseObject({
    seq: z.number().int(),
    at: z.string(),
    actor: AuditActorSchema,
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    data: jsonObject,
    hash: z.string(),
    prevHash: z.string(),
  })
  .openapi('AuditEntry');

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cand-0001' }),
});

/** A case bundle: documented with the full v1 schema, validated by the service (core validateBundle → 422). */
export const CaseBundleBodySchema = z.record(z.string(), z.unknown()).openapi({
  description: 'A case bundle (gatecheck.case-bundle/v1).',
  allOf: [{ $ref: '#/components/schemas/CaseBundle' }],
});
