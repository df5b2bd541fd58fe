// Case report: building the report model from a snapshot (pure) and rendering the PDF (pdfkit, embedded DejaVu
// fonts), for the shipped example infiltrator and a heavy case (the same with 2,000 sign-ins from 400 addresses),
// next to the baseline of a one-page pdfkit document with the same fonts (what any PDF costs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { renderReportPdf } from '../src/adapters/report/render-pdf.ts';
import { assessPopulation } from '../src/core/assess.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { buildReport } from '../src/core/report/report-model.ts';
import type { CaseSnapshot } from '../src/core/report/snapshot.ts';
import { bundleTimeline } from '../src/services/get-timeline.ts';
import { screenBundle } from '../src/services/internal/snapshots.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../../shared/examples/02-clear-infiltrator.json');
const NOW = new Date('2026-06-01T00:00:00Z');
const FONT = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf/DejaVuSans.ttf',
);

type Row = {
  case: string;
  signals: number;
  modelMs: number;
  pdfMs: number;
  pages: number;
  kb: number;
  baselineMs: number;
};

function snapshotOf(bundle: CaseBundle): CaseSnapshot {
  const [assessment] = assessPopulation([bundle], { now: NOW });
  const hash = '0'.repeat(64);
  const parts: CaseSnapshot['parts'] = {
    bundle,
    assessment: assessment ? { id: 'a1', createdAt: NOW.toISOString(), trigger: 'bench', assessment } : null,
    screenings: screenBundle(bundle, undefined, []),
    case: {
      status: 'escalated',
      assignee: null,
      openedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      events: [],
      notes: [],
      checklist: null,
    },
    timeline: bundleTimeline(bundle, NOW),
    files: [],
  };
  const who = { kind: 'system', id: null, name: 'bench' };
  return {
    id: 'snap-1',
    subjectId: bundle.subject.id,
    createdAt: NOW.toISOString(),
    createdBy: who,
    reason: 'bench',
    manifestHash: hash,
    manifest: {
      algorithm: 'sha256',
      canonicalization: 'json-sorted-keys',
      snapshotId: 'snap-1',
      subjectId: bundle.subject.id,
      createdAt: NOW.toISOString(),
      createdBy: who,
      reason: 'bench',
      parts: { bundle: hash, assessment: hash, screenings: hash, case: hash, timeline: hash, files: hash },
    },
    parts,
  };
}

function baseline(): Promise<void> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    doc.on('data', () => {});
    doc.on('end', () => resolve());
    doc.registerFont('regular', FONT);
    doc.font('regular').fontSize(10).text('Gatecheck — one page of text for the baseline. '.repeat(40));
    doc.end();
  });
}

async function timeAsync(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

export async function runReportBench(): Promise<Row[]> {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as CaseBundle;
  const heavy: CaseBundle = {
    ...example,
    logins: Array.from({ length: 2000 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 3, 1) + i * 3_600_000).toISOString(),
      ip: `198.51.${Math.floor(i / 5) % 256}.${(i % 5) + 1}`,
      app: 'okta',
      country: i % 3 === 0 ? 'CN' : 'US',
    })),
  };
  const baselineMs = await timeAsync(10, baseline);
  const rows: Row[] = [];
  for (const [name, bundle] of [
    ['example infiltrator', example],
    ['2,000 sign-ins', heavy],
  ] as const) {
    const snapshot = snapshotOf(bundle);
    const t0 = performance.now();
    const model = buildReport(snapshot, NOW.toISOString());
    const modelMs = performance.now() - t0;
    let pdf: Uint8Array = new Uint8Array();
    const pdfMs = await timeAsync(3, async () => {
      pdf = await renderReportPdf(model);
    });
    const pages = (new TextDecoder('latin1').decode(pdf).match(/\/Type \/Page\b/g) ?? []).length;
    rows.push({
      case: name,
      signals: model.signals.length,
      modelMs: Math.round(modelMs * 10) / 10,
      pdfMs: Math.round(pdfMs),
      pages,
      kb: Math.round(pdf.byteLength / 1024),
      baselineMs: Math.round(baselineMs),
    });
  }
  return rows;
}
