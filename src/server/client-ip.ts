// The client's address, for rate limits, sign-in attempts, audit entries and verification sessions. It is
// the socket peer — unless that peer is one of GATECHECK_TRUSTED_PROXIES (a reverse proxy or load balancer
// in front of Gatecheck), in which case it is the right-most X-Forwarded-For entry that is not itself a
// trusted proxy (or, without X-Forwarded-For, the same in the RFC 7239 Forwarded header's `for=` list).
// Entries left of that are whatever the client chose to send and are never believed; with no trusted proxies
// configured (the default) the headers are ignored entirely.
import { BlockList, isIP } from 'node:net';
import { trustedProxyProblem } from '../config/trusted-proxies.ts';

export type TrustedProxies = {
  /** Whether this (normalised) address belongs to a trusted proxy. */
  has(address: string): boolean;
  /** How many entries were configured. */
  readonly size: number;
};

/** `::ffff:10.0.0.1` → `10.0.0.1`; zone ids dropped; lower case. Null when not an IP address. */
export function normalizeAddress(value: string): string | null {
  let v = value.trim().toLowerCase();
  const zone = v.indexOf('%');
  if (zone >= 0) v = v.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v);
  if (mapped) v = mapped[1] as string;
  return isIP(v) === 0 ? null : v;
}

/** The configured entries (already checked by the configuration) as a set of addresses and ranges. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const raw of entries) {
    const problem = trustedProxyProblem(raw);
    if (problem) throw new Error(`GATECHECK_TRUSTED_PROXIES: ${problem}`);
    const [address = '', prefix] = raw.trim().split('/');
    const a = normalizeAddress(address) as string;
    const type = isIP(a) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(a, type);
    else list.addSubnet(a, Number(prefix), type);
  }
  return {
    size: entries.length,
    has(address) {
      const a = normalizeAddress(address);
      if (a === null) return false;
      return list.check(a, isIP(a) === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** One hop of X-Forwarded-For or a Forwarded `for=` value, without port or brackets; null when not an address. */
function hopAddress(raw: string): string | null {
  let v = raw.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  return normalizeAddress(v);
}

/** The hops of X-Forwarded-For, client first; entries that are not addresses stay as null. */
function forwardedForHops(header: string): (string | null)[] {
  return header
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(hopAddress);
}

/** The `for=` hops of an RFC 7239 Forwarded header, client first (`unknown` and obfuscated ids are null). */
function forwardedHops(header: string): (string | null)[] {
  const hops: (string | null)[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      hops.push(hopAddress(pair.slice(eq + 1)));
    }
  }
  return hops;
}

export type ForwardingHeaders = { xForwardedFor?: string | undefined; forwarded?: string | undefined };

/**
 * The client address: `peer` (the socket's remote address) unless it is a trusted proxy; then, walking the
 * forwarding chain from the right, the first address that is not a trusted proxy. A hop that is not an
 * address stops the walk at the proxy that wrote it; a chain made only of trusted proxies gives its left-most
 * entry. `unknown` when there is no peer (in-process requests).
 */
export function clientAddress(
  peer: string | undefined,
  headers: ForwardingHeaders,
  trusted: TrustedProxies,
): string {
  const from = peer === undefined ? null : normalizeAddress(peer);
  if (from === null) return peer?.trim() ? peer.trim() : 'unknown';
  if (trusted.size === 0 || !trusted.has(from)) return from;
  const hops = headers.xForwardedFor?.trim()
    ? forwardedForHops(headers.xForwardedFor)
    : headers.forwarded?.trim()
      ? forwardedHops(headers.forwarded)
      : [];
  let client = from;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? null;
    if (hop === null) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
