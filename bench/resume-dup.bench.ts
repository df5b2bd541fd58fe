// `npm run bench resume-dup`: near-duplicate resume lookup (links.duplicate-resume) over a generated corpus
// (RESUME_DUP_N resumes, default 100,000; RESUME_DUP_QUERIES queries, default 300): the LSH index against a brute-force Jaccard scan of every resume,
// same process, same features, same threshold (DUPLICATE_MIN_JACCARD).
//
// Corpus: 90% independent resumes over five technology stacks (they share vocabulary, headings and stock
// phrases), 10% persona copies of earlier ones (new name, contact, employers, dates; some bullets rewritten,
// words swapped; half of them heavily edited). Queries: half new persona copies of indexed resumes, half
// new independent resumes. Latency is per query: features (tokens, shingles) + signature (MinHash over the shingles not common in the
// corpus) + lookup + exact check.
// Recall: of the (query, resume) pairs the brute-force scan finds at the threshold, the share the index finds.
import { loadavg } from 'node:os';
import {
  bruteForceQuery,
  DUPLICATE_MIN_JACCARD,
  LSH_BANDS,
  LSH_ROWS,
  MIN_SHARED_BANDS,
  ResumeLshIndex,
  resumeFeatures,
} from '../src/core/links/resume-similarity.ts';
import {
  draftResume,
  personaCopy,
  type ResumeDraft,
  renderResume,
  seededRandom,
} from '../test/resumes/corpus.ts';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const ms = (x: number) => Math.round(x * 1000) / 1000;

function copyOf(r: () => number, template: ResumeDraft): ResumeDraft {
  return r() < 0.5 ? personaCopy(r, template) : personaCopy(r, template, { rewrites: 6, swaps: 16 });
}

export function runResumeDupBench(
  size = Number(process.env.RESUME_DUP_N ?? 100_000),
  queries = Number(process.env.RESUME_DUP_QUERIES ?? 300),
) {
  const r = seededRandom(2026);
  const entries: { value: number; features: ReturnType<typeof resumeFeatures> }[] = [];
  const pool: ResumeDraft[] = [];
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  for (let i = 0; i < size; i++) {
    let draft: ResumeDraft;
    if (pool.length > 100 && r() < 0.1) draft = copyOf(r, pool[Math.floor(r() * pool.length)]!);
    else {
      draft = draftResume(r);
      if (pool.length < 5_000) pool.push(draft);
      else pool[Math.floor(r() * pool.length)] = draft;
    }
    entries.push({ value: i, features: resumeFeatures(renderResume(draft)) });
  }
  const index = new ResumeLshIndex(entries);
  entries.length = 0;
  const buildMs = performance.now() - t0;
  // The build's garbage (every resume's tokens) collected first: the heap the index keeps, and queries timed
  // without a collection of the build's leftovers in the middle.
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  const lsh: number[] = [];
  const brute: number[] = [];
  const featureTimes: number[] = [];
  let truePairs = 0;
  let foundPairs = 0;
  let candidates = 0;
  const candidateCounts: number[] = [];
  for (let q = 0; q < queries; q++) {
    const draft = q % 2 === 0 ? copyOf(r, pool[Math.floor(r() * pool.length)]!) : draftResume(r);
    const text = renderResume(draft);
    t0 = performance.now();
    const features = resumeFeatures(text);
    const t1 = performance.now();
    const hits = index.query(features);
    lsh.push(performance.now() - t0);
    featureTimes.push(t1 - t0);
    // The candidates the query checks exactly (sharing MIN_SHARED_BANDS bands).
    const found = index.candidates(features.shingles, MIN_SHARED_BANDS).length;
    candidates += found;
    candidateCounts.push(found);
    t0 = performance.now();
    const all = bruteForceQuery(index.items, resumeFeatures(text).shingles);
    brute.push(performance.now() - t0);
    const got = new Set(hits.map((h) => h.value));
    truePairs += all.length;
    foundPairs += all.filter((h) => got.has(h.value)).length;
  }
  const row = (name: string, xs: number[]) => ({
    method: name,
    resumes: size,
    queries,
    p50Ms: ms(percentile(xs, 0.5)),
    p99Ms: ms(percentile(xs, 0.99)),
    maxMs: ms(Math.max(...xs)),
  });
  return {
    threshold: DUPLICATE_MIN_JACCARD,
    bands: `${LSH_BANDS} × ${LSH_ROWS}`,
    buildMs: Math.round(buildMs),
    buildPerResumeMs: ms(buildMs / size),
    heapMb: Math.round(heapMb),
    rows: [
      row('lsh index', lsh),
      row('brute-force scan', brute),
      row('(features alone, in both)', featureTimes),
    ],
    p99Ratio: Math.round((percentile(brute, 0.99) / percentile(lsh, 0.99)) * 10) / 10,
    p50Ratio: Math.round((percentile(brute, 0.5) / percentile(lsh, 0.5)) * 10) / 10,
    meanCandidates: Math.round(candidates / queries),
    p99Candidates: percentile(candidateCounts, 0.99),
    commonShingleAbove: Math.round(index.commonAbove),
    pairs: truePairs,
    loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
    recall: truePairs === 0 ? null : Math.round((foundPairs / truePairs) * 1000) / 1000,
  };
}
