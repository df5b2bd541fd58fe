// Resumes: the body is the resume file itself (PDF, DOCX or text, at most 20 MB), read into the subject's
// bundle as evidence with source `resume` (services/import-resume.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../core/errors.ts';
import { RESUME_LIMITS, sniffResumeFormat } from '../../intel/resumes/index.ts';
import { importResume } from '../../services/import-resume.ts';
import { access, jsonResponse } from '../openapi.ts';
import { actorOf, type ServerApp } from '../types.ts';
import { chunksOf, declaredLength } from './body-stream.ts';
import { IdParamSchema } from './common.schemas.ts';
import { ResumeImportedSchema, ResumeQuerySchema } from './resumes.schemas.ts';

const tags = ['Subjects'];
const LIMIT_MB = RESUME_LIMITS.maxFileBytes / 1024 / 1024;
const binary = { schema: z.string().openapi({ format: 'binary' }) };

const upload = createRoute({
  ...access('subjects:write', {
    body: 'stream',
    description: `The body is the resume file itself (PDF, Word .docx or plain text; the type is read from the content), at most ${LIMIT_MB} MB. What is read becomes evidence with source \`resume\`: \`bundle.resume\` (file, sha256, media type, text, contact details, technologies), the \`employment[]\` and \`education[]\` items with source \`resume\` are replaced by the new reading (items from other sources stay), missing GitHub/LinkedIn/portfolio links are added to \`subject.profiles\`; the subject is re-assessed. The same file again changes nothing. 413 when the file is too large, 415 when it is not a PDF, DOCX or text file, 422 when it cannot be read (damaged, a zip bomb) or the result is not a valid bundle.`,
  }),
  method: 'post',
  path: '/subjects/{id}/resume',
  tags,
  summary: "Read a resume file into the subject's evidence and re-assess",
  request: {
    params: IdParamSchema,
    query: ResumeQuerySchema,
    body: {
      content: {
        'application/pdf': binary,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': binary,
        'text/plain': binary,
        'application/octet-stream': binary,
      },
      required: true,
    },
  },
  responses: {
    200: jsonResponse(ResumeImportedSchema, 'The updated subject and a summary of what was read'),
  },
});

function tooLarge(bytes: number | string): DomainError {
  return new DomainError(
    'payload_too_large',
    `The resume is ${bytes} bytes; the limit is ${RESUME_LIMITS.maxFileBytes} bytes (${LIMIT_MB} MB)`,
  );
}

/** The whole body, refusing it (413) by Content-Length before reading, or as soon as it passes the limit. */
async function readBounded(body: ReadableStream<Uint8Array> | null, declared: string | undefined) {
  const limit = RESUME_LIMITS.maxFileBytes;
  const length = declaredLength(declared);
  if (length !== undefined && length > limit) throw tooLarge(length);
  if (body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early cancels the rest of the upload (chunksOf).
  for await (const chunk of chunksOf(body)) {
    total += chunk.length;
    if (total > limit) throw tooLarge(`more than ${limit}`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export function registerResumeRoutes(api: ServerApp): void {
  api.openapi(upload, async (c) => {
    if (/^multipart\//i.test(c.req.header('content-type') ?? '')) {
      throw new HTTPException(415, {
        message: 'Send the resume file itself as the request body, not a multipart form',
      });
    }
    const bytes = await readBounded(c.req.raw.body, c.req.header('content-length'));
    if (bytes.length === 0)
      throw new DomainError('validation', 'The body is empty: send the resume file as the body');
    const format = sniffResumeFormat(bytes);
    if (format === 'unknown' || format === 'zip') {
      throw new HTTPException(415, {
        message:
          format === 'zip'
            ? 'The file is a zip archive but not a Word document (no word/document.xml); send a PDF, a .docx or a text file'
            : 'The file is not a PDF, a Word document (.docx) or text; old .doc files must be saved as .docx or PDF first',
      });
    }
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('query');
    return c.json(await importResume(c.var.ctx, actorOf(c), id, { bytes, name }), 200);
  });
}
