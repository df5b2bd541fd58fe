// Sanctions screening through the services, on both dialects: screening, dismissals (audited, remembered per
// entry version), list imports as jobs (a malformed file leaves the previous snapshot active), and the three
// examples' bands with sanctions on. The REAL engine over real UN entries and OFAC addresses.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import type { CaseBundle } from '../../src/core/bundle/schema.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { ScreeningMatch } from '../../src/core/intel/sanctions.ts';
import { createSanctionsIntel, createSanctionsRuntime } from '../../src/intel/sanctions/runtime.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { dismissMatch, listMatchDismissals } from '../../src/services/dismiss-match.ts';
import { importBundles } from '../../src/services/import-bundles.ts';
import { importSanctionsLists } from '../../src/services/import-sanctions-lists.ts';
import { listSanctionsSnapshots } from '../../src/services/list-sanctions-snapshots.ts';
import { screenNames } from '../../src/services/screen-names.ts';
import { dialects } from '../db.ts';
import { loadFixtureSnapshot, UN_XML } from '../sanctions-fixture.ts';
import {
  admin,
  createTestApp,
  investigator,
  recruiter,
  type TestApp,
  viewer,
  waitForJob,
} from './helpers.ts';

const EXAMPLES = '/work/shared/examples';
const example = (file: string) => JSON.parse(readFileSync(`${EXAMPLES}/${file}`, 'utf8')) as CaseBundle;

describe.each(dialects)('sanctions services (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const runtime = createSanctionsRuntime({
      dataDir: t.db.options.dataDir,
      db: t.db.db,
      loadFallback: () => loadFixtureSnapshot(),
    });
    // The test app is built without intel; give it the runtime (the job handlers read app.sanctions).
    Object.assign(t.app, { sanctions: runtime, intel: createSanctionsIntel(runtime) });
    app = t.app;
  });
  afterAll(() => t.close());

  it('screens a listed DPRK person by exact UN name + DOB: corroborated', async () => {
    const result = await screenNames(app, viewer, { name: 'YUN HO-JIN', dob: '1944-10-13', country: 'KP' });
    const top = result.matches[0];
    expect(top?.entryId).toBe('KPi.001');
    expect(top?.severity).toBe('critical');
    expect(top?.corroborated.filter((c) => c.status === 'agrees').map((c) => c.field)).toContain(
      'dateOfBirth',
    );
    const lower = await screenNames(app, viewer, { name: 'YUN HO-JIN', dob: '1990-01-01' });
    expect(lower.matches.filter((m) => m.entryId === 'KPi.001' && m.severity !== 'medium')).toEqual([]);
    const common = await screenNames(app, viewer, { name: 'Kim Chol' });
    expect(common.matches.length).toBeGreaterThan(0);
    expect(new Set(common.matches.map((m) => m.severity))).toEqual(new Set(['medium']));
  });

  it('rejects an invalid query', async () => {
    await expect(screenNames(app, viewer, { name: ' ', dob: '13/10/1944' })).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('the three examples keep their bands with sanctions on (01 low, 02 critical, 03 elevated)', async () => {
    const result = await importBundles(
      app,
      recruiter,
      ['01-clean-legitimate.json', '02-clear-infiltrator.json', '03-ambiguous.json'].map(example),
    );
    expect(result.results.every((r) => r.ok)).toBe(true);
    const { getSubject } = await import('../../src/services/get-subject.ts');
    const bands = [];
    for (const r of result.results)
      bands.push((await getSubject(app, viewer, r.subjectId ?? '')).assessment?.band);
    expect(bands).toEqual(['low', 'critical', 'elevated']);
  });

  it('a dismissal removes the match, is audit-logged, and comes back when the entry changes', async () => {
    const bundle = example('01-clean-legitimate.json');
    bundle.subject = { ...bundle.subject, id: 'cand-yun', name: 'Yun Ho Jin', dateOfBirth: '1944-10-13' };
    const created = await createSubject(app, recruiter, bundle);
    const signal = created.assessment?.signals.find((s) => s.id === 'sanctions.name-match');
    // example 01's passport is not DPRK's: the nationality disagrees, so a possible match for review
    expect(signal?.severity).toBe('medium');
    const match = ((signal?.data?.matches ?? []) as ScreeningMatch[])[0];
    if (!match) throw new Error('expected a match');

    await expect(
      dismissMatch(app, recruiter, 'cand-yun', {
        signal: signal?.id ?? '',
        list: match.list,
        entryId: match.entryId,
        entryVersion: match.entryVersion,
        reason: 'different person',
      }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      dismissMatch(app, investigator, 'cand-yun', {
        signal: 'sanctions.name-match',
        list: match.list,
        entryId: match.entryId,
        entryVersion: match.entryVersion,
        reason: 'no',
      }),
    ).rejects.toMatchObject({ code: 'validation' });

    const after = await dismissMatch(app, investigator, 'cand-yun', {
      signal: 'sanctions.name-match',
      list: match.list,
      entryId: match.entryId,
      entryVersion: match.entryVersion,
      reason: 'Passport checked: born 1991, different person',
    });
    expect(after.assessment?.signals.find((s) => s.id === 'sanctions.name-match')).toBeUndefined();
    const audit = await listAuditEntries(app.database.db, { limit: 10 });
    const entry = audit.find((a) => a.action === 'sanctions.match_dismissed');
    expect(entry?.targetId).toBe('cand-yun');
    // The reason may name people: it stays on the dismissal row, not in the permanent audit log.
    expect(entry?.data).toMatchObject({ list: match.list, entryId: match.entryId });
    expect(JSON.stringify(entry?.data)).not.toContain('different person');
    expect((await listMatchDismissals(app, viewer, 'cand-yun')).items[0]?.reason).toBe(
      'Passport checked: born 1991, different person',
    );
    expect((await listMatchDismissals(app, viewer, 'cand-yun')).items).toHaveLength(1);
    expect((await verifyAuditChain(app.database.db)).ok).toBe(true);

    // the list entry changes (a new version): the dismissal no longer applies
    const { dismissalKey } = await import('../../src/core/intel/sanctions.ts');
    const { assessPopulation } = await import('../../src/core/assess.ts');
    const stale = new Map([
      ['cand-yun', new Set([dismissalKey({ ...match, entryVersion: 'a-newer-version' })])],
    ]);
    const [again] = assessPopulation([bundle], { now: new Date(), intel: app.intel, dismissals: stale });
    expect(again?.signals.find((s) => s.id === 'sanctions.name-match')?.severity).toBe('medium');
  });

  it('a failed import (malformed file) leaves the previous snapshot active and is recorded', async () => {
    const before = app.sanctions?.version;
    const job = await importSanctionsLists(app, admin, [
      { name: 'un.xml', bytes: new TextEncoder().encode('<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>') },
    ]);
    const done = await waitForJob(app, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/previous lists stay active/);
    expect(app.sanctions?.version).toBe(before);
    const { snapshots } = await listSanctionsSnapshots(app, viewer);
    expect(snapshots.map((s) => s.status)).toEqual(['failed', 'active']);
    const audit = await listAuditEntries(app.database.db, { limit: 5 });
    expect(audit.some((a) => a.action === 'sanctions.import_failed')).toBe(true);
  });

  it('imports a list as a job: new active snapshot with counts, dates, sha256 and diff; recruiters may not', async () => {
    await expect(
      importSanctionsLists(app, recruiter, [{ name: 'x', bytes: new Uint8Array([1]) }]),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const job = await importSanctionsLists(app, admin, [{ name: 'UN.xml', bytes: readFileSync(UN_XML) }]);
    const done = await waitForJob(app, job.id);
    expect(done.error ?? null).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(app.sanctions?.version).toBe(
      job.id === '' ? '' : (done.result as { snapshotId: string }).snapshotId,
    );
    const { snapshots } = await listSanctionsSnapshots(app, viewer);
    const active = snapshots.find((s) => s.status === 'active');
    const lists = (
      (active?.lists ?? { lists: [] }) as {
        lists: { list: string; entries: number; publishedAt: string; files: { sha256: string }[] }[];
      }
    ).lists;
    expect(lists.map((l) => [l.list, l.entries, l.publishedAt])).toEqual([['un', 1003, '2026-02-27']]);
    expect(lists[0]?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(active?.diff).toMatchObject({ from: 'fixture-un-2026-02-27' });
    const still = await screenNames(app, viewer, { name: 'YUN HO-JIN', dob: '1944-10-13' });
    expect(still.matches[0]?.entryId).toBe('KPi.001');
  });
});
