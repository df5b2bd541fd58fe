// Document forensics per file: metadata (header + EXIF/XMP/IPTC + quantisation tables), decoding, the JPEG
// ghost, error-level analysis (with the localisation test), the perceptual hashes, and the whole
// analyzeForensics call, with memory. Files are generated (test/documents/forensic-fixtures.ts): a phone
// photo of an ID card at 2 MP and 12 MP, the 2 MP one saved twice, a PNG, and a one-page scanner PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  analyzeForensics,
  errorLevelAnalysis,
  estimateJpegQuality,
  findJpegGhost,
  perceptualHashes,
  readImageMetadata,
  readQuantTables,
} from '../src/intel/documents/forensics/index.ts';
import * as fx from '../test/documents/forensic-fixtures.ts';

type Row = {
  file: string;
  kb: number;
  megapixels: number;
  metadataMs: number;
  decodeMs: number;
  ghostMs: number;
  elaMs: number;
  phashMs: number;
  totalMs: number;
  heapMb: number;
  /** Peak resident memory of a fresh process analysing the file once, minus the same process idle. */
  rssMb: number;
};

const INDEX = path.resolve(import.meta.dirname, '../src/intel/documents/forensics/index.ts');

/** Peak RSS (MB) of a fresh Node process that imports forensics and, when `file` is given, analyses it. */
function freshProcessPeakMb(file: string | null, mediaType: string): number {
  const script = `import { analyzeForensics } from ${JSON.stringify(INDEX)};
import { readFileSync } from 'node:fs';
const file = ${JSON.stringify(file)};
if (file) await analyzeForensics(readFileSync(file), ${JSON.stringify(mediaType)});
// VmHWM is this process's own peak (maxRSS may carry the parent's over from the fork).
let kb = process.resourceUsage().maxRSS;
try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? kb); } catch {}
process.stdout.write(String(kb));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(out.trim()) / 1024;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function time(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - t0) / iterations;
}

async function decode(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes)
    .rotate()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function measure(file: string, bytes: Uint8Array, mediaType: string, iterations: number): Promise<Row> {
  const isImage = mediaType !== 'application/pdf';
  let metadataMs = 0;
  let decodeMs = 0;
  let ghostMs = 0;
  let elaMs = 0;
  let phashMs = 0;
  let megapixels = 0;
  if (isImage) {
    const header = await sharp(bytes).metadata();
    megapixels = ((header.width ?? 0) * (header.height ?? 0)) / 1e6;
    const format = mediaType === 'image/jpeg' ? 'jpeg' : 'png';
    metadataMs = await time(iterations, async () => {
      const h = await sharp(bytes, { limitInputPixels: false }).metadata();
      await readImageMetadata(bytes, format, h);
      if (format === 'jpeg') estimateJpegQuality(readQuantTables(bytes));
    });
    decodeMs = await time(iterations, () => decode(bytes));
    const pixels = await decode(bytes);
    const quality = format === 'jpeg' ? estimateJpegQuality(readQuantTables(bytes)) : null;
    const ghost = quality === null ? null : await findJpegGhost(pixels, quality);
    if (quality !== null) ghostMs = await time(iterations, () => findJpegGhost(pixels, quality));
    elaMs = await time(iterations, () => errorLevelAnalysis(pixels, ghost?.quality ?? null));
    phashMs = await time(iterations, () =>
      perceptualHashes(
        sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } }),
      ),
    );
  }
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let heapPeak = heap0;
  const totalMs = await time(iterations, async () => {
    await analyzeForensics(bytes, mediaType);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-forensics-'));
  let rssMb: number;
  try {
    const file = path.join(dir, 'document');
    writeFileSync(file, bytes);
    rssMb = freshProcessPeakMb(file, mediaType) - freshProcessPeakMb(null, mediaType);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    file,
    kb: Math.round(bytes.length / 1024),
    megapixels: round(megapixels),
    metadataMs: round(metadataMs),
    decodeMs: round(decodeMs),
    ghostMs: round(ghostMs),
    elaMs: round(elaMs),
    phashMs: round(phashMs),
    totalMs: round(totalMs),
    heapMb: round((heapPeak - heap0) / 1024 / 1024),
    rssMb: round(rssMb),
  };
}

export async function runForensicsBench(): Promise<Row[]> {
  sharp.cache(false);
  const photo2mp = await fx.capturedRaw(fx.PERSON_A, 1, 1600);
  const photo12mp = await fx.capturedRaw(fx.PERSON_A, 1, 4000);
  const files: [string, Uint8Array, string, number][] = [
    ['phone JPEG 2 MP', await fx.cameraJpeg(photo2mp), 'image/jpeg', 10],
    ['phone JPEG 12 MP', await fx.cameraJpeg(photo12mp), 'image/jpeg', 3],
    ['JPEG saved twice 2 MP', await fx.doubleCompressedJpeg(photo2mp, 75, 92), 'image/jpeg', 10],
    ['spliced JPEG 2 MP', (await fx.splicedJpeg()).jpeg, 'image/jpeg', 10],
    ['GIMP PNG 0.4 MP', await fx.gimpPng(), 'image/png', 10],
    ['scanner PDF, 1 page', await fx.buildPdf({ producer: 'Canon iR-ADV C5535 PDF' }), 'application/pdf', 20],
  ];
  const rows: Row[] = [];
  for (const [name, bytes, type, iterations] of files)
    rows.push(await measure(name, bytes, type, iterations));
  return rows;
}
