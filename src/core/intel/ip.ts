// The port detectors use to place an IP address: where it is and what kind of network it belongs to.
// The intel layer (src/intel/ip) implements it over the shipped databases and imported range lists;
// core never opens a database itself.

/**
 * What kind of network an address belongs to.
 * - `isp`: a residential or business internet provider (the default for an eyeball network)
 * - `mobile`: a mobile carrier
 * - `hosting`: a datacenter / cloud / hosting provider ("not an eyeball network")
 * - `vpn`: a commercial VPN (provider named where known, e.g. Astrill, NordVPN)
 * - `proxy`: an open or anonymising proxy reported by a list or the identity provider
 * - `relay`: a privacy relay that hides the address but not the region (Apple iCloud Private Relay)
 * - `tor`: a Tor exit node
 * - `unknown`: no data (private, reserved or unlisted address)
 */
export const NETWORK_KINDS = ['isp', 'mobile', 'hosting', 'vpn', 'proxy', 'relay', 'tor', 'unknown'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** Kinds that hide where the person really is (anonymizers). */
export const ANONYMIZING_KINDS: ReadonlySet<NetworkKind> = new Set([
  'hosting',
  'vpn',
  'proxy',
  'relay',
  'tor',
]);

/** One of the organisation's allow-lists an address is on (its name and what the organisation calls it). */
export type AllowListed = { list: string; label: string };

export type IpInfo = {
  ip: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  region?: string;
  city?: string;
  lat?: number;
  lon?: number;
  /** How far (km) the real location may be from lat/lon. Always set when lat/lon are. */
  accuracyKm?: number;
  asn?: number;
  org?: string;
  kind: NetworkKind;
  /** The named provider when known: "Astrill VPN", "NordVPN", "Tor", "Amazon Web Services", … */
  provider?: string;
  /**
   * On one of the organisation's allow-lists (e.g. its own corporate VPN or office egress): such
   * addresses never count against anyone — no anonymizer, travel, country or shared-egress signal.
   */
  allowListed?: AllowListed;
  /** Which data said what, e.g. `dbip-city`, `asn`, `asn-class`, `list:tor-exits`. */
  sources: string[];
};

/**
 * Where an address is and whose network it is, as JSON carries it (a stored sign-in, an API or CLI
 * answer): every field present, unknown values null.
 */
export type IpPlaceFields = {
  country: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  accuracyKm: number | null;
  asn: number | null;
  org: string | null;
  provider: string | null;
  allowListed: AllowListed | null;
};

/** One lookup as JSON (`gatecheck ip --json`, `GET /ip/{address}`): the place fields, kind and sources. */
export type IpView = { ip: string; kind: NetworkKind; sources: string[] } & IpPlaceFields;

export interface IpLookup {
  /** undefined when `ip` is not an IPv4/IPv6 address. Private/reserved addresses give kind `unknown`. */
  lookup(ip: string): IpInfo | undefined;
}
