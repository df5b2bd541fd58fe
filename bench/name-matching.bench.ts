// Name-matching speed over the UN consolidated list plus the OFAC SDN primary names (~20k names):
// index build time and memory, single-name latency and one-core batch throughput, side by side with a
// brute-force scan that scores every name with the same scorer.
import {
  buildNameIndex,
  type IndexEntryInput,
  search,
  searchBruteForce,
} from '../src/intel/sanctions/matching/index.ts';
import { commonPeople } from '../test/name-matching/evaluate-lib.ts';
import { readOfacEntries, readUnEntries } from '../test/name-matching/un-list.ts';

type Row = {
  method: string;
  names: number;
  buildMs: number;
  heapMb: number;
  p50Ms: number;
  p99Ms: number;
  namesPerSec: number;
  speedup: number;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function measure(
  queries: string[],
  fn: (q: string) => unknown,
): { p50: number; p99: number; perSec: number } {
  for (const q of queries.slice(0, 50)) fn(q); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  for (const q of queries) {
    const t0 = performance.now();
    fn(q);
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    perSec: queries.length / (total / 1000),
  };
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

export function runNameMatchingBench(bruteForceQueries = 100): Row[] {
  const entries: IndexEntryInput[] = [...readUnEntries(false), ...readOfacEntries()];
  const names = entries.reduce((n, e) => n + e.names.length, 0);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildNameIndex(entries);
  const buildMs = performance.now() - t0;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  // Queries: common names (mostly misses, the usual case in hiring) and one list name in ten (hits, and
  // long company names: the slow case), measured separately and together.
  const people = commonPeople().map((p) => p.name);
  const listed = entries.filter((_, i) => i % 10 === 0).map((e) => e.names[0]?.name ?? '');
  const options = { limit: 10, minScore: 0.8 };
  const bruteSample = [...people, ...listed].filter(
    (_, i) => i % Math.ceil((people.length + listed.length) / bruteForceQueries) === 0,
  );
  const brute = measure(bruteSample, (q) => searchBruteForce(index, q, options));
  const row = (method: string, m: { p50: number; p99: number; perSec: number }): Row => ({
    method,
    names,
    buildMs: round(buildMs, 0),
    heapMb: round(heapMb, 1),
    p50Ms: round(m.p50),
    p99Ms: round(m.p99),
    namesPerSec: Math.round(m.perSec),
    speedup: round(m.perSec / brute.perSec, 1),
  });
  const cold = (qs: string[]) => {
    index.memo.clear(); // no token memo carried over from another run
    return measure(qs, (q) => search(index, q, options));
  };
  return [
    row(`index: ${people.length} common names`, cold(people)),
    row(`index: ${listed.length} list names`, cold(listed)),
    row('index: both, mixed', cold([...people, ...listed])),
    row(`brute force (same scorer, ${bruteSample.length} of the same queries)`, brute),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('Name matching: UN + OFAC SDN names, one core');
  console.table(runNameMatchingBench());
  console.log(
    'targets: p99 < 5 ms per name, >= 5,000 names/s; speedup = index throughput / brute-force throughput',
  );
}
