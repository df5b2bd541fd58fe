import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_POLICY } from '../../policy.ts';
import { createLoginAnalyzer } from './analyzer.ts';
import type { ResolvedLogin } from './resolve.ts';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

const TORONTO: Partial<ResolvedLogin> = {
  country: 'CA',
  city: 'Toronto',
  lat: 43.67,
  lon: -79.38,
  kind: 'isp',
};
const PYONGYANG: Partial<ResolvedLogin> = {
  country: 'KP',
  city: 'Pyongyang',
  lat: 39.027,
  lon: 125.73,
  kind: 'isp',
};

const login = (at: number, ip: string, extra: Partial<ResolvedLogin> = {}): ResolvedLogin => ({
  at,
  ip,
  success: true,
  accuracyKm: 50,
  kind: 'isp',
  kindKnown: true,
  ...extra,
});

describe('createLoginAnalyzer', () => {
  it('gives the exact median from a histogram (odd and even counts)', () => {
    const odd = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    for (const [i, ms] of [30, 10, 250, 20, 40].entries()) {
      odd.add(login(T0 + i * HOUR, '99.224.0.1', { inputLatencyMs: ms }), i);
    }
    expect(odd.finish().latency).toEqual({ samples: 5, medianMs: 30, maxMs: 250, slowIndexes: [2] });
    const even = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    for (const [i, ms] of [30, 10, 250, 20].entries()) {
      even.add(login(T0 + i * HOUR, '99.224.0.1', { inputLatencyMs: ms }), i);
    }
    expect(even.finish().latency.medianMs).toBe(25);
  });

  it('keeps memory flat over 20,000 hops between Toronto and Pyongyang: 10 fastest pairs, exact totals', () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY, { claimedCountry: 'CA' });
    for (let i = 0; i < 20_000; i++) {
      const home = i % 2 === 0;
      // Every 1,000th hop is faster (10 minutes instead of an hour).
      const at = T0 + i * HOUR - (i % 1000 === 999 ? 50 * MIN : 0);
      analyzer.add(login(at, home ? '99.224.0.1' : '175.45.176.1', home ? TORONTO : PYONGYANG), i);
    }
    const f = analyzer.finish();
    expect(f.travel.total).toBe(19_999);
    expect(f.travel.pairs).toHaveLength(10);
    expect(f.travel.pairs.every((p) => p.hours < 1)).toBe(true);
    expect(f.counts).toMatchObject({ logins: 20_000, successful: 20_000, located: 20_000, physical: 20_000 });
    expect(f.countries.map((c) => [c.country, c.logins, c.ips, c.indexes.length])).toEqual([
      ['CA', 10_000, ['99.224.0.1'], 20],
      ['KP', 10_000, ['175.45.176.1'], 20],
    ]);
    expect(f.highRisk).toMatchObject([{ country: 'KP', logins: 10_000, ips: ['175.45.176.1'] }]);
    expect(analyzer.retained()).toEqual({
      countries: 2,
      networks: 0,
      sessions: 0,
      latencyValues: 0,
      pairs: 10,
    });
  });

  it('caps the anonymizing addresses it keeps but counts every sign-in', () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    for (let i = 0; i < 5_000; i++) {
      analyzer.add(
        login(T0 + i * MIN, `45.131.${Math.floor(i / 250)}.${i % 250}`, {
          kind: 'vpn',
          provider: 'Astrill VPN',
          country: 'US',
        }),
        i,
      );
    }
    const f = analyzer.finish();
    expect(f.anonymizer.logins).toBe(5_000);
    expect(f.anonymizer.networks).toHaveLength(200);
    expect(f.anonymizer.groups).toMatchObject([{ kind: 'vpn', provider: 'Astrill VPN', logins: 5_000 }]);
    expect(f.counts.physical).toBe(0);
    expect(analyzer.retained().networks).toBe(201);
  });

  it('keeps a session alive through thousands of one-off sessions (least recently seen are forgotten)', () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    let index = 0;
    for (let minute = 0; minute < 10_000; minute++) {
      const at = T0 + minute * MIN;
      if (minute % 60 === 0) analyzer.add(login(at, '99.224.0.1', { sessionId: 'always-on' }), index++);
      analyzer.add(login(at, '99.224.0.1', { sessionId: `one-off-${minute}` }), index++);
    }
    const f = analyzer.finish();
    expect(f.longSessions).toMatchObject([{ sessionId: 'always-on', basis: 'sessionId', hours: 166 }]);
    expect(analyzer.retained().sessions).toBeLessThanOrEqual(4096);
  });

  it('counts a session id seen again days later as one long session, but forgets one silent for over 30 days', () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    let index = 0;
    const DAY = 24 * HOUR;
    // One-off sessions every day keep the sweeps running; 'resumed' comes back after 3 days, 'stale' after 40.
    for (let day = 0; day <= 40; day++) {
      const at = T0 + day * DAY;
      if (day === 0 || day === 3) analyzer.add(login(at, '99.224.0.1', { sessionId: 'resumed' }), index++);
      if (day === 0 || day === 40) analyzer.add(login(at, '99.224.0.2', { sessionId: 'stale' }), index++);
      analyzer.add(login(at, '99.224.0.3', { sessionId: `one-off-${day}` }), index++);
    }
    const f = analyzer.finish();
    expect(f.longSessions.map((s) => [s.sessionId, s.hours])).toEqual([['resumed', 72]]);
    // Only about the last 30 days of sessions are held (31 days of one-offs and the restarted 'stale').
    expect(analyzer.retained().sessions).toBeLessThanOrEqual(33);
  });

  it('ignores failed attempts for places but keeps their session data', () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY);
    analyzer.add(login(T0, '175.45.176.1', { ...PYONGYANG, success: false, sessionMinutes: 30 }), 0);
    const f = analyzer.finish();
    expect(f.counts).toMatchObject({ logins: 1, successful: 0, located: 0, sessionData: 1 });
    expect(f.highRisk).toEqual([]);
  });
});
