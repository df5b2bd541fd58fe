// Near-duplicate resumes (links.duplicate-resume): persona farms reuse one resume under many names, editing
// the name, contact details, dates, employers and a few phrases. The comparison therefore works on a
// normalised text where those edits vanish, and on shingles that only a copy shares:
//
// 1. Tokens: lower case, accents removed; emails, links and phone numbers become <email>, <url>, <phone>;
//    dates (Jan 2019, 03/2021, 2019-04, 2021, Present) become one <date>; other numbers <num>; the
//    person's names and the employers and schools the bundle lists become <name> and <org>.
// 2. Shingles: every run of three consecutive tokens (word 3-grams), hashed to 32 bits, kept only when at
//    least one of its words is not common resume vocabulary (technologies, skills, section headings, small
//    words, placeholders, items of a list line such as a skills list). Two resumes that share a long
//    skills list and the usual headings then share no shingle from them, while a copied sentence keeps most of its shingles: one edited word breaks three.
// 3. Similarity: Jaccard of the two shingle sets (shared / all distinct); containment (shared / the
//    smaller set) is reported too.
// 4. Speed: an LSH index finds the candidates without comparing against every resume; each candidate is then
//    checked exactly. The index learns the population's vocabulary: a shingle found in more than 5% of the
//    indexed resumes (and in more than 50 of them) is stock phrasing, and it is left out of the MinHash
//    signatures that pick candidates (192 seeded hash functions, 96 bands of 2 rows), since otherwise
//    unrelated resumes meet in the same buckets through it. The exact check still counts every shingle.
//    Floor: a resume keeps at least the rarer half of its shingles in its signature, so the copies of one
//    template, once a farm is large enough to make that template's phrases frequent, still meet.
//    A candidate must share at least two bands (96·J² on average over the kept shingles: 11.8 at J = 0.35,
//    1 at J = 0.1), so chance meetings of one stack's resumes are not checked. Bands are stored compactly
//    (sorted keys and item numbers in typed arrays, 8 bytes an entry), looked up by binary search.
//    bench/resume-dup.bench.ts measures the recall against a scan of every resume, and the candidates.
// 5. Evidence: the longest runs of words both resumes share, as passages of the original texts.
import { TECHNOLOGIES } from '../detectors/consistency/technologies.ts';

/** Jaccard similarity of shingle sets at or above which two resumes are near-duplicates (calibrated in the tests). */
export const DUPLICATE_MIN_JACCARD = 0.35;

export const MINHASH_SIZE = 192;
export const LSH_BANDS = 96;
export const LSH_ROWS = 2;
/** A shingle in more than this share of the indexed resumes (and more than COMMON_SHINGLE_MIN_COUNT) is stock phrasing. */
export const COMMON_SHINGLE_SHARE = 0.05;
export const COMMON_SHINGLE_MIN_COUNT = 50;
/** The share of a resume's shingles (the rarest) its signature keeps whatever their frequency. */
const MIN_SIGNATURE_SHARE = 0.5;

export type ResumeToken = {
  /** The normalised form: a lower-case word or a placeholder such as <date>. */
  form: string;
  /** Where it is in the original text. */
  start: number;
  end: number;
  /** An item of a list line (skills, tools): common vocabulary whatever the word. */
  listed?: boolean;
};

export type ResumeFeatures = {
  tokens: ResumeToken[];
  /** Distinct informative shingle hashes, ascending. */
  shingles: Uint32Array;
};

export type NormalizeOptions = {
  /** Names of the person (subject name, aliases, the resume's contact name): their words become <name>. */
  names?: readonly string[];
  /** Employers and schools from the bundle: their words become <org>. */
  organizations?: readonly string[];
};

const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[.,]?$/;
const DATE =
  /^(?:(?:19|20)\d\d|\d{1,2}[/.](?:19|20)\d\d|(?:19|20)\d\d[-/.]\d{1,2}(?:[-/.]\d{1,2})?|present|current)$/;
const EMAIL = /^[^@\s]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const URL_LIKE = /^(?:https?:\/\/|www\.)|^[\w-]+\.(?:com|io|dev|me|net|org)\//;
const DIGITS = /^\+?\(?\d[\d().-]*$/;
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}+#]|[.'/-](?=[\p{L}\p{N}]))*[+#]*/gu;
const EDGE = /^[^\p{L}\p{N}+@(]+|[^\p{L}\p{N}+#)/]+$/gu;
const PLAIN = /^[A-Za-z]+[.,;:]?$/;
const NON_ASCII = /[^ -~\s]/;

const fold = (s: string) =>
  NON_ASCII.test(s)
    ? s
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
    : s.toLowerCase();

function wordsOf(values: readonly string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const v of values ?? []) {
    for (const m of fold(v).matchAll(/[\p{L}\p{N}]+/gu)) {
      // Short words ("inc", "of", "llc") stay words: they are also common vocabulary.
      if (m[0].length >= 3 && !COMMON.has(m[0])) out.add(m[0]);
    }
  }
  return out;
}

type Raw = ResumeToken & { digits?: number };

/**
 * The normalised tokens of a resume text, each with where it is in the text. The text is read chunk by
 * chunk (runs without spaces), which is several times faster than one pattern with every alternative.
 */
export function resumeTokens(text: string, options: NormalizeOptions = {}): ResumeToken[] {
  const names = wordsOf(options.names);
  const orgs = wordsOf(options.organizations);
  const raw: Raw[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const chunk = m[0];
    if (PLAIN.test(chunk)) {
      // The common case, one plain word with perhaps a comma or full stop after it.
      const word = chunk.replace(/[.,;:]$/, '').toLowerCase();
      const form = names.has(word)
        ? '<name>'
        : orgs.has(word)
          ? '<org>'
          : word === 'present' || word === 'current'
            ? '<date>'
            : word;
      raw.push({ form, start: m.index, end: m.index + word.length });
      continue;
    }
    const core = chunk.replace(EDGE, '');
    if (core === '') continue;
    const start = m.index + chunk.indexOf(core);
    const end = start + core.length;
    const lower = core.toLowerCase();
    if (lower.includes('@') && EMAIL.test(lower)) raw.push({ form: '<email>', start, end });
    else if (URL_LIKE.test(lower)) raw.push({ form: '<url>', start, end });
    else if (DATE.test(lower)) raw.push({ form: '<date>', start, end });
    else if (DIGITS.test(lower)) {
      raw.push({ form: '<num>', start, end, digits: lower.replace(/\D/g, '').length });
    } else {
      for (const w of core.matchAll(WORD)) {
        let form = fold(w[0]);
        if (/^\d+(?:[.,]\d+)*$/.test(form)) form = '<num>';
        else if (names.has(form)) form = '<name>';
        else if (orgs.has(form)) form = '<org>';
        raw.push({ form, start: start + w.index, end: start + w.index + w[0].length });
      }
    }
  }
  // Runs of number chunks with 7+ digits are a phone number; a month before a year is part of the date.
  for (let i = 0; i < raw.length; i++) {
    if (raw[i]!.digits === undefined) continue;
    let j = i;
    let digits = 0;
    while (j < raw.length && raw[j]!.digits !== undefined) digits += raw[j++]!.digits!;
    if (digits >= 7) for (let k = i; k < j; k++) raw[k]!.form = '<phone>';
    i = j - 1;
  }
  for (let i = 0; i + 1 < raw.length; i++) {
    if (raw[i + 1]!.form === '<date>' && MONTH.test(raw[i]!.form)) raw[i]!.form = '<date>';
  }
  const out: ResumeToken[] = [];
  for (const t of raw) {
    const last = out[out.length - 1];
    // "Jan 2019 – Mar 2021", "Daniel Moreau", "+1 (415) 555-0132": one placeholder.
    if (last && t.form.startsWith('<') && last.form === t.form) {
      last.end = t.end;
      continue;
    }
    out.push({ form: t.form, start: t.start, end: t.end });
  }
  markLists(text, out);
  return out;
}

/** A line of five or more short items separated by commas, semicolons, bars or bullets is a list. */
function markLists(text: string, tokens: ResumeToken[]): void {
  let k = 0;
  for (const line of text.matchAll(/[^\n]+/g)) {
    const items = line[0].split(/[,;|•·]/);
    const from = line.index;
    const to = from + line[0].length;
    while (k < tokens.length && tokens[k]!.start < from) k++;
    if (items.length < 5 || items.some((item) => item.trim().split(/\s+/).length > 3)) continue;
    for (let i = k; i < tokens.length && tokens[i]!.start < to; i++) tokens[i]!.listed = true;
  }
}

/** The normalised text (tokens joined by spaces), for display and tests. */
export function normalizeResume(text: string, options: NormalizeOptions = {}): string {
  return resumeTokens(text, options)
    .map((t) => t.form)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Common vocabulary: shingles made only of these words carry no evidence of copying.

const SMALL_WORDS =
  'a an the and or of to in on at for with by from as into over under via per using use used across within including include includes such than then that this these those it its is are was were be been being has have had will would can could our my me i we you your their they them he she his her who which while where when also both all any each more most new other own same so up out not no yes etc e.g i.e'.split(
    ' ',
  );
const HEADINGS =
  'summary profile objective about professional experience work history employment career technical skills skill core competencies competency expertise technologies technology tools tool stack languages language frameworks framework databases database cloud platforms platform education certifications certification certificates courses projects project achievements awards references available upon request contact personal details interests hobbies volunteer publications bachelor bachelors master masters degree science sciences arts engineering computer software information systems university college institute school of technology remote hybrid onsite full-time part-time contract freelance inc llc ltd corp corporation company gmbh sa city state country'.split(
    ' ',
  );
const SKILL_WORDS =
  'rest restful api apis graphql microservices micro services agile scrum kanban ci cd ci/cd devops tdd bdd unit integration e2e end-to-end testing tests test automation design patterns oop solid clean code architecture distributed systems data structures algorithms backend back-end frontend front-end full-stack fullstack full stack web mobile development developer engineer engineering senior junior lead principal staff software application applications server serverless sql nosql relational orm ui ux responsive accessibility security performance monitoring logging observability containers containerization orchestration version control source linux unix windows macos scripting shell bash html5 css3 sass less json xml yaml oauth oauth2 jwt sso websockets messaging queues caching search analytics machine learning ml ai deep nlp etl pipelines big real-time realtime scalable scalability high availability git github gitlab bitbucket jira confluence html css jest cypress webpack vite terraform ansible jenkins helm nginx apache junit mockito pytest phpunit celery pandas numpy redux tailwind bootstrap sass figma postman swagger openapi'.split(
    ' ',
  );

function technologyWords(): string[] {
  const out: string[] = [];
  for (const t of TECHNOLOGIES) {
    for (const name of [t.name, ...(t.aliases ?? []), ...(t.ambiguous ?? []), ...(t.listOnly ?? [])]) {
      for (const m of fold(name).matchAll(WORD)) out.push(m[0]);
    }
  }
  return out;
}

const COMMON = new Set<string>([...SMALL_WORDS, ...HEADINGS, ...SKILL_WORDS, ...technologyWords()]);

/** Whether a token is common resume vocabulary, a placeholder or an item of a list line. */
export function isCommonToken(token: ResumeToken): boolean {
  return token.listed === true || token.form.startsWith('<') || COMMON.has(token.form);
}

// ---------------------------------------------------------------------------------------------------------
// Hashing

const tokenHashes = new Map<string, number>();
const MAX_CACHED_TOKENS = 200_000;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a token's UTF-16 code units, mixed. */
function tokenHash(form: string): number {
  let h = tokenHashes.get(form);
  if (h !== undefined) return h;
  let x = 0x811c9dc5;
  for (let i = 0; i < form.length; i++) x = Math.imul(x ^ form.charCodeAt(i), 0x01000193);
  h = fmix(x);
  if (tokenHashes.size >= MAX_CACHED_TOKENS) tokenHashes.clear();
  tokenHashes.set(form, h);
  return h;
}

function combine(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0xcc9e2d51);
  h = ((h << 15) | (h >>> 17)) ^ b;
  h = Math.imul(h, 0x1b873593);
  h = ((h << 13) | (h >>> 19)) ^ c;
  return fmix(Math.imul(h, 5) + 0xe6546b64);
}

/** The distinct informative word 3-gram hashes of a token list, ascending. */
export function shingleSet(tokens: readonly ResumeToken[]): Uint32Array {
  const hashes: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    const c = tokens[i + 2]!;
    if (isCommonToken(a) && isCommonToken(b) && isCommonToken(c)) continue;
    hashes.push(combine(tokenHash(a.form), tokenHash(b.form), tokenHash(c.form)));
  }
  const sorted = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

// Seeded hash functions h_i(x) = mix(x ^ b_i) · a_i (a_i odd): fixed for every run, so signatures stored
// or compared across processes agree.
const SEEDS_A = new Uint32Array(MINHASH_SIZE);
const SEEDS_B = new Uint32Array(MINHASH_SIZE);
{
  let s = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    s = fmix(s + 0x6d2b79f5);
    SEEDS_A[i] = s | 1;
    s = fmix(s + 0x6d2b79f5);
    SEEDS_B[i] = s;
  }
}

/** The MinHash signature of a shingle set (all 0xffffffff for an empty set, which matches nothing). */
export function minHash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let j = 0; j < shingles.length; j++) {
    const x = shingles[j]!;
    for (let i = 0; i < MINHASH_SIZE; i++) {
      let h = Math.imul(x ^ SEEDS_B[i]!, SEEDS_A[i]!);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export function resumeFeatures(text: string, options: NormalizeOptions = {}): ResumeFeatures {
  const tokens = resumeTokens(text, options);
  return { tokens, shingles: shingleSet(tokens) };
}

/** Shared shingles of two ascending sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

export type Similarity = { jaccard: number; containment: number; shared: number };

export function similarity(a: Uint32Array, b: Uint32Array): Similarity {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  const smaller = Math.min(a.length, b.length);
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
    shared,
  };
}

// ---------------------------------------------------------------------------------------------------------
// LSH index

function bandKey(sig: Uint32Array, band: number): number {
  const o = band * LSH_ROWS;
  let h = band + 1;
  for (let r = 0; r < LSH_ROWS; r++) h = combine(h, sig[o + r]!, 0x27d4eb2f);
  return h;
}

/**
 * Bands a candidate must share before the exact check: one shared band is often chance between resumes of
 * one stack (2.2 bands on average at J = 0.15), while a copy shares about twelve (P(fewer than 2) < 0.001
 * at J = 0.35).
 */
export const MIN_SHARED_BANDS = 2;

/** Items per index: band entries pack the item number in 21 bits. */
const MAX_INDEXED = 2 ** 21;

type Indexed<T> = { value: T; features: Pick<ResumeFeatures, 'shingles'> };

/**
 * Resumes by LSH band, built once over a population: `candidates` finds those likely to share many
 * shingles with a resume, `query` checks them exactly.
 */
export class ResumeLshIndex<T> {
  /** Per band, the items' band keys in ascending order and the item at each position (compact: 8 bytes an entry). */
  private readonly bandKeys: Uint32Array[] = [];
  private readonly bandIds: Uint32Array[] = [];
  readonly items: Indexed<T>[] = [];
  /** How many indexed resumes hold each shingle, for those in more than one. */
  private readonly counts = new Map<number, number>();
  /** Above this count a shingle is stock phrasing (left out of signatures). */
  readonly commonAbove: number;
  // Which query last saw each item (no Set per query).
  private stamps: Uint32Array;
  private stamp = 0;
  /** Bands each item shared with the current query (valid where stamps matches). */
  private hits: Uint8Array;

  constructor(entries: Iterable<{ value: T; features: Pick<ResumeFeatures, 'shingles'> }>) {
    let total = 0;
    for (const e of entries) {
      if (e.features.shingles.length === 0) continue;
      this.items.push({ value: e.value, features: { shingles: e.features.shingles } });
      total += e.features.shingles.length;
    }
    // Every shingle of every resume in one sorted array: runs longer than one are the shared shingles.
    const all = new Uint32Array(total);
    let o = 0;
    for (const item of this.items) {
      all.set(item.features.shingles, o);
      o += item.features.shingles.length;
    }
    all.sort();
    for (let i = 0; i < total; ) {
      let j = i + 1;
      while (j < total && all[j] === all[i]) j++;
      if (j - i > 1) this.counts.set(all[i]!, j - i);
      i = j;
    }
    this.commonAbove = Math.max(COMMON_SHINGLE_MIN_COUNT, COMMON_SHINGLE_SHARE * this.items.length);
    const n = this.items.length;
    if (n > MAX_INDEXED) throw new RangeError(`At most ${MAX_INDEXED} resumes can be indexed at once`);
    this.stamps = new Uint32Array(n);
    this.hits = new Uint8Array(n);
    // Each band's (key, item) pairs packed into one float (key · 2²¹ + item, exact below 2⁵³) and sorted.
    const packed = Array.from({ length: LSH_BANDS }, () => new Float64Array(n));
    for (let id = 0; id < n; id++) {
      const signature = minHash(this.signatureShingles(this.items[id]!.features.shingles));
      for (let b = 0; b < LSH_BANDS; b++) packed[b]![id] = bandKey(signature, b) * MAX_INDEXED + id;
    }
    for (const band of packed) {
      band.sort();
      const keys = new Uint32Array(n);
      const ids = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const key = Math.floor(band[i]! / MAX_INDEXED);
        keys[i] = key;
        ids[i] = band[i]! - key * MAX_INDEXED;
      }
      this.bandKeys.push(keys);
      this.bandIds.push(ids);
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** How many indexed resumes hold a shingle (1 for one that none or only one holds). */
  count(shingle: number): number {
    return this.counts.get(shingle) ?? 1;
  }

  /**
   * The shingles a signature is made of: those not common in the population, or, when that leaves fewer
   * than half of them, the rarer half (ties by hash, so copies of one template keep the same ones).
   */
  signatureShingles(shingles: Uint32Array): Uint32Array {
    const rare = shingles.filter((x) => this.count(x) <= this.commonAbove);
    const floor = Math.ceil(MIN_SIGNATURE_SHARE * shingles.length);
    if (rare.length >= floor) return rare;
    const byRarity = Array.from(shingles).sort((a, b) => this.count(a) - this.count(b) || a - b);
    return Uint32Array.from(byRarity.slice(0, floor)).sort();
  }

  /**
   * Positions of the items sharing at least `minBands` bands with a resume. A pair at Jaccard J over the
   * signature shingles shares 96·J² bands on average: 11.8 at J = 0.35, 2.2 at 0.15.
   */
  candidates(shingles: Uint32Array, minBands = 1): number[] {
    if (shingles.length === 0) return [];
    const signature = minHash(this.signatureShingles(shingles));
    const stamp = ++this.stamp;
    const out: number[] = [];
    for (let b = 0; b < LSH_BANDS; b++) {
      const keys = this.bandKeys[b]!;
      const ids = this.bandIds[b]!;
      const key = bandKey(signature, b);
      // The first position holding the key (binary search), then every item under it.
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < keys.length && keys[i] === key; i++) {
        const id = ids[i]!;
        if (this.stamps[id] !== stamp) {
          this.stamps[id] = stamp;
          this.hits[id] = 0;
        }
        // Listed once, when it reaches minBands.
        if (++this.hits[id]! === minBands) out.push(id);
      }
    }
    return out;
  }

  /** Items at or above `minJaccard` (exact check of the LSH candidates), most similar first. */
  query(
    features: Pick<ResumeFeatures, 'shingles'>,
    minJaccard = DUPLICATE_MIN_JACCARD,
  ): { value: T; similarity: Similarity }[] {
    const mine = features.shingles;
    const out: { value: T; similarity: Similarity }[] = [];
    for (const id of this.candidates(mine, MIN_SHARED_BANDS)) {
      const item = this.items[id]!;
      const theirs = item.features.shingles;
      // Jaccard is at most the smaller set over the larger: no need to merge when that is already short.
      const [small, large] = mine.length < theirs.length ? [mine, theirs] : [theirs, mine];
      if (small.length < minJaccard * large.length) continue;
      const s = similarity(mine, theirs);
      if (s.jaccard >= minJaccard) out.push({ value: item.value, similarity: s });
    }
    return out.sort((a, b) => b.similarity.jaccard - a.similarity.jaccard);
  }
}

/** The same answer as ResumeLshIndex.query by comparing with every item (the benchmark's baseline). */
export function bruteForceQuery<T>(
  items: readonly { value: T; features: Pick<ResumeFeatures, 'shingles'> }[],
  shingles: Uint32Array,
  minJaccard = DUPLICATE_MIN_JACCARD,
): { value: T; similarity: Similarity }[] {
  if (shingles.length === 0) return [];
  const out: { value: T; similarity: Similarity }[] = [];
  for (const item of items) {
    const s = similarity(shingles, item.features.shingles);
    if (s.jaccard >= minJaccard) out.push({ value: item.value, similarity: s });
  }
  return out.sort((a, b) => b.similarity.jaccard - a.similarity.jaccard);
}

// ---------------------------------------------------------------------------------------------------------
// Shared passages

export type SharedPassage = {
  /** Words in the run (tokens, a placeholder counting as one). */
  words: number;
  /** The passage as written in each resume. */
  a: string;
  b: string;
  aStart: number;
  bStart: number;
};

/**
 * The longest runs of tokens both resumes share (at least `minWords` tokens, not overlapping, those with the
 * most words beyond common vocabulary first), with their original wording in each text. Runs begin and end
 * on such a word, so a passage does not open on a name or a heading.
 */
export function sharedPassages(
  a: { text: string; tokens: readonly ResumeToken[] },
  b: { text: string; tokens: readonly ResumeToken[] },
  { max = 3, minWords = 8 }: { max?: number; minWords?: number } = {},
): SharedPassage[] {
  const ta = a.tokens;
  const tb = b.tokens;
  const key = (t: readonly ResumeToken[], i: number) => `${t[i]!.form} ${t[i + 1]!.form} ${t[i + 2]!.form}`;
  const at = new Map<string, number[]>();
  for (let i = 0; i + 2 < ta.length; i++) {
    const k = key(ta, i);
    const list = at.get(k);
    if (list) list.push(i);
    else at.set(k, [i]);
  }
  const runs: { i: number; j: number; len: number; informative: number }[] = [];
  for (let j = 0; j + 2 < tb.length; j++) {
    for (const i of at.get(key(tb, j)) ?? []) {
      // Only from the start of a diagonal run.
      if (i > 0 && j > 0 && ta[i - 1]!.form === tb[j - 1]!.form) continue;
      let len = 3;
      while (i + len < ta.length && j + len < tb.length && ta[i + len]!.form === tb[j + len]!.form) len++;
      // Trimmed to begin and end on a word that is not common vocabulary (not on a name or a heading).
      let from = 0;
      while (from < len && isCommonToken(ta[i + from]!)) from++;
      let to = len;
      while (to > from && isCommonToken(ta[i + to - 1]!)) to--;
      if (to - from < minWords) continue;
      let informative = 0;
      for (let k = i + from; k < i + to; k++) if (!isCommonToken(ta[k]!)) informative++;
      if (informative >= 3) runs.push({ i: i + from, j: j + from, len: to - from, informative });
    }
  }
  runs.sort((x, y) => y.informative - x.informative || y.len - x.len || x.i - y.i);
  const chosen: typeof runs = [];
  const overlaps = (x: (typeof runs)[number], y: (typeof runs)[number]) =>
    x.i < y.i + y.len && y.i < x.i + x.len;
  for (const r of runs) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => overlaps(c, r))) continue;
    chosen.push(r);
  }
  const slice = (text: string, t: readonly ResumeToken[], from: number, len: number) =>
    text.slice(t[from]!.start, t[from + len - 1]!.end).replace(/\s+/g, ' ');
  return chosen.map((r) => ({
    words: r.len,
    a: slice(a.text, ta, r.i, r.len),
    b: slice(b.text, tb, r.j, r.len),
    aStart: ta[r.i]!.start,
    bStart: tb[r.j]!.start,
  }));
}
