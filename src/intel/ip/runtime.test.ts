// The lookup over the REAL shipped databases (DB-IP Lite city mmdb, RouteViews/NRO/DB-IP ASN table), and
// how lists and the ASN classification combine into a kind.
import { beforeAll, describe, expect, it } from 'vitest';
import { GOOGLE_DNS_INFO } from '../../../test/ip-fixture.ts';
import { parseIPv4 } from './address.ts';
import { ListIndex } from './list-index.ts';
import { parseIpList } from './lists.ts';
import { createIpRuntime, decideKind, GenerationCache, type IpRuntime, withIpIntel } from './runtime.ts';

let runtime: IpRuntime;
beforeAll(async () => {
  runtime = createIpRuntime();
  await runtime.ready();
});

describe('lookup over the shipped databases', () => {
  it('8.8.8.8: Mountain View, US, AS15169 Google, hosting', () => {
    expect(runtime.lookup.lookup('8.8.8.8')).toEqual(GOOGLE_DNS_INFO);
  });

  it.each(['175.45.176.0', '175.45.177.10', '175.45.179.255'])(
    '%s (175.45.176.0/22) is in North Korea',
    (ip) => {
      const info = runtime.lookup.lookup(ip);
      expect(info?.country).toBe('KP');
      expect(info?.asn).toBe(131279);
      expect(info?.kind).toBe('isp');
    },
  );

  it('the address after the /22 is not; nor is 175.45.178.0/24, which DB-IP places in Milan', () => {
    expect(runtime.lookup.lookup('175.45.180.0')?.country).toBe('AU');
    expect(runtime.lookup.lookup('175.45.178.200')).toMatchObject({ country: 'IT', asn: 131279 });
  });

  it('a Bell Canada address: CA, an ISP', () => {
    const info = runtime.lookup.lookup('70.49.1.1');
    expect(info).toMatchObject({
      country: 'CA',
      region: 'Ontario',
      asn: 577,
      org: 'Bell Canada',
      kind: 'isp',
    });
    expect(info?.provider).toBeUndefined();
  });

  it('an AWS address: hosting, Amazon Web Services', () => {
    expect(runtime.lookup.lookup('52.94.236.248')).toMatchObject({
      country: 'US',
      asn: 16509,
      kind: 'hosting',
      provider: 'Amazon Web Services',
    });
  });

  it('IPv6: Google public DNS and a Rogers customer block, with wider radii for big blocks', () => {
    expect(runtime.lookup.lookup('2001:4860:4860::8888')).toMatchObject({
      ip: '2001:4860:4860::8888',
      asn: 15169,
      kind: 'hosting',
      accuracyKm: 75,
    });
    expect(runtime.lookup.lookup('2607:fea8::1')).toMatchObject({ country: 'CA', asn: 812, kind: 'isp' });
  });

  it('a Mullvad server network is a VPN with its provider', () => {
    expect(runtime.lookup.lookup('185.65.134.1')).toMatchObject({
      asn: 39351,
      kind: 'vpn',
      provider: 'Mullvad VPN',
    });
  });

  it('an IPv4-mapped IPv6 address is looked up as IPv4', () => {
    expect(runtime.lookup.lookup('::ffff:8.8.8.8')).toMatchObject({
      ip: '::ffff:8.8.8.8',
      country: 'US',
      asn: 15169,
    });
  });

  it('private and reserved addresses are unknown, with no place', () => {
    expect(runtime.lookup.lookup('10.1.2.3')).toEqual({
      ip: '10.1.2.3',
      kind: 'unknown',
      sources: ['reserved'],
    });
    expect(runtime.lookup.lookup('fd00::1')).toEqual({
      ip: 'fd00::1',
      kind: 'unknown',
      sources: ['reserved'],
    });
  });

  it('anything else is not an address', () => {
    for (const bad of ['', 'nope', '999.1.1.1', '8.8.8.8/24'])
      expect(runtime.lookup.lookup(bad)).toBeUndefined();
  });

  it('caches results per address (the same frozen object)', () => {
    const a = runtime.lookup.lookup('1.1.1.1');
    expect(runtime.lookup.lookup('1.1.1.1')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    const uncached = createIpRuntime({ cacheSize: 0 });
    expect(uncached.lookup.lookup('1.1.1.1')).not.toBe(uncached.lookup.lookup('1.1.1.1'));
    expect(uncached.lookup.lookup('1.1.1.1')).toEqual(a);
  });

  it('names its databases with licence and attribution', () => {
    const sources = runtime.sources();
    expect(sources.map((s) => s.id)).toEqual(['dbip-city', 'asn']);
    expect(sources[0]).toMatchObject({ licence: 'CC BY 4.0', url: 'https://db-ip.com' });
    expect(sources[0]?.attribution).toContain('IP Geolocation by DB-IP');
    expect(sources[1]?.attribution).toMatch(/RouteViews.*NRO/);
    expect(sources[0]?.builtAt).toBe('2026-06-05T13:42:02.000Z');
  });

  it('adds itself to intel lookups without hiding what was there', () => {
    const base = { available: new Set(['sanctions']) };
    const intel = withIpIntel(base, runtime);
    expect([...intel.available]).toEqual(['sanctions', 'ip']);
    expect(intel.ip?.lookup('8.8.8.8')?.asn).toBe(15169);
  });
});

describe('decideKind: lists and classification', () => {
  const index = ListIndex.build([
    { name: 'tor', kind: 'tor', provider: 'Tor', parsed: parseIpList('1.0.0.1\n') },
    { name: 'vpn', kind: 'vpn', parsed: parseIpList('1.0.0.0/30\n') },
    { name: 'dc', kind: 'hosting', parsed: parseIpList('1.0.0.0/24\n') },
    { name: 'corp', kind: 'allow', label: 'Corporate VPN', parsed: parseIpList('1.0.0.0/29\n') },
  ]);
  const at = (last: number) => (parseIPv4('1.0.0.0') ?? 0) + last;
  const decide = (last: number, classified: Parameters<typeof decideKind>[1]) => {
    const sources: string[] = [];
    return { ...decideKind(index.matchV4(at(last), undefined), classified, sources), sources };
  };
  const isp = { kind: 'isp' as const, by: 'asn' };

  it('tor > vpn > hosting among lists', () => {
    expect(decide(1, isp)).toEqual({ kind: 'tor', provider: 'Tor', sources: ['list:tor'] });
    expect(decide(2, isp)).toEqual({ kind: 'vpn', provider: undefined, sources: ['list:vpn'] });
    expect(decide(200, isp)).toEqual({ kind: 'hosting', provider: undefined, sources: ['list:dc'] });
  });

  it('a list beats an isp or mobile classification', () => {
    expect(decide(200, { kind: 'mobile', provider: 'T-Mobile US', by: 'asn-class' }).kind).toBe('hosting');
  });

  it('a stronger classification beats a weaker list, and gives its provider to a list of the same kind', () => {
    expect(decide(200, { kind: 'vpn', provider: 'NordVPN', by: 'asn-class' })).toEqual({
      kind: 'vpn',
      provider: 'NordVPN',
      sources: ['list:dc', 'asn-class'],
    });
    expect(decide(2, { kind: 'vpn', provider: 'NordVPN', by: 'asn-class' })).toEqual({
      kind: 'vpn',
      provider: 'NordVPN',
      sources: ['list:vpn', 'asn-class'],
    });
    expect(decide(200, { kind: 'hosting', provider: 'OVHcloud', by: 'asn-class' }).provider).toBe('OVHcloud');
  });

  it('without a list, the classification decides', () => {
    expect(decide(-5000, { kind: 'vpn', provider: 'Surfshark', by: 'asn-class' })).toEqual({
      kind: 'vpn',
      provider: 'Surfshark',
      sources: ['asn-class'],
    });
    expect(decide(-5000, isp)).toEqual({ kind: 'isp', provider: undefined, sources: [] });
  });

  it('an allow-list sets allowListed and never changes the kind', () => {
    expect(index.matchV4(at(1), undefined).allow).toEqual({
      name: 'corp',
      kind: 'allow',
      label: 'Corporate VPN',
    });
    expect(decide(1, isp).kind).toBe('tor');
    expect(index.matchV4(at(8), undefined).allow).toBeUndefined();
  });
});

describe('GenerationCache', () => {
  it('holds between max/2 and max entries, drops the oldest generation, promotes hits', () => {
    const cache = new GenerationCache<number>(4);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) cache.set(k, i);
    expect(cache.size).toBe(4);
    // generations: previous {a, b}, current {c, d}; reading 'a' promotes it, which flips them:
    // previous {c, d}, current {a} — and 'b' is gone.
    expect(cache.get('a')).toBe(0);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('c'), cache.get('d')]).toEqual([2, 3]);
    expect(cache.size).toBeLessThanOrEqual(4);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
