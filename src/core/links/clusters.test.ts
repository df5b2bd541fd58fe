import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../test/factories.ts';
import { clusterBundles, clusterIdentifiers } from './clusters.ts';

const at = '2026-03-01T09:00:00Z';

describe('clusterIdentifiers', () => {
  it('joins subjects transitively, ranks by size then strongest kind, leaves singletons and IPs out', () => {
    const clusters = clusterIdentifiers(8, [
      { subject: 0, kind: 'email', key: 'a@x.com' },
      { subject: 1, kind: 'email', key: 'a@x.com' },
      { subject: 1, kind: 'phone', key: '+14165550134' },
      { subject: 2, kind: 'phone', key: '+14165550134' },
      { subject: 3, kind: 'bank', key: 'iban:DE89370400440532013000' },
      { subject: 4, kind: 'bank', key: 'iban:DE89370400440532013000' },
      { subject: 5, kind: 'address', key: 'CA|M5H 1A1|1|main st|' },
      { subject: 6, kind: 'address', key: 'CA|M5H 1A1|1|main st|' },
      { subject: 6, kind: 'ip', key: '8.8.8.8' },
      { subject: 7, kind: 'ip', key: '8.8.8.8' },
      { subject: 7, kind: 'email', key: 'only@x.com' },
    ]);
    expect(clusters.map((c) => c.subjects)).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(clusters.map((c) => c.strongest)).toEqual(['email', 'bank', 'address']);
    expect(clusters[0]!.links.map((l) => l.kind)).toEqual(['email', 'phone']);
  });

  it('does not join declared household members on what they share', () => {
    const ids = [
      { subject: 0, kind: 'address' as const, key: 'home' },
      { subject: 1, kind: 'address' as const, key: 'home' },
    ];
    expect(clusterIdentifiers(2, ids, { households: new Set(['0\u00001']) })).toEqual([]);
    // A third person at the address joins both.
    const three = clusterIdentifiers(3, [...ids, { subject: 2, kind: 'address', key: 'home' }], {
      households: new Set(['0\u00001']),
    });
    expect(three.map((c) => c.subjects)).toEqual([[0, 1, 2]]);
  });
});

describe('clusterBundles', () => {
  it('clusters bundles on normalised values, with ids and the joining values', () => {
    const a = buildBundle({
      subject: { id: 'c1', name: 'Alex', household: [{ subjectId: 'c3' }] },
      changes: [{ at, field: 'shipping_address', to: '10 Downing Street, London SW1A 2AA' }],
    });
    const b = buildBundle({
      subject: { id: 'c2', name: 'Bob' },
      changes: [{ at, field: 'shipping_address', to: '10 downing st london sw1a2aa' }],
    });
    const c = buildBundle({ subject: { id: 'c3', name: 'Sam' } });
    const clusters = clusterBundles([a, b, c]);
    expect(clusters).toEqual([
      {
        subjects: [
          { id: 'c1', name: 'Alex' },
          { id: 'c2', name: 'Bob' },
        ],
        strongest: 'address',
        links: [{ kind: 'address', value: '10 Downing Street, London SW1A 2AA', subjects: ['c1', 'c2'] }],
      },
    ]);
  });
});
