// `npm run bench link-graph`: what the Links page and tab cost on the server (core/links/graph.ts) for
// LINK_GRAPH_N stored bundles (default 20,000): extracting and normalising every identifier (email, phone,
// home and shipping address, bank account, device), indexing shared values, ranking the clusters, and the
// graph around the centre of the largest farm. Data: unique values per person, planted farms of 2–60
// employees shipping to one address (some also sharing a bank account), declared couples sharing a home.
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { buildLinkIndex, type LinkSubject, rankedClusters, subjectGraph } from '../src/core/links/graph.ts';

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

export function runLinkGraphBench(n = Number(process.env.LINK_GRAPH_N ?? 20_000)): LinkGraphBenchRow {
  const subjects: LinkSubject[] = [];
  const farmOf = (s: number) => (s % 50 === 0 ? Math.floor(s / 50) % Math.max(1, Math.floor(n / 500)) : -1);
  for (let s = 0; s < n; s++) {
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
    subjects.push({
      id,
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
