// Test support for the network detectors: an IpLookup over a fixed table (the port, implemented over a
// handful of addresses with the places the shipped databases give them), and a sign-in builder.
// Integration tests use the real databases (src/intel/ip/runtime.ts) instead.
import type { Login } from '../../bundle/schema.ts';
import type { IpInfo, IpLookup } from '../../intel/ip.ts';
import type { IntelLookups } from '../../types.ts';

type Row = Omit<IpInfo, 'ip' | 'sources'>;

const place = (country: string, city: string, lat: number, lon: number, accuracyKm = 50) => ({
  country,
  city,
  lat,
  lon,
  accuracyKm,
});

export const TABLE: Readonly<Record<string, Row>> = {
  '99.224.0.1': {
    ...place('CA', 'Toronto', 43.67, -79.38),
    kind: 'isp',
    org: 'Rogers Communications Canada Inc.',
  },
  '99.224.0.2': {
    ...place('CA', 'Toronto', 43.67, -79.38),
    kind: 'isp',
    org: 'Rogers Communications Canada Inc.',
  },
  '24.48.0.1': { ...place('CA', 'Montreal', 45.511, -73.556), kind: 'isp', org: 'Videotron Ltee' },
  '142.161.88.14': { ...place('CA', 'Winnipeg', 49.895, -97.139), kind: 'isp', org: 'Bell Canada' },
  '175.45.176.1': {
    ...place('KP', 'Pyongyang', 39.027, 125.73),
    kind: 'isp',
    org: 'Star Joint Venture Co. Ltd.',
  },
  '175.45.176.2': {
    ...place('KP', 'Pyongyang', 39.027, 125.73),
    kind: 'isp',
    org: 'Star Joint Venture Co. Ltd.',
  },
  '42.84.10.67': { ...place('CN', 'Shenyang', 41.805, 123.433, 75), kind: 'isp', org: 'CHINA UNICOM' },
  '42.84.174.118': { ...place('CN', 'Shenyang', 41.805, 123.433, 75), kind: 'isp', org: 'CHINA UNICOM' },
  '95.24.0.1': { ...place('RU', 'Moscow', 55.752, 37.615), kind: 'isp', org: 'Beeline' },
  '70.176.0.37': { ...place('US', 'Phoenix', 33.448, -112.073), kind: 'isp', org: 'Cox Communications Inc.' },
  '73.10.0.1': { ...place('US', 'Buffalo', 42.886, -78.878), kind: 'isp', org: 'Comcast Cable' },
  '81.2.69.1': { ...place('GB', 'London', 51.507, -0.128), kind: 'isp', org: 'BT' },
  '159.203.172.80': {
    ...place('US', 'Clifton', 40.83, -74.13),
    kind: 'hosting',
    provider: 'DigitalOcean',
    org: 'DigitalOcean, LLC',
  },
  '185.220.101.4': { ...place('DE', 'Berlin', 52.52, 13.405), kind: 'tor', provider: 'Tor' },
  '45.131.195.2': { ...place('US', 'Los Angeles', 34.052, -118.244), kind: 'vpn', provider: 'Astrill VPN' },
  '37.120.217.5': { ...place('DE', 'Frankfurt', 50.11, 8.68), kind: 'vpn', provider: 'NordVPN' },
  '172.225.46.1': {
    ...place('CA', 'Toronto', 43.653, -79.383, 100),
    kind: 'relay',
    provider: 'Apple iCloud Private Relay',
  },
  '174.95.0.1': { ...place('CA', 'Toronto', 43.65, -79.38, 200), kind: 'mobile', org: 'Rogers Wireless' },
  '198.51.100.10': {
    ...place('US', 'Ashburn', 39.04, -77.49),
    kind: 'vpn',
    provider: 'Northwind GlobalProtect',
    allowListed: { list: 'corporate', label: 'Northwind corporate VPN' },
  },
  '10.0.0.5': { kind: 'unknown' },
};

/** An IpLookup over TABLE; unknown public addresses get kind `unknown` and no place. */
export const tableLookup: IpLookup = {
  lookup(ip) {
    const row = TABLE[ip];
    return row ? { ip, ...row, sources: ['test-table'] } : { ip, kind: 'unknown', sources: [] };
  },
};

export const TABLE_INTEL: IntelLookups = { available: new Set(['ip']), ip: tableLookup };

/** A successful sign-in at `at` from `ip`, with overrides. */
export function signIn(at: string, ip: string, extra: Partial<Login> = {}): Login {
  return { at, ip, outcome: 'success', ...extra };
}
