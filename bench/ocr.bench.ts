// MRZ OCR time per document image, with memory, next to a baseline in the same process: the whole page
// OCR'd by tesseract.js (same engine, model, alphabet; automatic page layout) and its lines run through the
// same MRZ correction, without finding, cropping, turning or deskewing the band first.
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { correctMrz } from '../src/intel/documents/ocr/correct.ts';
import { createMrzReader } from '../src/intel/documents/ocr/index.ts';
import { LANG_PATH } from '../src/intel/documents/ocr/reader.ts';
import {
  buildMrz,
  makeVariant,
  PERSON,
  printedFromPerson,
  renderIdImage,
  type Variant,
} from '../test/documents/id-images.ts';

type Row = {
  image: string;
  pixels: string;
  kb: number;
  ms: number;
  read: string;
  baselineMs: number;
  baselineRead: string;
  /** Resident memory of the whole process at its peak while reading this image. */
  rssMb: number;
  /** The same peak minus the process before the reader existed: the worker, its wasm heap, sharp's buffers. */
  readerMb: number;
};

const ITERATIONS = 3;

function verdict(lines: string[] | null, truth: string[]): string {
  if (!lines || lines.length === 0) return 'not found';
  return lines.join('\n') === truth.join('\n') ? 'exact' : 'wrong';
}

export async function runOcrBench(): Promise<{ rows: Row[]; startup: { ms: number; rssMb: number } }> {
  const lines = buildMrz('TD3', PERSON);
  const td1Person = { ...PERSON, documentCode: 'I' };
  const td1Lines = buildMrz('TD1', td1Person);
  const page = (await renderIdImage({ format: 'TD3', lines, printed: printedFromPerson(PERSON) })).png;
  const card = (
    await renderIdImage({ format: 'TD1', lines: td1Lines, printed: printedFromPerson(td1Person, true) })
  ).png;
  const variant = (v: Variant) => makeVariant(page, v);
  const images: [string, Buffer, string[]][] = [
    ['TD3 clean PNG', page, lines],
    ['TD3 turned 90°', await variant('rotate90'), lines],
    ['TD3 blurred', await variant('blur'), lines],
    ['TD3 JPEG q60', await variant('jpeg60'), lines],
    ['TD1 card clean', card, td1Lines],
    ['TD3 12 MP phone photo', await variant('phone'), lines],
    ['page without MRZ', (await renderIdImage({ format: 'TD3', lines, printed: [], mrz: false })).png, []],
  ];

  // The pipeline first, on its own, so the resident-memory peak is its own (worker, wasm heap, sharp).
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const reader = await createMrzReader();
  const startup = {
    ms: Math.round(performance.now() - t0),
    rssMb: Math.round((process.memoryUsage().rss - rss0) / 1024 / 1024),
  };
  const rows: Row[] = [];
  try {
    for (const [name, bytes, truth] of images) {
      const meta = await sharp(bytes).metadata();
      await reader.read(bytes); // warm-up
      let peak = process.memoryUsage().rss;
      let read = '';
      const start = performance.now();
      for (let i = 0; i < ITERATIONS; i++) {
        const r = await reader.read(bytes);
        read = truth.length
          ? verdict(r.found ? r.lines : null, truth)
          : r.found
            ? 'false MRZ'
            : 'none (right)';
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      rows.push({
        image: name,
        pixels: `${meta.width}×${meta.height}`,
        kb: Math.round(bytes.length / 1024),
        ms: Math.round((performance.now() - start) / ITERATIONS),
        read,
        baselineMs: 0,
        baselineRead: '',
        rssMb: Math.round(peak / 1024 / 1024),
        readerMb: Math.round((peak - rss0) / 1024 / 1024),
      });
    }
  } finally {
    await reader.close();
  }

  const baseline = await Tesseract.createWorker(
    'eng',
    Tesseract.OEM.LSTM_ONLY,
    { langPath: LANG_PATH, cacheMethod: 'none', gzip: true },
    { load_system_dawg: '0', load_freq_dawg: '0' },
  );
  try {
    await baseline.setParameters({
      tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<',
      tessedit_pageseg_mode: Tesseract.PSM.AUTO,
      user_defined_dpi: '300',
      debug_file: '/dev/null',
    });
    const fullPage = async (bytes: Buffer) => {
      const png = await sharp(bytes)
        .autoOrient()
        .greyscale()
        .normalise()
        .png({ compressionLevel: 1 })
        .toBuffer();
      const text = (await baseline.recognize(png, {}, { text: true })).data.text;
      return correctMrz(text.split('\n'))?.lines ?? null;
    };
    for (const [i, [, bytes, truth]] of images.entries()) {
      const row = rows[i] as Row;
      await fullPage(bytes); // warm-up
      const start = performance.now();
      for (let k = 0; k < ITERATIONS; k++) {
        const got = await fullPage(bytes);
        row.baselineRead = truth.length ? verdict(got, truth) : got ? 'false MRZ' : 'none (right)';
      }
      row.baselineMs = Math.round((performance.now() - start) / ITERATIONS);
    }
  } finally {
    await baseline.terminate();
  }
  return { rows, startup };
}
