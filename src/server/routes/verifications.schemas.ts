import { z } from '@hono/zod-openapi';
import { VERIFICATION_STATUSES } from '../../adapters/db/repositories/verification-sessions.repository.ts';
import { CHALLENGE_KINDS } from '../../core/liveness/types.ts';

export const VerificationTokenParamSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({
      param: { name: 'token', in: 'path' },
      description: 'The token from the verification link (43 characters, base64url)',
    }),
});

export const VerificationViewSchema = z
  .looseObject({
    id: z.string(),
    subjectId: z.string(),
    kind: z.string().openapi({ example: 'liveness' }),
    status: z.enum(VERIFICATION_STATUSES),
    createdAt: z.string(),
    createdBy: z.string(),
    expiresAt: z.string(),
    openedAt: z.string().nullable(),
    consentedAt: z.string().nullable(),
    challengedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    hasTrace: z.boolean(),
    retainUntil: z.string().nullable(),
  })
  .openapi('Verification');

export const VerificationListSchema = z
  .object({ verifications: z.array(VerificationViewSchema) })
  .openapi('VerificationList');

export const VerificationCreatedSchema = z
  .object({
    verification: VerificationViewSchema,
    link: z.string().openapi({ example: 'https://gatecheck.example.com/verify/3q2-…' }),
    token: z.string().openapi({ description: 'Shown once: only its sha256 is stored' }),
  })
  .openapi('VerificationCreated');

const ConsentTextSchema = z
  .looseObject({
    version: z.string(),
    organization: z.string(),
    purpose: z.string(),
    captured: z.array(z.string()),
    notCaptured: z.array(z.string()),
    retentionDays: z.number().int(),
    whoSees: z.string(),
  })
  .openapi('VerificationConsentText');

const rgb = z.tuple([z.number(), z.number(), z.number()]);

export const ChallengePlanSchema = z
  .looseObject({
    sessionId: z.string(),
    nonce: z.string(),
    issuedAt: z.string(),
    steps: z.array(
      z.looseObject({
        id: z.string(),
        kind: z.enum(CHALLENGE_KINDS),
        order: z.number().int(),
        windowMs: z.number(),
        flashColor: rgb.optional(),
      }),
    ),
  })
  .openapi('ChallengePlan');

export const CandidateVerificationSchema = z
  .looseObject({
    sessionId: z.string(),
    kind: z.string(),
    status: z.string(),
    expiresAt: z.string(),
    consent: ConsentTextSchema,
    consented: z.boolean(),
    plan: ChallengePlanSchema.nullable(),
  })
  .openapi('CandidateVerification');

export const ConsentBodySchema = z
  .object({
    textVersion: z
      .string()
      .max(100)
      .optional()
      .openapi({ description: 'The consent text version the candidate read (409 when it changed since)' }),
  })
  .openapi('VerificationConsentRequest');

export const ConsentRecordedSchema = z
  .object({
    consent: z.object({ at: z.string(), ip: z.string(), userAgent: z.string(), textVersion: z.string() }),
  })
  .openapi('VerificationConsent');

export const ChallengeIssuedSchema = z.object({ plan: ChallengePlanSchema }).openapi('ChallengeIssued');

export const TraceBodySchema = z.looseObject({}).openapi('LivenessTrace', {
  description:
    '`{version: 1, sessionId, nonce, startedAt, durationMs, device: {label, width, height, frameRate, userAgent}, steps: [{id, kind, startMs, endMs, completed}], frames: [{t, face: null | {score, box, yaw, pitch, roll, meshScore?, eyeOpen?, smile?, real?, live?, embedding?}, hands: [{box, score}], faceColor?, screenColor?}]}`; checked by the server (422 lists every problem).',
});

export const TraceSubmittedSchema = z
  .object({
    sessionId: z.string(),
    status: z.literal('completed'),
    at: z.string(),
    storedBytes: z.number().int(),
  })
  .openapi('VerificationTraceSubmitted');

export const DeclinedSchema = z
  .object({ sessionId: z.string(), status: z.literal('declined'), declinedAt: z.string() })
  .openapi('VerificationDeclined');

export const VerificationSessionParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cand-0001' }),
  sessionId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'sessionId', in: 'path' } }),
});

export const TraceSeriesQuerySchema = z.object({
  points: z.coerce
    .number()
    .int()
    .min(2)
    .max(2000)
    .optional()
    .openapi({ description: 'At most this many points (default 600)', example: 600 }),
});

export const VerificationTraceSeriesSchema = z
  .object({
    sessionId: z.string(),
    durationMs: z.number(),
    frames: z.number().int().openapi({ description: 'Frames in the stored trace, before reduction' }),
    points: z.array(
      z.object({
        t: z.number().openapi({ description: 'ms since the trace started' }),
        yaw: z.number().nullable().openapi({ description: 'Mean head yaw in degrees; null without a face' }),
        pitch: z.number().nullable(),
        faceScore: z
          .number()
          .nullable()
          .openapi({ description: 'Lowest face score of the bucket; 0 when the face was lost' }),
        hands: z.number().int().openapi({ description: 'Most hands seen in one frame of the bucket' }),
      }),
    ),
    steps: z.array(z.object({ id: z.string(), kind: z.string(), startMs: z.number(), endMs: z.number() })),
  })
  .openapi('VerificationTraceSeries');
