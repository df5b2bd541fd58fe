// The document viewer's pure parts: kinds and statuses in words, the MRZ box laid over a turned image,
// forensic findings in plain language for a recruiter, and how near a reused image is.
import { DOCUMENT_KINDS } from '../../../core/bundle/vocabulary.ts';
import type {
  DocumentFileView,
  DocumentFinding,
  DocumentMrzReading,
  MrzBox,
  ResumeImportSummary,
} from '../../api/types.ts';

export { DOCUMENT_KINDS };

export const KIND_LABELS: Record<string, string> = {
  passport: 'Passport',
  national_id: 'National ID card',
  drivers_license: "Driver's licence",
  work_permit: 'Work permit',
  diploma: 'Diploma',
  other: 'Other',
};

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.replace(/_/g, ' ');

export const STATUS_LABELS: Record<DocumentFileView['status'], { label: string; color: string }> = {
  analyzing: { label: 'Analysing', color: 'blue' },
  analyzed: { label: 'Analysed', color: 'green' },
  failed: { label: 'Analysis failed', color: 'red' },
  deleted: { label: 'Deleted', color: 'gray' },
};

/** Image types a browser shows in <img> (HEIC and TIFF are stored and analysed, but not shown). */
const SHOWABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

export function isShowableImage(mediaType: string): boolean {
  return SHOWABLE.has(mediaType);
}

export const isPdf = (mediaType: string) => mediaType === 'application/pdf';

export type Rotation = 0 | 90 | 180 | 270;

export function quarterTurns(value: number | null | undefined): Rotation {
  const r = (((Math.round((value ?? 0) / 90) * 90) % 360) + 360) % 360;
  return r as Rotation;
}

/** The upright image's size: a quarter turn swaps width and height. */
export function uprightSize(
  width: number,
  height: number,
  rotation: Rotation,
): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/**
 * The SVG transform that draws an original `width × height` image turned `rotation` degrees clockwise into
 * the upright frame (0,0)–uprightSize: a point (x, y) of the original lands at the upright point.
 */
export function rotationTransform(rotation: Rotation, width: number, height: number): string | undefined {
  switch (rotation) {
    case 90:
      return `translate(${height} 0) rotate(90)`;
    case 180:
      return `translate(${width} ${height}) rotate(180)`;
    case 270:
      return `translate(0 ${width}) rotate(270)`;
    default:
      return undefined;
  }
}

/** A box in upright-image pixels scaled to the displayed size of the upright image. */
export function scaleBox(
  box: MrzBox,
  upright: { width: number; height: number },
  shown: { width: number; height: number },
): MrzBox {
  const sx = upright.width > 0 ? shown.width / upright.width : 0;
  const sy = upright.height > 0 ? shown.height / upright.height : 0;
  return { left: box.left * sx, top: box.top * sy, width: box.width * sx, height: box.height * sy };
}

/** The frame the viewer draws: original size (from the MRZ reading, else the file), turn and upright size. */
export function viewerFrame(
  file: Pick<DocumentFileView, 'width' | 'height'>,
  mrz: DocumentMrzReading | null,
): { width: number; height: number; rotation: Rotation; upright: { width: number; height: number } } | null {
  const width = mrz?.width ?? file.width;
  const height = mrz?.height ?? file.height;
  if (!width || !height) return null;
  const rotation = mrz?.source === 'ocr' ? quarterTurns(mrz.rotation) : 0;
  return { width, height, rotation, upright: uprightSize(width, height, rotation) };
}

/** "historyActions" → "History actions". */
export function keyWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.replace(/^./, (c) => c.toUpperCase());
}

export const MRZ_FIELD_LABELS: [string, string][] = [
  ['surname', 'Surname'],
  ['givenNames', 'Given names'],
  ['documentNumber', 'Document number'],
  ['nationality', 'Nationality'],
  ['dateOfBirth', 'Date of birth'],
  ['sex', 'Sex'],
  ['expiry', 'Expires'],
  ['issuingState', 'Issued by'],
];

/** The MRZ fields read, in the order a person reads a passport, then any others. */
export function mrzFields(fields: Record<string, string>): { key: string; label: string; value: string }[] {
  const known = new Set(MRZ_FIELD_LABELS.map(([k]) => k));
  const out = MRZ_FIELD_LABELS.filter(([k]) => fields[k] !== undefined && fields[k] !== '').map(
    ([key, label]) => ({
      key,
      label,
      value: fields[key] ?? '',
    }),
  );
  for (const [key, value] of Object.entries(fields)) {
    if (!known.has(key) && value !== '') out.push({ key, label: keyWords(key), value });
  }
  return out;
}

type FindingText = { title: string; meaning: string };

/** What each forensic finding means for a recruiter, in plain words. */
export const FINDING_TEXT: Record<string, FindingText> = {
  'reused-image': {
    title: 'The same image is on another person’s file',
    meaning:
      'Two people cannot share one ID document. One of them is using someone else’s document: stop and compare both cases.',
  },
  'ai-generated': {
    title: 'Made or changed with an AI image tool',
    meaning:
      'A real ID photo never needs an AI generator. Treat this document as unproven and ask to see the physical document on a live call.',
  },
  'editing-software': {
    title: 'Saved by image-editing software',
    meaning:
      'A photo of an ID should come straight from a phone or scanner. Editors such as Photoshop or GIMP are also used to change names, dates and photos: ask for the original file.',
  },
  'office-software': {
    title: 'Produced by office software',
    meaning:
      'The file was made in a word processor or presentation program. Real documents are photographed or scanned, not composed: ask for a photo of the physical document.',
  },
  'modified-after-capture': {
    title: 'Changed after the picture was taken',
    meaning: 'The file was saved again well after it was captured. Ask why, and for the untouched original.',
  },
  'date-offsets-disagree': {
    title: 'Its dates come from different time zones',
    meaning:
      'The dates inside the file disagree about the time zone, which happens when a file is re-saved on another computer. Ask where it was edited.',
  },
  'incremental-saves': {
    title: 'The PDF was changed after it was first saved',
    meaning:
      'PDFs keep earlier versions when edited. Normal for forms signed in turn; unusual for a scanned ID or diploma.',
  },
  'ela-localised': {
    title: 'One area of the image stands out in the error levels',
    meaning:
      'Part of the picture compresses differently from the rest, as pasted-in or retouched areas do. Look at the error-level image for the bright patch.',
  },
  'no-capture-data': {
    title: 'No camera or scanner information',
    meaning:
      'Phone photos and scans normally name the device. Missing data often means the file went through another program. Weak on its own.',
  },
  recompressed: {
    title: 'Saved as JPEG more than once',
    meaning:
      'Messaging apps do this, and so does editing. Weak on its own; it matters next to other findings.',
  },
  'time-zone': {
    title: 'Its time zone does not match where the candidate says they live',
    meaning:
      'The file records a clock offset from elsewhere. People travel and cameras are set wrong, so this is weak on its own.',
  },
};

export function findingText(kind: string): FindingText {
  return (
    FINDING_TEXT[kind] ?? {
      title: kind.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      meaning: 'A forensic finding of a kind this version of the page does not describe; read the detail.',
    }
  );
}

/** Strong findings first, each group in the order the analysis gave. */
export function orderFindings(findings: readonly DocumentFinding[]): DocumentFinding[] {
  return [
    ...findings.filter((f) => f.strength === 'strong'),
    ...findings.filter((f) => f.strength !== 'strong'),
  ];
}

/** "the same image" (0 bits apart) or "a nearly identical image (3 of 64 bits differ)". */
export function reuseText(distance: number): string {
  return distance === 0 ? 'the same image' : `a nearly identical image (${distance} of 64 bits differ)`;
}

/** "1.2 MB", "840 kB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Metadata keys worth showing first for a PDF or image, in words. */
export const METADATA_LABELS: Record<string, string> = {
  software: 'Software',
  producer: 'PDF producer',
  creator: 'Created with',
  creatorTool: 'Creator tool',
  historySoftware: 'Edited with (history)',
  make: 'Camera make',
  model: 'Camera model',
  createDate: 'Created',
  modifyDate: 'Modified',
  dateTimeOriginal: 'Taken',
  incrementalSaves: 'Saved again after creation (times)',
  jpegQuality: 'JPEG quality',
  pages: 'Pages',
  width: 'Width (pixels)',
  height: 'Height (pixels)',
};

export function metadataRows(
  metadata: Record<string, string | number | boolean>,
): { key: string; label: string; value: string }[] {
  const keys = Object.keys(metadata);
  const known = Object.keys(METADATA_LABELS).filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !(k in METADATA_LABELS)).sort();
  return [...known, ...rest].map((key) => ({
    key,
    label: METADATA_LABELS[key] ?? keyWords(key),
    value: String(metadata[key]),
  }));
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const FORMAT_WORDS: Record<ResumeImportSummary['format'], string> = {
  pdf: 'PDF',
  docx: 'Word document',
  text: 'text file',
};

/** What was read, in sentences. */
export function resumeSummaryLines(s: ResumeImportSummary): string[] {
  const lines = [
    `${s.file}: a ${FORMAT_WORDS[s.format]}${s.pages ? ` of ${count(s.pages, 'page')}` : ''}, ${formatBytes(s.bytes)}, ${s.characters.toLocaleString('en')} characters of text${s.textTruncated ? ' (the first 200,000 kept)' : ''}.`,
    `Contact: ${[s.name ? `name ${s.name}` : 'no name', s.location ? `location ${s.location}` : null, count(s.emails, 'email'), count(s.phones, 'phone number'), count(s.links, 'link')].filter(Boolean).join(', ')}.`,
    `History: ${count(s.employment, 'job')}, ${count(s.education, 'school')}, ${count(s.technologies, 'technology', 'technologies')} with years.`,
  ];
  if (s.replaced.employment + s.replaced.education > 0)
    lines.push(
      `Replaced what an earlier resume said: ${count(s.replaced.employment, 'job')} and ${count(s.replaced.education, 'school')}.`,
    );
  if (s.profilesAdded.length > 0) lines.push(`Profiles added: ${s.profilesAdded.join(', ')}.`);
  if (!s.changed) lines.push('This resume had already been read: nothing changed.');
  return lines;
}
