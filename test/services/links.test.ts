import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundles } from '../../src/services/import-bundles.ts';
import { listLinkClusters } from '../../src/services/list-link-clusters.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { createTestApp, recruiter, type TestApp } from './helpers.ts';

const at = '2026-03-01T09:00:00Z';

for (const dialect of dialects) {
  describe(`link clusters of stored subjects (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('groups stored subjects sharing a bank account and a shipping address, and no one else', async () => {
      const bundles = [
        buildBundle({
          id: 'c1',
          name: 'Alex Doe',
          changes: [{ at, field: 'bank_account', to: 'GB29 NWBK 6016 1331 9268 19' }],
        }),
        buildBundle({
          id: 'c2',
          name: 'Bob Roe',
          changes: [
            { at, field: 'bank_account', to: { iban: 'GB29NWBK60161331926819' } },
            { at, field: 'shipping_address', to: '10 Downing Street, London SW1A 2AA' },
          ],
        }),
        buildBundle({
          id: 'c3',
          name: 'Carol Poe',
          changes: [{ at, field: 'shipping_address', to: '10 downing st, london sw1a2aa, UK' }],
        }),
        buildBundle({ id: 'c4', name: 'Dan Loe' }),
      ];
      await importBundles(t.app, recruiter, bundles);
      const clusters = await listLinkClusters(t.app, recruiter);
      expect(clusters).toHaveLength(1);
      expect(clusters[0]!.subjects.map((s) => s.id)).toEqual(['c1', 'c2', 'c3']);
      expect(clusters[0]!.strongest).toBe('bank');
      expect(clusters[0]!.links.map((l) => [l.kind, l.subjects])).toEqual([
        ['bank', ['c1', 'c2']],
        ['address', ['c2', 'c3']],
      ]);
    });
  });
}
