// The Links index built a page at a time (services/list-link-clusters.ts loadLinkIndex), on SQLite and
// PostgreSQL: the same index and clusters as the core building it from every subject at once, one build for
// requests that arrive together, and a change made during a build seen by the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSubjectsWithBundles } from '../../src/adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../../src/core/bundle/schema.ts';
import { buildLinkIndex, type LinkSubject, rankedClusters } from '../../src/core/links/graph.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { loadLinkIndex } from '../../src/services/list-link-clusters.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { createTestApp, recruiter, type TestApp } from './helpers.ts';

const at = '2026-03-01T09:00:00Z';
const FARM = '10 Downing Street, London SW1A 2AA';

/** 13 people: a farm of employees spread over every page, a shared bank account, a declared couple. */
function population(): CaseBundle[] {
  const out: CaseBundle[] = [];
  for (let i = 0; i < 13; i++) {
    const id = `p-${String(i).padStart(2, '0')}`;
    const b = buildBundle({ id, name: `Person ${i}` });
    const changes: NonNullable<CaseBundle['changes']> = [];
    if (i % 4 === 0) changes.push({ at, field: 'shipping_address', to: FARM });
    if (i === 3 || i === 11) changes.push({ at, field: 'bank_account', to: 'GB29 NWBK 6016 1331 9268 19' });
    const subject: CaseBundle['subject'] = { ...b.subject, kind: i % 2 === 0 ? 'employee' : 'candidate' };
    if (i === 5)
      Object.assign(subject, {
        address: '1 Main St, Toronto ON M5H 1A1',
        household: [{ subjectId: 'p-06' }],
      });
    if (i === 6) subject.address = '1 Main St, Toronto ON M5H 1A1';
    out.push({ ...b, subject, changes });
  }
  return out;
}

for (const dialect of dialects) {
  describe(`the Links index built in pages (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await importBundles(t.app, recruiter, population());
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives the same index and clusters as building it from every subject at once', async () => {
      const db = t.app.database.db;
      const all = (await listSubjectsWithBundles(db)).map(
        (s): LinkSubject => ({
          id: s.id,
          name: s.name,
          kind: s.kind === 'candidate' || s.kind === 'employee' ? s.kind : null,
          band: s.band,
          score: s.score,
          bundle: s.bundle,
        }),
      );
      expect(all).toHaveLength(13);
      const whole = buildLinkIndex(all);
      const paged = await loadLinkIndex(db, undefined, { pageSize: 3 });
      expect(paged.values).toEqual(whole.values);
      expect([...paged.subjects.entries()]).toEqual([...whole.subjects.entries()]);
      const clusters = rankedClusters(paged);
      expect(clusters).toEqual(rankedClusters(whole));
      // The farm's address joins p-00, p-04, p-08 and p-12, read on four different pages.
      expect(clusters[0]?.members.map((m) => m.id).sort()).toEqual(['p-00', 'p-04', 'p-08', 'p-12']);
      expect(clusters[0]?.employeeAddress).toBe(true);
    });

    it('builds once for requests that arrive together, and again after a change made during the build', async () => {
      const db = t.app.database.db;
      const [a, b] = await Promise.all([
        loadLinkIndex(db, ['address'], { pageSize: 2 }),
        loadLinkIndex(db, ['address'], { pageSize: 2 }),
      ]);
      expect(a).toBe(b);
      expect(await loadLinkIndex(db, ['address'], { pageSize: 2 })).toBe(a);

      await importBundles(t.app, recruiter, [buildBundle({ id: 'p-20', name: 'Late Arrival' })]);
      const building = loadLinkIndex(db, ['address'], { pageSize: 2 });
      const joiner = buildBundle({
        id: 'p-99',
        name: 'New Hire',
        changes: [{ at, field: 'shipping_address', to: FARM }],
      });
      await importBundles(t.app, recruiter, [
        { ...joiner, subject: { ...joiner.subject, kind: 'employee' } },
      ]);
      const built = await building;
      expect(built).not.toBe(a);
      expect(built.subjects.has('p-20')).toBe(true);
      const next = await loadLinkIndex(db, ['address'], { pageSize: 2 });
      expect(next.subjects.has('p-99')).toBe(true);
      const farm = next.values.find((v) => v.kind === 'address' && v.subjects.includes('p-00'));
      expect(farm?.subjects).toContain('p-99');
    });
  });
}
