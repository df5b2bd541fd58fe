// The REAL offline IP intelligence for tests: the shipped DB-IP Lite city and ASN data wired into a test
// app the way the server does it, what that data says about 8.8.8.8, and the Tor exit and X4BNet VPN
// lists from ../shared/datasets.
import type { IpInfo } from '../src/core/intel/ip.ts';
import { createIpRuntime, type IpRuntime, withIpIntel } from '../src/intel/ip/runtime.ts';
import type { AppContext } from '../src/services/context.ts';

export const IP_INTEL_DIR = '/work/shared/datasets/signin-logs/ip-intel';
/** The Tor exit list of 2024-02-27: 1,746 addresses (101.99.92.179 among them). */
export const TOR_EXITS = `${IP_INTEL_DIR}/tor_secops_institute_2024-02-27/tor-exit-nodes.lst`;
/** X4BNet's VPN ASN list of 2026-08-22: 15 ASNs. */
export const VPN_ASNS = `${IP_INTEL_DIR}/x4bnet_lists_vpn_2026-08-22/input_vpn_ASN.txt`;

/** 8.8.8.8 as the shipped databases place it: a lookup's answer, unknown fields left out. */
export const GOOGLE_DNS_INFO: IpInfo = {
  ip: '8.8.8.8',
  country: 'US',
  region: 'California',
  city: 'Mountain View',
  lat: 37.422,
  lon: -122.085,
  accuracyKm: 50,
  asn: 15169,
  org: 'Google LLC',
  kind: 'hosting',
  provider: 'Google',
  sources: ['dbip-city', 'asn', 'asn-class'],
};

/** The same as `gatecheck ip --json` and `GET /ip/{address}` show it: every field, unknown values null. */
export const GOOGLE_DNS_VIEW = { ...GOOGLE_DNS_INFO, allowListed: null };

/** Gives a test app the real IP intelligence over its own database (lists imported there count). */
export function attachIpIntel(app: AppContext): IpRuntime {
  const ip = createIpRuntime({ db: app.database.db });
  Object.assign(app, { ip, intel: withIpIntel(app.intel, ip) });
  return ip;
}
