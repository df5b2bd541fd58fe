// Parsing the trace a browser returns: untrusted input, so every field is typed and bounded (frames,
// embedding length, string lengths) before any analysis runs. Problems are reported all at once with paths.
import { z } from 'zod';
import { formatPath } from '../bundle/validate.ts';
import { DomainError } from '../errors.ts';
import { CHALLENGE_KINDS, type LivenessTrace } from './types.ts';

/** 10 minutes at 60 frames/s. */
export const MAX_TRACE_FRAMES = 36_000;
export const MAX_TRACE_DURATION_MS = 10 * 60_000;
export const MAX_EMBEDDING_LENGTH = 1024;
const MAX_HANDS = 4;
const MAX_STEPS = 32;

const finite = z.number().finite();
const unit = finite.min(0).max(1);
const shortText = (max: number) => z.string().max(max);
const rgb = z.tuple([finite.min(0).max(255), finite.min(0).max(255), finite.min(0).max(255)]);
const box = z.tuple([
  finite.min(-1).max(2),
  finite.min(-1).max(2),
  finite.min(0).max(3),
  finite.min(0).max(3),
]);
const angle = finite.min(-180).max(180);

const faceSchema = z.strictObject({
  score: unit,
  box,
  yaw: angle,
  pitch: angle,
  roll: angle,
  meshScore: unit.optional(),
  eyeOpen: unit.optional(),
  smile: unit.optional(),
  real: unit.optional(),
  live: unit.optional(),
  embedding: z.array(finite.min(-10).max(10)).min(1).max(MAX_EMBEDDING_LENGTH).optional(),
});

const frameSchema = z.strictObject({
  t: finite.min(0).max(MAX_TRACE_DURATION_MS + 60_000),
  face: faceSchema.nullable(),
  hands: z.array(z.strictObject({ box, score: unit })).max(MAX_HANDS),
  faceColor: rgb.optional(),
  screenColor: rgb.optional(),
});

export const livenessTraceSchema = z.strictObject({
  version: z.literal(1),
  sessionId: shortText(200),
  nonce: shortText(200),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: finite.min(0).max(MAX_TRACE_DURATION_MS),
  device: z.strictObject({
    label: shortText(500),
    width: z.number().int().min(0).max(16_384),
    height: z.number().int().min(0).max(16_384),
    frameRate: finite.min(0).max(1000).nullable(),
    userAgent: shortText(1000),
  }),
  steps: z
    .array(
      z.strictObject({
        id: shortText(100),
        kind: z.enum(CHALLENGE_KINDS),
        startMs: finite.min(0),
        endMs: finite.min(0),
        completed: z.boolean(),
      }),
    )
    .max(MAX_STEPS),
  frames: z.array(frameSchema).max(MAX_TRACE_FRAMES),
});

/** The trace, typed; throws a validation DomainError naming every problem (at most 50) otherwise. */
export function parseLivenessTrace(input: unknown): LivenessTrace {
  const result = livenessTraceSchema.safeParse(input);
  if (result.success) return result.data as LivenessTrace;
  const problems = result.error.issues.slice(0, 50).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  throw new DomainError('validation', 'The liveness trace is not valid', problems);
}
