import { describe, expect, it } from 'vitest';
import { type BundleOverrides, buildBundle } from '../../../test/factories.ts';
import type { Band } from '../types.ts';
import { buildLinkIndex, type LinkSubject, rankedClusters, subjectGraph } from './graph.ts';

const at = '2026-03-01T09:00:00Z';
const FARM = '10 Downing Street, London SW1A 2AA';
const IBAN = 'GB82 WEST 1234 5698 7654 32';

function subject(
  id: string,
  o: { kind?: 'candidate' | 'employee'; band?: Band; score?: number } & BundleOverrides = {},
): LinkSubject {
  const { kind = 'candidate', band = null, score = null, subject: s, ...rest } = o;
  return {
    id,
    name: `Person ${id}`,
    kind,
    band,
    score,
    bundle: buildBundle({ ...rest, subject: { id, name: `Person ${id}`, kind, ...s } }),
  };
}

const shipTo = (to: string) => ({ changes: [{ at, field: 'shipping_address', to }] });

describe('subjectGraph', () => {
  it('links subjects up to two hops with the shared values on each edge, masking bank accounts', () => {
    const index = buildLinkIndex([
      subject('a', {
        subject: { phone: '+1 416 555 0134' },
        payments: [{ destination: IBAN, method: 'bank' }],
      }),
      subject('b', {
        subject: { phone: '(416) 555-0134' },
        payments: [{ destination: IBAN, method: 'bank' }],
      }),
      subject('c', { subject: { phone: '+14165550134', email: 'x@example.org' } }),
      subject('d', { subject: { email: 'X@example.org' }, ...shipTo(FARM) }),
      subject('e', shipTo(FARM)), // three hops from a: left out
      subject('f', { subject: { email: 'alone@example.org' } }),
    ]);
    const graph = subjectGraph(index, 'a')!;
    expect(graph.nodes.map((n) => [n.id, n.hops])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 2],
    ]);
    expect(graph.truncated).toBe(false);
    const ab = graph.edges.find((e) => e.source === 'a' && e.target === 'b')!;
    expect(ab.shared.map((s) => s.label)).toEqual(['same bank account', 'same phone']);
    expect(ab.shared[0]!.display).toBe('IBAN GB ending 5432');
    expect(JSON.stringify(graph)).not.toContain('WEST1234');
    expect(ab.household).toBe(false);
    expect(graph.edges.find((e) => e.source === 'c' && e.target === 'd')!.shared[0]!.label).toBe(
      'same email',
    );
    expect(graph.edges.some((e) => e.target === 'e')).toBe(false);
  });

  it('marks what declared household members share as household, not as a farm', () => {
    const index = buildLinkIndex([
      subject('a', { ...shipTo(FARM), subject: { household: [{ subjectId: 'b', relationship: 'spouse' }] } }),
      subject('b', shipTo(FARM)),
    ]);
    const graph = subjectGraph(index, 'b')!;
    expect(graph.edges).toEqual([
      {
        source: 'a',
        target: 'b',
        household: true,
        shared: [{ kind: 'address', display: FARM, label: 'same shipping address', household: true }],
      },
    ]);
    expect(rankedClusters(index)).toEqual([]);
  });

  it('caps the nodes, nearest first, and says so', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      subject(`s${String(i).padStart(2, '0')}`, shipTo(FARM)),
    );
    const graph = subjectGraph(buildLinkIndex(many), 's05', { maxNodes: 10 })!;
    expect(graph.nodes).toHaveLength(10);
    expect(graph.nodes[0]!.id).toBe('s05');
    expect(graph.truncated).toBe(true);
    // Ten holders of one address: a star from the centre (9 edges), not all 45 pairs.
    expect(graph.edges).toHaveLength(9);
    expect(graph.edges.every((e) => e.source === 's05' || e.target === 's05')).toBe(true);
    const few = subjectGraph(buildLinkIndex(many), 's05', { maxNodes: 4 })!;
    expect(few.edges).toHaveLength(6);
    expect(subjectGraph(buildLinkIndex(many), 's05', { maxNodes: 30 })!.truncated).toBe(false);
  });

  it('adds resume and photo matches as edges, and is null for an unknown subject', () => {
    const index = buildLinkIndex(
      [subject('a'), subject('b')],
      [{ kind: 'resume', a: 'a', b: 'b', display: 'resumes 91% alike' }],
    );
    expect(subjectGraph(index, 'a')!.edges[0]!.shared).toEqual([
      { kind: 'resume', display: 'resumes 91% alike', label: 'near-identical resume', household: false },
    ]);
    expect(subjectGraph(index, 'zz')).toBeNull();
  });

  it('leaves egress IPs out unless asked for', () => {
    const ip = (id: string) => subject(id, { application: { ip: '8.8.8.8' } });
    const people = [ip('a'), ip('b')];
    expect(subjectGraph(buildLinkIndex(people), 'a')!.nodes).toHaveLength(1);
    expect(subjectGraph(buildLinkIndex(people, [], ['ip']), 'a')!.edges[0]!.shared[0]!.label).toBe(
      'same internet address',
    );
    expect(rankedClusters(buildLinkIndex(people))).toEqual([]);
    expect(rankedClusters(buildLinkIndex(people, [], ['ip']))[0]!.reason).toMatch(
      /internet address alone is weak/,
    );
  });
});

describe('rankedClusters', () => {
  it('puts an address shared by several employees first, then band, score and size', () => {
    const index = buildLinkIndex([
      // Two candidates sharing a phone, one of them critical.
      subject('p1', { band: 'critical', score: 95, subject: { phone: '+1 416 555 0134' } }),
      subject('p2', { band: 'low', score: 5, subject: { phone: '+1 416 555 0134' } }),
      // Two employees with one shipping address, both low.
      subject('e1', { kind: 'employee', band: 'low', score: 10, ...shipTo(FARM) }),
      subject('e2', { kind: 'employee', band: 'low', score: 12, ...shipTo('10 downing st london sw1a2aa') }),
      // Three candidates sharing an email, high.
      subject('q1', { band: 'high', score: 60, subject: { email: 'same@example.org' } }),
      subject('q2', { subject: { email: 'same@example.org' } }),
      subject('q3', { subject: { email: 'same@example.org' } }),
      // A candidate and an employee at one address: not "several employees".
      subject('m1', {
        kind: 'employee',
        band: 'high',
        score: 70,
        ...shipTo('1 Main St, Toronto ON M5H 1A1'),
      }),
      subject('m2', shipTo('1 Main St, Toronto ON M5H 1A1')),
    ]);
    const clusters = rankedClusters(index);
    expect(clusters.map((c) => c.members.map((m) => m.id))).toEqual([
      ['e2', 'e1'],
      ['p1', 'p2'],
      ['m1', 'm2'],
      ['q1', 'q2', 'q3'],
    ]);
    expect(clusters.map((c) => c.employeeAddress)).toEqual([true, false, false, false]);
    expect(clusters[0]!.reason).toContain('laptop farm');
    expect(clusters[0]!.links[0]!.label).toBe('same shipping address');
    expect(clusters[1]!.reason).toContain('persona farm');
    expect(clusters[1]!.band).toBe('critical');
  });

  it('keeps household values inside a cluster, marked, when a stranger joins them', () => {
    const index = buildLinkIndex([
      subject('a', {
        ...shipTo(FARM),
        subject: { household: [{ subjectId: 'b' }], phone: '+1 416 555 0134' },
      }),
      subject('b', { ...shipTo(FARM), subject: { phone: '+1 416 555 0134' } }),
      subject('c', shipTo(FARM)),
    ]);
    const [cluster] = rankedClusters(index);
    expect(cluster!.members.map((m) => m.id).sort()).toEqual(['a', 'b', 'c']);
    expect(cluster!.links.map((l) => [l.kind, l.household])).toEqual([
      ['phone', true],
      ['address', false],
    ]);
    expect(cluster!.reason).toContain('declared household');
  });
});
