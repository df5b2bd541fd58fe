// Schemas of the verification media routes: the candidate's ID photo and challenge keyframes, and a reviewer's
// view of one keyframe.
import { z } from '@hono/zod-openapi';
import { DOCUMENT_KINDS } from '../../core/bundle/schema.ts';

export const BinarySchema = z.string().openapi({ format: 'binary' });

export const VerificationDocumentQuerySchema = z.object({
  kind: z
    .string()
    .max(100)
    .optional()
    .openapi({
      description: `What the document is (an identity document): passport, id_card (stored as national_id), drivers_license or work_permit. Accepted too: ${DOCUMENT_KINDS.join(', ')} (422 for the others).`,
      example: 'passport',
    }),
  name: z.string().max(1000).optional().openapi({
    description: 'The file name, for display only.',
    example: 'passport.jpg',
  }),
});

const CandidateDocumentStatusSchema = z.enum(['analyzing', 'done', 'failed']);

export const VerificationDocumentUploadedSchema = z
  .object({ fileId: z.string(), status: CandidateDocumentStatusSchema })
  .openapi('VerificationDocumentUploaded');

export const VerificationDocumentListSchema = z
  .object({
    documents: z.array(
      z.object({
        fileId: z.string(),
        kind: z.string(),
        status: CandidateDocumentStatusSchema,
        mrzFound: z.boolean().nullable(),
        faceFound: z.boolean().nullable(),
        message: z.string().nullable().openapi({ description: 'Plain-language words for the candidate.' }),
      }),
    ),
  })
  .openapi('VerificationDocumentList');

export const KeyframeQuerySchema = z.object({
  t: z.string().max(12).optional().openapi({
    description: 'Whole milliseconds since the trace started (0 to 600000).',
    example: '4200',
  }),
  step: z.string().max(100).optional().openapi({
    description: 'The id of the challenge step running at that moment, or empty.',
    example: 's3-turn_left',
  }),
});

export const KeyframeStoredSchema = z
  .object({ index: z.number().int().openapi({ description: '0-based order of arrival in the session.' }) })
  .openapi('KeyframeStored');

export const KeyframeParamSchema = z.object({
  id: z.string().min(1).max(200),
  sessionId: z.string().min(1).max(200),
  index: z
    .string()
    .regex(/^\d{1,3}$/)
    .openapi({ description: 'The keyframe index (0-based order of arrival).', example: '0' }),
});
