import { describe, expect, it } from 'vitest';
import {
  characterMask,
  estimateSkew,
  findMrzBands,
  type Grey,
  inkMask,
  otsuThreshold,
  textMask,
  transpose,
} from './band.ts';

/** A white page; `draw` paints dark boxes (x, y, w, h), optionally sheared by `degrees` about the centre. */
function page(
  width: number,
  height: number,
  boxes: [number, number, number, number][],
  degrees = 0,
  ink = 20,
): Grey {
  const data = new Uint8Array(width * height).fill(240);
  const t = Math.tan((degrees * Math.PI) / 180);
  for (const [x, y, w, h] of boxes) {
    for (let yy = y; yy < y + h; yy++) {
      for (let xx = x; xx < x + w; xx++) {
        const ys = Math.round(yy + (xx - width / 2) * t);
        if (xx >= 0 && xx < width && ys >= 0 && ys < height) data[ys * width + xx] = ink;
      }
    }
  }
  return { data, width, height };
}

/** A line of `n` character-like boxes (cap height `h`, pitch 0.82 h) starting at x, y. */
function textLine(x: number, y: number, n: number, h = 20): [number, number, number, number][] {
  const pitch = Math.round(h * 0.82);
  return Array.from({ length: n }, (_, i) => [x + i * pitch, y, Math.round(pitch * 0.7), h]);
}

describe('band finding', () => {
  const boxes = [
    [40, 40, 200, 260] as [number, number, number, number], // the photo
    ...textLine(280, 60, 8), // printed fields: short lines
    ...textLine(280, 110, 12),
    ...textLine(280, 160, 6),
    ...textLine(40, 420, 44), // the MRZ: two long lines at the bottom
    ...textLine(40, 455, 44),
  ];

  it('finds the MRZ as the lowest block of long, equal lines', () => {
    const g = page(820, 520, boxes);
    const bands = findMrzBands(inkMask(g), g.width, g.height);
    expect(bands).toHaveLength(1);
    const [band] = bands;
    expect(band?.lines).toHaveLength(2);
    expect(band?.top).toBe(420);
    expect(band?.height).toBe(55);
    expect(band?.left).toBe(40);
    expect(band?.lineHeight).toBe(20);
  });

  it('finds nothing on a page without long lines', () => {
    const g = page(820, 520, boxes.slice(0, 4));
    expect(findMrzBands(inkMask(g), g.width, g.height)).toEqual([]);
  });

  it('estimates the skew of text lines and whether they run across or down', () => {
    for (const degrees of [-4, 3]) {
      const g = page(820, 560, boxes, degrees);
      const mask = inkMask(g);
      expect(Math.abs(estimateSkew(mask, g.width, g.height).degrees - degrees)).toBeLessThanOrEqual(0.3);
    }
    const g = page(820, 520, boxes);
    const mask = inkMask(g);
    const across = estimateSkew(mask, g.width, g.height).energy;
    const down = estimateSkew(transpose(mask, g.width, g.height), g.height, g.width).energy;
    expect(across).toBeGreaterThan(down);
  });

  it('does not take a pale print or a shaded background for ink', () => {
    const g = page(400, 200, textLine(20, 80, 20), 0, 30);
    for (let y = 0; y < 200; y++) {
      for (let x = 0; x < 400; x++) {
        if ((x + y) % 9 === 0 && g.data[y * 400 + x] !== 30) g.data[y * 400 + x] = 205; // pale lines
        if (x > 300 && g.data[y * 400 + x] !== 30) g.data[y * 400 + x] = (g.data[y * 400 + x] ?? 0) - 40; // shade
      }
    }
    const mask = inkMask(g);
    let stray = 0;
    let missed = 0;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 1 && g.data[i] !== 30) stray++;
      if (mask[i] === 0 && g.data[i] === 30) missed++;
    }
    expect({ stray, missed }).toEqual({ stray: 0, missed: 0 });
    expect(otsuThreshold(g.data)).toBeLessThan(205);
  });

  it('keeps characters but not specks, stripes of desk grain or a photo', () => {
    const g = page(820, 520, [
      ...boxes,
      [600, 250, 1, 1], // specks
      [700, 260, 2, 2],
      [0, 330, 820, 2], // a stripe of grain across the page
      [0, 336, 820, 3],
    ]);
    const mask = inkMask(g);
    const chars = characterMask(mask, g.width, g.height);
    const at = (x: number, y: number) => chars[y * g.width + x];
    expect(at(45, 425)).toBe(1); // an MRZ character
    expect(at(285, 65)).toBe(1); // a printed field
    expect([at(100, 100), at(600, 250), at(701, 261), at(400, 331), at(400, 337)]).toEqual([0, 0, 0, 0, 0]);
    // The photo and the stripes would otherwise fill rows; the MRZ band is found either way.
    const bands = findMrzBands(textMask(g), g.width, g.height);
    expect(bands.map((b) => [b.top, b.height])).toEqual([[420, 55]]);
  });
});
