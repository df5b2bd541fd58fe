import { z } from '@hono/zod-openapi';
import { DOCUMENT_KINDS } from '../../core/bundle/schema.ts';

export const DocumentFileParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cand-0001', description: 'The subject id' }),
  fileId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'fileId', in: 'path' }, description: 'The stored file id' }),
});

export const DocumentUploadQuerySchema = z.object({
  kind: z
    .string()
    .max(100)
    .optional()
    .openapi({
      description: `What the document is: ${DOCUMENT_KINDS.join(', ')}. Required (checked by the service: 422 names the kinds).`,
      example: 'passport',
    }),
  name: z.string().max(1000).optional().openapi({
    description:
      'The original file name, for display only: the last path segment is kept, control characters removed, at most 200 characters. The type is read from the content, never from the name.',
    example: 'passport.jpg',
  }),
});

const box = z
  .object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() })
  .openapi({ description: 'Where the MRZ is, in pixels of the upright image.' });

const finding = z
  .looseObject({
    kind: z.string().openapi({ example: 'editing-software' }),
    strength: z.enum(['strong', 'weak']),
    detail: z.string(),
  })
  .openapi('DocumentFinding');

const mrz = z
  .looseObject({
    source: z
      .enum(['ocr', 'text'])
      .openapi({ description: 'ocr: read from the image; text: the PDF text layer' }),
    found: z.boolean(),
    lines: z.array(z.string()).openapi({ description: 'The MRZ lines as read and corrected' }),
    format: z.string().nullable().openapi({ example: 'TD3' }),
    confidence: z.number().openapi({ description: 'OCR confidence 0..100 (100 for a text layer)' }),
    rotation: z
      .number()
      .int()
      .openapi({ description: 'Quarter turns clockwise applied to make the image upright' }),
    skewDegrees: z.number(),
    box: box.nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    valid: z.boolean().openapi({ description: 'Structure, check digits and state codes all pass' }),
    problems: z.array(z.string()),
    fields: z.record(z.string(), z.string()).openapi({
      description:
        'surname, givenNames, documentNumber, nationality, dateOfBirth (YYYY-MM-DD), sex, expiry (YYYY-MM-DD), issuingState: those read',
    }),
  })
  .openapi('DocumentMrzReading');

const analysis = z
  .looseObject({
    analyzedAt: z.string(),
    ms: z.number(),
    mrz: mrz.nullable(),
    forensics: z.looseObject({
      metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).openapi({
        description:
          'Flat metadata: software, producer, creator, make, model, createDate, modifyDate, dateTimeOriginal, incrementalSaves, jpegQuality, …',
      }),
      findings: z.array(finding).openapi({ description: 'Forensic findings, strong ones first' }),
      perceptualHash: z
        .string()
        .nullable()
        .openapi({ description: '64-bit perceptual hash, 16 hex characters' }),
      ela: z
        .object({ meanDiff: z.number(), maxDiff: z.number(), suspicious: z.boolean() })
        .nullable()
        .openapi({ description: 'Error-level analysis statistics (the image: GET …/ela)' }),
    }),
    reuse: z
      .array(
        z.object({
          subjectId: z.string(),
          subjectName: z.string().nullable(),
          fileId: z.string().nullable(),
          distance: z
            .number()
            .int()
            .openapi({ description: 'Hamming distance of the perceptual hashes (bits)' }),
        }),
      )
      .openapi({ description: "Other subjects' documents with a near-identical image, closest first" }),
    notes: z.array(z.string()).openapi({ description: 'What could not be done and why' }),
  })
  .openapi('DocumentAnalysis');

export const DocumentFileViewSchema = z
  .looseObject({
    id: z.string(),
    subjectId: z.string(),
    name: z.string(),
    kind: z.string().openapi({ example: 'passport' }),
    mediaType: z.string().openapi({ example: 'image/jpeg', description: 'Sniffed from the content' }),
    bytes: z.number().int(),
    sha256: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    pages: z.number().int().nullable(),
    documentIndex: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Index of the item in bundle.documents' }),
    uploadedAt: z.string(),
    uploadedBy: z.string().openapi({ description: "The uploader's name" }),
    retainUntil: z.string().openapi({ description: 'When retention deletes the file' }),
    deletedAt: z.string().nullable(),
    deletedReason: z.enum(['retention', 'manual']).nullable(),
    status: z.enum(['analyzing', 'analyzed', 'failed', 'deleted']),
    jobId: z.string().nullable(),
    error: z.string().nullable(),
    hasEla: z.boolean().openapi({ description: 'An error-level image is stored (GET …/ela)' }),
    analysis: analysis.nullable(),
  })
  .openapi('DocumentFile');

export const DocumentFileListSchema = z
  .object({ files: z.array(DocumentFileViewSchema) })
  .openapi('DocumentFiles');

export const DocumentUploadedSchema = z
  .object({
    file: DocumentFileViewSchema,
    documentIndex: z.number().int().openapi({ description: 'Index of the item in bundle.documents' }),
    jobId: z.string().nullable().openapi({ description: 'The analysis job (GET /jobs/{jobId})' }),
    existing: z.boolean().openapi({
      description:
        'The same bytes were already stored for this subject: that file is returned, nothing new stored',
    }),
  })
  .openapi('DocumentUploaded');

export const BinarySchema = z.string().openapi({ format: 'binary' });
