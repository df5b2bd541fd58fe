import { describe, expect, it } from 'vitest';
import { edgeLabel, graphElements, type SubjectLinks } from './model.ts';

const graph: SubjectLinks = {
  centre: 'a',
  nodes: [
    { id: 'a', name: 'Ana', kind: 'candidate', band: 'critical', score: 90, hops: 0 },
    { id: 'b', name: null, kind: 'employee', band: null, score: null, hops: 1 },
    { id: 'c', name: 'Cy', kind: 'candidate', band: 'low', score: 3, hops: 1 },
  ],
  edges: [
    {
      source: 'a',
      target: 'b',
      household: false,
      shared: [
        { kind: 'phone', display: '+1 ••34', label: 'same phone', household: false },
        { kind: 'address', display: '1 Main St', label: 'same shipping address', household: false },
      ],
    },
    {
      source: 'a',
      target: 'c',
      household: true,
      shared: [{ kind: 'address', display: '2 Elm St', label: 'same home address', household: true }],
    },
  ],
  truncated: false,
};

describe('graphElements', () => {
  it('labels nodes with name and band in words, edges with what is shared, households as such', () => {
    const els = graphElements(graph);
    const nodes = els.filter((e) => e.group === 'nodes').map((e) => e.data);
    expect(nodes.map((n) => n.label)).toEqual([
      'Ana\ncritical risk · this person',
      'b\nnot assessed',
      'Cy\nlow risk',
    ]);
    expect(nodes.map((n) => n.shape)).toEqual(['ellipse', 'round-rectangle', 'ellipse']);
    expect(edgeLabel(graph.edges[0]!)).toBe('same phone, same shipping address');
    expect(edgeLabel(graph.edges[1]!)).toBe('declared household');
    const edges = els.filter((e) => e.group === 'edges').map((e) => e.data);
    expect(edges.map((e) => 'household' in e && e.household)).toEqual([false, true]);
  });
});
