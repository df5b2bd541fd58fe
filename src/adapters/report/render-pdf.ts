// The report model as a PDF (pdfkit, no browser): cover with the band and reasons, timeline, signals with their
// evidence, identifiers, screenings, case and checklist, stored files, the manifest with its hashes, and the
// authorities' forms. Fonts are DejaVu from the dejavu-fonts-ttf package (embedded and subset, offline).
// Characters the font has no glyph for (Chinese, Japanese, Korean scripts, emoji) are printed as "?".
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { NOT_KNOWN } from '../../core/report/jurisdictions.ts';
import type { ReportModel } from '../../core/report/report-model.ts';
import type { Band, Severity } from '../../core/types.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  mono: path.join(FONT_DIR, 'DejaVuSansMono.ttf'),
};

const BAND_COLOURS: Record<Band, string> = {
  low: '#2f9e44',
  elevated: '#e8a317',
  high: '#e8590c',
  critical: '#c92a2a',
};
const SEVERITY_COLOURS: Record<Severity, string> = {
  low: '#495057',
  medium: '#b08900',
  high: '#e8590c',
  critical: '#c92a2a',
};
const GREY = '#5c636a';
const INK = '#212529';

/** Scripts DejaVu Sans does not cover (CJK, Hangul, kana, emoji and other astral characters). */
const UNCOVERED =
  /[\u1100-\u11FF\u2E80-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, ' ').replace(UNCOVERED, '?');
}

type Doc = InstanceType<typeof PDFDocument>;

class Writer {
  readonly doc: Doc;
  readonly left: number;
  readonly width: number;

  constructor(doc: Doc) {
    this.doc = doc;
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  ensure(height: number): void {
    if (this.doc.y + height > this.bottom()) this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 | 3 = 1): void {
    const size = level === 1 ? 16 : level === 2 ? 12.5 : 10.5;
    this.ensure(size * 3);
    if (level === 1) this.doc.moveDown(0.6);
    else this.doc.moveDown(0.4);
    this.doc.font('bold').fontSize(size).fillColor(INK).text(printable(text), this.left, this.doc.y, {
      width: this.width,
    });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.6)
        .strokeColor('#adb5bd')
        .stroke();
      this.doc.y = y + 6;
    } else this.doc.moveDown(0.2);
  }

  para(
    text: string,
    options: { size?: number; colour?: string; font?: 'regular' | 'bold' | 'mono' } = {},
  ): void {
    const size = options.size ?? 9.5;
    this.doc.font(options.font ?? 'regular').fontSize(size);
    const value = printable(text);
    this.ensure(Math.min(this.doc.heightOfString(value, { width: this.width }), size * 4));
    this.doc.fillColor(options.colour ?? INK).text(value, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.25);
  }

  bullet(text: string, size = 9.5): void {
    this.doc.font('regular').fontSize(size);
    const value = printable(text);
    const indent = 12;
    this.ensure(Math.min(this.doc.heightOfString(value, { width: this.width - indent }), size * 4));
    const y = this.doc.y;
    this.doc.fillColor(INK).text('•', this.left, y, { width: indent });
    this.doc.text(value, this.left + indent, y, { width: this.width - indent });
    this.doc.moveDown(0.15);
  }

  /** A two-column row: label on the left, value wrapping on the right. */
  row(
    label: string,
    value: string | null,
    options: { mono?: boolean; labelWidth?: number; missing?: string } = {},
  ): void {
    const size = 8.8;
    const labelWidth = options.labelWidth ?? 165;
    const valueWidth = this.width - labelWidth - 8;
    const shown = printable(value ?? options.missing ?? NOT_KNOWN);
    const valueFont = value === null ? 'regular' : options.mono ? 'mono' : 'regular';
    this.doc.font('bold').fontSize(size);
    const hl = this.doc.heightOfString(printable(label), { width: labelWidth });
    const valueSize = valueFont === 'mono' ? 7.6 : size;
    this.doc.font(valueFont).fontSize(valueSize);
    const hv = this.doc.heightOfString(shown, { width: valueWidth });
    this.ensure(Math.min(Math.max(hl, hv), 200));
    const y = this.doc.y;
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor(GREY)
      .text(printable(label), this.left, y, { width: labelWidth });
    const afterLabel = this.doc.y;
    this.doc
      .font(valueFont)
      .fontSize(valueSize)
      .fillColor(value === null ? '#868e96' : INK)
      .text(shown, this.left + labelWidth + 8, y, { width: valueWidth });
    // A value that ran onto a new page ends there; otherwise continue below the taller column.
    this.doc.y = this.doc.y < y ? this.doc.y : Math.max(this.doc.y, afterLabel);
    this.doc.moveDown(0.2);
  }

  badge(text: string, colour: string): void {
    this.doc.font('bold').fontSize(13);
    const w = this.doc.widthOfString(text) + 20;
    this.ensure(30);
    const y = this.doc.y;
    this.doc.roundedRect(this.left, y, w, 24, 4).fill(colour);
    this.doc.fillColor('#ffffff').text(text, this.left + 10, y + 5, { width: w - 20, lineBreak: false });
    this.doc.fillColor(INK);
    this.doc.y = y + 32;
    this.doc.x = this.left;
  }
}

const day = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '');

function cover(w: Writer, m: ReportModel): void {
  const d = w.doc;
  d.font('regular').fontSize(9).fillColor(GREY).text('Gatecheck — hiring-integrity case report', w.left, d.y);
  d.moveDown(0.6);
  d.font('bold')
    .fontSize(22)
    .fillColor(INK)
    .text(printable(m.subject.name ?? m.subject.id), w.left, d.y, {
      width: w.width,
    });
  const facts = [m.subject.id, m.subject.kind, m.subject.role, m.subject.claimedLocation].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  w.para(facts.join(' · '), { colour: GREY });
  d.moveDown(0.4);
  const band = m.summary.band;
  if (band) w.badge(`${band.toUpperCase()} — score ${m.summary.score}/100`, BAND_COLOURS[band]);
  else w.badge('NOT ASSESSED', GREY);
  w.para(m.summary.headline, { size: 11 });
  w.heading('Why', 2);
  if (m.summary.reasons.length === 0) w.para('No signals fired.');
  for (const r of m.summary.reasons) w.bullet(r);
  const s = m.summary.bySeverity;
  w.para(
    `${m.summary.signalCount} signal(s): ${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low.`,
    { colour: GREY },
  );
  w.heading('About this report', 2);
  w.row('Snapshot', m.snapshot.id, { mono: true });
  w.row('Evidence frozen at', day(m.snapshot.createdAt));
  w.row('Frozen by', m.snapshot.createdBy);
  w.row('Why it was frozen', m.snapshot.reason);
  w.row('Manifest hash (SHA-256)', m.snapshot.manifestHash, { mono: true });
  w.row('Assessed at', day(m.summary.assessedAt) || null, { missing: 'not assessed' });
  w.row('Report written at', day(m.generatedAt));
  w.para(m.disclaimer, { size: 8.5, colour: GREY });
}

function timeline(w: Writer, m: ReportModel): void {
  w.heading('Timeline');
  if (m.timeline.length === 0) w.para('No dated events.');
  for (const item of m.timeline) {
    const detail = item.detail ? ` — ${item.detail}` : '';
    w.row(day(item.at), `${item.title}${detail}`, { labelWidth: 95 });
  }
}

function signals(w: Writer, m: ReportModel): void {
  w.heading('Signals and their evidence');
  if (m.signals.length === 0) w.para('No signals fired.');
  for (const s of m.signals) {
    w.ensure(60);
    w.doc.moveDown(0.3);
    w.doc
      .font('bold')
      .fontSize(10.5)
      .fillColor(SEVERITY_COLOURS[s.severity])
      .text(`${s.severity.toUpperCase()}  ${printable(s.title)}`, w.left, w.doc.y, { width: w.width });
    w.para(s.id, { font: 'mono', size: 8.5, colour: GREY });
    w.para(s.explanation);
    for (const e of s.evidence) w.row(e.path, e.value || '(empty)', { labelWidth: 130 });
    if (s.howToVerify) w.row('How to check', s.howToVerify, { labelWidth: 130 });
    if (s.sources.length > 0)
      w.row(
        'Advisories',
        s.sources
          .map((src) => `${src.publisher}: ${src.title}${src.year ? ` (${src.year})` : ''}`)
          .join('; '),
        { labelWidth: 130 },
      );
  }
  if (m.summary.notEvaluated.length > 0) {
    w.heading('Checks not evaluated (no data yet)', 2);
    for (const g of m.summary.notEvaluated) w.row(g.title, g.step, { labelWidth: 130 });
  }
}

function identifiers(w: Writer, m: ReportModel): void {
  w.heading('Identifiers');
  w.para(
    'Emails, phones, addresses, bank accounts, crypto wallets, internet addresses and accounts found in the evidence, with where each was found.',
    { colour: GREY, size: 8.8 },
  );
  if (m.identifiers.length === 0) w.para('None recorded.');
  for (const id of m.identifiers) {
    const note = id.note ? ` (${id.note})` : '';
    w.row(id.label, `${id.value}   [${id.path}]${note}`, { labelWidth: 110 });
  }
}

function screenings(w: Writer, m: ReportModel): void {
  const s = m.screenings;
  w.heading('Sanctions screening');
  if (!s.available)
    w.para('Sanctions lists were not loaded in this instance when the snapshot was made: not screened.', {
      colour: GREY,
    });
  else w.row('Lists screened', s.listVersion);
  for (const p of s.parties) {
    const result =
      p.matches.length === 0
        ? 'no match'
        : p.matches
            .map(
              (x) =>
                `${x.name} — ${x.listTitle}, entry ${x.entryId}, score ${x.score}, ${x.severity}${x.programs.length ? ` (${x.programs.join(', ')})` : ''}`,
            )
            .join('; ');
    w.row(`${p.name} (${p.role})`, s.available ? result : null, { labelWidth: 160, missing: 'not screened' });
  }
  for (const wal of s.wallets) {
    const result =
      wal.hits.length === 0
        ? 'not on the wallet lists'
        : wal.hits.map((h) => `${h.source}${h.entityName ? `: ${h.entityName}` : ''}`).join('; ');
    w.row(`Wallet ${wal.address}`, s.available ? result : null, { labelWidth: 160, missing: 'not screened' });
  }
  if (s.dismissals.length > 0) {
    w.heading('Matches dismissed by an investigator', 3);
    for (const d of s.dismissals)
      w.row(`${d.list} ${d.entryId}`, `${d.matchedName ?? ''} — ${d.reason} (${day(d.at)})`, {
        labelWidth: 160,
      });
  }
}

function caseState(w: Writer, m: ReportModel): void {
  w.heading('Case and checklist');
  w.row('Status', m.case.statusLabel);
  w.row('Assigned to', m.case.assignee?.name ?? null, { missing: 'nobody' });
  w.row('Opened', day(m.case.openedAt));
  if (m.case.checklist) {
    w.heading('Due-diligence checklist', 2);
    const done = m.case.checklist.filter((i) => i.status !== 'open').length;
    w.para(`${done} of ${m.case.checklist.length} steps done or not applicable.`, {
      colour: GREY,
      size: 8.8,
    });
    let group = '';
    for (const item of m.case.checklist) {
      if (item.group !== group) {
        group = item.group;
        w.heading(group, 3);
      }
      const by = item.updatedBy ? ` — ${item.updatedBy}, ${day(item.updatedAt)}` : '';
      const state = item.status === 'not_applicable' ? 'not applicable' : item.status;
      w.row(item.title, `${state}${item.note ? ` — ${item.note}` : ''}${by}`, { labelWidth: 250 });
    }
  } else if (m.checklistNote) w.para(m.checklistNote, { colour: GREY, size: 8.8 });
  if (m.case.notes.length > 0) {
    w.heading('Notes', 3);
    for (const n of m.case.notes) w.row(`${day(n.at)} ${n.author}`, n.text, { labelWidth: 150 });
  }
  if (m.case.events.length > 0) {
    w.heading('Case history', 3);
    for (const e of m.case.events)
      w.row(day(e.at), `${e.kind}${e.from || e.to ? ` ${e.from ?? ''} → ${e.to ?? ''}` : ''} by ${e.actor}`, {
        labelWidth: 95,
      });
  }
}

function files(w: Writer, m: ReportModel): void {
  w.heading('Stored files');
  if (m.files.length === 0) w.para('No files stored for this person.');
  for (const f of m.files) {
    const deleted = f.deletedAt ? ` (file deleted ${day(f.deletedAt)}; hash kept)` : '';
    w.row(`${f.kind}: ${f.name}${deleted}`, f.sha256, { mono: true, labelWidth: 170 });
  }
}

function manifest(w: Writer, m: ReportModel): void {
  w.heading('Manifest and hashes');
  w.para(
    'Each part of the snapshot is hashed with SHA-256 over its JSON with keys sorted; the manifest lists those hashes and is hashed in turn. The manifest hash is also written in the tamper-evident audit log. Gatecheck can recompute them at any time (Verify on the subject page, or GET /api/v1/snapshots/{id}/verify).',
    { size: 8.8, colour: GREY },
  );
  w.row('Algorithm', `${m.snapshot.manifest.algorithm}, ${m.snapshot.manifest.canonicalization}`);
  for (const [name, hash] of Object.entries(m.snapshot.manifest.parts))
    w.row(`Part: ${name}`, hash, { mono: true, labelWidth: 120 });
  w.row('Manifest hash', m.snapshot.manifestHash, { mono: true, labelWidth: 120 });
}

function jurisdictions(w: Writer, m: ReportModel): void {
  w.heading('Reporting to the authorities');
  w.para(
    `What each authority's form asks for, with what this case already holds. "${NOT_KNOWN}" marks what you must add. Ask your lawyer which reports apply to your organisation.`,
    { size: 8.8, colour: GREY },
  );
  for (const section of m.jurisdictions) {
    w.heading(section.title, 2);
    for (const form of section.forms) {
      w.heading(`${form.authority} — ${form.form}`, 3);
      w.para(form.when, { size: 8.8, colour: GREY });
      w.para(form.where, { size: 8.5, colour: '#1c7ed6' });
      for (const f of form.fields) w.row(f.label, f.value);
    }
  }
}

function footers(doc: Doc, m: ReportModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(
        printable(
          `${m.subject.name ?? m.subject.id} · snapshot ${m.snapshot.id} · manifest ${m.snapshot.manifestHash.slice(0, 16)}… · page ${i + 1} of ${range.count}`,
        ),
        doc.page.margins.left,
        doc.page.height - 30,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report; resolves with the PDF bytes. */
export function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
      bufferPages: true,
      info: {
        Title: printable(model.title),
        Author: 'Gatecheck',
        Subject: `Snapshot ${model.snapshot.id}, manifest ${model.snapshot.manifestHash}`,
        CreationDate: new Date(model.generatedAt),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    try {
      doc.registerFont('regular', FONTS.regular);
      doc.registerFont('bold', FONTS.bold);
      doc.registerFont('mono', FONTS.mono);
      const w = new Writer(doc);
      cover(w, model);
      doc.addPage();
      signals(w, model);
      identifiers(w, model);
      timeline(w, model);
      screenings(w, model);
      caseState(w, model);
      files(w, model);
      manifest(w, model);
      doc.addPage();
      jurisdictions(w, model);
      footers(doc, model);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
