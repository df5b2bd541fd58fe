// Test support for the network detectors: an IpLookup over a fixed table (the port, implemented over a
// handful of addresses with the places the shipped databases give them), a sign-in builder and a runner.
// Integration tests use the real databases (src/intel/ip/runtime.ts) instead.
import { type BundleOverrides, runDetector } from '../../../../test/factories.ts';
import type { Login } from '../../bundle/schema.ts';
import type { IpInfo, IpLookup } from '../../intel/ip.ts';
import type { Detector, DetectorContext, DetectorOutcome, IntelLookups } from '../../types.ts';

type Row = Omit<IpInfo, 'ip' | 'sources'>;

const place = (country: string, city: string, lat: number, lon: number, accuracyKm = 50) => ({
  country,
  city,
  lat,
  lon,
  accuracyKm,
});

/** TABLE's addresses by what they are, for tests that read better with a place than a number. */
export const IP = {
  toronto: '99.224.0.1',
  toronto2: '99.224.0.2',
  montreal: '24.48.0.1',
  winnipeg: '142.161.88.14',
  pyongyang: '175.45.176.1',
  pyongyang2: '175.45.176.2',
  shenyang: '42.84.10.67',
  shenyang2: '42.84.174.118',
  moscow: '95.24.0.1',
  phoenix: '70.176.0.37',
  buffalo: '73.10.0.1',
  london: '81.2.69.1',
  digitalOcean: '159.203.172.80',
  tor: '185.220.101.4',
  astrill: '45.131.195.2',
  nord: '37.120.217.5',
  relay: '172.225.46.1',
  mobile: '174.95.0.1',
  corporateVpn: '198.51.100.10',
  private: '10.0.0.5',
} as const;

export const TABLE: Readonly<Record<string, Row>> = {
  [IP.toronto]: {
    ...place('CA', 'Toronto', 43.67, -79.38),
    kind: 'isp',
    org: 'Rogers Communications Canada Inc.',
  },
  [IP.toronto2]: {
    ...place('CA', 'Toronto', 43.67, -79.38),
    kind: 'isp',
    org: 'Rogers Communications Canada Inc.',
  },
  [IP.montreal]: { ...place('CA', 'Montreal', 45.511, -73.556), kind: 'isp', org: 'Videotron Ltee' },
  [IP.winnipeg]: { ...place('CA', 'Winnipeg', 49.895, -97.139), kind: 'isp', org: 'Bell Canada' },
  [IP.pyongyang]: {
    ...place('KP', 'Pyongyang', 39.027, 125.73),
    kind: 'isp',
    org: 'Star Joint Venture Co. Ltd.',
  },
  [IP.pyongyang2]: {
    ...place('KP', 'Pyongyang', 39.027, 125.73),
    kind: 'isp',
    org: 'Star Joint Venture Co. Ltd.',
  },
  [IP.shenyang]: { ...place('CN', 'Shenyang', 41.805, 123.433, 75), kind: 'isp', org: 'CHINA UNICOM' },
  [IP.shenyang2]: { ...place('CN', 'Shenyang', 41.805, 123.433, 75), kind: 'isp', org: 'CHINA UNICOM' },
  [IP.moscow]: { ...place('RU', 'Moscow', 55.752, 37.615), kind: 'isp', org: 'Beeline' },
  [IP.phoenix]: { ...place('US', 'Phoenix', 33.448, -112.073), kind: 'isp', org: 'Cox Communications Inc.' },
  [IP.buffalo]: { ...place('US', 'Buffalo', 42.886, -78.878), kind: 'isp', org: 'Comcast Cable' },
  [IP.london]: { ...place('GB', 'London', 51.507, -0.128), kind: 'isp', org: 'BT' },
  [IP.digitalOcean]: {
    ...place('US', 'Clifton', 40.83, -74.13),
    kind: 'hosting',
    provider: 'DigitalOcean',
    org: 'DigitalOcean, LLC',
  },
  [IP.tor]: { ...place('DE', 'Berlin', 52.52, 13.405), kind: 'tor', provider: 'Tor' },
  [IP.astrill]: { ...place('US', 'Los Angeles', 34.052, -118.244), kind: 'vpn', provider: 'Astrill VPN' },
  [IP.nord]: { ...place('DE', 'Frankfurt', 50.11, 8.68), kind: 'vpn', provider: 'NordVPN' },
  [IP.relay]: {
    ...place('CA', 'Toronto', 43.653, -79.383, 100),
    kind: 'relay',
    provider: 'Apple iCloud Private Relay',
  },
  [IP.mobile]: { ...place('CA', 'Toronto', 43.65, -79.38, 200), kind: 'mobile', org: 'Rogers Wireless' },
  [IP.corporateVpn]: {
    ...place('US', 'Ashburn', 39.04, -77.49),
    kind: 'vpn',
    provider: 'Northwind GlobalProtect',
    allowListed: { list: 'corporate', label: 'Northwind corporate VPN' },
  },
  [IP.private]: { kind: 'unknown' },
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

/** `2026-03-{day}T{hour}:00:00Z`: the March 2026 days the sign-in tests happen on. */
export function march(day: number, hour = 9): string {
  return `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
}

/** Runs `detector` on a bundle built from `bundle` with TABLE's IP intelligence (and any other context). */
export function runOnTable(
  detector: Detector,
  bundle: BundleOverrides,
  ctx: Partial<DetectorContext> = {},
): DetectorOutcome {
  return runDetector(detector, bundle, { intel: TABLE_INTEL, ...ctx });
}
