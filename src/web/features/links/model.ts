// The link graph and clusters as the API sends them (GET /subjects/{id}/links, GET /links/clusters), and
// the pure helpers the Links tab and page draw with.
import type { Band } from '../../api/types.ts';

export type LinkKind =
  | 'address'
  | 'phone'
  | 'email'
  | 'bank'
  | 'wallet'
  | 'ip'
  | 'device'
  | 'resume'
  | 'photo';

export const LINK_KIND_OPTIONS: { value: LinkKind; label: string }[] = [
  { value: 'address', label: 'Postal or shipping address' },
  { value: 'phone', label: 'Phone number' },
  { value: 'email', label: 'Email address' },
  { value: 'bank', label: 'Bank account' },
  { value: 'wallet', label: 'Crypto wallet' },
  { value: 'device', label: 'Device name' },
  { value: 'resume', label: 'Near-identical resume' },
  { value: 'photo', label: 'Same photo' },
  { value: 'ip', label: 'Internet address (weak)' },
];

export type SharedValue = { kind: LinkKind; display: string; label: string; household: boolean };

export type LinkMember = {
  id: string;
  name: string | null;
  kind: 'candidate' | 'employee' | null;
  band: Band | null;
  score: number | null;
};

export type SubjectLinks = {
  centre: string;
  nodes: (LinkMember & { hops: number })[];
  edges: { source: string; target: string; shared: SharedValue[]; household: boolean }[];
  truncated: boolean;
};

export type LinkCluster = {
  members: LinkMember[];
  links: (SharedValue & { subjects: string[] })[];
  employeeAddress: boolean;
  band: Band | null;
  reason: string;
};

export type LinkClusterList = { items: LinkCluster[]; total: number };

/** Band colours for the canvas (Mantine's green/yellow/orange/red 7, gray 5 when not assessed). */
export const BAND_HEX: Record<Band | 'none', string> = {
  low: '#37b24d',
  elevated: '#f59f00',
  high: '#f76707',
  critical: '#e03131',
  none: '#adb5bd',
};

const BAND_WORDS: Record<Band | 'none', string> = {
  low: 'low risk',
  elevated: 'elevated risk',
  high: 'high risk',
  critical: 'critical risk',
  none: 'not assessed',
};

export const memberName = (m: Pick<LinkMember, 'id' | 'name'>) => m.name || m.id;

export const memberDescription = (m: LinkMember) =>
  `${m.kind === 'employee' ? 'employee' : m.kind === 'candidate' ? 'candidate' : 'subject'}, ${BAND_WORDS[m.band ?? 'none']}`;

/** What an edge says in a few words: "same phone, same bank account" or "declared household". */
export function edgeLabel(edge: SubjectLinks['edges'][number]): string {
  if (edge.household) return 'declared household';
  const labels = [...new Set(edge.shared.filter((s) => !s.household).map((s) => s.label))];
  return labels.join(', ');
}

export type GraphElement =
  | { group: 'nodes'; data: { id: string; label: string; color: string; centre: boolean; shape: string } }
  | {
      group: 'edges';
      data: { id: string; source: string; target: string; label: string; household: boolean };
    };

/** Cytoscape elements: nodes labelled with the name and band in words (colour is never the only cue). */
export function graphElements(graph: SubjectLinks): GraphElement[] {
  const nodes: GraphElement[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id,
      label: `${memberName(n)}\n${BAND_WORDS[n.band ?? 'none']}${n.id === graph.centre ? ' · this person' : ''}`,
      color: BAND_HEX[n.band ?? 'none'],
      centre: n.id === graph.centre,
      shape: n.kind === 'employee' ? 'round-rectangle' : 'ellipse',
    },
  }));
  const edges: GraphElement[] = graph.edges.map((e) => ({
    group: 'edges',
    data: {
      id: `${e.source}\u0000${e.target}`,
      source: e.source,
      target: e.target,
      label: edgeLabel(e),
      household: e.household,
    },
  }));
  return [...nodes, ...edges];
}
