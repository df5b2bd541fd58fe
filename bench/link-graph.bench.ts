// `npm run bench link-graph`: what the Links page and tab cost on the server (core/links/graph.ts) for
// LINK_GRAPH_N stored bundles (default 20,000): extracting and normalising every identifier (email, phone,
// home and shipping address, bank account, device), indexing shared values, ranking the clusters, and the
// graph around the centre of the largest farm. Data: unique values per person, planted farms of 2–60
// employees shipping to one address (some also sharing a bank account), declared couples sharing a home.
// `runLinkGraphServiceBench`: the same population stored in SQLite (LINK_GRAPH_SERVICE_N, default 100,000)
// and the first request's index build through the service (loadLinkIndex: read, parse, normalise, index),
// with the longest time the event loop was held (a 10 ms ticker runs during the build: its largest gap is
// how long any other request would have waited).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, migrateToLatest } from '../src/adapters/db/database.ts';
import { insertSubject } from '../src/adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { buildLinkIndex, type LinkSubject, rankedClusters, subjectGraph } from '../src/core/links/graph.ts';
import { loadLinkIndex } from '../src/services/list-link-clusters.ts';

export type LinkGraphBenchRow = {
  subjects: number;
  sharedValues: number;
  clusters: number;
  largest: number;
  farmsFirst: boolean;
  indexMs: number;
  rankMs: number;
  graphMs: number;
  graphNodes: number;
  graphEdges: number;
  heapMB: number;
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The bench population: bundle number `s` of `n` (unique values, planted farms, declared couples). */
function benchBundle(s: number, n: number): CaseBundle {
  const farmOf = (s: number) => (s % 50 === 0 ? Math.floor(s / 50) % Math.max(1, Math.floor(n / 500)) : -1);
  const id = `emp-${pad(s, 6)}`;
  const farm = farmOf(s);
  const changes: NonNullable<CaseBundle['changes']> = [
    {
      at: '2026-03-01T09:00:00Z',
      field: 'shipping_address',
      to:
        farm >= 0
          ? `${farm + 1} Farm Road, Plano TX 75024`
          : `${s + 1} Oak Ave Apt ${s % 90}, Plano TX 75024`,
    },
  ];
  if (farm >= 0 && farm % 3 === 0)
    changes.push({
      at: '2026-03-02T09:00:00Z',
      field: 'bank_account',
      to: `DE89370400440532${pad(farm, 6)}`,
    });
  const couple = s % 100 === 1;
  const bundle: CaseBundle = {
    format: 'gatecheck.case-bundle/v1',
    subject: {
      id,
      kind: 'employee',
      name: `Person ${s}`,
      email: `person${s}@mail.example`,
      phone: `+1 416 ${pad(200 + (s % 700), 3)} ${pad(s % 10_000, 4)}`,
      claimedLocation: { country: 'CA' },
      ...(couple
        ? {
            address: `${s} Main St, Toronto ON M5H 1A1`,
            household: [{ subjectId: `emp-${pad(s + 1, 6)}` }],
          }
        : {}),
      ...(s % 100 === 2 ? { address: `${s - 1} Main St, Toronto ON M5H 1A1` } : {}),
    },
    changes,
    devices: [{ hostname: `DESKTOP-${s.toString(36).toUpperCase()}X` }],
  };
  return bundle;
}

export function runLinkGraphBench(n = Number(process.env.LINK_GRAPH_N ?? 20_000)): LinkGraphBenchRow {
  const subjects: LinkSubject[] = [];
  for (let s = 0; s < n; s++) {
    const bundle = benchBundle(s, n);
    subjects.push({
      id: bundle.subject.id,
      name: bundle.subject.name ?? null,
      kind: 'employee',
      band: null,
      score: null,
      bundle,
    });
  }
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildLinkIndex(subjects);
  const t1 = performance.now();
  const clusters = rankedClusters(index);
  const t2 = performance.now();
  const centre = clusters[0]?.members[0]?.id ?? subjects[0]!.id;
  const graph = subjectGraph(index, centre)!;
  const t3 = performance.now();
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  return {
    subjects: n,
    sharedValues: index.values.length,
    clusters: clusters.length,
    largest: Math.max(0, ...clusters.map((c) => c.members.length)),
    farmsFirst: clusters.length > 0 && clusters[0]!.employeeAddress,
    indexMs: Math.round(t1 - t0),
    rankMs: Math.round(t2 - t1),
    graphMs: Math.round(t3 - t2),
    graphNodes: graph.nodes.length,
    graphEdges: graph.edges.length,
    heapMB: Math.round(heapMB),
  };
}

export type LinkGraphServiceBenchRow = {
  subjects: number;
  insertMs: number;
  coldBuildMs: number;
  longestBlockMs: number;
  ticks: number;
  sharedValues: number;
  clusters: number;
  warmMs: number;
};

export async function runLinkGraphServiceBench(
  n = Number(process.env.LINK_GRAPH_SERVICE_N ?? 100_000),
): Promise<LinkGraphServiceBenchRow> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gc-bench-links-'));
  const database = createDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const i0 = performance.now();
    const batch = 5_000;
    for (let from = 0; from < n; from += batch) {
      await database.db.transaction().execute(async (trx) => {
        for (let s = from; s < Math.min(n, from + batch); s++) {
          await insertSubject(trx, benchBundle(s, n), '2026-03-01T09:00:00.000Z');
        }
      });
    }
    const insertMs = Math.round(performance.now() - i0);
    globalThis.gc?.();
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 10);
    const t0 = performance.now();
    last = t0;
    const index = await loadLinkIndex(database.db);
    const t1 = performance.now();
    longest = Math.max(longest, t1 - last);
    clearInterval(ticker);
    const clusters = rankedClusters(index);
    const w0 = performance.now();
    const again = await loadLinkIndex(database.db);
    const warmMs = Math.round(performance.now() - w0);
    if (again !== index) throw new Error('the second request rebuilt the link index');
    return {
      subjects: n,
      insertMs,
      coldBuildMs: Math.round(t1 - t0),
      longestBlockMs: Math.round(longest),
      ticks,
      sharedValues: index.values.length,
      clusters: clusters.length,
      warmMs,
    };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
