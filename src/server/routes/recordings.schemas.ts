import { z } from '@hono/zod-openapi';

export const RecordingInterviewParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cand-0001', description: 'The subject id' }),
  index: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .openapi({
      param: { name: 'index', in: 'path' },
      example: 0,
      description: "The interview's position in the bundle's interviews list (0 = first)",
    }),
});

export const RecordingUploadQuerySchema = z.object({
  name: z.string().max(1000).optional().openapi({
    description:
      'The original file name, for display only. The type is read from the content, never from the name.',
    example: 'interview-2.mp4',
  }),
});

export const NewInterviewRecordingQuerySchema = RecordingUploadQuerySchema.extend({
  at: z.string().max(40).optional().openapi({
    description:
      'When the interview was held (ISO 8601). Required: a new video interview held then is appended to the bundle.',
    example: '2026-03-01T15:00:00Z',
  }),
});

const occlusionEvent = z
  .object({
    kind: z.enum(['hand-over-face', 'face-lost']),
    start: z.number().openapi({ description: 'Seconds from the start of the recording' }),
    end: z.number(),
    samples: z.number().int(),
  })
  .openapi('RecordingOcclusionEvent');

const analysis = z
  .object({
    analysedAt: z.string(),
    ms: z.number(),
    durationSec: z.number().nullable(),
    width: z.number(),
    height: z.number(),
    videoCodec: z.string(),
    fps: z.number().openapi({ description: 'Frames sampled per second of video' }),
    framesAnalysed: z.number().int(),
    faceFrames: z.number().int(),
    facePresence: z.number().openapi({ description: 'Share of sampled frames with a face, 0..1' }),
    presence: z
      .string()
      .openapi({ description: 'One character per sample: F face, H hand over the face, - no face' }),
    occlusionEvents: z.array(occlusionEvent),
    driftMin: z.number().nullable().openapi({
      description: "Lowest similarity of a face frame to the recording's median face (1 = identical)",
    }),
    driftAt: z.number().nullable(),
    mostDifferent: z.object({ a: z.number(), b: z.number(), similarity: z.number() }).nullable(),
    identityChanged: z.boolean().openapi({ description: 'Two different people appear in the recording' }),
    idMatch: z
      .number()
      .nullable()
      .openapi({ description: "Median similarity of the recording's faces to the ID photo's face" }),
    idDocumentIndex: z.number().int().nullable(),
  })
  .openapi('RecordingAnalysis');

export const RecordingViewSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    interviewIndex: z.number().int(),
    name: z.string(),
    mediaType: z.string().openapi({ example: 'video/mp4' }),
    bytes: z.number().int(),
    uploadedAt: z.string(),
    uploadedBy: z.string(),
    retainUntil: z.string(),
    status: z.enum(['analyzing', 'analyzed', 'failed', 'deleted']),
    jobId: z.string().nullable(),
    error: z.string().nullable(),
    deletedAt: z.string().nullable(),
    deletedReason: z.enum(['retention', 'manual']).nullable(),
    analysis: analysis.nullable(),
  })
  .openapi('InterviewRecording');

export const RecordingUploadedSchema = z
  .object({
    recording: RecordingViewSchema,
    interviewIndex: z.number().int(),
    jobId: z
      .string()
      .nullable()
      .openapi({ description: 'The analysis job: GET /api/v1/jobs/{jobId} for progress' }),
  })
  .openapi('RecordingUploaded');

export const RecordingListSchema = z.array(RecordingViewSchema).openapi('InterviewRecordingList');
