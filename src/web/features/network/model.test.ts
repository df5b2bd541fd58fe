import { describe, expect, it } from 'vitest';
import { timelineRows } from './components/SessionsTimeline.tsx';
import {
  buildMapping,
  bundleLoginIps,
  bundleLoginItems,
  describeKind,
  describeTravel,
  type IpInfoView,
  importPercent,
  kindWithOperator,
  type LoginItem,
  mergePlaces,
  placeDisplayKind,
  placeLabel,
  readIpInfo,
  readLoginImport,
  readNetworkOverview,
  readSubjectLogins,
  travelPairsOf,
} from './model.ts';

const toronto = {
  id: 'e1',
  at: '2026-03-02T14:00:00Z',
  account: 'jo@acme.example',
  ip: '99.224.10.20',
  outcome: 'success',
  country: 'CA',
  region: 'Ontario',
  city: 'Toronto',
  lat: 43.67,
  lon: -79.38,
  accuracyKm: 20,
  networkKind: 'isp',
  allowListed: null,
};
const pyongyang = {
  ...toronto,
  id: 'e2',
  at: '2026-03-02T14:40:00Z',
  ip: '175.45.176.5',
  country: 'KP',
  region: 'Pyongyang',
  city: 'Pyongyang',
  lat: 39.03,
  lon: 125.73,
  networkKind: 'isp',
};

describe('sign-in readers', () => {
  it('reads a subject’s sign-ins and derives places when the server sent none', () => {
    const view = readSubjectLogins({
      items: [
        toronto,
        pyongyang,
        { ...toronto, id: 'e3', at: '2026-03-02T13:00:00Z', outcome: 'FAILURE' },
        'junk',
        {},
      ],
      total: 3,
    });
    expect(view.items.map((i) => i.id)).toEqual(['e1', 'e2', 'e3']);
    expect(view.items[2]?.outcome).toBe('failure');
    expect(view.total).toBe(3);
    expect(view.truncated).toBe(false);
    const byCity = Object.fromEntries(view.places.map((p) => [p.city, p]));
    expect(byCity.Toronto?.count).toBe(2);
    expect(byCity.Toronto?.firstAt).toBe('2026-03-02T13:00:00Z');
    expect(byCity.Toronto?.lastAt).toBe('2026-03-02T14:00:00Z');
    expect(byCity.Pyongyang?.ips).toEqual(['175.45.176.5']);
  });

  it('keeps the server’s places and reads unknown kinds as unknown', () => {
    const view = readSubjectLogins({
      items: [{ ...toronto, networkKind: 'spaceship', allowListed: true }],
      total: 9,
      truncated: true,
      places: [{ lat: 1, lon: 2, count: 9, kinds: { vpn: 4, isp: 5 }, ips: ['1.2.3.4'] }, { lat: 'x' }],
    });
    expect(view.items[0]?.networkKind).toBe('unknown');
    expect(view.items[0]?.allowListed).toEqual({ list: '', label: 'your allow-list' });
    expect(view.truncated).toBe(true);
    expect(view.places).toHaveLength(1);
    expect(view.places[0]?.kinds).toEqual({ vpn: 4, isp: 5 });
  });

  it('takes impossible-travel pairs from the signal data only', () => {
    const pairs = travelPairsOf([
      { id: 'network.anonymizer', data: { pairs: [{}] } },
      {
        id: 'network.impossible-travel',
        data: {
          pairs: [
            {
              from: {
                ip: toronto.ip,
                at: toronto.at,
                city: 'Toronto',
                country: 'CA',
                lat: 43.67,
                lon: -79.38,
              },
              to: {
                ip: pyongyang.ip,
                at: pyongyang.at,
                city: 'Pyongyang',
                country: 'KP',
                lat: 39.03,
                lon: 125.73,
              },
              km: 10523.4,
              hours: 0.6667,
              kmh: 15785.1,
            },
            { from: { lat: 1 }, to: {} },
          ],
        },
      },
    ]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.to.city).toBe('Pyongyang');
    expect(describeTravel(pairs[0] ?? ({} as never))).toBe('10,523 km in 40 min ≈ 15,785 km/h');
  });

  it('reads an import with its problems, unmatched accounts and progress', () => {
    const imp = readLoginImport({
      id: 'imp-1',
      fileName: 'okta.ndjson',
      format: 'okta',
      status: 'running',
      progress: { bytesRead: 250, totalBytes: 1000 },
      counts: {
        read: 1210,
        imported: 3,
        duplicates: 0,
        malformed: 1,
        skipped: 1206,
        matched: 2,
        unmatched: 1,
      },
      problems: [{ line: 4, message: 'not JSON' }, { line: 5 }],
      skippedReasons: [
        { reason: 'Okta event type user.account.update_profile is not a sign-in', count: 1204 },
        { reason: 'Okta event type system.api_token.create is not a sign-in', count: '2' },
        { reason: '', count: 3 },
        { count: 1 },
        { reason: 'no count' },
      ],
      unmatchedAccounts: [{ account: 'ghost@acme.example', events: 1, firstAt: '2026-03-02T15:00:00Z' }, {}],
    });
    expect(imp?.counts.skipped).toBe(1206);
    expect(imp?.skippedReasons).toEqual([
      { reason: 'Okta event type user.account.update_profile is not a sign-in', count: 1204 },
      { reason: 'Okta event type system.api_token.create is not a sign-in', count: 2 },
    ]);
    expect(imp?.problems).toEqual([{ line: 4, message: 'not JSON' }]);
    expect(imp?.unmatchedAccounts.map((a) => a.account)).toEqual(['ghost@acme.example']);
    expect(imp ? importPercent(imp) : null).toBe(25);
    expect(readLoginImport({ status: 'done' })).toBeNull();
    const done = readLoginImport({ id: 'x', status: 'done', progress: { bytesRead: 1 } });
    // an older server without skipped counts
    expect(done?.counts.skipped).toBe(0);
    expect(done?.skippedReasons).toEqual([]);
    expect(done ? importPercent(done) : null).toBe(100);
    const unknownSize = readLoginImport({ id: 'y', status: 'running' });
    expect(unknownSize ? importPercent(unknownSize) : 'x').toBeNull();
  });

  it('reads the overview, dropping rows without ids and unknown severities', () => {
    const view = readNetworkOverview({
      sharedEgress: [
        {
          ip: '203.0.113.9',
          kind: 'hosting',
          events: 7,
          subjects: [
            { id: 's1', name: 'A', household: false },
            { id: 's2', household: true },
            { name: 'no id' },
          ],
        },
        { kind: 'vpn' },
      ],
      anomalies: [
        { subjectId: 's1', band: 'critical', signals: [{ id: 'network.anonymizer', severity: 'urgent' }] },
        { band: 'low' },
      ],
      counts: { events: 12, subjects: 2, unmatchedAccounts: 1 },
    });
    expect(view.sharedEgress).toHaveLength(1);
    expect(view.sharedEgress[0]?.subjects.map((s) => [s.id, s.household])).toEqual([
      ['s1', false],
      ['s2', true],
    ]);
    expect(view.anomalies[0]?.signals[0]?.severity).toBe('low');
    expect(view.counts).toEqual({ events: 12, subjects: 2, unmatchedAccounts: 1 });
    expect(view.sharedEgressDisabled).toBe(false);
    expect(readNetworkOverview({ sharedEgress: [], sharedEgressDisabled: true }).sharedEgressDisabled).toBe(
      true,
    );
  });

  it('reads an IP lookup with an allow-list entry', () => {
    const info = readIpInfo({
      ip: '8.8.8.8',
      country: 'US',
      city: 'Mountain View',
      kind: 'hosting',
      provider: 'Google',
      allowListed: { list: 'corp', label: 'Company VPN' },
      sources: ['dbip-city', 'asn'],
    });
    expect(info?.allowListed).toEqual({ list: 'corp', label: 'Company VPN' });
    expect(info?.region).toBeNull();
    expect(readIpInfo({ kind: 'isp' })).toBeNull();
  });
});

describe('a case bundle’s own sign-ins', () => {
  const shenyang: IpInfoView = {
    ip: '42.84.10.67',
    country: 'CN',
    region: 'Liaoning',
    city: 'Shenyang',
    lat: 41.8,
    lon: 123.43,
    accuracyKm: 50,
    asn: 4837,
    org: 'China Unicom',
    kind: 'isp',
    provider: null,
    allowListed: null,
    sources: ['dbip-city'],
  };

  it('places entries with the lookup, keeps what the entry says, and skips repeats of stored sign-ins', () => {
    const stored = readSubjectLogins({ items: [toronto] }).items;
    const logins = [
      { at: '2026-03-02T20:18:02+00:00', ip: '42.84.10.67', outcome: 'success', sessionMinutes: 340 },
      { at: '2026-03-03T10:00:00Z', ip: '42.84.10.67', networkKind: 'vpn', provider: 'Astrill VPN' },
      { at: '2026-03-03T11:00:00Z', ip: '42.84.10.67', country: 'KP' },
      { at: toronto.at, ip: toronto.ip },
      { ip: 'no time' },
    ];
    expect(bundleLoginIps(logins)).toEqual(['42.84.10.67', '99.224.10.20']);
    const items = bundleLoginItems(logins, new Map([[shenyang.ip, shenyang]]), stored);
    expect(items.map((i) => i.id)).toEqual(['bundle-0', 'bundle-1', 'bundle-2']);
    expect(items[0]).toMatchObject({
      city: 'Shenyang',
      country: 'CN',
      lat: 41.8,
      networkKind: 'isp',
      org: 'China Unicom',
      source: 'bundle',
      sessionMinutes: 340,
    });
    expect(items[1]).toMatchObject({ networkKind: 'vpn', provider: 'Astrill VPN', city: 'Shenyang' });
    // The entry names another country than the lookup: it keeps its own and is not put on the map.
    expect(items[2]).toMatchObject({ country: 'KP', lat: null, city: null });
  });

  it('merges bundle places into the server’s places at the same spot', () => {
    const server = readSubjectLogins({
      items: [toronto],
      places: [
        {
          lat: 41.81,
          lon: 123.42,
          count: 3,
          kinds: { isp: 3 },
          ips: ['1.1.1.1'],
          firstAt: '2026-03-01T00:00:00Z',
          lastAt: '2026-03-01T00:00:00Z',
        },
      ],
    }).places;
    const extra = bundleLoginItems(
      [
        { at: '2026-03-02T20:18:02Z', ip: '42.84.10.67' },
        { at: '2026-03-03T10:00:00Z', ip: '42.84.10.67', lat: 1.29, lon: 103.85, city: 'Singapore' },
      ],
      new Map([[shenyang.ip, shenyang]]),
    );
    const places = mergePlaces(server, extra);
    expect(places.map((p) => [p.count, p.ips, p.lastAt])).toEqual([
      [4, ['1.1.1.1', '42.84.10.67'], '2026-03-02T20:18:02Z'],
      [1, ['42.84.10.67'], '2026-03-03T10:00:00Z'],
    ]);
    expect(server[0]?.count).toBe(3);
  });
});

describe('network words and colours', () => {
  it('colours a place by the worst location-hiding kind, grey when all its addresses are allow-listed', () => {
    const place = {
      lat: 0,
      lon: 0,
      city: null,
      region: null,
      country: null,
      accuracyKm: null,
      count: 10,
      kinds: { isp: 8, hosting: 1, vpn: 1 },
      ips: ['1.1.1.1', '2.2.2.2'],
      firstAt: null,
      lastAt: null,
    };
    expect(placeDisplayKind(place, new Set())).toBe('vpn');
    expect(placeDisplayKind({ ...place, kinds: { isp: 2, mobile: 5 } }, new Set())).toBe('mobile');
    expect(placeDisplayKind(place, new Set(['1.1.1.1']))).toBe('vpn');
    expect(placeDisplayKind(place, new Set(['1.1.1.1', '2.2.2.2']))).toBe('allowed');
  });

  it('explains kinds in plain words', () => {
    expect(describeKind('vpn', 'Astrill VPN')).toBe(
      'VPN (Astrill VPN) — hides the real location: the address belongs to the VPN service, not to where the person sits.',
    );
    expect(placeLabel({ city: 'Singapore', region: 'Singapore', country: 'SG' }, () => 'Singapore')).toBe(
      'Singapore',
    );
    expect(kindWithOperator('vpn', 'Astrill VPN', 'AS Choopa')).toBe('VPN (Astrill VPN)');
    expect(kindWithOperator('isp', null, 'Rogers Communications Canada Inc.')).toBe(
      'Home or office internet (Rogers Communications Canada Inc.)',
    );
    expect(kindWithOperator('unknown', null, null)).toBe('Unknown network');
    expect(placeLabel({})).toBe('Unknown place');
    expect(placeLabel({ city: 'Pyongyang (Ryugyong-dong)', region: 'Pyongyang', country: 'KP' })).toBe(
      'Pyongyang, KP',
    );
  });

  it('builds a column mapping only when time and account are named', () => {
    expect(buildMapping({})).toEqual({});
    expect(buildMapping({ ip: 'src_ip' }).error).toBe('Also name the column for: Time, Account or email.');
    expect(buildMapping({ at: ' ts ', account: 'user', ip: '', country: 'geo.cc' })).toEqual({
      mapping: { at: 'ts', account: 'user', country: 'geo.cc' },
    });
  });

  it('puts sign-ins in one timeline row per address, in order of first use', () => {
    const item = (id: string, at: string, ip: string | null): LoginItem => ({
      ...(readSubjectLogins({ items: [{ ...toronto, id, at, ip }] }).items[0] as LoginItem),
    });
    const rows = timelineRows([
      item('a', '2026-03-02T15:00:00Z', '2.2.2.2'),
      item('b', '2026-03-02T14:00:00Z', '1.1.1.1'),
      item('c', '2026-03-02T16:00:00Z', '1.1.1.1'),
      item('d', '2026-03-02T17:00:00Z', null),
    ]);
    expect(rows.map((r) => [r.label, r.items.map((i) => i.id)])).toEqual([
      ['1.1.1.1', ['b', 'c']],
      ['2.2.2.2', ['a']],
      ['No address recorded', ['d']],
    ]);
    const many = Array.from({ length: 15 }, (_, n) =>
      item(`m${n}`, `2026-03-0${(n % 9) + 1}T10:00:00Z`, `10.0.0.${n}`),
    );
    const capped = timelineRows(many);
    expect(capped).toHaveLength(12);
    expect(capped[11]?.label).toBe('4 other addresses');
    expect(capped[11]?.items).toHaveLength(4);
  });
});
