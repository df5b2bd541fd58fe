// Read a resume file: extract its text (PDF, DOCX, plain text, sniffed from the bytes) and parse it.
import { type ExtractedResume, extractResumeText, RESUME_LIMITS, type ResumeFormat } from './extract.ts';
import { type ParsedResume, parseResumeText } from './parse.ts';

export * from './extract.ts';
export * from './parse.ts';

export type ResumeReading = ParsedResume & {
  format: ResumeFormat;
  pages: number | null;
  /** An embedded image (PDF image object or DOCX media file): often the candidate's photo. */
  photo: boolean;
  embeddedImages: number;
  characters: number;
};

export async function readResume(
  bytes: Uint8Array,
  options: { defaultCountry?: string; limits?: typeof RESUME_LIMITS } = {},
): Promise<ResumeReading & { text: string }> {
  const extracted: ExtractedResume = await extractResumeText(bytes, options.limits ?? RESUME_LIMITS);
  const parsed = parseResumeText(extracted.text, { defaultCountry: options.defaultCountry });
  return {
    format: extracted.format,
    pages: extracted.pages,
    photo: extracted.embeddedImages > 0,
    embeddedImages: extracted.embeddedImages,
    characters: extracted.text.length,
    ...parsed,
    text: extracted.text,
  };
}
