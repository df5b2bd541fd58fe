// Resume parse time per file (PDF, DOCX, text) and memory, next to raw text extraction alone
// (unpdf/PDF.js text items, mammoth raw text, TextDecoder) on the same bytes.
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import { readResume } from '../src/intel/resumes/index.ts';
import { buildResumeDocx, buildResumePdf, RESUME_TEXT } from '../test/resumes/build.ts';

type Row = {
  file: string;
  bytes: number;
  baselineMs: number;
  parseMs: number;
  ratio: number;
  heapMb: number;
};

async function rawText(format: string, bytes: Uint8Array): Promise<string> {
  if (format === 'pdf') {
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str;
    }
    await doc.destroy();
    return text;
  }
  if (format === 'docx') return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  return new TextDecoder().decode(bytes);
}

async function time(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - t0) / iterations;
}

export async function runResumeParseBench(): Promise<Row[]> {
  const files: Array<[string, Uint8Array]> = [
    ['pdf', await buildResumePdf(undefined, { image: true })],
    ['docx', await buildResumeDocx(undefined, { image: true })],
    ['text', Buffer.from(RESUME_TEXT)],
  ];
  const rows: Row[] = [];
  for (const [format, bytes] of files) {
    const iterations = format === 'text' ? 2000 : 100;
    const baselineMs = await time(iterations, () => rawText(format, bytes));
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const parseMs = await time(iterations, async () => {
      await readResume(bytes);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    });
    rows.push({
      file: format,
      bytes: bytes.length,
      baselineMs: Math.round(baselineMs * 1000) / 1000,
      parseMs: Math.round(parseMs * 1000) / 1000,
      ratio: Math.round((parseMs / baselineMs) * 100) / 100,
      heapMb: Math.round(((peak - before) / 1024 / 1024) * 10) / 10,
    });
  }
  return rows;
}
