// The shared-egress part of the organisation overview follows the network.shared-egress detector's rules,
// on both dialects, with the real offline IP intel (DB-IP Lite + ASN table) and the real Tor exit list:
// a T-Mobile (mobile carrier) address, a Tor exit, an allow-listed office, private and carrier-grade-NAT
// space, uses 67 days apart, a failed attempt and a gateway of 21 subjects are not listed although two or
// more subjects' events came from each; a Rogers home address three unrelated people share is, exactly
// as the detector fires for them; a Bell address two declared household members share is flagged
// household on both, as the detector explains it (expected, not counted), and one they share with a
// stranger counts for all three. A policy that turns network.shared-egress off empties the list.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssessments } from '../../src/adapters/db/repositories/assessments.repository.ts';
import type { AppContext } from '../../src/services/context.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { getNetworkOverview, type NetworkOverview } from '../../src/services/get-network-overview.ts';
import { importIpList } from '../../src/services/import-ip-list.ts';
import { ingestLoginEvents } from '../../src/services/ingest-login-events.ts';
import { getPolicy, updatePolicy } from '../../src/services/update-policy.ts';
import { dialects } from '../db.ts';
import { attachIpIntel, TOR_EXITS } from '../ip-fixture.ts';
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

const ROGERS = '99.230.12.10'; // Rogers, Toronto: residential
const HOME = '174.88.1.1'; // Bell Canada, Guelph: residential, shared by a declared household
const CAFE = '174.88.1.2'; // Bell Canada, Guelph: the household and a stranger
const MOBILE = '172.56.20.10'; // T-Mobile US (AS21928): mobile carrier, CGNAT
const TOR = '101.99.92.179'; // on the Tor exit list of 2024-02-27
const OFFICE = '70.27.1.5'; // Bell Canada, allow-listed as the office
const PRIVATE = '10.1.2.3';
const CGNAT = '100.64.5.6';
const APART = '142.112.5.5'; // Bell Canada, Montreal: used 67 days apart
const FAILED = '24.114.10.10'; // Rogers: one subject's attempt failed
const GATEWAY = '99.230.12.11'; // Rogers: 21 subjects (more than sharedEgressMaxSubjects = 20)

const IGNORED = [MOBILE, TOR, OFFICE, PRIVATE, CGNAT, APART, FAILED, GATEWAY];

type ShareData = { ips: { ip: string; subjects: string[]; household: boolean }[] };

describe.each(dialects)('shared egress in the overview follows the detector (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;
  let overview: NetworkOverview;
  const extras = Array.from({ length: 17 }, (_, i) => `emp-g${String(i + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    attachIpIntel(t.app);
    app = t.app;
    await createSubject(app, recruiter, buildBundle({ id: 'emp-a', name: 'Alex Reid' }));
    await createSubject(app, recruiter, buildBundle({ id: 'emp-b', name: 'Bo Lindqvist' }));
    await createSubject(app, recruiter, buildBundle({ id: 'emp-c', name: 'Chris Okafor' }));
    const d = buildBundle({ id: 'emp-d', name: 'Dana Okafor' });
    await createSubject(app, recruiter, {
      ...d,
      subject: { ...d.subject, household: [{ name: 'Chris Okafor', subjectId: 'emp-c' }] },
    });
    for (const id of extras) await createSubject(app, recruiter, buildBundle({ id, name: `Gateway ${id}` }));
    await importIpList(
      app,
      admin,
      { name: 'tor-exits', kind: 'tor', provider: 'Tor', content: readFileSync(TOR_EXITS, 'utf8') },
      { reassess: false },
    );
    await importIpList(
      app,
      admin,
      { name: 'office', kind: 'allow', label: 'Toronto office', content: `${OFFICE}\n` },
      { reassess: false },
    );
    await app.ip?.reloadLists();

    let n = 0;
    const event = (id: string, ip: string, at: string, outcome = 'success') => ({
      at,
      account: `${id}@example.com`,
      ip,
      outcome,
      eventId: `ev-${++n}`,
    });
    const items = [
      event('emp-a', ROGERS, '2026-03-02T09:00:00Z'),
      event('emp-a', ROGERS, '2026-03-03T09:00:00Z'),
      event('emp-b', ROGERS, '2026-03-04T10:00:00Z'),
      event('emp-c', ROGERS, '2026-03-05T11:00:00Z'),
      event('emp-c', HOME, '2026-03-06T20:00:00Z'),
      event('emp-d', HOME, '2026-03-07T20:00:00Z'),
      event('emp-c', CAFE, '2026-03-09T12:00:00Z'),
      event('emp-d', CAFE, '2026-03-09T12:05:00Z'),
      event('emp-a', CAFE, '2026-03-09T13:00:00Z'),
      ...[MOBILE, TOR, OFFICE, PRIVATE, CGNAT].flatMap((ip) => [
        event('emp-a', ip, '2026-03-08T09:00:00Z'),
        event('emp-b', ip, '2026-03-08T10:00:00Z'),
      ]),
      event('emp-a', APART, '2026-01-02T09:00:00Z'),
      event('emp-b', APART, '2026-03-10T09:00:00Z'),
      event('emp-a', FAILED, '2026-03-11T09:00:00Z'),
      event('emp-b', FAILED, '2026-03-11T10:00:00Z', 'failure'),
      ...['emp-a', 'emp-b', 'emp-c', 'emp-d', ...extras].map((id) =>
        event(id, GATEWAY, '2026-03-12T09:00:00Z'),
      ),
    ].map((record) => ({ record }));
    // One delivery, so one job re-assesses everybody against all of it.
    const ingested = await ingestLoginEvents(app, investigator, { hook: 'logins', items });
    expect(ingested).toMatchObject({ accepted: items.length, rejected: 0 });
    if (ingested.jobId === null) throw new Error('no re-assessment queued');
    expect((await waitForJob(app, ingested.jobId)).status).toBe('succeeded');
    overview = await getNetworkOverview(app, viewer);
  });
  afterAll(() => t.close());

  it('lists the addresses unrelated people share and the household address, nothing else', () => {
    expect(
      overview.sharedEgress.map((s) => [s.ip, s.subjects.map((x) => [x.id, x.name, x.household])]),
    ).toEqual([
      [
        ROGERS,
        [
          ['emp-a', 'Alex Reid', false],
          ['emp-b', 'Bo Lindqvist', false],
          ['emp-c', 'Chris Okafor', false],
        ],
      ],
      // a stranger beside the household: it counts for all three, as the detector counts it
      [
        CAFE,
        [
          ['emp-a', 'Alex Reid', false],
          ['emp-c', 'Chris Okafor', false],
          ['emp-d', 'Dana Okafor', false],
        ],
      ],
      [
        HOME,
        [
          ['emp-c', 'Chris Okafor', true],
          ['emp-d', 'Dana Okafor', true],
        ],
      ],
    ]);
    const [rogers] = overview.sharedEgress;
    expect(rogers).toMatchObject({
      country: 'CA',
      kind: 'isp',
      org: 'Rogers Communications Canada Inc.',
      events: 4,
      firstAt: '2026-03-02T09:00:00.000Z',
      lastAt: '2026-03-05T11:00:00.000Z',
    });
    for (const ip of IGNORED) expect(overview.sharedEgress.map((s) => s.ip)).not.toContain(ip);
  });

  it('what the overview lists for each subject is what the detector fired on', async () => {
    for (const id of ['emp-a', 'emp-b', 'emp-c', 'emp-d', ...extras]) {
      const [latest] = await listAssessments(app.database.db, id);
      expect(latest?.trigger).toBe('logins');
      const signal = latest?.assessment.signals.find((s) => s.id === 'network.shared-egress');
      const listed = overview.sharedEgress.flatMap((s) =>
        s.subjects.filter((x) => x.id === id).map((x) => [s.ip, x.household]),
      );
      // the detector fires exactly when the subject shares an address with someone not of its household
      expect(signal !== undefined, id).toBe(listed.some(([, household]) => household === false));
      if (signal === undefined) continue;
      const data = signal.data as ShareData;
      expect(data.ips.map((x) => [x.ip, x.household]).sort(), id).toEqual(listed.sort());
    }
  });

  it('the detector explains the household address as expected and names the strangers', async () => {
    const [chris] = await listAssessments(app.database.db, 'emp-c');
    const signal = chris?.assessment.signals.find((s) => s.id === 'network.shared-egress');
    if (signal === undefined) throw new Error('network.shared-egress did not fire for emp-c');
    const ips = (signal.data as ShareData).ips;
    expect(ips.map((x) => [x.ip, [...x.subjects].sort(), x.household]).sort()).toEqual(
      [
        [ROGERS, ['emp-a', 'emp-b'], false],
        [HOME, ['emp-d'], true],
        [CAFE, ['emp-a', 'emp-d'], false],
      ].sort(),
    );
    expect(signal?.explanation).toContain(
      `${HOME} is also used by Dana Okafor (emp-d), declared as household, which is expected and not counted.`,
    );
  });

  it('lists no shared address while the policy turns network.shared-egress off, and says so', async () => {
    expect(overview.sharedEgressDisabled).toBe(false);
    const policy = await getPolicy(app, admin);
    const setSharedEgressOff = async (disabled: boolean) => {
      const { job } = await updatePolicy(app, admin, {
        ...policy,
        overrides: { ...policy.overrides, 'network.shared-egress': { disabled } },
      });
      expect((await waitForJob(app, job.id)).status).toBe('succeeded');
    };
    await setSharedEgressOff(true);
    const off = await getNetworkOverview(app, viewer);
    expect(off.sharedEgressDisabled).toBe(true);
    expect(off.sharedEgress).toEqual([]);
    // the rest of the overview is unchanged
    expect(off.counts).toEqual(overview.counts);

    // turning it back on lists the same addresses again
    await setSharedEgressOff(false);
    const on = await getNetworkOverview(app, viewer);
    expect(on.sharedEgressDisabled).toBe(false);
    expect(on.sharedEgress).toEqual(overview.sharedEgress);
  });
});
