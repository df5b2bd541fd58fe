// Imported sign-ins placed by the real offline IP intel (DB-IP Lite city + ASN table), on both dialects:
// what is stored per event, and an organisation allow-list (the corporate VPN) that clears an address for
// events stored before the list existed — in assessments and in the shared-egress overview.
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSubject } from '../../src/adapters/db/repositories/subjects.repository.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { getNetworkOverview } from '../../src/services/get-network-overview.ts';
import { importIpList } from '../../src/services/import-ip-list.ts';
import { importLogins } from '../../src/services/import-logins.ts';
import { withStoredLogins } from '../../src/services/internal/stored-logins.ts';
import { listSubjectLogins } from '../../src/services/list-subject-logins.ts';
import { dialects } from '../db.ts';
import { attachIpIntel } from '../ip-fixture.ts';
import { buildBundle } from './factories.ts';
import {
  admin,
  createTestApp,
  investigator,
  recruiter,
  type TestApp,
  viewer,
  waitForJob,
} from './helpers.ts';
import { oktaEvent, writeNdjson } from './logins-fixtures.ts';

describe.each(dialects)('sign-ins placed by the offline IP intel (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;
  const dir = mkdtempSync(join(tmpdir(), 'gc-logins-intel-'));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    attachIpIntel(t.app);
    app = t.app;
    await createSubject(app, recruiter, buildBundle({ id: 'emp-0207', name: 'Kyle Anderson' }));
    await createSubject(app, recruiter, buildBundle({ id: 'emp-0300', name: 'Mina Park' }));
    // No provider geography in these events: everything stored comes from our own databases.
    const file = writeNdjson(join(dir, 'okta.ndjson'), [
      oktaEvent({
        uuid: 'f0000000-0000-4000-8000-000000000001',
        published: '2026-03-18T13:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '175.45.176.20',
      }),
      oktaEvent({
        uuid: 'f0000000-0000-4000-8000-000000000002',
        published: '2026-03-18T14:00:00.000Z',
        login: 'emp-0207@example.com',
        ip: '8.8.8.8',
      }),
      oktaEvent({
        uuid: 'f0000000-0000-4000-8000-000000000003',
        published: '2026-03-18T15:00:00.000Z',
        login: 'emp-0300@example.com',
        ip: '8.8.8.8',
      }),
    ]);
    const queued = await importLogins(app, investigator, {
      fileName: 'okta.ndjson',
      body: createReadStream(file),
    });
    expect((await waitForJob(app, queued.jobId)).status).toBe('succeeded');
  });
  afterAll(() => t.close());

  it('stores where each address is and what network it belongs to', async () => {
    const logins = await listSubjectLogins(app, viewer, 'emp-0207');
    const [google, pyongyang] = logins.items;
    expect(pyongyang).toMatchObject({ ip: '175.45.176.20', country: 'KP', allowListed: null });
    expect(pyongyang?.lat).toBeCloseTo(39.0, 0);
    expect(pyongyang?.networkKind).not.toBeNull();
    expect(google).toMatchObject({ ip: '8.8.8.8', country: 'US', asn: 15169 });
    expect(google?.org).toMatch(/google/i);
    expect(logins.places.map((p) => p.country).sort()).toEqual(['KP', 'US']);
  });

  it('an allow-list imported after the events clears the address in assessments and the overview', async () => {
    const before = await getNetworkOverview(app, viewer);
    expect(before.sharedEgress.map((s) => s.ip)).toEqual(['8.8.8.8']);
    await importIpList(
      app,
      admin,
      { name: 'corp-vpn', kind: 'allow', label: 'Corporate VPN egress', content: '8.8.8.0/24\n' },
      { reassess: false },
    );
    await app.ip?.reloadLists();
    const after = await getNetworkOverview(app, viewer);
    expect(after.sharedEgress).toEqual([]);
    const subject = await findSubject(app.database.db, 'emp-0207');
    if (!subject) throw new Error('no subject');
    const [bundle] = await withStoredLogins(
      app,
      app.database.db,
      [subject.bundle],
      new Date('2026-03-20T12:00:00Z'),
    );
    expect(bundle?.logins?.map((l) => [l.ip, l.allowListed ?? false])).toEqual([
      ['175.45.176.20', false],
      ['8.8.8.8', true],
    ]);
  });
});
