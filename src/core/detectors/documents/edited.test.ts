import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import {
  documentsEdited,
  findingsFromMetadata,
  hammingDistance,
  parseMetaDate,
  sameImage,
} from './edited.ts';
import { classifySoftware } from './editing-software.ts';

type Doc = NonNullable<CaseBundle['documents']>[number];
const passport = (extra: Record<string, unknown>): Doc => ({ kind: 'passport', ...extra }) as Doc;
const EDMONTON = {
  city: 'Edmonton',
  region: 'AB',
  country: 'CA',
  timezone: 'America/Edmonton',
};
// A phone photo taken at home in Edmonton in January (UTC-07:00).
const PHONE = {
  make: 'Apple',
  model: 'iPhone 14',
  software: '17.1',
  dateTimeOriginal: '2026-01-10T14:03:12-07:00',
  modifyDate: '2026-01-10T14:03:12-07:00',
};

const cases: [string, Parameters<typeof runDetector>[1], Expectation][] = [
  ['no documents: not evaluated', {}, 'not_evaluated'],
  ['a document without metadata or forensics: not evaluated', { documents: [passport({})] }, 'not_evaluated'],
  ['an honest phone photo: nothing', { documents: [passport({ metadata: PHONE })] }, 'none'],
  [
    'Photoshop in the Software tag: high',
    { documents: [passport({ metadata: { software: 'Adobe Photoshop 26.1 (Windows)' } })] },
    'high',
  ],
  [
    'GIMP as XMP CreatorTool, key spelled as exiftool does: high',
    { documents: [passport({ metadata: { CreatorTool: 'GIMP 2.10' } })] },
    'high',
  ],
  [
    'Photoshop only in the editing history: high',
    {
      documents: [
        passport({ metadata: { ...PHONE, historySoftware: 'Adobe Photoshop Lightroom Classic 13.0' } }),
      ],
    },
    'high',
  ],
  [
    'a PDF editor as producer: high',
    { documents: [passport({ metadata: { producer: 'Foxit PDF Editor 12.1.2' } })] },
    'high',
  ],
  [
    'AI generation declared by its IPTC source type: high',
    {
      documents: [
        passport({
          metadata: {
            digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
          },
        }),
      ],
    },
    'high',
  ],
  [
    'a C2PA claim generator naming Adobe Firefly: high',
    { documents: [passport({ metadata: { c2paGenerator: 'Adobe_Firefly' } })] },
    'high',
  ],
  [
    'scanner, phone and PDF printer software never count',
    {
      documents: [
        passport({ metadata: { software: 'EPSON Scan 3.9', producer: 'Microsoft: Print To PDF' } }),
        passport({
          metadata: { software: 'Android', creator: 'Adobe Scan', producer: 'Acrobat Distiller 23.0' },
        }),
      ],
    },
    'none',
  ],
  [
    'a time zone other than the claimed one, alone: nothing (a fact about the file, never enough)',
    {
      subject: { claimedLocation: EDMONTON },
      documents: [passport({ metadata: { modifyDate: '2026-02-23T17:55:02+08:00' } })],
    },
    'none',
  ],
  [
    'a modification weeks after capture, in the claimed time zone: one weak finding, nothing',
    {
      subject: { claimedLocation: EDMONTON },
      documents: [
        passport({
          metadata: {
            dateTimeOriginal: '2026-01-10T14:03:12-07:00',
            modifyDate: '2026-02-23T17:55:02-07:00',
          },
        }),
      ],
    },
    'none',
  ],
  [
    'modified weeks later on a clock in UTC+08:00 while claiming Edmonton: medium (three weak findings)',
    {
      subject: { claimedLocation: EDMONTON },
      documents: [
        passport({
          metadata: {
            dateTimeOriginal: '2026-01-10T14:03:12-07:00',
            modifyDate: '2026-02-23T17:55:02+08:00',
          },
        }),
      ],
    },
    'medium',
  ],
  [
    'the time zone from a country with one zone (GB): medium with a late modification',
    {
      subject: { claimedLocation: { country: 'GB' } },
      documents: [
        passport({
          metadata: { createDate: '2026-01-10T10:00:00Z', modifyDate: '2026-02-23T17:55:02+08:00' },
        }),
      ],
    },
    'medium',
  ],
  [
    'no time zone from a country with several (US): one weak finding, nothing',
    {
      subject: { claimedLocation: { country: 'US' } },
      documents: [
        passport({
          metadata: { createDate: '2026-01-10T10:00:00Z', modifyDate: '2026-02-23T17:55:02+08:00' },
        }),
      ],
    },
    'none',
  ],
  [
    'Acrobat as producer alone is weak: nothing',
    { documents: [passport({ metadata: { producer: 'Adobe Acrobat Pro (64-bit) 24.1.20187' } })] },
    'none',
  ],
  [
    'Acrobat plus incremental saves: high (saved again by an editor)',
    {
      documents: [
        passport({ metadata: { producer: 'Adobe Acrobat Pro (64-bit) 24.1.20187', incrementalSaves: 2 } }),
      ],
    },
    'high',
  ],
  [
    'incremental saves by a scanner: one weak finding, nothing',
    { documents: [passport({ metadata: { producer: 'Canon iR-ADV C5535 PDF', incrementalSaves: 1 } })] },
    'none',
  ],
  [
    'Word as producer of a passport, saved again: medium',
    {
      documents: [
        passport({ metadata: { producer: 'Microsoft® Word for Microsoft 365', incrementalSaves: 1 } }),
      ],
    },
    'medium',
  ],
  [
    'Word as producer of another kind of document (a letter): not counted',
    {
      documents: [
        {
          kind: 'other',
          metadata: { producer: 'Microsoft® Word for Microsoft 365', incrementalSaves: 1 },
        } as Doc,
      ],
    },
    'none',
  ],
  [
    'a strong finding of the analysis (localised error level): high',
    {
      documents: [
        passport({
          forensics: {
            findings: [
              { kind: 'ela-localised', strength: 'strong', detail: 'Error-level analysis: one area…' },
            ],
          },
        }),
      ],
    },
    'high',
  ],
  [
    'two weak findings of the analysis: medium',
    {
      documents: [
        passport({
          forensics: {
            findings: [
              { kind: 'recompressed', strength: 'weak', detail: 'Saved as JPEG at least twice' },
              { kind: 'no-capture-data', strength: 'weak', detail: 'A photo with no camera data at all' },
            ],
          },
        }),
      ],
    },
    'medium',
  ],
  [
    'one weak finding of the analysis: nothing',
    {
      documents: [
        passport({
          forensics: {
            findings: [{ kind: 'recompressed', strength: 'weak', detail: 'Saved as JPEG at least twice' }],
          },
        }),
      ],
    },
    'none',
  ],
  [
    'weak findings on two different documents are not added up',
    {
      documents: [
        passport({
          forensics: {
            findings: [{ kind: 'recompressed', strength: 'weak', detail: 'Saved as JPEG at least twice' }],
          },
        }),
        passport({
          forensics: { findings: [{ kind: 'no-capture-data', strength: 'weak', detail: 'No camera data' }] },
        }),
      ],
    },
    'none',
  ],
  [
    'a stored software finding is recomputed from the metadata it came from (table changes apply)',
    {
      documents: [
        passport({
          metadata: { software: 'Apple iOS 17.1' },
          forensics: {
            findings: [{ kind: 'editing-software', strength: 'strong', detail: 'Saved by Apple iOS 17.1' }],
          },
        }),
      ],
    },
    'none',
  ],
  [
    'malformed findings are ignored',
    {
      documents: [
        passport({ forensics: { findings: [{ kind: 'x', strength: 'very', detail: 'y' }, 'junk', null] } }),
      ],
    },
    'none',
  ],
];

describe('documents.edited', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(documentsEdited, bundle))).toBe(expected);
  });

  it('explains example 02 in plain words: Photoshop and the UTC+08:00 clock while claiming Edmonton', () => {
    const s = firstSignal(
      runDetector(documentsEdited, {
        subject: { claimedLocation: EDMONTON },
        documents: [
          passport({
            metadata: { software: 'Adobe Photoshop 26.1', modifyDate: '2026-02-23T17:55:02+08:00' },
          }),
        ],
      }),
    );
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'The file of the passport shows signs of editing: saved by Adobe Photoshop 26.1 — photo-editing software, not a scanner or camera; last saved on a device whose clock was set to UTC+08:00 (2026-02-23 17:55), while Edmonton (America/Edmonton) was at UTC-07:00 then.',
    );
    expect(s.evidence).toEqual([
      'documents[0].metadata.software',
      'documents[0].metadata.modifyDate',
      'subject.claimedLocation',
    ]);
    expect(s.data?.count).toBe(1);
  });

  it('keeps daylight saving: UTC-06:00 in Edmonton in July agrees', () => {
    const out = runDetector(documentsEdited, {
      subject: { claimedLocation: EDMONTON },
      documents: [
        passport({
          metadata: {
            dateTimeOriginal: '2025-07-01T09:00:00-06:00',
            modifyDate: '2026-07-10T09:00:00-06:00',
          },
        }),
      ],
    });
    expect(summarize(out)).toBe('none');
  });

  it('names the weak findings when it fires medium', () => {
    const s = firstSignal(
      runDetector(documentsEdited, {
        documents: [
          passport({ metadata: { producer: 'Microsoft® Word for Microsoft 365', incrementalSaves: 2 } }),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'The file of the passport shows signs of editing: PDF written by Microsoft® Word for Microsoft 365 — a word processor or office program: normal for a letter, unusual for an identity document; saved again 2 times after it was first made (the PDF has 2 updates appended to the original).',
    );
  });
});

describe('documents.edited: the same picture uploaded for another subject', () => {
  const H = 'd7d7287d82383983';
  const D = 'd7a0d7b828d77d82823d3847394583b8dd223837c7e938c72897c79e2b8f7448';
  const flip = (hex: string, bits: number) => {
    // Flips the lowest `bits` bits, one per hex digit from the end.
    const digits = hex.split('');
    for (let i = 0; i < bits; i++) {
      const at = digits.length - 1 - i;
      digits[at] = (Number.parseInt(digits[at]!, 16) ^ 1).toString(16);
    }
    return digits.join('');
  };
  const withHashes = (id: string, name: string, forensics: Record<string, unknown>, sha256?: string) =>
    buildBundle({
      subject: { id, name },
      documents: [passport({ forensics: { findings: [], ...forensics }, ...(sha256 ? { sha256 } : {}) })],
    });

  function assess(me: CaseBundle, others: CaseBundle[]) {
    return documentsEdited.detect(me, {
      now: new Date('2026-06-01T00:00:00Z'),
      policy: {} as never,
      intel: { available: new Set() },
      population: [me, ...others],
    });
  }

  it('fires high and names the other subject', () => {
    const me = withHashes('cand-1', 'Kyle Anderson', { perceptualHash: H, detailHash: D });
    const other = withHashes('cand-2', 'Brian Miller', {
      perceptualHash: flip(H, 2),
      detailHash: flip(D, 5),
    });
    const s = firstSignal(assess(me, [other]));
    expect(s.severity).toBe('high');
    expect(s.explanation).toContain(
      'the same picture (2 of 64 perceptual-hash bits differ) as the passport uploaded for Brian Miller (cand-2)',
    );
    expect(s.evidence).toEqual(['documents[0].forensics.perceptualHash']);
    const docs = s.data?.documents as {
      reuse: { subjectId: string; distance: number; detailDistance: number }[];
    }[];
    expect(docs[0]?.reuse).toEqual([
      expect.objectContaining({ subjectId: 'cand-2', distance: 2, detailDistance: 5, identicalFile: false }),
    ]);
  });

  it('does not compare a subject with itself', () => {
    const me = withHashes('cand-1', 'Kyle Anderson', { perceptualHash: H, detailHash: D });
    expect(
      summarize(assess(me, [withHashes('cand-1', 'Kyle Anderson', { perceptualHash: H, detailHash: D })])),
    ).toBe('none');
  });

  it('needs the detail hash to agree: one design, different documents, is not the same picture', () => {
    const me = withHashes('cand-1', 'A', { perceptualHash: H, detailHash: D });
    const other = withHashes('cand-2', 'B', { perceptualHash: flip(H, 2), detailHash: flip(D, 30) });
    expect(summarize(assess(me, [other]))).toBe('none');
  });

  it('with the 64-bit hash alone, only 3 bits or fewer count', () => {
    const me = withHashes('cand-1', 'A', { perceptualHash: H });
    expect(summarize(assess(me, [withHashes('cand-2', 'B', { perceptualHash: flip(H, 3) })]))).toBe('high');
    expect(summarize(assess(me, [withHashes('cand-2', 'B', { perceptualHash: flip(H, 4) })]))).toBe('none');
  });

  it('the identical file (same SHA-256) for another subject is reuse too', () => {
    const sha = 'a'.repeat(64);
    const s = firstSignal(assess(withHashes('cand-1', 'A', {}, sha), [withHashes('cand-9', 'Z', {}, sha)]));
    expect(s.explanation).toContain('the identical file as the passport uploaded for Z (cand-9)');
    expect(s.evidence).toEqual(['documents[0].sha256']);
  });

  it('never matches a blank picture (a hash of almost all equal bits)', () => {
    const blank = '0000000000000000';
    const me = withHashes('cand-1', 'A', { perceptualHash: blank });
    expect(summarize(assess(me, [withHashes('cand-2', 'B', { perceptualHash: blank })]))).toBe('none');
  });
});

describe('metadata reading', () => {
  it('reads ISO, EXIF and PDF dates keeping the offset', () => {
    expect(parseMetaDate('2026-02-23T17:55:02+08:00')).toMatchObject({
      iso: '2026-02-23T17:55:02+08:00',
      offsetMinutes: 480,
    });
    expect(parseMetaDate('2026:02:23 17:55:02')).toMatchObject({
      iso: '2026-02-23T17:55:02',
      offsetMinutes: null,
      instantMs: null,
    });
    expect(parseMetaDate("D:20260223175502-07'00'")).toMatchObject({
      iso: '2026-02-23T17:55:02-07:00',
      offsetMinutes: -420,
    });
    expect(parseMetaDate('D:20260110100000Z')?.iso).toBe('2026-01-10T10:00:00Z');
    expect(parseMetaDate('D:2026')?.iso).toBe('2026-01-01T00:00:00');
    expect(parseMetaDate('yesterday')).toBeNull();
    expect(parseMetaDate('2026-13-01T00:00:00')).toBeNull();
  });

  it('words every finding for a recruiter, with the metadata keys it rests on', () => {
    const findings = findingsFromMetadata({
      Software: 'Adobe Photoshop 26.1',
      CreatorTool: 'Adobe Photoshop 26.1 (Windows)',
      DateTimeOriginal: '2026-01-10T14:03:12-07:00',
      ModifyDate: '2026-02-23T17:55:02+08:00',
    });
    expect(findings).toEqual([
      {
        kind: 'editing-software',
        strength: 'strong',
        detail: 'Saved by Adobe Photoshop 26.1 — photo-editing software, not a scanner or camera',
        keys: ['Software', 'CreatorTool'],
      },
      {
        kind: 'modified-after-capture',
        strength: 'weak',
        detail: 'Changed 44 days after it was taken (taken 2026-01-10 14:03, last changed 2026-02-23 17:55)',
        keys: ['DateTimeOriginal', 'ModifyDate'],
      },
      {
        kind: 'date-offsets-disagree',
        strength: 'weak',
        detail:
          'The file’s dates were written on clocks in different time zones (UTC-07:00 and UTC+08:00): it passed through more than one computer or device',
        keys: ['DateTimeOriginal', 'ModifyDate'],
      },
    ]);
  });

  it('does not call an hour apart a different time zone (daylight saving)', () => {
    const kinds = findingsFromMetadata({
      dateTimeOriginal: '2026-03-01T10:00:00-07:00',
      modifyDate: '2026-03-01T12:00:00-06:00',
    }).map((f) => f.kind);
    expect(kinds).toEqual([]);
  });
});

describe('the editing-software table', () => {
  const strong = [
    'Adobe Photoshop 26.1 (Windows)',
    'Adobe Photoshop Lightroom Classic 13.0 (Macintosh)',
    'GIMP 2.10.36',
    'Affinity Photo 2.4',
    'Pixelmator Pro 3.5',
    'paint.net 5.0.13',
    'Canva',
    'PicsArt',
    'Snapseed 2.0',
    'Photopea',
    'Fotor',
    'Adobe Illustrator 28.0 (Macintosh)',
    'Foxit PhantomPDF 10.1',
    'Nitro Pro 13 (13.70.0.30)',
    'Wondershare PDFelement',
    'Sejda Web',
    'Adobe Firefly',
    'DALL·E',
    'Midjourney',
    'Stable Diffusion XL',
  ];
  const weak = [
    'Adobe Acrobat Pro DC 20.12.20048',
    'iLovePDF',
    'Smallpdf.com',
    'Microsoft® Word 2019',
    'LibreOffice 7.5',
  ];
  const neutral = [
    'Apple iOS 17.1',
    '17.1',
    'Android',
    'SAMSUNG SM-S918B',
    'HDR+ 1.0.540104767zd',
    'EPSON Scan',
    'ScanSnap Manager #iX1600',
    'Adobe Scan',
    'Microsoft Print to PDF',
    'Microsoft: Print To PDF',
    'macOS Version 14.2 (Build 23C64) Quartz PDFContext',
    'Skia/PDF m120',
    'Acrobat Distiller 23.0 (Windows)',
    'Adobe PDF Library 17.11.238',
    'Acrobat PDFMaker 23 for Word',
    'Adobe Acrobat Reader DC',
    'Foxit Reader PDF Printer',
    'Canon iR-ADV C5535 PDF',
  ];
  it.each(strong)('%s is strong', (name) => expect(classifySoftware(name)?.strength).toBe('strong'));
  it.each(weak)('%s is weak', (name) => expect(classifySoftware(name)?.strength).toBe('weak'));
  it.each(neutral)('%s does not count', (name) =>
    expect(classifySoftware(name)?.strength ?? 'none').toBe('none'),
  );
});

describe('hashes', () => {
  it('counts differing bits of 64- and 256-bit hashes; malformed ones never match', () => {
    expect(hammingDistance('d7d7287d82383983', 'd7d7287d82383983')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000000', '000000000000000f')).toBe(4);
    expect(hammingDistance('0'.repeat(64), 'f'.repeat(64))).toBe(256);
    expect(hammingDistance('xyz', '0000000000000000')).toBe(Number.POSITIVE_INFINITY);
    expect(hammingDistance('0'.repeat(64), '0000000000000000')).toBe(Number.POSITIVE_INFINITY);
  });

  it('sameImage wants both hashes to agree when both are there', () => {
    const h = 'd7d7287d82383983';
    const d = 'd7a0d7b828d77d82823d3847394583b8dd223837c7e938c72897c79e2b8f7448';
    expect(sameImage({ perceptualHash: h, detailHash: d }, { perceptualHash: h, detailHash: d }).same).toBe(
      true,
    );
    const far = d.replace(/^.{8}/, '28df5847');
    expect(
      sameImage({ perceptualHash: h, detailHash: d }, { perceptualHash: h, detailHash: far }),
    ).toMatchObject({
      same: false,
      distance: 0,
    });
  });
});
