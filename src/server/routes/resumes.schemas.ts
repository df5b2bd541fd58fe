import { z } from '@hono/zod-openapi';
import { SubjectDetailSchema } from './subjects.schemas.ts';

export const ResumeQuerySchema = z.object({
  name: z
    .string()
    .max(1000)
    .optional()
    .openapi({
      param: { name: 'name', in: 'query' },
      description:
        'The original file name, kept (without folders, at most 200 characters) as resume.file; the type is read from the content, never the name.',
      example: 'jordan-lee-cv.pdf',
    }),
});

export const ResumeSummarySchema = z
  .looseObject({
    file: z.string(),
    format: z.enum(['pdf', 'docx', 'text']),
    mediaType: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    pages: z.number().int().nullable(),
    characters: z.number().int().openapi({ description: 'Characters of text read from the file.' }),
    textTruncated: z
      .boolean()
      .openapi({ description: 'Only the first 200,000 characters were kept in resume.text.' }),
    name: z
      .string()
      .nullable()
      .openapi({ description: 'The name at the top of the resume, when one was read.' }),
    location: z.string().nullable(),
    emails: z.number().int(),
    phones: z.number().int(),
    links: z.number().int(),
    employment: z
      .number()
      .int()
      .openapi({ description: 'Employment entries read (employment[] with source resume).' }),
    education: z.number().int(),
    technologies: z.number().int(),
    replaced: z
      .object({ employment: z.number().int(), education: z.number().int() })
      .openapi({ description: 'Items with source resume that the new reading replaced.' }),
    profilesAdded: z.array(z.string()).openapi({ description: 'Profile URLs added to subject.profiles.' }),
    changed: z.boolean().openapi({ description: 'False when the subject already had exactly this reading.' }),
    fileId: z
      .string()
      .nullable()
      .openapi({ description: 'The stored original file, when file storage is on.' }),
  })
  .openapi('ResumeImportSummary');

export const ResumeImportedSchema = z
  .object({ subject: SubjectDetailSchema, summary: ResumeSummarySchema })
  .openapi('ResumeImported');
