import { describe, expect, it } from 'vitest';
import { alignToGrid, type OcrLine, voteReadings } from './grid.ts';

/** Symbols of `text` on a grid of `pitch` px from `start`, with a little jitter as OCR boxes have. */
function line(text: string, start = 40, pitch = 28.6): OcrLine {
  const symbols = [...text].map((c, i) => {
    const x = start + i * pitch + (i % 3) - 1;
    return { text: c, x0: Math.round(x - 10), x1: Math.round(x + 10), confidence: 96 };
  });
  return { text, symbols };
}

const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

describe('alignToGrid', () => {
  it('keeps a clean reading as it is', () => {
    const r = alignToGrid([line(TD2[0]!), line(TD2[1]!)], 36);
    expect(r?.lines).toEqual(TD2);
    expect(r?.corrections).toEqual([]);
    expect(r?.confidence[0]).toHaveLength(36);
  });

  it('puts back fillers lost in a run and drops a glyph read twice', () => {
    const a = line(TD2[0]!);
    a.symbols.splice(30, 3); // three fillers of the trailing run lost
    const b = line(TD2[1]!);
    const doubled = b.symbols[5]!;
    b.symbols.splice(6, 0, { text: 'O', x0: doubled.x0 + 9, x1: doubled.x1 + 6, confidence: 80 });
    const r = alignToGrid([a, b], 36)!;
    expect(r.lines).toEqual(TD2);
    expect(r.corrections).toEqual([
      ...[30, 31, 32].map((column) => ({
        line: 0,
        column,
        from: '',
        to: '<',
        why: 'no character read in this column of the MRZ grid: a filler assumed',
      })),
      {
        line: 1,
        column: 5,
        from: 'O',
        to: '',
        why: 'O and 5 read over the same column: kept 5 (more confident)',
      },
    ]);
    expect(r.confidence[0]?.[31]).toBe(0);
  });

  it('aligns a line whose first character was lost to the others', () => {
    const b = line(TD2[1]!);
    b.symbols.shift();
    const r = alignToGrid([line(TD2[0]!), b], 36)!;
    expect(r.lines[1]).toBe(`<${TD2[1]!.slice(1)}`);
  });

  it('refuses lines with fewer than half their columns read', () => {
    expect(alignToGrid([line('I<UTOERIKSSON'), line(TD2[1]!)], 36)).toBeNull();
  });
});

describe('voteReadings', () => {
  it('keeps the most confident character per column and the others as alternatives', () => {
    const truth = alignToGrid([line(TD2[0]!), line(TD2[1]!)], 36)!;
    const wrong = alignToGrid([line(TD2[0]!), line(TD2[1]!.replace('D23', 'D2B'))], 36)!;
    const third = alignToGrid([line(TD2[0]!), line(TD2[1]!)], 36)!;
    const v = voteReadings([wrong, truth, third])!;
    expect(v.lines).toEqual(TD2);
    expect(v.alternatives).toEqual({ '1:2': ['B'] });
    expect(v.corrections).toEqual([
      {
        line: 1,
        column: 2,
        from: 'B',
        to: '3',
        why: 'readings at 3 scales differ here (3 192, B 96): kept the most confident',
      },
    ]);
  });
});
