import { describe, expect, it } from 'vitest';
import {
  findingText,
  formatBytes,
  metadataRows,
  mrzFields,
  orderFindings,
  quarterTurns,
  resumeSummaryLines,
  reuseText,
  rotationTransform,
  scaleBox,
  uprightSize,
  viewerFrame,
} from './model.ts';

/** Where the original pixel (x, y) lands after an SVG transform of translate/rotate steps. */
function apply(transform: string | undefined, x: number, y: number): [number, number] {
  if (!transform) return [x, y];
  const m = /translate\((\S+) (\S+)\) rotate\((\d+)\)/.exec(transform);
  if (!m) throw new Error(transform);
  const a = (Number(m[3]) * Math.PI) / 180;
  const rx = x * Math.cos(a) - y * Math.sin(a);
  const ry = x * Math.sin(a) + y * Math.cos(a);
  return [Math.round(rx + Number(m[1])), Math.round(ry + Number(m[2]))];
}

describe('the MRZ box over a turned image', () => {
  it('reads quarter turns', () => {
    expect([0, 90, 180, 270, 360, -90, 89].map(quarterTurns)).toEqual([0, 90, 180, 270, 0, 270, 90]);
  });

  it('swaps width and height for a quarter turn', () => {
    expect(uprightSize(800, 500, 90)).toEqual({ width: 500, height: 800 });
    expect(uprightSize(800, 500, 180)).toEqual({ width: 800, height: 500 });
  });

  it.each([90, 180, 270] as const)(
    'turns the corners of an 800×500 image %i° clockwise into the upright frame',
    (r) => {
      const t = rotationTransform(r, 800, 500);
      const up = uprightSize(800, 500, r);
      const corners = [
        [0, 0],
        [800, 0],
        [800, 500],
        [0, 500],
      ].map(([x, y]) => apply(t, x ?? 0, y ?? 0));
      // Every corner lands on a corner of the upright frame.
      for (const [x, y] of corners) {
        expect([0, up.width]).toContain(x);
        expect([0, up.height]).toContain(y);
      }
      // Clockwise: the original top-left corner goes to the top-right (90), bottom-right (180), bottom-left (270).
      expect(corners[0]).toEqual(r === 90 ? [500, 0] : r === 180 ? [800, 500] : [0, 800]);
    },
  );

  it('scales a box from upright pixels to the shown size', () => {
    expect(
      scaleBox(
        { left: 100, top: 400, width: 600, height: 80 },
        { width: 800, height: 500 },
        { width: 400, height: 250 },
      ),
    ).toEqual({
      left: 50,
      top: 200,
      width: 300,
      height: 40,
    });
  });

  it('takes the size from the MRZ reading (original image) and turns only for OCR', () => {
    const mrz = {
      source: 'ocr' as const,
      found: true,
      lines: [],
      format: 'TD3',
      confidence: 90,
      rotation: 90,
      skewDegrees: 0,
      box: null,
      width: 1200,
      height: 800,
      valid: true,
      problems: [],
      fields: {},
    };
    expect(viewerFrame({ width: 1, height: 1 }, mrz)).toEqual({
      width: 1200,
      height: 800,
      rotation: 90,
      upright: { width: 800, height: 1200 },
    });
    expect(
      viewerFrame({ width: 640, height: 480 }, { ...mrz, source: 'text', width: null, height: null })
        ?.rotation,
    ).toBe(0);
    expect(viewerFrame({ width: null, height: null }, null)).toBeNull();
  });
});

describe('words for the viewer', () => {
  it('lists MRZ fields in passport order, then others', () => {
    expect(
      mrzFields({ expiry: '2031-01-01', surname: 'ERIKSSON', extra: 'x', givenNames: 'ANNA MARIA' }).map(
        (f) => f.label,
      ),
    ).toEqual(['Surname', 'Given names', 'Expires', 'Extra']);
  });

  it('puts strong findings first and explains each kind, with a fallback', () => {
    const ordered = orderFindings([
      { kind: 'recompressed', strength: 'weak', detail: 'a' },
      { kind: 'editing-software', strength: 'strong', detail: 'b' },
      { kind: 'no-capture-data', strength: 'weak', detail: 'c' },
    ]);
    expect(ordered.map((f) => f.detail)).toEqual(['b', 'a', 'c']);
    expect(findingText('editing-software').title).toBe('Saved by image-editing software');
    expect(findingText('brand-new-kind').title).toBe('Brand new kind');
  });

  it('says how near a reused image is', () => {
    expect(reuseText(0)).toBe('the same image');
    expect(reuseText(3)).toBe('a nearly identical image (3 of 64 bits differ)');
  });

  it('formats sizes and metadata', () => {
    expect([12, 84_000, 1_250_000].map(formatBytes)).toEqual(['12 bytes', '84 kB', '1.3 MB']);
    expect(
      metadataRows({ zeta: 1, producer: 'LibreOffice', incrementalSaves: 2, historyActions: 'saved' }).map(
        (r) => [r.label, r.value],
      ),
    ).toEqual([
      ['PDF producer', 'LibreOffice'],
      ['Saved again after creation (times)', '2'],
      ['History actions', 'saved'],
      ['Zeta', '1'],
    ]);
  });
});

describe('resume summary', () => {
  it('says what was read in sentences', () => {
    expect(
      resumeSummaryLines({
        file: 'cv.pdf',
        format: 'pdf',
        mediaType: 'application/pdf',
        bytes: 84_000,
        sha256: 'x',
        pages: 2,
        characters: 5120,
        textTruncated: false,
        name: 'Minjun Kim',
        location: 'Toronto, ON',
        emails: 1,
        phones: 1,
        links: 2,
        employment: 3,
        education: 1,
        technologies: 12,
        replaced: { employment: 0, education: 0 },
        profilesAdded: ['https://github.com/mkim'],
        changed: true,
        fileId: null,
      }),
    ).toEqual([
      'cv.pdf: a PDF of 2 pages, 84 kB, 5,120 characters of text.',
      'Contact: name Minjun Kim, location Toronto, ON, 1 email, 1 phone number, 2 links.',
      'History: 3 jobs, 1 school, 12 technologies with years.',
      'Profiles added: https://github.com/mkim.',
    ]);
  });
});
