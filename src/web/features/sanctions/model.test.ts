import { describe, expect, it } from 'vitest';
import { readDismissals, readMatches, readScreenResult, readSnapshots } from './model.ts';

describe('sanctions readers', () => {
  it('reads signal matches and drops malformed ones', () => {
    const matches = readMatches([
      {
        role: 'the person',
        query: 'Kim Chol',
        list: 'un',
        listTitle: 'UN',
        entryId: 'KPi.001',
        entryVersion: 'v1',
        name: 'KIM CHOL',
        matchedName: 'KIM CHOL',
        programs: ['DPRK'],
        score: 140,
        severity: 'high',
        corroborated: [
          { field: 'dateOfBirth', status: 'agrees', detail: '1970' },
          { field: 'x', status: 'maybe' },
        ],
        reasons: ['kim = kim'],
      },
      { list: 'un' },
      'nope',
    ]);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.score).toBe(100);
    expect(matches[0]?.corroborated).toEqual([{ field: 'dateOfBirth', status: 'agrees', detail: '1970' }]);
  });

  it('reads snapshots in the manifest shape, with a diff of ids', () => {
    const snaps = readSnapshots({
      snapshots: [
        {
          snapshotId: 's2',
          status: 'active',
          lists: [
            {
              list: 'un',
              publishedAt: '2026-02-27',
              sha256: 'abc',
              entries: 10,
              files: [{ path: 'un.xml' }],
            },
          ],
          diff: { lists: [{ list: 'un', added: ['A'], removed: [], changed: ['B', 'C'] }] },
        },
      ],
    });
    expect(snaps[0]?.id).toBe('s2');
    expect(snaps[0]?.lists[0]).toMatchObject({ id: 'un', publishedOn: '2026-02-27', sha256: 'abc' });
    expect(snaps[0]?.lists[0]?.counts.total).toBe(10);
    expect(snaps[0]?.diff[0]).toMatchObject({ list: 'un', addedCount: 1, changedCount: 2, removedCount: 0 });
  });

  it('reads screening results and dismissals', () => {
    expect(readScreenResult({ query: { name: 'x' }, matches: [] }).matches).toEqual([]);
    const d = readDismissals({ items: [{ id: '1', list: 'un', entry_id: 'E', reason: 'DOB differs' }] });
    expect(d[0]).toMatchObject({ entryId: 'E', reason: 'DOB differs' });
  });
});
