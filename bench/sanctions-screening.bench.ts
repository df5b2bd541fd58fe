// End-to-end sanctions screening with the FULL shipped lists loaded (OFAC SDN + non-SDN, UN, Canada, wallets):
// snapshot load and index build time and memory, then screen() per name (search + corroboration + classification)
// for common names with a date of birth and nationality, as hiring screens them — p50/p99 and one-core throughput.
import { buildLookup, loadShippedSnapshot } from '../src/intel/sanctions/runtime.ts';
import { commonPeople } from '../test/name-matching/evaluate-lib.ts';

export type ScreeningBenchRow = {
  lists: string;
  entries: number;
  names: number;
  loadMs: number;
  buildMs: number;
  heapMb: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  namesPerSec: number;
};

export async function runSanctionsScreeningBench(): Promise<ScreeningBenchRow> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const snapshot = await loadShippedSnapshot();
  const t0 = performance.now();
  const lookup = buildLookup(snapshot);
  const buildMs = performance.now() - t0;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  const people = commonPeople();
  const queries = people.map((p) => ({
    name: p.name,
    kind: 'individual' as const,
    dateOfBirth: p.dateOfBirth,
    nationalities: [p.nationality],
  }));
  for (const q of queries.slice(0, 100)) lookup.screen(q);
  const samples: number[] = [];
  const start = performance.now();
  for (const q of queries) {
    const s = performance.now();
    lookup.screen(q, { limit: 10 });
    samples.push(performance.now() - s);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))] ?? 0;
  return {
    lists: snapshot.lists.map((l) => l.list).join(' + '),
    entries: lookup.stats.entries,
    names: lookup.stats.names,
    loadMs: Math.round(snapshot.loadMs),
    buildMs: Math.round(buildMs),
    heapMb: Math.round(heapMb),
    queries: queries.length,
    p50Ms: Math.round(at(0.5) * 1000) / 1000,
    p99Ms: Math.round(at(0.99) * 1000) / 1000,
    namesPerSec: Math.round(queries.length / (total / 1000)),
  };
}
