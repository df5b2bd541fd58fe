// MRZ print is monospaced on one grid: every line starts at the same column and every character takes the
// same pitch. OCR engines lose count in long filler runs (`<<<<<<<`) and now and then read one glyph twice;
// placing each recognised symbol into its column by its position, instead of trusting the string, undoes
// both: a doubled glyph lands in an occupied column, a lost filler leaves a column empty. Pure; no I/O.
import type { MrzCorrection } from './correct.ts';

export type OcrSymbol = { text: string; x0: number; x1: number; confidence: number };
export type OcrLine = { text: string; symbols: OcrSymbol[] };

/** Lines of exactly the format's length, each column's OCR confidence (0 where a filler was assumed). */
export type Aligned = { lines: string[]; confidence: number[][]; corrections: MrzCorrection[] };

const centre = (s: OcrSymbol) => (s.x0 + s.x1) / 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Places the symbols of MRZ lines into `length` columns. The pitch is the median step between neighbouring
 * symbols, refined by a least-squares fit of centre = start + pitch × column over all lines (they share the
 * grid); returns null when the symbols do not fit a grid (fewer than half the columns read, or a pitch
 * that makes the lines longer than the format).
 */
export function alignToGrid(lines: readonly OcrLine[], length: number): Aligned | null {
  const symbols = lines.map((l) => l.symbols.filter((s) => s.text.length === 1 && s.x1 > s.x0));
  if (symbols.some((s) => s.length < length / 2)) return null;
  const steps: number[] = [];
  for (const line of symbols) {
    for (let i = 1; i < line.length; i++)
      steps.push(centre(line[i] as OcrSymbol) - centre(line[i - 1] as OcrSymbol));
  }
  let pitch = median(steps.filter((d) => d > 0));
  if (!(pitch > 0)) return null;
  // First pass: count columns along each line (robust to a slightly wrong pitch), then fit one grid.
  const columns = symbols.map((line) => {
    const cols: number[] = [];
    let col = 0;
    line.forEach((s, i) => {
      if (i > 0) col += Math.max(0, Math.round((centre(s) - centre(line[i - 1] as OcrSymbol)) / pitch));
      cols.push(col);
    });
    return cols;
  });
  // Lines share column 0 (left-aligned); offset each line by where its first symbol sits on the shared grid.
  const starts = symbols.map((line) => centre(line[0] as OcrSymbol));
  const leftmost = Math.min(...starts);
  const points: [number, number][] = [];
  symbols.forEach((line, li) => {
    const shift = Math.round(((starts[li] as number) - leftmost) / pitch);
    line.forEach((s, i) => {
      points.push([((columns[li] as number[])[i] as number) + shift, centre(s)]);
    });
  });
  const n = points.length;
  const sx = points.reduce((a, p) => a + p[0], 0);
  const sy = points.reduce((a, p) => a + p[1], 0);
  const sxx = points.reduce((a, p) => a + p[0] * p[0], 0);
  const sxy = points.reduce((a, p) => a + p[0] * p[1], 0);
  const denominator = n * sxx - sx * sx;
  if (denominator === 0) return null;
  pitch = (n * sxy - sx * sy) / denominator;
  const start = (sy - pitch * sx) / n;
  if (!(pitch > 0)) return null;

  const corrections: MrzCorrection[] = [];
  const out: string[] = [];
  const confidence: number[][] = [];
  symbols.forEach((line, li) => {
    const slots: (OcrSymbol | null)[] = new Array(length).fill(null);
    for (const s of line) {
      const col = Math.round((centre(s) - start) / pitch);
      if (col < 0 || col >= length) {
        corrections.push({
          line: li,
          column: Math.max(0, Math.min(length - 1, col)),
          from: s.text,
          to: '',
          why: `${s.text} read outside the ${length} columns of the MRZ grid: dropped`,
        });
        continue;
      }
      const held = slots[col];
      if (held) {
        const keep = held.confidence >= s.confidence ? held : s;
        const drop = keep === held ? s : held;
        slots[col] = keep;
        corrections.push({
          line: li,
          column: col,
          from: drop.text,
          to: '',
          why: `${drop.text} and ${keep.text} read over the same column: kept ${keep.text} (more confident)`,
        });
        continue;
      }
      slots[col] = s;
    }
    out.push(
      slots
        .map((s, col) => {
          if (s) return s.text;
          corrections.push({
            line: li,
            column: col,
            from: '',
            to: '<',
            why: 'no character read in this column of the MRZ grid: a filler assumed',
          });
          return '<';
        })
        .join(''),
    );
    confidence.push(slots.map((s) => s?.confidence ?? 0));
  });
  return { lines: out, confidence, corrections };
}

export type Vote = Aligned & { alternatives: Record<string, string[]> };

/**
 * Combines readings of the same MRZ (the same band at different scales) column by column: the character
 * with the highest summed confidence wins; the others are kept as alternatives for the check digits to
 * weigh (correct.ts). All readings must have the same line count and length.
 */
export function voteReadings(readings: readonly Aligned[]): Vote | null {
  const first = readings[0];
  if (!first) return null;
  if (readings.length === 1) return { ...first, alternatives: {} };
  const lines: string[] = [];
  const confidence: number[][] = [];
  const alternatives: Record<string, string[]> = {};
  const corrections: MrzCorrection[] = [];
  first.lines.forEach((line, li) => {
    let out = '';
    const conf: number[] = [];
    for (let col = 0; col < line.length; col++) {
      const tally = new Map<string, number>();
      for (const r of readings) {
        const c = r.lines[li]?.[col] ?? '<';
        // An assumed filler (confidence 0) still counts as a weak vote.
        tally.set(c, (tally.get(c) ?? 0) + Math.max(1, r.confidence[li]?.[col] ?? 0));
      }
      const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1]);
      const [winner = '<', score = 0] = ranked[0] ?? [];
      out += winner;
      conf.push(Math.round(score / readings.length));
      if (ranked.length > 1) {
        alternatives[`${li}:${col}`] = ranked.slice(1).map(([c]) => c);
        const primary = first.lines[li]?.[col] ?? '<';
        if (primary !== winner) {
          corrections.push({
            line: li,
            column: col,
            from: primary,
            to: winner,
            why: `readings at ${readings.length} scales differ here (${ranked.map(([c, n]) => `${c} ${Math.round(n)}`).join(', ')}): kept the most confident`,
          });
        }
      }
    }
    lines.push(out);
    confidence.push(conf);
  });
  return { lines, confidence, corrections: [...first.corrections, ...corrections], alternatives };
}
