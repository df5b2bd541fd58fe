// Clusters of people joined by shared identifiers: union-find over every value two or more subjects hold
// (email, phone, bank account, wallet, device, address). Linear in the number of identifiers.
// Not joining: egress IPs (weak: offices, VPNs and carriers put strangers behind one address), references'
// contact details (a real manager can be two real colleagues' reference; references.shared-contact judges
// those), and a value shared only by declared household members (subject.household[].subjectId).
// Clusters are ranked by size, then by the strongest kind of identifier that joins them (bank account >
// wallet > email > phone > device > address), then by how many values join them.
import type { CaseBundle } from '../bundle/schema.ts';
import { extractIdentifiers, type IdentifierKind, KIND_STRENGTH } from './identifiers.ts';
import { pairKey } from './population.ts';

export type ClusterIdentifier = { subject: number; kind: IdentifierKind; key: string; display?: string };

export type ClusterLink = { kind: IdentifierKind; key: string; display: string; subjects: number[] };

export type Cluster = {
  /** Subject positions, ascending. */
  subjects: number[];
  strongest: IdentifierKind;
  /** The values that join the cluster, strongest kind first. */
  links: ClusterLink[];
};

export type ClusterOptions = {
  /** Unordered pairs of subject positions declared as one household (pairKey of the positions as strings). */
  households?: ReadonlySet<string>;
};

const JOINING: ReadonlySet<IdentifierKind> = new Set([
  'email',
  'phone',
  'address',
  'bank',
  'wallet',
  'device',
]);

function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[x] !== root) {
    const next = parent[x]!;
    parent[x] = root;
    x = next;
  }
  return root;
}

function union(parent: Int32Array, rank: Uint8Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra === rb) return;
  if (rank[ra]! < rank[rb]!) parent[ra] = rb;
  else if (rank[ra]! > rank[rb]!) parent[rb] = ra;
  else {
    parent[rb] = ra;
    rank[ra]!++;
  }
}

/**
 * Clusters `subjectCount` subjects (positions 0…n-1) from their identifiers. Only clusters of two or more
 * subjects are returned, ranked.
 */
export function clusterIdentifiers(
  subjectCount: number,
  identifiers: Iterable<ClusterIdentifier>,
  options: ClusterOptions = {},
): Cluster[] {
  const households = options.households ?? new Set<string>();
  const isHousehold = (a: number, b: number) =>
    households.size > 0 && households.has(pairKey(String(a), String(b)));
  // Values held by one subject stay in `single` (most do); the rest move to `shared`.
  const single = new Map<string, ClusterIdentifier>();
  const shared = new Map<string, { id: ClusterIdentifier; subjects: number[] }>();
  for (const id of identifiers) {
    if (!JOINING.has(id.kind)) continue;
    const k = `${id.kind}\u0000${id.key}`;
    const one = single.get(k);
    if (one === undefined) {
      const group = shared.get(k);
      if (!group) single.set(k, id);
      else if (!group.subjects.includes(id.subject)) group.subjects.push(id.subject);
      continue;
    }
    if (one.subject === id.subject) continue;
    single.delete(k);
    shared.set(k, { id: one, subjects: [one.subject, id.subject] });
  }
  single.clear();

  const parent = new Int32Array(subjectCount);
  for (let i = 0; i < subjectCount; i++) parent[i] = i;
  const rank = new Uint8Array(subjectCount);
  const links: ClusterLink[] = [];
  for (const { id, subjects } of shared.values()) {
    // Each holder joins the first other holder who is not their declared household.
    const joined: number[] = [];
    for (const s of subjects) {
      const partner = subjects.find((o) => o !== s && !isHousehold(s, o));
      if (partner === undefined) continue;
      union(parent, rank, s, partner);
      joined.push(s);
    }
    if (joined.length < 2) continue;
    links.push({
      kind: id.kind,
      key: id.key,
      display: id.display ?? id.key,
      subjects: joined.sort((a, b) => a - b),
    });
  }

  const byRoot = new Map<number, Cluster>();
  for (const link of links) {
    const root = find(parent, link.subjects[0]!);
    let cluster = byRoot.get(root);
    if (!cluster) {
      cluster = { subjects: [], strongest: link.kind, links: [] };
      byRoot.set(root, cluster);
    }
    cluster.links.push(link);
    if (KIND_STRENGTH[link.kind] > KIND_STRENGTH[cluster.strongest]) cluster.strongest = link.kind;
  }
  for (let s = 0; s < subjectCount; s++) {
    const cluster = byRoot.get(find(parent, s));
    if (cluster) cluster.subjects.push(s);
  }
  const clusters = [...byRoot.values()];
  for (const c of clusters) {
    c.links.sort(
      (a, b) => KIND_STRENGTH[b.kind] - KIND_STRENGTH[a.kind] || b.subjects.length - a.subjects.length,
    );
  }
  return clusters.sort(
    (a, b) =>
      b.subjects.length - a.subjects.length ||
      KIND_STRENGTH[b.strongest] - KIND_STRENGTH[a.strongest] ||
      b.links.length - a.links.length ||
      a.subjects[0]! - b.subjects[0]!,
  );
}

export type SubjectCluster = {
  subjects: { id: string; name: string | null }[];
  strongest: IdentifierKind;
  links: { kind: IdentifierKind; value: string; subjects: string[] }[];
};

/** Clusters of a population of bundles, with subject ids and names. */
export function clusterBundles(bundles: readonly CaseBundle[]): SubjectCluster[] {
  const households = new Set<string>();
  const positions = new Map<string, number>();
  bundles.forEach((b, i) => {
    if (!positions.has(b.subject.id)) positions.set(b.subject.id, i);
  });
  bundles.forEach((b, i) => {
    for (const m of b.subject.household ?? []) {
      const other = m.subjectId === undefined ? undefined : positions.get(m.subjectId);
      if (other !== undefined) households.add(pairKey(String(i), String(other)));
    }
  });
  const identifiers: ClusterIdentifier[] = [];
  bundles.forEach((b, subject) => {
    for (const id of extractIdentifiers(b)) {
      if (id.reference || id.weak) continue;
      identifiers.push({ subject, kind: id.kind, key: id.key, display: id.display });
    }
  });
  const ref = (i: number) => bundles[i]!.subject;
  return clusterIdentifiers(bundles.length, identifiers, { households }).map((c) => ({
    subjects: c.subjects.map((i) => ({ id: ref(i).id, name: ref(i).name ?? null })),
    strongest: c.strongest,
    links: c.links.map((l) => ({
      kind: l.kind,
      value: l.display,
      subjects: l.subjects.map((i) => ref(i).id),
    })),
  }));
}
