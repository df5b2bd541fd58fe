// Intel that loads from the database must never be awaited inside a write transaction: on SQLite the transaction
// holds the only connection, so such a load waits forever. The runtimes here re-check the store on every call
// (recheckMs 0), the worst case; before the fix, adding evidence 5 s after the last check hung the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpRuntime, withIpIntel } from '../../src/intel/ip/runtime.ts';
import { createSanctionsIntel, createSanctionsRuntime } from '../../src/intel/sanctions/runtime.ts';
import { addEvidence } from '../../src/services/add-evidence.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { dialects } from '../db.ts';
import { buildBundle } from './factories.ts';
import { createTestApp, recruiter, type TestApp } from './helpers.ts';

describe.each(dialects)('writes with database-backed intel (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const sanctions = createSanctionsRuntime({
      dataDir: t.app.config.dataDir,
      db: t.db.db,
      recheckMs: 0,
      loadFallback: async () => ({
        id: 'empty',
        source: 'default',
        dir: t.app.config.dataDir,
        lists: [],
        walletFiles: [],
        entries: [],
        wallets: [],
        loadMs: 0,
      }),
    });
    const ip = createIpRuntime({ db: t.db.db, recheckMs: 0 });
    app = { ...t.app, sanctions, ip, intel: withIpIntel(createSanctionsIntel(sanctions), ip) };
  });
  afterAll(() => t.close());

  it('creating a subject loads the intel before its transaction, and later writes re-check without waiting', async () => {
    // Nothing is loaded yet: the first write must load outside its transaction.
    await createSubject(app, recruiter, buildBundle({ subject: { id: 'intel-1', name: 'Ada Byron' } }));
    for (let i = 0; i < 3; i++) {
      const detail = await addEvidence(app, recruiter, 'intel-1', 'interviews', {
        at: `2026-03-0${i + 1}T15:00:00Z`,
        plannedMode: 'video',
        actualMode: 'video',
        status: 'held',
        cameraOn: true,
      });
      expect(detail.bundle.interviews).toHaveLength(i + 1);
    }
    expect(app.sanctions?.current()).toBeDefined();
  }, 60_000);
});
