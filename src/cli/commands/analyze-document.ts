// `gatecheck document <file> [--json] [--ela out.png]`: analyse a local ID document or paper without storing
// anything: what it is (from its content), size and pixels, the MRZ (OCR of images, the text layer of PDFs)
// with its checks, forensic findings and error-level statistics; `--ela` writes the error-level image.
// Exit 0 clean, 1 findings, an invalid MRZ or a file refused (type, limits, damage); 2 usage or unreadable.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { loadConfig } from '../../config/config.ts';
import { analyzeDocument, type DocumentAnalysis, type MrzReading } from '../../intel/documents/analyze.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export type DocumentCommandOptions = { json?: boolean; ela?: string };

const count = (n: number) => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Whether the result calls for a closer look: any forensic finding, or an MRZ that was read but fails. */
export function needsAttention(a: DocumentAnalysis): boolean {
  return a.forensics.findings.length > 0 || (a.mrz?.found === true && !a.mrz.valid);
}

const FIELD_LABELS: [string, string][] = [
  ['surname', 'surname'],
  ['givenNames', 'given names'],
  ['documentNumber', 'number'],
  ['nationality', 'nationality'],
  ['dateOfBirth', 'born'],
  ['sex', 'sex'],
  ['expiry', 'expires'],
  ['issuingState', 'issued by'],
];

function formatMrz(m: MrzReading): string[] {
  if (!m.found) return [`MRZ: not found (${m.problems[0] ?? 'no machine-readable zone'})`];
  const how =
    m.source === 'text'
      ? 'from the PDF text layer'
      : `read by OCR, confidence ${Math.round(m.confidence)}${m.rotation === 0 ? '' : `, turned ${m.rotation}°`}`;
  const out = [`MRZ (${how}): ${m.format ?? 'unknown format'}, ${m.valid ? 'valid' : 'INVALID'}`];
  for (const line of m.lines) out.push(`  ${line}`);
  const fields = FIELD_LABELS.filter(([k]) => m.fields[k] !== undefined).map(
    ([k, label]) => `${label} ${m.fields[k]}`,
  );
  if (fields.length > 0) out.push(`  ${fields.join(', ')}`);
  for (const p of m.problems) out.push(`  problem: ${p}`);
  return out;
}

export function formatDocumentAnalysis(file: string, a: DocumentAnalysis, elaPath: string | null): string {
  const out: string[] = [];
  const pixels = a.width !== null && a.height !== null ? a.width * a.height : 0;
  const dims =
    a.width !== null && a.height !== null
      ? `, ${count(a.width)} × ${count(a.height)} pixels${pixels >= 100_000 ? ` (${Number((pixels / 1e6).toPrecision(3))} million)` : ''}`
      : '';
  const pages = a.pages === null ? '' : `, ${a.pages} page${a.pages === 1 ? '' : 's'}`;
  out.push(`${file}: ${a.label}${dims}${pages}, ${size(a.bytes)}`);
  out.push(`  sha256 ${a.sha256}`);
  out.push('');
  if (a.mrz !== null) out.push(...formatMrz(a.mrz), '');
  const findings = [...a.forensics.findings].sort(
    (x, y) => Number(y.strength === 'strong') - Number(x.strength === 'strong'),
  );
  if (findings.length === 0) out.push('Findings: none');
  else {
    out.push(`Findings (${findings.length}, strongest first)`);
    for (const f of findings) out.push(`  ${f.strength.padEnd(7)}${f.kind}: ${f.detail}`);
  }
  const ela = a.forensics.ela;
  if (ela !== null)
    out.push(
      `Error-level analysis: mean difference ${ela.meanDiff.toFixed(2)}, largest ${ela.maxDiff.toFixed(0)}${ela.suspicious ? ', uneven (suspicious)' : ', even'}${elaPath === null ? '' : `; image written to ${elaPath}`}`,
    );
  if (a.forensics.perceptualHash !== null) out.push(`Perceptual hash: ${a.forensics.perceptualHash}`);
  const meta = Object.entries(a.forensics.metadata);
  if (meta.length > 0) {
    out.push('', 'Metadata');
    const width = Math.max(...meta.map(([k]) => k.length)) + 2;
    for (const [k, v] of meta) out.push(`  ${k.padEnd(width)}${String(v)}`);
  }
  if (a.notes.length > 0) {
    out.push('', 'Notes');
    for (const n of a.notes) out.push(`  ${n}`);
  }
  out.push('', needsAttention(a) ? 'Result: look closer (see above)' : 'Result: nothing found');
  return `${out.join('\n')}\n`;
}

/** The JSON printed by --json: the analysis with the error-level statistics, not the image bytes. */
export function documentJson(file: string, a: DocumentAnalysis, elaPath: string | null) {
  const { ela } = a.forensics;
  return {
    file,
    ...a,
    forensics: {
      ...a.forensics,
      ela: ela === null ? null : { meanDiff: ela.meanDiff, maxDiff: ela.maxDiff, suspicious: ela.suspicious },
    },
    elaImage: elaPath,
    attention: needsAttention(a),
  };
}

export async function analyzeDocumentCommand(file: string, options: DocumentCommandOptions): Promise<number> {
  const info = await stat(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  if (!info.isFile()) throw unreadableFile(file, { code: info.isDirectory() ? 'EISDIR' : undefined });
  const { documents: limits } = loadConfig();
  if (info.size > limits.maxBytes) {
    process.stderr.write(
      `gatecheck: ${file}: the file is ${size(info.size)}; the document limit is ${size(limits.maxBytes)} (GATECHECK_MAX_DOCUMENT_BYTES)\n`,
    );
    return 1;
  }
  const bytes = await readFile(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  let analysis: DocumentAnalysis;
  try {
    analysis = await analyzeDocument(bytes, { maxPixels: limits.maxPixels, now: new Date() });
  } catch (error) {
    process.stderr.write(`gatecheck: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let elaPath: string | null = null;
  if (options.ela !== undefined) {
    const ela = analysis.forensics.ela;
    if (ela === null) {
      process.stderr.write(
        `gatecheck: ${file}: no error-level image (it is made for images that could be decoded, not PDFs)\n`,
      );
    } else {
      await writeFile(options.ela, ela.png).catch((error: unknown) => {
        throw new UsageError(
          `cannot write ${options.ela}: ${(error as { code?: string }).code ?? (error as Error).message}`,
        );
      });
      elaPath = options.ela;
    }
  }
  process.stdout.write(
    options.json === true
      ? `${JSON.stringify(documentJson(file, analysis, elaPath), null, 2)}\n`
      : formatDocumentAnalysis(file, analysis, elaPath),
  );
  return needsAttention(analysis) ? 1 : 0;
}
