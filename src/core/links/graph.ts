// Who is linked to whom, for the link graph around one subject and the organisation's clusters page.
// Shared values come from extractIdentifiers (email, phone, address, bank account, wallet, device, egress
// IP) and from the stored resume and photo matches (links.duplicate-resume, links.reused-photo), passed in
// as `matches`. Every value two or more subjects hold becomes a SharedValue; a value held only by declared
// household members (subject.household[].subjectId, declared by either side) is marked `household` and
// joins no one, as in clusters.ts. References' contact details never link (references.shared-contact judges
// them); egress IPs link only when asked for (`kinds` includes 'ip'): an office or a VPN puts strangers
// behind one address.
// Clusters are ranked for a recruiter: a postal or shipping address shared by several employees first (the
// laptop farm pattern), then the highest band and score among the members, then size.
import type { CaseBundle } from '../bundle/schema.ts';
import { BANDS, type Band } from '../types.ts';
import { extractIdentifiers, type IdentifierKind, KIND_STRENGTH } from './identifiers.ts';
import { pairKey } from './population.ts';

export type LinkKind = IdentifierKind | 'resume' | 'photo';

export const LINK_KINDS: readonly LinkKind[] = [
  'address',
  'phone',
  'email',
  'bank',
  'wallet',
  'ip',
  'device',
  'resume',
  'photo',
];

/** The kinds that link people unless a filter says otherwise (egress IPs are weak: only on request). */
export const DEFAULT_LINK_KINDS: readonly LinkKind[] = LINK_KINDS.filter((k) => k !== 'ip');

export type LinkSubject = {
  id: string;
  name: string | null;
  kind: 'candidate' | 'employee' | null;
  band: Band | null;
  score: number | null;
  bundle: CaseBundle;
};

/** A resume or photo match between two subjects, as the stored signal recorded it. */
export type SimilarityMatch = { kind: 'resume' | 'photo'; a: string; b: string; display: string };

export type SharedValue = {
  kind: LinkKind;
  /** Masked where it must be (bank accounts show the last 4 characters, phones the last 2 digits). */
  display: string;
  /** Short words for an edge: "same shipping address", "same phone". */
  label: string;
  /** Subject ids holding it, ascending. */
  subjects: string[];
  /** Every holder is a declared household member of every other holder: expected, not a farm. */
  household: boolean;
};

export type LinkMember = Omit<LinkSubject, 'bundle'>;

export type LinkNode = {
  id: string;
  name: string | null;
  kind: 'candidate' | 'employee' | null;
  band: Band | null;
  score: number | null;
  /** Steps from the centre (0 for the centre). */
  hops: number;
};

export type EdgeShare = { kind: LinkKind; display: string; label: string; household: boolean };

export type LinkEdge = {
  source: string;
  target: string;
  shared: EdgeShare[];
  /** Every shared value on this edge is explained by the two being a declared household. */
  household: boolean;
};

export type SubjectGraph = { centre: string; nodes: LinkNode[]; edges: LinkEdge[]; truncated: boolean };

export type RankedCluster = {
  members: Omit<LinkNode, 'hops'>[];
  links: SharedValue[];
  /** A postal or shipping address (not explained by a household) shared by two or more employees. */
  employeeAddress: boolean;
  /** The highest band among the members. */
  band: Band | null;
  reason: string;
};

export type LinkIndex = {
  /** The subjects without their bundles (the index may be kept in memory between requests). */
  subjects: Map<string, LinkMember>;
  values: SharedValue[];
  /** Subject id → the shared values it holds. */
  bySubject: Map<string, SharedValue[]>;
};

const SHARE_WORDS: Record<LinkKind, string> = {
  address: 'same address',
  phone: 'same phone',
  email: 'same email',
  bank: 'same bank account',
  wallet: 'same crypto wallet',
  ip: 'same internet address',
  device: 'same device name',
  resume: 'near-identical resume',
  photo: 'same photo',
};

/** Up to this many holders of one value in a graph, every pair is an edge; beyond, a star from the nearest. */
export const MAX_CLIQUE = 6;

const STRENGTH: Record<LinkKind, number> = { ...KIND_STRENGTH, resume: 4, photo: 4 };

const bandRank = (b: Band | null) => (b === null ? -1 : BANDS.indexOf(b));

/** Builds a LinkIndex a page of subjects at a time, so a caller can let other work run between pages. */
export type LinkIndexBuilder = {
  /** Adds subjects in the order they should be indexed; an id already added keeps its first entry. */
  add(subjects: readonly LinkSubject[]): void;
  /** The index of every subject added, with the resume and photo matches among them (call it once). */
  finish(matches?: readonly SimilarityMatch[]): LinkIndex;
};

/** Only the normalised values are kept between pages, never the bundles. */
export function createLinkIndexBuilder(kinds: readonly LinkKind[] = DEFAULT_LINK_KINDS): LinkIndexBuilder {
  const wanted = new Set(kinds);
  const members = new Map<string, LinkMember>();
  const households = new Set<string>();
  // Most values have one holder: a group keeps its first holder and use as plain fields and makes a set only
  // for a second holder (a set per value made the heap, and its garbage collection pauses, twice the size).
  type Group = {
    kind: LinkKind;
    display: string;
    first: string;
    others: Set<string> | null;
    use: string | undefined;
    mixedUses: boolean;
  };
  const groups = new Map<string, Group>();
  const add = (kind: LinkKind, key: string, display: string, holder: string, use?: string) => {
    const k = `${kind}\u0000${key}`;
    const g = groups.get(k);
    if (!g) {
      groups.set(k, { kind, display, first: holder, others: null, use, mixedUses: false });
      return;
    }
    if (holder !== g.first) {
      g.others ??= new Set();
      g.others.add(holder);
    }
    if (use === undefined) return;
    if (g.use === undefined) g.use = use;
    else if (use !== g.use) g.mixedUses = true;
  };
  return {
    add(subjects) {
      for (const { bundle, ...member } of subjects) {
        if (members.has(member.id)) continue;
        members.set(member.id, member);
        for (const m of bundle.subject.household ?? []) {
          if (m.subjectId && m.subjectId !== member.id) households.add(pairKey(member.id, m.subjectId));
        }
        for (const id of extractIdentifiers(bundle)) {
          if (id.reference || !wanted.has(id.kind)) continue;
          const use = id.kind === 'address' ? (id.addressUse ?? 'home') : undefined;
          add(id.kind, id.key, id.display, member.id, use);
        }
      }
    },
    finish(matches = []) {
      for (const m of matches) {
        if (!wanted.has(m.kind) || m.a === m.b || !members.has(m.a) || !members.has(m.b)) continue;
        add(m.kind, pairKey(m.a, m.b), m.display, m.a);
        add(m.kind, pairKey(m.a, m.b), m.display, m.b);
      }
      const values: SharedValue[] = [];
      const bySubject = new Map<string, SharedValue[]>();
      for (const g of groups.values()) {
        if (!g.others) continue;
        const holders = [g.first, ...g.others].sort();
        const household = holders.every((a) =>
          holders.every((b) => a === b || households.has(pairKey(a, b))),
        );
        const label =
          g.kind === 'address' && g.use !== undefined && !g.mixedUses
            ? `same ${g.use} address`
            : SHARE_WORDS[g.kind];
        const value: SharedValue = { kind: g.kind, display: g.display, label, subjects: holders, household };
        values.push(value);
        for (const h of holders) {
          const list = bySubject.get(h);
          if (list) list.push(value);
          else bySubject.set(h, [value]);
        }
      }
      return { subjects: members, values, bySubject };
    },
  };
}

/** Indexes the values two or more subjects share (of the given kinds) and the resume/photo matches. */
export function buildLinkIndex(
  subjects: readonly LinkSubject[],
  matches: readonly SimilarityMatch[] = [],
  kinds: readonly LinkKind[] = DEFAULT_LINK_KINDS,
): LinkIndex {
  const builder = createLinkIndexBuilder(kinds);
  builder.add(subjects);
  return builder.finish(matches);
}

function nodeOf(s: LinkMember, hops: number): LinkNode {
  return { id: s.id, name: s.name, kind: s.kind, band: s.band, score: s.score, hops };
}

const byStrength = (a: { kind: LinkKind }, b: { kind: LinkKind }) => STRENGTH[b.kind] - STRENGTH[a.kind];

/**
 * The subjects around `centre` up to `maxHops` steps away over shared values (household ones included,
 * marked), at most `maxNodes` of them (nearest first; `truncated` says some were left out), and an edge for
 * every linked pair among them with the values they share. Null when `centre` is not in the index.
 */
export function subjectGraph(
  index: LinkIndex,
  centre: string,
  options: { maxHops?: number; maxNodes?: number } = {},
): SubjectGraph | null {
  const start = index.subjects.get(centre);
  if (!start) return null;
  const maxHops = options.maxHops ?? 2;
  const maxNodes = Math.max(1, options.maxNodes ?? 200);
  const hops = new Map<string, number>([[centre, 0]]);
  let frontier = [centre];
  let truncated = false;
  for (let step = 1; step <= maxHops && frontier.length > 0 && !truncated; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      // Strongest values first, then ids, so what is kept under the cap does not depend on input order.
      const values = [...(index.bySubject.get(id) ?? [])].sort(byStrength);
      for (const v of values) {
        for (const other of v.subjects) {
          if (hops.has(other)) continue;
          if (hops.size >= maxNodes) {
            truncated = true;
            break;
          }
          hops.set(other, step);
          next.push(other);
        }
        if (truncated) break;
      }
      if (truncated) break;
    }
    frontier = next.sort();
  }
  const edges = new Map<string, LinkEdge>();
  const link = (a: string, b: string, v: SharedValue) => {
    const [source, target] = a < b ? [a, b] : [b, a];
    const k = pairKey(source, target);
    let edge = edges.get(k);
    if (!edge) {
      edge = { source, target, shared: [], household: true };
      edges.set(k, edge);
    }
    edge.shared.push({ kind: v.kind, display: v.display, label: v.label, household: v.household });
    if (!v.household) edge.household = false;
  };
  for (const v of index.values) {
    const inside = v.subjects.filter((s) => hops.has(s));
    if (inside.length > MAX_CLIQUE) {
      // Many holders of one value (a farm's address): a star from the holder nearest the centre, not every
      // pair (90 people would be 4,005 edges saying the same thing).
      const hub = inside.reduce((a, b) => (hops.get(b)! < hops.get(a)! ? b : a));
      for (const other of inside) if (other !== hub) link(hub, other, v);
      continue;
    }
    for (let i = 0; i < inside.length; i++) {
      for (let j = i + 1; j < inside.length; j++) link(inside[i]!, inside[j]!, v);
    }
  }
  const nodes = [...hops.entries()]
    .map(([id, h]) => nodeOf(index.subjects.get(id)!, h))
    .sort((a, b) => a.hops - b.hops || (a.id < b.id ? -1 : 1));
  const edgeList = [...edges.values()].map((e) => ({ ...e, shared: e.shared.sort(byStrength) }));
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  edgeList.sort((a, b) => order(a.source, b.source) || order(a.target, b.target));
  return { centre, nodes, edges: edgeList, truncated };
}

function find(parent: Map<string, string>, x: string): string {
  let root = x;
  while (parent.get(root) !== root) root = parent.get(root)!;
  while (parent.get(x) !== root) {
    const next = parent.get(x)!;
    parent.set(x, root);
    x = next;
  }
  return root;
}

const plural = (n: number, word: string) =>
  `${n} ${n === 1 ? word : word === 'person' ? 'people' : `${word}s`}`;

function clusterReason(members: LinkMember[], links: SharedValue[], employeeAddress: boolean): string {
  const joining = links.filter((l) => !l.household);
  const employees = members.filter((m) => m.kind === 'employee').length;
  const kinds = [...new Set(joining.map((l) => l.kind))];
  const words = kinds.map((k) => SHARE_WORDS[k].replace(/^same /, '').replace(/^near-identical /, ''));
  const what = words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  let reason: string;
  if (employeeAddress) {
    reason = `${plural(employees, 'employee')} have equipment or mail going to one address: the pattern of a laptop farm, where one person keeps several remote workers' laptops so they can be used from abroad.`;
  } else if (kinds.some((k) => k !== 'address')) {
    reason = `${plural(members.length, 'person')} share the same ${what}: possibly one person applying or working under several names (a persona farm).`;
    if (kinds.every((k) => k === 'ip')) {
      reason +=
        ' An internet address alone is weak: an office, a VPN or a mobile carrier puts strangers behind one.';
    }
  } else {
    reason = `${plural(members.length, 'person')} give the same address: check whether they really live together.`;
  }
  if (links.some((l) => l.household)) {
    reason += ' Some shared values are between declared household members and are expected.';
  }
  return reason;
}

/**
 * Clusters of subjects joined by shared values that are not explained by a household, each with every
 * shared value among its members (household ones marked), ranked: a postal or shipping address shared by
 * two or more employees first, then the highest band, the highest score, size, and the first id.
 */
export function rankedClusters(index: LinkIndex): RankedCluster[] {
  const parent = new Map<string, string>();
  for (const id of index.subjects.keys()) parent.set(id, id);
  const joined = new Set<string>();
  for (const v of index.values) {
    if (v.household) continue;
    const first = v.subjects[0]!;
    for (const s of v.subjects) {
      joined.add(s);
      const a = find(parent, first);
      const b = find(parent, s);
      if (a !== b) parent.set(a, b);
    }
  }
  const byRoot = new Map<string, { members: LinkMember[]; links: SharedValue[] }>();
  for (const id of [...joined].sort()) {
    const root = find(parent, id);
    let c = byRoot.get(root);
    if (!c) {
      c = { members: [], links: [] };
      byRoot.set(root, c);
    }
    c.members.push(index.subjects.get(id)!);
  }
  for (const v of index.values) {
    const c = byRoot.get(find(parent, v.subjects[0]!));
    if (c && v.subjects.every((s) => joined.has(s) && find(parent, s) === find(parent, v.subjects[0]!))) {
      c.links.push(v);
    }
  }
  const kindOf = new Map([...index.subjects.values()].map((s) => [s.id, s.kind]));
  const clusters = [...byRoot.values()].map(({ members, links }) => {
    links.sort((a, b) => byStrength(a, b) || b.subjects.length - a.subjects.length);
    const employeeAddress = links.some(
      (l) =>
        l.kind === 'address' &&
        !l.household &&
        l.subjects.filter((s) => kindOf.get(s) === 'employee').length >= 2,
    );
    const band = members.reduce<Band | null>((m, s) => (bandRank(s.band) > bandRank(m) ? s.band : m), null);
    return {
      members: members
        .map((s) => ({ id: s.id, name: s.name, kind: s.kind, band: s.band, score: s.score }))
        .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.id < b.id ? -1 : 1)),
      links,
      employeeAddress,
      band,
      reason: clusterReason(members, links, employeeAddress),
    };
  });
  const topScore = (c: RankedCluster) => Math.max(-1, ...c.members.map((m) => m.score ?? -1));
  return clusters.sort(
    (a, b) =>
      Number(b.employeeAddress) - Number(a.employeeAddress) ||
      bandRank(b.band) - bandRank(a.band) ||
      topScore(b) - topScore(a) ||
      b.members.length - a.members.length ||
      (a.members[0]!.id < b.members[0]!.id ? -1 : 1),
  );
}
