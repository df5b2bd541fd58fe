// `npm run bench links`: clustering people by shared identifiers (core/links/clusters.ts, the union-find
// behind `gatecheck links`) over LINKS_N subjects (default 100,000) with ~10 identifiers each (1,000,000).
// Data: most values unique (personal email and phone, home address, bank account, devices, wallet); a few
// hundred planted farms of 2–90 subjects sharing one or more of a shipping address, bank account, device or
// email; household pairs sharing an address (must not join); public IPs shared by many (weak, must not join).
// Reported: time to cluster (identifiers already normalised, as the index holds them), heap growth, and
// whether every planted farm came out as exactly one cluster.
import { type ClusterIdentifier, clusterIdentifiers } from '../src/core/links/clusters.ts';
import type { IdentifierKind } from '../src/core/links/identifiers.ts';
import { pairKey } from '../src/core/links/population.ts';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type LinksBenchRow = {
  subjects: number;
  identifiers: number;
  farms: number;
  clusters: number;
  largest: number;
  farmsRecovered: string;
  ms: number;
  heapMB: number;
  rssMB: number;
};

export function runLinksBench(n = Number(process.env.LINKS_N ?? 100_000)): LinksBenchRow {
  const rnd = seeded(7);
  const int = (k: number) => Math.floor(rnd() * k);
  const ids: ClusterIdentifier[] = [];
  const push = (subject: number, kind: IdentifierKind, key: string) => ids.push({ subject, kind, key });
  const hex = (k: number) =>
    int(16 ** Math.min(k, 8))
      .toString(16)
      .padStart(Math.min(k, 8), '0');
  for (let s = 0; s < n; s++) {
    push(s, 'email', `user${s}.${hex(6)}@gmail.com`);
    push(s, 'email', `u${s}@work${int(5000)}.example`);
    push(s, 'phone', `+1${200 + int(800)}${String(s).padStart(7, '0')}`);
    push(s, 'address', `CA|M${int(10)}H ${int(10)}A${int(10)}|${s}|main st|`);
    push(s, 'address', `US|${String(10000 + int(89999))}|${s + 1}|oak ave|${int(20)}`);
    push(s, 'bank', `iban:DE${String(s).padStart(20, '0')}`);
    push(s, 'device', `desktop-${hex(7)}${s.toString(36)}`);
    push(s, 'device', `c02${s.toString(36).padStart(9, '0')}`);
    push(s, 'wallet', `eth:0x${hex(8)}${String(s).padStart(32, '0')}`);
    // Weak: office and VPN egress shared by thousands — must not join anyone.
    push(s, 'ip', `203.0.${int(4)}.${int(4)}`);
  }
  // Farms: a few hundred groups of 2–90 subjects sharing a shipping address, a bank account, a device…
  const farms: number[][] = [];
  const used = new Set<number>();
  const farmCount = Math.max(2, Math.round(n / 300));
  for (let f = 0; f < farmCount; f++) {
    const size = rnd() < 0.8 ? 2 + int(8) : 10 + int(81);
    const members: number[] = [];
    while (members.length < size) {
      const s = int(n);
      if (used.has(s)) continue;
      used.add(s);
      members.push(s);
    }
    farms.push(members);
    // Chain the members: each shares one value with the next, as real farms overlap partially.
    const kinds: IdentifierKind[] = ['address', 'bank', 'device', 'email', 'phone'];
    for (let i = 1; i < members.length; i++) {
      const kind = kinds[int(kinds.length)]!;
      push(members[i - 1]!, kind, `farm${f}-${i}`);
      push(members[i]!, kind, `farm${f}-${i}`);
    }
    push(members[0]!, 'address', `farm${f}-hub`);
    push(members.at(-1)!, 'address', `farm${f}-hub`);
  }
  // Households: pairs sharing a home address, declared — must not join.
  const households = new Set<string>();
  for (let h = 0; h < n / 100; h++) {
    const a = int(n);
    const b = int(n);
    if (a === b || used.has(a) || used.has(b)) continue;
    households.add(pairKey(String(a), String(b)));
    push(a, 'address', `household${h}`);
    push(b, 'address', `household${h}`);
  }

  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const clusters = clusterIdentifiers(n, ids, { households });
  const ms = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const rssMB = (process.memoryUsage().rss - rss0) / 2 ** 20;

  const bySubject = new Map<number, number>();
  clusters.forEach((c, i) => {
    for (const s of c.subjects) bySubject.set(s, i);
  });
  const recovered = farms.filter((members) => {
    const c = bySubject.get(members[0]!);
    return (
      c !== undefined &&
      clusters[c]!.subjects.length === members.length &&
      members.every((m) => bySubject.get(m) === c)
    );
  }).length;
  return {
    subjects: n,
    identifiers: ids.length,
    farms: farms.length,
    clusters: clusters.length,
    largest: clusters[0]?.subjects.length ?? 0,
    farmsRecovered: `${recovered}/${farms.length}`,
    ms: Math.round(ms),
    heapMB: Math.round(heapMB),
    rssMB: Math.round(rssMB),
  };
}
