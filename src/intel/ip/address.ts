// IP address parsing for the lookup hot path: IPv4 as one unsigned 32-bit number (hand-parsed, no
// allocation), IPv6 as four unsigned 32-bit words (via ipaddr.js). IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d) are looked up as the IPv4 address they carry.
import ipaddr from 'ipaddr.js';

export type ParsedIp =
  | { version: 4; value: number; text: string }
  | { version: 6; words: Words; text: string };

/** An IPv6 address as four big-endian 32-bit words. */
export type Words = readonly [number, number, number, number];

/** Strict dotted decimal (no leading zeros, no octal/hex forms); undefined when not an IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined;
      part = part * 10 + (c - 48);
      digits += 1;
      if (part > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || dots !== 3) return undefined;
  return value * 256 + part;
}

export function formatIPv4(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

export function wordsFromParts(parts: readonly number[]): Words {
  const p = (i: number) => parts[i] ?? 0;
  return [p(0) * 65536 + p(1), p(2) * 65536 + p(3), p(4) * 65536 + p(5), p(6) * 65536 + p(7)];
}

export function wordsToBigInt(w: Words): bigint {
  return (BigInt(w[0]) << 96n) | (BigInt(w[1]) << 64n) | (BigInt(w[2]) << 32n) | BigInt(w[3]);
}

export function bigIntToWords(value: bigint): Words {
  const mask = 0xffffffffn;
  return [
    Number((value >> 96n) & mask),
    Number((value >> 64n) & mask),
    Number((value >> 32n) & mask),
    Number(value & mask),
  ];
}

export function formatIPv6(value: bigint): string {
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/**
 * Parses an address as it appears in a log: surrounding whitespace and an IPv6 zone (`%eth0`) are
 * ignored. Returns undefined for anything that is not exactly one IPv4 or IPv6 address.
 */
export function parseIp(input: string): ParsedIp | undefined {
  const text =
    input.length > 0 && (input.charCodeAt(0) <= 32 || input.charCodeAt(input.length - 1) <= 32)
      ? input.trim()
      : input;
  if (text.length === 0 || text.length > 64) return undefined;
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { version: 4, value: v4, text };
  const zone = text.indexOf('%');
  const core = zone >= 0 ? text.slice(0, zone) : text;
  if (!core.includes(':') || !ipaddr.IPv6.isValid(core)) return undefined;
  const address = ipaddr.IPv6.parse(core);
  const words = wordsFromParts(address.parts);
  if (address.isIPv4MappedAddress()) {
    const value = words[3];
    return { version: 4, value, text: `::ffff:${formatIPv4(value)}` };
  }
  return { version: 6, words, text: address.toRFC5952String() };
}

// IANA special-purpose IPv4 blocks that never locate a person on the public internet.
const RESERVED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const RESERVED_V4_RANGES: readonly [number, number][] = RESERVED_V4.map(([base, bits]) => {
  const start = parseIPv4(base) ?? 0;
  return [start, start + 2 ** (32 - bits) - 1];
});

/** Private, loopback, link-local, CGNAT, documentation, multicast and other special-purpose IPv4. */
export function isReservedV4(value: number): boolean {
  for (const [start, end] of RESERVED_V4_RANGES) if (value >= start && value <= end) return true;
  return false;
}

/** Anything outside global unicast 2000::/3, and the documentation prefix 2001:db8::/32. */
export function isReservedV6(words: Words): boolean {
  const top = words[0];
  if (top < 0x20000000 || top >= 0x40000000) return true;
  return top >>> 16 === 0x2001 && (top & 0xffff) === 0x0db8;
}

export function isReserved(ip: ParsedIp): boolean {
  return ip.version === 4 ? isReservedV4(ip.value) : isReservedV6(ip.words);
}
