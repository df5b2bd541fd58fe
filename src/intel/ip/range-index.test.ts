// The interval index against a naive scan: random overlapping intervals from several "lists", random
// addresses, IPv4 and IPv6; then the merged list index over the real X4BNet and Tor lists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/random.ts';
import { bigIntToWords } from './address.ts';
import { ListIndex, type LoadedList } from './list-index.ts';
import { type IpListKind, parseIpList } from './lists.ts';
import { flattenIntervals, type Interval, V4RangeIndex, V6RangeIndex } from './range-index.ts';

function naive<T extends number | bigint>(intervals: readonly Interval<T>[], ip: T): number {
  let best = -1;
  for (const r of intervals) if (r.start <= ip && ip <= r.end && (best < 0 || r.value < best)) best = r.value;
  return best;
}

describe('flattenIntervals + V4RangeIndex', () => {
  it('agrees with a naive scan on 20,000 random addresses over 2,000 overlapping intervals', () => {
    const rnd = seededRandom(42);
    const intervals: Interval<number>[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = Math.floor(rnd() * 2 ** 20) * 4096;
      const length = Math.floor(rnd() ** 3 * 2 ** 22);
      intervals.push({ start, end: Math.min(start + length, 2 ** 32 - 1), value: Math.floor(rnd() * 5) });
    }
    intervals.push({ start: 2 ** 32 - 10, end: 2 ** 32 - 1, value: 4 });
    intervals.push({ start: 0, end: 5, value: 3 });
    const index = V4RangeIndex.from(flattenIntervals(intervals, 5, 1));
    for (let i = 1; i < index.size; i++)
      expect(index.starts[i] as number).toBeGreaterThan(index.ends[i - 1] as number);
    let hits = 0;
    const probes = [0, 5, 6, 2 ** 32 - 1, 2 ** 32 - 10, 2 ** 32 - 11];
    for (let i = 0; i < 20000; i++) {
      const r = intervals[Math.floor(rnd() * intervals.length)] as Interval<number>;
      probes.push(
        rnd() < 0.5 ? Math.floor(rnd() * 2 ** 32) : r.start + Math.floor(rnd() * (r.end - r.start + 2)),
      );
    }
    for (const ip of probes) {
      const want = naive(intervals, ip);
      if (want >= 0) hits += 1;
      expect(index.find(ip), `ip ${ip}`).toBe(want);
    }
    expect(hits).toBeGreaterThan(8000);
  });
});

describe('flattenIntervals + V6RangeIndex', () => {
  it('agrees with a naive scan on 10,000 random IPv6 addresses', () => {
    const rnd = seededRandom(7);
    const big = () =>
      (BigInt(Math.floor(rnd() * 2 ** 32)) << 96n) | (BigInt(Math.floor(rnd() * 2 ** 32)) << 64n);
    const intervals: Interval<bigint>[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = big();
      const end = start + (BigInt(Math.floor(rnd() * 2 ** 20)) << BigInt(Math.floor(rnd() * 90)));
      intervals.push({
        start,
        end: end > (1n << 128n) - 1n ? (1n << 128n) - 1n : end,
        value: Math.floor(rnd() * 4),
      });
    }
    intervals.push({ start: (1n << 128n) - 16n, end: (1n << 128n) - 1n, value: 0 });
    const index = V6RangeIndex.from(flattenIntervals(intervals, 4, 1n));
    let hits = 0;
    for (let i = 0; i < 10000; i++) {
      const r = intervals[Math.floor(rnd() * intervals.length)] as Interval<bigint>;
      const span = r.end - r.start + 2n;
      const ip = rnd() < 0.3 ? big() : r.start + (BigInt(Math.floor(rnd() * 2 ** 30)) * span) / 2n ** 30n;
      const want = naive(intervals, ip);
      if (want >= 0) hits += 1;
      expect(index.find(bigIntToWords(ip)), `ip ${ip}`).toBe(want);
    }
    expect(index.find(bigIntToWords((1n << 128n) - 1n))).toBe(0);
    expect(hits).toBeGreaterThan(5000);
  });
});

describe('ListIndex over the real lists', () => {
  const INTEL = '/work/shared/datasets/signin-logs/ip-intel';
  const load = (name: string, kind: IpListKind, file: string, provider?: string): LoadedList => ({
    name,
    kind,
    ...(provider ? { provider } : {}),
    parsed: parseIpList(readFileSync(`${INTEL}/${file}`)),
  });
  const lists = [
    load('dc', 'hosting', 'x4bnet_lists_vpn_2026-08-22/output_datacenter_ipv4.txt'),
    load('vpn', 'vpn', 'x4bnet_lists_vpn_2026-08-22/output_vpn_ipv4.txt'),
    load('tor', 'tor', 'tor_secops_institute_2024-02-27/tor-exit-nodes.lst', 'Tor'),
    {
      name: 'office',
      kind: 'allow' as const,
      label: 'Office',
      parsed: parseIpList('51.15.0.0/16\n1.12.0.0/14\n'),
    },
  ];
  const index = ListIndex.build(lists);
  const rank = { tor: 0, vpn: 1, hosting: 4 } as const;

  it('gives each address the strongest list naming it, like a scan of every list', () => {
    const rnd = seededRandom(1234);
    const kindLists = lists.filter((l) => l.kind !== 'allow');
    const probes: number[] = [];
    for (const l of kindLists) {
      for (let i = 0; i < 2000; i++) {
        const r = l.parsed.v4[Math.floor(rnd() * l.parsed.v4.length)];
        if (r) probes.push(r.start + Math.floor(rnd() * (r.end - r.start + 1)));
      }
    }
    for (let i = 0; i < 5000; i++) probes.push(Math.floor(rnd() * 2 ** 32));
    let named = 0;
    for (const ip of probes) {
      const covering = kindLists.filter((l) => l.parsed.v4.some((r) => r.start <= ip && ip <= r.end));
      covering.sort((a, b) => rank[a.kind as keyof typeof rank] - rank[b.kind as keyof typeof rank]);
      const match = index.matchV4(ip, undefined);
      expect(match.list?.name, `ip ${ip}`).toBe(covering[0]?.name);
      if (match.list) named += 1;
      const allowed = lists[3]?.parsed.v4.some((r) => r.start <= ip && ip <= r.end);
      expect(match.allow?.name).toBe(allowed ? 'office' : undefined);
    }
    expect(named).toBeGreaterThan(6000);
  });

  it('matches ASN entries with the same precedence', () => {
    const withAsn = ListIndex.build([
      { name: 'a-hosting', kind: 'hosting', parsed: parseIpList('AS64500\n') },
      { name: 'b-vpn', kind: 'vpn', provider: 'Example VPN', parsed: parseIpList('AS64500\n') },
      { name: 'c-allow', kind: 'allow', label: 'Corp', parsed: parseIpList('AS64501\n') },
    ]);
    expect(withAsn.matchV4(1, 64500).list?.name).toBe('b-vpn');
    expect(withAsn.matchV4(1, 64501)).toEqual({ allow: { name: 'c-allow', kind: 'allow', label: 'Corp' } });
    expect(withAsn.matchV4(1, 64502)).toEqual({});
  });
});
