// Post-correction of OCR'd MRZ text guided by the ICAO 9303 structure (layout.ts): pick the lines that are
// MRZ-shaped, fix their length where the OCR miscounted a filler run, map the classic confusions by field type
// (a date holds digits only, a state code letters only) and let the check digits choose between readings of
// fields that may hold both (document number, optional data). Pure: no I/O. Every change is recorded.
import { type CheckResult, checkResults, type FieldKind, layoutFor, type MrzLayout } from './layout.ts';

export type MrzCorrection = { line: number; column: number; from: string; to: string; why: string };

export type CorrectedMrz = {
  lines: string[];
  /** The OCR lines the MRZ was taken from, cleaned of characters an MRZ cannot hold but otherwise as read. */
  picked: string[];
  layout: MrzLayout | null;
  corrections: MrzCorrection[];
  checks: CheckResult[];
};

const TO_DIGIT: Record<string, string> = {
  O: '0',
  Q: '0',
  D: '0',
  U: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};
const TO_LETTER: Record<string, string> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '5': 'S',
  '6': 'G',
  '8': 'B',
  '4': 'A',
};
/** What a character in a letters-or-digits field may have been instead (most likely first). */
const AMBIGUOUS: Record<string, string[]> = {
  O: ['0', 'D'],
  '0': ['O', 'D'],
  D: ['0', 'O'],
  Q: ['0', 'O'],
  I: ['1'],
  '1': ['I'],
  B: ['8'],
  '8': ['B'],
  S: ['5'],
  '5': ['S'],
  Z: ['2', '7'],
  '2': ['Z'],
  '7': ['Z'],
  G: ['6'],
  '6': ['G'],
  K: ['<'],
};
const SEX: Record<string, string> = { H: 'M', N: 'M', W: 'M', E: 'F', P: 'F', K: '<' };
const LENGTHS = [30, 36, 44] as const;

/** Upper-cases, reads `«` as two fillers and drops what an MRZ cannot hold; spaces are kept for now. */
export function cleanOcrLine(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/«/g, '<<')
    .replace(/[^A-Z0-9< ]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const bare = (line: string) => line.replace(/ /g, '');

type Pick = { start: number; lines: string[]; length: number };

/**
 * The window of 2 or 3 consecutive lines closest to an MRZ format (TD1 3 × 30; TD2/MRV-B 2 × 36; TD3/MRV-A
 * 2 × 44); `start` indexes `rawLines`. Lines of fewer than 15 characters are skipped over.
 */
export function pickMrzLines(rawLines: readonly string[]): Pick | null {
  const indexed = rawLines
    .map((raw, index) => ({ index, line: cleanOcrLine(raw) }))
    .filter((l) => bare(l.line).length >= 15);
  let best: (Pick & { cost: number }) | null = null;
  for (const count of [3, 2]) {
    for (let i = 0; i + count <= indexed.length; i++) {
      const window = indexed.slice(i, i + count);
      // Consecutive in the OCR output, not only among the long lines.
      if ((window[count - 1]?.index ?? 0) - (window[0]?.index ?? 0) !== count - 1) continue;
      const lines = window.map((w) => w.line);
      for (const length of LENGTHS) {
        if ((count === 3) !== (length === 30)) continue;
        // One line at least must be about the right length; the others may have lost their filler runs
        // (down to half the length) or picked up stray marks (a quarter more).
        const tolerance = Math.max(4, Math.round(length * 0.12));
        const off = lines.map((l) => Math.abs(bare(l).length - length));
        if (!off.some((d) => d <= tolerance)) continue;
        if (lines.some((l) => bare(l).length < length / 2 || bare(l).length > length * 1.25)) continue;
        const fillers = lines.reduce((n, l) => n + (l.match(/</g)?.length ?? 0), 0);
        // Characters missing (lost fillers) cost less than characters too many (cutting real ones); lines
        // later in the window win ties: the MRZ is the lowest text block.
        const missing = lines.reduce((a, l) => a + Math.max(0, length - bare(l).length), 0);
        const extra = lines.reduce((a, l) => a + Math.max(0, bare(l).length - length), 0);
        const cost = (missing + 2 * extra) * 2 - Math.min(fillers, 10) - i * 0.01;
        if (best === null || cost < best.cost) best = { start: window[0]?.index ?? 0, lines, length, cost };
      }
    }
  }
  return best && { start: best.start, lines: best.lines, length: best.length };
}

type Fix = { line: string; edits: MrzCorrection[] };

/** Candidate ways to bring one line to `length`: a space read for fillers, a filler run miscounted, the end. */
function lengthCandidates(line: string, index: number, length: number): Fix[] {
  const plain = bare(line);
  if (plain.length === length) return [{ line: plain, edits: [] }];
  const out: Fix[] = [];
  const diff = length - plain.length;
  const note = (column: number, from: string, to: string, why: string): MrzCorrection => ({
    line: index,
    column,
    from,
    to,
    why,
  });
  // The end first: names and optional data end in fillers, and ties keep the first candidate.
  if (diff > 0) {
    const add = '<'.repeat(diff);
    out.push({
      line: plain + add,
      edits: [
        note(plain.length, '', add, `line had ${plain.length} of ${length} characters: padded with fillers`),
      ],
    });
    // Spaces between characters: the OCR saw a gap where it lost fillers.
    let column = 0;
    for (const part of line.split(' ').slice(0, -1)) {
      column += part.length;
      out.push({
        line: plain.slice(0, column) + add + plain.slice(column),
        edits: [
          note(column, '', add, `line had ${plain.length} of ${length} characters: fillers read as a space`),
        ],
      });
    }
    for (const run of plain.matchAll(/<+/g)) {
      const at = (run.index ?? 0) + run[0].length;
      out.push({
        line: plain.slice(0, at) + add + plain.slice(at),
        edits: [
          note(at, '', add, `line had ${plain.length} of ${length} characters: a filler run miscounted`),
        ],
      });
    }
  } else {
    const cut = -diff;
    out.push({
      line: plain.slice(0, length),
      edits: [
        note(length, plain.slice(length), '', `line had ${plain.length} of ${length} characters: trimmed`),
      ],
    });
    for (const run of plain.matchAll(/<+/g)) {
      if (run[0].length < cut) continue;
      const at = (run.index ?? 0) + run[0].length - cut;
      out.push({
        line: plain.slice(0, at) + plain.slice(at + cut),
        edits: [
          note(
            at,
            '<'.repeat(cut),
            '',
            `line had ${plain.length} of ${length} characters: a filler run miscounted`,
          ),
        ],
      });
    }
  }
  return out;
}

function kindAt(layout: MrzLayout, line: number, column: number): { kind: FieldKind; name: string } | null {
  const field = layout.fields.find((fl) => fl.line === line && column >= fl.start && column < fl.end);
  return field ? { kind: field.kind, name: field.name } : null;
}

/** Deterministic fixes of characters that cannot stand where they are. */
function mapByKind(layout: MrzLayout, lines: string[], edits: MrzCorrection[]): void {
  for (let li = 0; li < lines.length; li++) {
    const chars = [...(lines[li] ?? '')];
    for (let col = 0; col < chars.length; col++) {
      const c = chars[col] ?? '';
      const at = kindAt(layout, li, col);
      if (!at) continue;
      let to: string | undefined;
      let why = '';
      if (at.kind === 'date' || at.kind === 'check') {
        to = TO_DIGIT[c];
        why = `${at.name} holds digits: ${c} read for ${to}`;
        if (at.kind === 'check' && c === 'K') {
          to = '<';
          why = `${at.name}: K read for the filler <`;
        }
      } else if (at.kind === 'code' || at.kind === 'state' || at.kind === 'name') {
        to = TO_LETTER[c];
        why = `${at.name} holds letters: ${c} read for ${to}`;
      } else if (at.kind === 'sex' && !'MFX<'.includes(c)) {
        to = SEX[c];
        why = `sex is M, F, X or <: ${c} read for ${to}`;
      }
      if (to !== undefined && to !== c) {
        chars[col] = to;
        edits.push({ line: li, column: col, from: c, to, why });
      }
    }
    lines[li] = chars.join('');
  }
  fixNameFillers(layout, lines, edits);
}

/** In the name field, a K inside the trailing filler run is a misread `<` (MARK<< keeps its K: a letter precedes it). */
function fixNameFillers(layout: MrzLayout, lines: string[], edits: MrzCorrection[]): void {
  const field = layout.fields.find((fl) => fl.kind === 'name');
  if (!field) return;
  const line = lines[field.line] ?? '';
  const chars = [...line];
  let start = field.end;
  while (start > field.start && (chars[start - 1] === '<' || chars[start - 1] === 'K')) start--;
  for (let col = start; col < field.end; col++) {
    if (chars[col] !== 'K' || chars[col - 1] !== '<') continue;
    chars[col] = '<';
    edits.push({
      line: field.line,
      column: col,
      from: 'K',
      to: '<',
      why: 'name: K read for a filler in the trailing filler run',
    });
  }
  lines[field.line] = chars.join('');
}

const passing = (checks: CheckResult[]) => checks.filter((c) => c.ok).length;

type Swap = { line: number; column: number; to: string };

/**
 * What other readings of the same image saw (grid.ts votes them): per `line:column`, the characters the
 * losing readings had there, and each column's OCR confidence (0–100) of the kept character.
 */
export type ReadingHints = { alternatives: Record<string, string[]>; confidence: number[][] };

/**
 * Resolves failing check digits: for each failing check, the smallest set of swaps (at most 3) that makes it
 * pass without breaking one that passed. Swaps come from what other readings saw in a column (any field) and
 * from look-alike letters and digits in fields that may hold both. When several sets pass (check digits
 * collide one time in ten), the one clearly better backed wins (another reading saw it, or it is the usual
 * confusion where the other is a rare one); when none is, nothing is changed.
 */
function resolveByCheckDigits(
  layout: MrzLayout,
  lines: string[],
  edits: MrzCorrection[],
  hints?: ReadingHints,
): void {
  const locked = new Set<string>();
  const key = (l: number, c: number) => `${l}:${c}`;
  const confidence = (l: number, c: number) => hints?.confidence[l]?.[c] ?? 50;
  layout.checks.forEach((check, index) => {
    const before = checkResults(layout, lines);
    const over: [number, number, number][] =
      layout.format === 'TD1' && check.name === 'documentNumber' ? [[0, 5, 30]] : check.over;
    const options: { swaps: Swap[]; seen: boolean; confidence: number }[] = [];
    // A field with its own failing check digit is that check's to fix, not the composite's.
    const failingField = new Set<string>();
    layout.checks.forEach((other, i) => {
      if (i === index || before[i]?.ok || other.name === 'composite') return;
      for (const [line, start, end] of other.over)
        for (let col = start; col < end; col++) failingField.add(key(line, col));
    });
    for (const [line, start, end] of over) {
      for (let col = start; col < end; col++) {
        if (locked.has(key(line, col))) continue;
        if (check.name === 'composite' && failingField.has(key(line, col))) continue;
        const kind = kindAt(layout, line, col)?.kind;
        const char = (lines[line] ?? '')[col] ?? '';
        const seen = (hints?.alternatives[key(line, col)] ?? []).filter((c) => c !== char && fits(kind, c));
        const lookalike = kind === 'alnum' ? (AMBIGUOUS[char] ?? []) : [];
        const to = [...new Set([...seen, ...lookalike])];
        if (to.length === 0) continue;
        options.push({
          swaps: to.map((t) => ({ line, column: col, to: t })),
          seen: seen.length > 0,
          confidence: confidence(line, col),
        });
      }
    }
    if (!before[index]?.ok) {
      options.sort((a, b) => Number(b.seen) - Number(a.seen) || a.confidence - b.confidence);
      // Another reading saw it (2), the usual confusion rather than a rarer one (0.6 / 0.2), a character
      // the OCR was unsure of (up to 0.3).
      const evidence = (swap: Swap) => {
        const from = (lines[swap.line] ?? '')[swap.column] ?? '';
        const rank = (AMBIGUOUS[from] ?? []).indexOf(swap.to);
        return (
          ((hints?.alternatives[key(swap.line, swap.column)] ?? []).includes(swap.to) ? 2 : 0) +
          (rank === 0 ? 0.6 : rank > 0 ? 0.2 : 0) +
          (0.3 * (100 - confidence(swap.line, swap.column))) / 100
        );
      };
      const found = trySwaps(
        layout,
        lines,
        options.slice(0, 16).map((o) => o.swaps),
        index,
        passing(before),
        evidence,
      );
      for (const swap of found?.swaps ?? []) {
        const text = lines[swap.line] ?? '';
        const from = text[swap.column] ?? '';
        lines[swap.line] = `${text.slice(0, swap.column)}${swap.to}${text.slice(swap.column + 1)}`;
        const field = kindAt(layout, swap.line, swap.column)?.name ?? 'field';
        const backed = (hints?.alternatives[key(swap.line, swap.column)] ?? []).includes(swap.to)
          ? ', as another reading saw it'
          : '';
        const others =
          found && found.alternatives > 1
            ? ` (${found.alternatives} readings pass; this one is best backed)`
            : '';
        edits.push({
          line: swap.line,
          column: swap.column,
          from,
          to: swap.to,
          why: `${field}: the ${check.name} check digit passes with ${swap.to}, not ${from}${backed}${others}`,
        });
      }
    }
    if (checkResults(layout, lines)[index]?.ok) {
      for (const [line, start, end] of over)
        for (let col = start; col < end; col++) locked.add(key(line, col));
    }
  });
}

/** How many columns hold a character their field allows; a document code must start with a letter. */
function fitting(layout: MrzLayout, lines: readonly string[]): number {
  let n = 0;
  for (const f of layout.fields) {
    for (let col = f.start; col < f.end; col++) {
      const c = (lines[f.line] ?? '')[col] ?? '';
      if (f.kind === 'code' && col === f.start ? /^[A-Z]$/.test(c) : fits(f.kind, c)) n++;
    }
  }
  return n;
}

/** Whether a character may stand in a field of this kind. */
function fits(kind: FieldKind | undefined, c: string): boolean {
  if (kind === 'date' || kind === 'check') return /^[0-9<]$/.test(c);
  if (kind === 'code' || kind === 'state' || kind === 'name') return /^[A-Z<]$/.test(c);
  if (kind === 'sex') return /^[MFX<]$/.test(c);
  return /^[A-Z0-9<]$/.test(c);
}

function swapped(lines: readonly string[], set: readonly Swap[]): string[] {
  const out = [...lines];
  for (const { line, column, to } of set) {
    const s = out[line] ?? '';
    out[line] = `${s.slice(0, column)}${to}${s.slice(column + 1)}`;
  }
  return out;
}

/**
 * The sets of swaps of the smallest size (1, 2, then 3) that make check `index` pass and pass more checks
 * than before; of those, the best by `evidence` when it is clearly best (null otherwise). `alternatives`
 * counts the sets that passed.
 */
function trySwaps(
  layout: MrzLayout,
  lines: readonly string[],
  options: readonly Swap[][],
  index: number,
  passedBefore: number,
  evidence: (swap: Swap) => number,
): { swaps: Swap[]; alternatives: number } | null {
  const passed = new Map<Swap[], number>();
  const test = (set: Swap[]) => {
    const results = checkResults(layout, swapped(lines, set));
    passed.set(set, passing(results));
    return results[index]?.ok === true && passing(results) > passedBefore;
  };
  const n = options.length;
  for (let size = 1; size <= 3; size++) {
    const hits: Swap[][] = [];
    const search = (from: number, chosen: Swap[]): void => {
      if (hits.length >= 50) return;
      if (chosen.length === size) {
        if (test(chosen)) hits.push(chosen);
        return;
      }
      for (let i = from; i < n; i++) for (const swap of options[i] ?? []) search(i + 1, [...chosen, swap]);
    };
    search(0, []);
    if (hits.length === 0) continue;
    // Other checks passing too (the composite agreeing with a field's fix) count most, then the evidence.
    const score = (set: Swap[]) => 10 * (passed.get(set) ?? 0) + set.reduce((a, s) => a + evidence(s), 0);
    const ranked = [...hits].sort((a, b) => score(b) - score(a));
    const [best, second] = ranked;
    // Several sets pass and none is clearly better backed (another reading, the usual confusion): a guess
    // would manufacture a valid MRZ out of a misreading, so the check is left failing.
    if (!best || (second && score(best) - score(second) < 0.35)) return null;
    return { swaps: best, alternatives: hits.length };
  }
  return null;
}

/** Corrects one set of candidate lines of the given layout; returns the lines, edits and checks. */
function correctWithLayout(layout: MrzLayout, lines: string[], edits: MrzCorrection[], hints?: ReadingHints) {
  const out = [...lines];
  const all = [...edits];
  mapByKind(layout, out, all);
  resolveByCheckDigits(layout, out, all, hints);
  return { lines: out, corrections: all, checks: checkResults(layout, out) };
}

/**
 * Corrects OCR output into MRZ lines; `earlier` are corrections already made (grid alignment, grid.ts), listed
 * first. Returns null when no 2–3 consecutive lines are MRZ-shaped. Lines of a
 * layout the table does not cover (the French national ID, 2 × 36 starting IDFRA) are only cleaned and sized.
 */
export function correctMrz(
  rawLines: readonly string[],
  options: { earlier?: MrzCorrection[]; hints?: ReadingHints } = {},
): CorrectedMrz | null {
  const earlier = options.earlier ?? [];
  const pick = pickMrzLines(rawLines);
  if (!pick) return null;
  const perLine = pick.lines.map((l, i) => lengthCandidates(l, i, pick.length).slice(0, 24));
  const first = perLine[0]?.[0]?.line ?? '';
  // French national IDs share TD2's size but not its layout; `mrz` knows them, we only size them.
  const french = pick.length === 36 && first.startsWith('IDFRA');
  const layout = french
    ? null
    : layoutFor(pick.lines.length, pick.length, TO_LETTER[first[0] ?? ''] ?? first[0] ?? '');
  if (!layout) {
    const chosen = perLine.map((c) => c[0] as Fix);
    return {
      lines: chosen.map((c) => c.line),
      picked: pick.lines.map(bare),
      layout: null,
      corrections: [...earlier, ...chosen.flatMap((c) => c.edits)],
      checks: [],
    };
  }
  // Choose each line's length fix by the checks it makes pass (other lines at their first candidate), then
  // correct the combination; lines without candidates to choose from cost nothing.
  const chosen = perLine.map((c) => c[0] as Fix);
  for (let li = 0; li < perLine.length; li++) {
    const candidates = perLine[li] ?? [];
    if (candidates.length < 2) continue;
    let bestScore = -1;
    for (const candidate of candidates) {
      const trial = chosen.map((c, i) => (i === li ? candidate : c));
      const r = correctWithLayout(
        layout,
        trial.map((c) => c.line),
        [],
      );
      // Check digits first; then how many columns hold what their field allows (a line that starts with
      // fillers, or a date with letters in it, is a worse reading than the same line cut elsewhere).
      const score = passing(r.checks) * 1000 + fitting(layout, r.lines);
      if (score > bestScore) {
        bestScore = score;
        chosen[li] = candidate;
      }
    }
  }
  const result = correctWithLayout(
    layout,
    chosen.map((c) => c.line),
    [...earlier, ...chosen.flatMap((c) => c.edits)],
    options.hints,
  );
  return { ...result, picked: pick.lines.map(bare), layout };
}
