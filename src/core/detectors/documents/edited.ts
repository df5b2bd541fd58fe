// documents.edited — a document file shows signs of editing. Reads, per document, the flat file metadata
// (`documents[i].metadata`: software, creatorTool, producer, creator, historySoftware, dates, incrementalSaves…,
// written by our forensic analysis or supplied by an integrator), the findings of our analysis
// (`documents[i].forensics.findings`: re-compression, missing capture data, error-level anomalies) and the
// perceptual hash (`documents[i].forensics.perceptualHash`), which is compared with every other subject's
// documents in the population: persona farms reuse one doctored ID.
//
// High on any strong finding: editing, design or PDF-editing software or an AI generator named in the file
// (table: editing-software.ts), a clearly localised error-level anomaly, or the same picture uploaded by
// another subject. Medium when one document has two or more weak findings and nothing strong; one of them
// may be the file's clock (a date's UTC offset) disagreeing with the subject's claimed time zone at that
// date. A time zone is a fact about the computer that saved the file, not about the person's origin, so it
// never fires alone. Nothing on a single weak finding: many honest uploads have one.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, isObject, listText, utcOffsetMinutes } from '../util.ts';
import { classifySoftware, isEditorCategory, type SoftwareMatch } from './editing-software.ts';

const def = requireSignal('documents.edited');

export type ForensicFinding = { kind: string; strength: 'strong' | 'weak'; detail: string };

/** Finding kinds; those in METADATA_KINDS are recomputed from `metadata` whenever a document has it. */
export const FINDING_KINDS = {
  editingSoftware: 'editing-software',
  aiGenerated: 'ai-generated',
  officeSoftware: 'office-software',
  modifiedAfterCapture: 'modified-after-capture',
  offsetsDisagree: 'date-offsets-disagree',
  incrementalSaves: 'incremental-saves',
  noCaptureData: 'no-capture-data',
  recompressed: 'recompressed',
  elaLocalised: 'ela-localised',
  timeZone: 'time-zone',
  reuse: 'reused-image',
} as const;

const METADATA_KINDS = new Set<string>([
  FINDING_KINDS.editingSoftware,
  FINDING_KINDS.aiGenerated,
  FINDING_KINDS.officeSoftware,
  FINDING_KINDS.modifiedAfterCapture,
  FINDING_KINDS.offsetsDisagree,
  FINDING_KINDS.incrementalSaves,
]);

/**
 * Two documents show the same picture when their 64-bit perceptual hashes are at most this many bits apart
 * and their 256-bit detail hashes at most DETAIL_REUSE_MAX_DISTANCE (see sameImage and
 * docs/document-forensics.md for the measurements behind both).
 */
export const PHASH_REUSE_MAX_DISTANCE = 6;
export const DETAIL_REUSE_MAX_DISTANCE = 24;
/** The 64-bit threshold when either document has no detail hash (bundles written by other tools). */
export const PHASH_ONLY_MAX_DISTANCE = 3;
/** A modification this long after creation/capture counts as "well after" (weak). */
export const MODIFIED_AFTER_MS = DAY_MS;
/** Offsets of one file's dates that differ by more than this disagree (a daylight-saving change is one hour). */
const OFFSET_DISAGREE_MINUTES = 60;

const IDENTITY_KINDS = new Set(['passport', 'national_id', 'drivers_license', 'work_permit']);

// ---------------------------------------------------------------------------------------------------------
// Dates

export type MetaDate = {
  /** ISO 8601, with the offset when the source had one. */
  iso: string;
  /** The wall-clock time read as if it were UTC (comparable between dates without offsets). */
  wallMs: number;
  /** Minutes east of UTC, or null when the date has no offset. */
  offsetMinutes: number | null;
  /** The instant, when the offset is known. */
  instantMs: number | null;
};

const ISO_LIKE =
  /^(\d{4})[-:](\d{2})[-:](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const PDF_DATE = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?(?:\d{2}'?)?)?/i;

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** "+08:00" / "-07:00" / "Z" → minutes east of UTC. */
function offsetFrom(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2})'?:?(\d{2})?/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

/** Formats minutes east of UTC as "+08:00". */
export function formatUtcOffset(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * Reads a metadata date: ISO 8601, EXIF ("2026:02:23 17:55:02", optionally with an offset appended) or PDF
 * ("D:20260223175502+08'00'"). Null when it is not a date.
 */
export function parseMetaDate(value: unknown): MetaDate | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const m = ISO_LIKE.exec(text) ?? PDF_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i, k) => Number(m[i] ?? (k < 3 ? 1 : 0)));
  if (y! < 1900 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 60) return null;
  const wallMs = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (Number.isNaN(wallMs)) return null;
  const offsetMinutes = offsetFrom(m[7]);
  const base = `${pad(y!, 4)}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}:${pad(s!)}`;
  const iso =
    offsetMinutes === null
      ? base
      : offsetMinutes === 0 && /z/i.test(m[7] ?? '')
        ? `${base}Z`
        : `${base}${formatUtcOffset(offsetMinutes)}`;
  return {
    iso,
    wallMs,
    offsetMinutes,
    instantMs: offsetMinutes === null ? null : wallMs - offsetMinutes * 60_000,
  };
}

const wallText = (d: MetaDate) => d.iso.slice(0, 16).replace('T', ' ');

function spanText(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days >= 730) return `${Math.floor(days / 365)} years`;
  if (days >= 60) return `${Math.floor(days / 30)} months`;
  if (days >= 2) return `${days} days`;
  return `${Math.round(ms / 3_600_000)} hours`;
}

// ---------------------------------------------------------------------------------------------------------
// Metadata → findings (shared with the forensic analysis)

/** Case- and separator-insensitive access to flat metadata ("ModifyDate", "modify_date", "modifyDate"). */
export type MetaReader = { get(key: string): { key: string; value: unknown } | undefined };

const normKey = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, '');

export function metaReader(metadata: Record<string, unknown>): MetaReader {
  const map = new Map<string, { key: string; value: unknown }>();
  for (const [key, value] of Object.entries(metadata)) {
    const n = normKey(key);
    if (!map.has(n)) map.set(n, { key, value });
  }
  return { get: (key) => map.get(normKey(key)) };
}

/** A finding with the metadata keys it rests on (for evidence paths). */
export type MetaFinding = ForensicFinding & { keys: string[] };

const EARLIER_LEAD = 'An earlier version was written by';

// The keys naming software, with the words that introduce their value.
const SOFTWARE_KEYS: [key: string, lead: string][] = [
  ['software', 'Saved by'],
  ['creatorTool', 'Made with'],
  ['producer', 'PDF written by'],
  ['creator', 'Created with'],
  ['historySoftware', 'Edited with'],
  ['earlierProducers', EARLIER_LEAD],
  ['iptcProgram', 'Made with'],
  ['c2paGenerator', 'Content credentials (C2PA) name'],
];

function softwareValues(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/;\s*/)
    .map((v) => v.trim().slice(0, 200))
    .filter((v) => v !== '');
}

type SoftwareHit = { key: string; lead: string; value: string; match: SoftwareMatch };

function softwareHits(meta: MetaReader): SoftwareHit[] {
  const hits: SoftwareHit[] = [];
  for (const [name, lead] of SOFTWARE_KEYS) {
    const entry = meta.get(name);
    if (!entry) continue;
    for (const value of softwareValues(entry.value)) {
      const match = classifySoftware(value);
      if (match && match.strength !== 'none') hits.push({ key: entry.key, lead, value, match });
    }
  }
  return hits;
}

function softwareFinding(hit: SoftwareHit): ForensicFinding {
  const { match } = hit;
  const kind =
    match.category === 'ai-generator'
      ? FINDING_KINDS.aiGenerated
      : match.category === 'office'
        ? FINDING_KINDS.officeSoftware
        : FINDING_KINDS.editingSoftware;
  const strength = match.strength === 'strong' ? 'strong' : 'weak';
  const history = hit.lead === 'Edited with' ? ' (in the file’s editing history)' : '';
  return { kind, strength, detail: `${hit.lead} ${hit.value}${history} — ${match.words}` };
}

const DATE_KEYS = ['dateTimeOriginal', 'createDate', 'modifyDate', 'metadataDate'] as const;

type NamedDate = { key: string; name: (typeof DATE_KEYS)[number]; date: MetaDate };

function metaDates(meta: MetaReader): NamedDate[] {
  const out: NamedDate[] = [];
  for (const name of DATE_KEYS) {
    const entry = meta.get(name);
    const date = entry ? parseMetaDate(entry.value) : null;
    if (entry && date) out.push({ key: entry.key, name, date });
  }
  return out;
}

function modifiedAfter(dates: NamedDate[]): MetaFinding | null {
  const origin =
    dates.find((d) => d.name === 'dateTimeOriginal') ?? dates.find((d) => d.name === 'createDate');
  const later = dates.find((d) => d.name === 'modifyDate') ?? dates.find((d) => d.name === 'metadataDate');
  if (!origin || !later) return null;
  const both = origin.date.instantMs !== null && later.date.instantMs !== null;
  const gap = both
    ? later.date.instantMs! - origin.date.instantMs!
    : // Without both offsets the wall clocks may be up to 26 hours apart for the same instant.
      later.date.wallMs - origin.date.wallMs - 26 * 3_600_000;
  if (gap <= MODIFIED_AFTER_MS) return null;
  const span = later.date.wallMs - origin.date.wallMs;
  const what = origin.name === 'dateTimeOriginal' ? 'taken' : 'created';
  return {
    kind: FINDING_KINDS.modifiedAfterCapture,
    strength: 'weak',
    detail: `Changed ${spanText(span)} after it was ${what} (${what} ${wallText(origin.date)}, last changed ${wallText(later.date)})`,
    keys: [origin.key, later.key],
  };
}

function offsetsDisagree(dates: NamedDate[]): MetaFinding | null {
  // "Z" / +00:00 is how much software writes any date, so it says nothing about the clock: left out.
  const withOffset = dates.filter((d) => d.date.offsetMinutes !== null && d.date.offsetMinutes !== 0);
  for (let i = 0; i < withOffset.length; i++) {
    for (let j = i + 1; j < withOffset.length; j++) {
      const a = withOffset[i]!;
      const b = withOffset[j]!;
      if (Math.abs(a.date.offsetMinutes! - b.date.offsetMinutes!) <= OFFSET_DISAGREE_MINUTES) continue;
      return {
        kind: FINDING_KINDS.offsetsDisagree,
        strength: 'weak',
        detail: `The file’s dates were written on clocks in different time zones (UTC${formatUtcOffset(a.date.offsetMinutes!)} and UTC${formatUtcOffset(b.date.offsetMinutes!)}): it passed through more than one computer or device`,
        keys: [a.key, b.key],
      };
    }
  }
  return null;
}

function incrementalSaves(meta: MetaReader, hits: SoftwareHit[]): MetaFinding | null {
  const entry = meta.get('incrementalSaves');
  const n = typeof entry?.value === 'number' ? entry.value : Number(entry?.value);
  if (!entry || !Number.isFinite(n) || n < 1) return null;
  const times = n === 1 ? 'once' : `${n} times`;
  const editor =
    hits.find((h) => isEditorCategory(h.match.category) && h.lead !== EARLIER_LEAD) ??
    hits.find((h) => isEditorCategory(h.match.category));
  if (editor) {
    const earlier = meta.get('earlierProducers');
    const first = softwareValues(earlier?.value).find((v) => v !== editor.value);
    const story =
      first && editor.lead !== EARLIER_LEAD
        ? `First written by ${first}, then saved again ${times} with ${editor.value}`
        : `Saved again ${times} after it was first made, with ${editor.value}`;
    return {
      kind: FINDING_KINDS.incrementalSaves,
      strength: 'strong',
      detail: `${story} — ${editor.match.words}`,
      keys: [entry.key, editor.key, ...(first && earlier ? [earlier.key] : [])],
    };
  }
  return {
    kind: FINDING_KINDS.incrementalSaves,
    strength: 'weak',
    detail: `Saved again ${times} after it was first made (the PDF has ${n === 1 ? 'an update' : `${n} updates`} appended to the original)`,
    keys: [entry.key],
  };
}

function aiMarkers(meta: MetaReader): MetaFinding[] {
  const out: MetaFinding[] = [];
  const source = meta.get('digitalSourceType');
  if (typeof source?.value === 'string' && /trainedalgorithmicmedia/i.test(source.value)) {
    const partly = /composite/i.test(source.value);
    out.push({
      kind: FINDING_KINDS.aiGenerated,
      strength: 'strong',
      detail: `The file declares itself ${partly ? 'partly made' : 'made'} by AI (IPTC digital source type ${source.value.split('/').pop()})`,
      keys: [source.key],
    });
  }
  const params = meta.get('aiParameters');
  if (typeof params?.value === 'string' && params.value !== '') {
    out.push({
      kind: FINDING_KINDS.aiGenerated,
      strength: 'strong',
      detail: `The picture carries AI image-generation settings (its “${params.value}” text) — made by an AI image generator, not a scanner or camera`,
      keys: [params.key],
    });
  }
  return out;
}

/**
 * The findings flat file metadata supports on its own: software (table in editing-software.ts), AI
 * markers, a modification well after creation, dates written in different time zones, and PDF
 * incremental saves (strong when an editor wrote the file). One finding per software name.
 */
export function findingsFromMetadata(metadata: Record<string, unknown>): MetaFinding[] {
  const meta = metaReader(metadata);
  const hits = softwareHits(meta);
  const bySoftware = new Map<string, MetaFinding>();
  for (const hit of hits) {
    const id = `${hit.match.name}|${hit.match.category}`;
    const seen = bySoftware.get(id);
    if (seen) {
      if (!seen.keys.includes(hit.key)) seen.keys.push(hit.key);
      continue;
    }
    bySoftware.set(id, { ...softwareFinding(hit), keys: [hit.key] });
  }
  const out: MetaFinding[] = [...bySoftware.values(), ...aiMarkers(meta)];
  const dates = metaDates(meta);
  const after = modifiedAfter(dates);
  if (after) out.push(after);
  const offsets = offsetsDisagree(dates);
  if (offsets) out.push(offsets);
  const saves = incrementalSaves(meta, hits);
  if (saves) out.push(saves);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Perceptual hashes

/** A hash of 16 (64 bits) or 64 (256 bits) hex characters as 32-bit words, or null when it is not one. */
function parseWords(hash: unknown, chars: 16 | 64): number[] | null {
  if (typeof hash !== 'string' || hash.length !== chars || !/^[0-9a-f]+$/i.test(hash)) return null;
  const words: number[] = [];
  for (let i = 0; i < chars; i += 8) words.push(Number.parseInt(hash.slice(i, i + 8), 16));
  return words;
}

/** A 64-bit hash of 16 hex characters as two 32-bit halves, or null when it is not one. */
export function parseHash(hash: unknown): [number, number] | null {
  const w = parseWords(hash, 16);
  return w ? [w[0]!, w[1]!] : null;
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function distance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount((a[i]! ^ b[i]!) >>> 0);
  return d;
}

/**
 * Bits that differ between two hashes of the same length (16 or 64 hex characters); Infinity when either
 * is not such a hash or the lengths differ (a malformed value never matches anything).
 */
export function hammingDistance(a: string, b: string): number {
  const chars = a.length === 64 ? 64 : 16;
  const x = parseWords(a, chars);
  const y = parseWords(b, chars);
  return x && y ? distance(x, y) : Number.POSITIVE_INFINITY;
}

/** A hash with almost all bits alike comes from a blank or flat picture: it would match every other one. */
function informative(h: readonly number[]): boolean {
  const bits = h.length * 32;
  const ones = h.reduce((s, w) => s + popcount(w), 0);
  return ones >= bits / 8 && ones <= bits - bits / 8;
}

export type ImageHashes = { perceptualHash?: unknown; detailHash?: unknown };

export type SameImage = { same: boolean; distance: number; detailDistance: number | null };

/**
 * Whether two documents show the same picture. The 64-bit perceptual hash finds candidates (at most
 * PHASH_REUSE_MAX_DISTANCE bits apart); the 256-bit detail hash, when both have one, must agree too (at
 * most DETAIL_REUSE_MAX_DISTANCE bits): 64 bits see the layout, so two scans of different documents of one
 * design can be close, while the finer hash also sees the photo and the text. Without detail hashes the
 * 64-bit hash must be within PHASH_ONLY_MAX_DISTANCE. Flat pictures (a blank page) never match.
 */
export function sameImage(a: ImageHashes, b: ImageHashes): SameImage {
  const x = parseHash(a.perceptualHash);
  const y = parseHash(b.perceptualHash);
  if (!x || !y || !informative(x) || !informative(y)) {
    return { same: false, distance: Number.POSITIVE_INFINITY, detailDistance: null };
  }
  const d = distance(x, y);
  const dx = parseWords(a.detailHash, 64);
  const dy = parseWords(b.detailHash, 64);
  if (dx && dy) {
    const dd = distance(dx, dy);
    return {
      same: d <= PHASH_REUSE_MAX_DISTANCE && dd <= DETAIL_REUSE_MAX_DISTANCE,
      distance: d,
      detailDistance: dd,
    };
  }
  return { same: d <= PHASH_ONLY_MAX_DISTANCE, distance: d, detailDistance: null };
}

type IndexedDoc = {
  subjectId: string;
  subjectName: string | undefined;
  index: number;
  kind: string | undefined;
  hashes: ImageHashes;
  hash: [number, number] | null;
  sha256: string | undefined;
};

type HashIndex = { byByte: Map<number, IndexedDoc[]>[]; bySha: Map<string, IndexedDoc[]> };

const indexes = new WeakMap<readonly CaseBundle[], HashIndex>();

const byteOf = (h: [number, number], i: number) => ((i < 4 ? h[0] : h[1]) >>> ((3 - (i % 4)) * 8)) & 0xff;

function docHashes(doc: Record<string, unknown>): ImageHashes {
  const forensics = doc.forensics;
  return isObject(forensics)
    ? { perceptualHash: forensics.perceptualHash, detailHash: forensics.detailHash }
    : {};
}

function docHash(doc: Record<string, unknown>): [number, number] | null {
  const h = parseHash(docHashes(doc).perceptualHash);
  return h && informative(h) ? h : null;
}

function docSha(doc: Record<string, unknown>): string | undefined {
  return typeof doc.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(doc.sha256)
    ? doc.sha256.toLowerCase()
    : undefined;
}

// Two 64-bit hashes within 6 bits agree exactly on at least two of their eight bytes (pigeonhole), so
// looking up each byte finds every candidate without comparing against the whole population.
function buildIndex(population: readonly CaseBundle[]): HashIndex {
  const index: HashIndex = { byByte: Array.from({ length: 8 }, () => new Map()), bySha: new Map() };
  for (const bundle of population) {
    (bundle.documents ?? []).forEach((doc, i) => {
      const hash = docHash(doc);
      const sha256 = docSha(doc);
      if (!hash && !sha256) return;
      const entry: IndexedDoc = {
        subjectId: bundle.subject.id,
        subjectName: bundle.subject.name,
        index: i,
        kind: doc.kind,
        hashes: docHashes(doc),
        hash,
        sha256,
      };
      if (hash) {
        for (let b = 0; b < 8; b++) {
          const key = byteOf(hash, b);
          const list = index.byByte[b]!.get(key);
          if (list) list.push(entry);
          else index.byByte[b]!.set(key, [entry]);
        }
      }
      if (sha256) {
        const list = index.bySha.get(sha256);
        if (list) list.push(entry);
        else index.bySha.set(sha256, [entry]);
      }
    });
  }
  return index;
}

function indexFor(population: readonly CaseBundle[]): HashIndex {
  let index = indexes.get(population);
  if (!index) {
    index = buildIndex(population);
    indexes.set(population, index);
  }
  return index;
}

export type Reuse = {
  subjectId: string;
  subjectName: string | null;
  document: number;
  kind: string | null;
  /** Bits of the 64-bit perceptual hash that differ (0 for the identical file). */
  distance: number;
  /** Bits of the 256-bit detail hash that differ, when both documents have one. */
  detailDistance: number | null;
  identicalFile: boolean;
};

/** Documents of OTHER subjects showing the same picture (or the identical file), closest first. */
export function findReuse(
  doc: Record<string, unknown>,
  subjectId: string,
  population: readonly CaseBundle[],
): Reuse[] {
  if (population.length === 0) return [];
  const hash = docHash(doc);
  const sha256 = docSha(doc);
  if (!hash && !sha256) return [];
  const index = indexFor(population);
  const found = new Map<IndexedDoc, Reuse>();
  const add = (e: IndexedDoc, d: number, detailDistance: number | null, identicalFile: boolean) => {
    if (e.subjectId === subjectId) return;
    const prev = found.get(e);
    if (prev && (prev.identicalFile || prev.distance <= d)) return;
    found.set(e, {
      subjectId: e.subjectId,
      subjectName: e.subjectName ?? null,
      document: e.index,
      kind: e.kind ?? null,
      distance: d,
      detailDistance,
      identicalFile,
    });
  };
  if (sha256) for (const e of index.bySha.get(sha256) ?? []) add(e, 0, null, true);
  if (hash) {
    const mine = docHashes(doc);
    for (let b = 0; b < 8; b++) {
      for (const e of index.byByte[b]!.get(byteOf(hash, b)) ?? []) {
        if (!e.hash) continue;
        const same = sameImage(mine, e.hashes);
        if (same.same) add(e, same.distance, same.detailDistance, false);
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => a.distance - b.distance || a.subjectId.localeCompare(b.subjectId),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The claimed time zone

// Countries whose whole territory keeps one offset all year or follows one zone's rules: the claimed
// country alone then says which clock the subject lives by. Others (CA, US, AU, BR, MX, RU, ID, ES with the
// Canaries, PT with the Azores, …) need `claimedLocation.timezone`.
const COUNTRY_ZONES: Record<string, string> = {
  AE: 'Asia/Dubai',
  AM: 'Asia/Yerevan',
  AR: 'America/Argentina/Buenos_Aires',
  AT: 'Europe/Vienna',
  AZ: 'Asia/Baku',
  BD: 'Asia/Dhaka',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  BY: 'Europe/Minsk',
  CH: 'Europe/Zurich',
  CN: 'Asia/Shanghai',
  CO: 'America/Bogota',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EG: 'Africa/Cairo',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GE: 'Asia/Tbilisi',
  GH: 'Africa/Accra',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KE: 'Africa/Nairobi',
  KP: 'Asia/Pyongyang',
  KR: 'Asia/Seoul',
  LK: 'Asia/Colombo',
  LT: 'Europe/Vilnius',
  LV: 'Europe/Riga',
  MY: 'Asia/Kuala_Lumpur',
  NG: 'Africa/Lagos',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  NP: 'Asia/Kathmandu',
  PE: 'America/Lima',
  PH: 'Asia/Manila',
  PK: 'Asia/Karachi',
  PL: 'Europe/Warsaw',
  RO: 'Europe/Bucharest',
  RS: 'Europe/Belgrade',
  SA: 'Asia/Riyadh',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SK: 'Europe/Bratislava',
  TH: 'Asia/Bangkok',
  TR: 'Europe/Istanbul',
  TW: 'Asia/Taipei',
  UZ: 'Asia/Tashkent',
  VE: 'America/Caracas',
  VN: 'Asia/Ho_Chi_Minh',
  ZA: 'Africa/Johannesburg',
};

/** The subject's claimed IANA time zone: given, or derived from a country that has only one. */
export function claimedTimeZone(bundle: CaseBundle): string | undefined {
  const loc = bundle.subject.claimedLocation;
  if (loc?.timezone) return loc.timezone;
  return loc?.country ? COUNTRY_ZONES[loc.country.toUpperCase()] : undefined;
}

function timeZoneFinding(meta: MetaReader, bundle: CaseBundle): MetaFinding | null {
  const zone = claimedTimeZone(bundle);
  if (!zone) return null;
  const place = bundle.subject.claimedLocation?.city ?? zone;
  // The last save first: it is where the file was finished.
  for (const name of ['modifyDate', 'metadataDate', 'createDate', 'dateTimeOriginal'] as const) {
    const entry = meta.get(name);
    const date = entry ? parseMetaDate(entry.value) : null;
    if (!entry || !date || date.instantMs === null || !date.offsetMinutes) continue;
    let claimed: number;
    try {
      claimed = utcOffsetMinutes(date.instantMs, zone);
    } catch {
      return null; // not a time zone this runtime knows
    }
    if (claimed === date.offsetMinutes) continue;
    const verb = name === 'dateTimeOriginal' ? 'taken' : name === 'createDate' ? 'created' : 'last saved';
    return {
      kind: FINDING_KINDS.timeZone,
      strength: 'weak',
      detail: `${verb === 'last saved' ? 'Last saved' : verb === 'created' ? 'Created' : 'Taken'} on a device whose clock was set to UTC${formatUtcOffset(date.offsetMinutes)} (${wallText(date)}), while ${place} (${zone}) was at UTC${formatUtcOffset(claimed)} then`,
      keys: [entry.key],
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// The detector

type DocResult = {
  index: number;
  kind: string;
  findings: ForensicFinding[];
  reuse: Reuse[];
  evidence: string[];
};

function validFindings(value: unknown): ForensicFinding[] {
  if (!Array.isArray(value)) return [];
  const out: ForensicFinding[] = [];
  for (const f of value) {
    if (!isObject(f) || typeof f.kind !== 'string' || typeof f.detail !== 'string') continue;
    if (f.strength !== 'strong' && f.strength !== 'weak') continue;
    out.push({ kind: f.kind, strength: f.strength, detail: f.detail.slice(0, 300) });
  }
  return out;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function reuseFinding(reuse: Reuse[]): ForensicFinding {
  const first = reuse[0]!;
  const who = first.subjectName ? `${first.subjectName} (${first.subjectId})` : `subject ${first.subjectId}`;
  const what = first.kind ? first.kind.replace(/_/g, ' ') : 'document';
  const how = first.identicalFile
    ? 'the identical file'
    : first.distance === 0
      ? 'the same picture (identical perceptual hash)'
      : `the same picture (${first.distance} of 64 perceptual-hash bits differ)`;
  const more = reuse.length > 1 ? ` and ${reuse.length - 1} more` : '';
  return {
    kind: FINDING_KINDS.reuse,
    strength: 'strong',
    detail: `${how[0]!.toUpperCase()}${how.slice(1)} as the ${what} uploaded for ${who}${more} — one document image reused for several people`,
  };
}

function examine(
  bundle: CaseBundle,
  doc: Record<string, unknown>,
  i: number,
  population: readonly CaseBundle[],
): DocResult {
  const path = `documents[${i}]`;
  const kind = typeof doc.kind === 'string' ? doc.kind : 'document';
  const identity = IDENTITY_KINDS.has(kind);
  const findings: ForensicFinding[] = [];
  const evidence: string[] = [];
  const metadata = isObject(doc.metadata) ? doc.metadata : undefined;
  const add = (f: ForensicFinding, paths: string[]) => {
    if (f.kind === FINDING_KINDS.officeSoftware && !identity) return; // a typed letter is normal
    if (findings.some((g) => g.detail === f.detail)) return;
    findings.push({ kind: f.kind, strength: f.strength, detail: f.detail });
    evidence.push(...paths);
  };
  if (metadata) {
    for (const f of findingsFromMetadata(metadata))
      add(
        f,
        f.keys.map((k) => `${path}.metadata.${k}`),
      );
    const tz = timeZoneFinding(metaReader(metadata), bundle);
    if (tz) add(tz, [...tz.keys.map((k) => `${path}.metadata.${k}`), 'subject.claimedLocation']);
  }
  const forensics = isObject(doc.forensics) ? doc.forensics : undefined;
  for (const f of validFindings(forensics?.findings)) {
    // What metadata supports is recomputed from it above (the table may have grown since the analysis).
    if (metadata && METADATA_KINDS.has(f.kind)) continue;
    add(f, [`${path}.forensics.findings`]);
  }
  const reuse = findReuse(doc, bundle.subject.id, population);
  if (reuse.length > 0) {
    add(reuseFinding(reuse), [
      reuse.some((r) => !r.identicalFile) ? `${path}.forensics.perceptualHash` : `${path}.sha256`,
    ]);
  }
  return { index: i, kind, findings, reuse, evidence: [...new Set(evidence)] };
}

export const documentsEdited: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const docs = bundle.documents ?? [];
    const examined: DocResult[] = [];
    docs.forEach((doc, i) => {
      const hasMetadata = isObject(doc.metadata) && Object.keys(doc.metadata).length > 0;
      const hasForensics = isObject(doc.forensics);
      if (!hasMetadata && !hasForensics) return;
      examined.push(examine(bundle, doc, i, ctx.population));
    });
    if (examined.length === 0) return notEvaluated('no document with file metadata or forensic analysis');
    const strong = examined.filter((d) => d.findings.some((f) => f.strength === 'strong'));
    const weak = examined.filter(
      (d) => new Set(d.findings.filter((f) => f.strength === 'weak').map((f) => f.kind)).size >= 2,
    );
    const flagged = strong.length > 0 ? strong : weak;
    if (flagged.length === 0) return nothing();
    const severity = strong.length > 0 ? 'high' : 'medium';
    const several = flagged.length > 1;
    const detail = flagged
      .map((d) => {
        const sorted = [...d.findings].sort((a, b) =>
          a.strength === b.strength ? 0 : a.strength === 'strong' ? -1 : 1,
        );
        const text = sorted.map((f) => lowerFirst(f.detail)).join('; ');
        return several ? `${d.kind.replace(/_/g, ' ')}: ${text}` : text;
      })
      .join('. ');
    return found(
      fire(
        def,
        severity,
        flagged.flatMap((d) => d.evidence),
        {
          count: flagged.length,
          documents: flagged.map((d) => ({
            document: `documents[${d.index}]`,
            kind: d.kind,
            findings: d.findings,
            reuse: d.reuse,
          })),
        },
        { document: listText([...new Set(flagged.map((d) => d.kind.replace(/_/g, ' ')))]), detail },
      ),
    );
  },
};
