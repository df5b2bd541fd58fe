// Importable range lists: one IPv4/IPv6 address, CIDR block, `a-b` range or ASN (`AS12345`) per line, with
// `#` or `;` comments, blank lines, a UTF-8 BOM and CRLF allowed. Also read: the first field of CSV lines
// (Apple's iCloud Private Relay egress-ip-ranges.csv) and the `ExitAddress` lines of Tor's exit-addresses.
// Bad lines are reported by line number and skipped; a file with no valid entry, that is not UTF-8 text,
// or that exceeds the limits is rejected as a whole.
import ipaddr from 'ipaddr.js';
import { formatIPv4, formatIPv6, parseIPv4, wordsFromParts, wordsToBigInt } from './address.ts';

/** Kinds a list can give, strongest first (the precedence when lists overlap), then `allow`. */
export const IP_LIST_KINDS = ['tor', 'vpn', 'proxy', 'relay', 'hosting', 'allow'] as const;
export type IpListKind = (typeof IP_LIST_KINDS)[number];

export function isIpListKind(value: string): value is IpListKind {
  return (IP_LIST_KINDS as readonly string[]).includes(value);
}

export type ListLimits = {
  maxBytes: number;
  maxLines: number;
  maxEntries: number;
  maxLineChars: number;
  /** Problems kept with their text (the count is always complete). */
  maxProblems: number;
};

export const LIST_LIMITS: ListLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxLines: 2_000_000,
  maxEntries: 1_000_000,
  maxLineChars: 1000,
  maxProblems: 100,
};

/** Narrowest blocks a list may name: a /7 of IPv4 or a /15 of IPv6 is a typo, not a network. */
export const MIN_PREFIX_V4 = 8;
export const MIN_PREFIX_V6 = 16;

export type ListProblem = { line: number; message: string };

export type ParsedIpList = {
  /** Inclusive IPv4 intervals (as numbers). */
  v4: { start: number; end: number }[];
  /** Inclusive IPv6 intervals. */
  v6: { start: bigint; end: bigint }[];
  asns: number[];
  /** Each distinct entry in normal form (`1.2.3.0/24`, `1.2.3.4-1.2.3.9`, `2001:db8::/32`, `AS123`). */
  entries: string[];
  /** The first `maxProblems` bad lines. */
  problems: ListProblem[];
  problemCount: number;
  lines: number;
};

/** The file as a whole cannot be imported. */
export class IpListError extends Error {
  readonly problems: ListProblem[];
  constructor(message: string, problems: ListProblem[] = []) {
    super(message);
    this.name = 'IpListError';
    this.problems = problems;
  }
}

type Entry =
  | { family: 4; start: number; end: number; text: string }
  | { family: 6; start: bigint; end: bigint; text: string }
  | { family: 'asn'; asn: number; text: string };

function decode(input: Uint8Array | string, limits: ListLimits): string {
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes)
      throw new IpListError(`The list is larger than the limit of ${limits.maxBytes} bytes`);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > limits.maxBytes)
    throw new IpListError(
      `The list is ${input.byteLength} bytes, larger than the limit of ${limits.maxBytes} bytes`,
    );
  if ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))
    throw new IpListError('The list is UTF-16 text; save it as UTF-8');
  if (input.includes(0)) throw new IpListError('The list is not a text file (it contains NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new IpListError('The list is not valid UTF-8 text');
  }
}

function parseV6(text: string): bigint | undefined {
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text) || text.includes('%')) return undefined;
  return wordsToBigInt(wordsFromParts(ipaddr.IPv6.parse(text).parts));
}

/** An IPv6 value that is an IPv4-mapped address, as its IPv4 number. */
function mappedV4(value: bigint): number | undefined {
  return value >> 32n === 0xffffn ? Number(value & 0xffffffffn) : undefined;
}

type Parsed = { entry: Entry } | { error: string };

function parseAddressOrBlock(text: string): Parsed {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bitsText = slash < 0 ? undefined : text.slice(slash + 1);
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText))
    return { error: `"${text}": the prefix length after "/" is not a number` };
  const v4 = parseIPv4(addr);
  if (v4 !== undefined) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    return v4Block(v4, bits, text);
  }
  const v6 = parseV6(addr);
  if (v6 === undefined) return { error: `"${text}" is not an IP address, CIDR block, range or ASN` };
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  const mapped = mappedV4(v6);
  if (mapped !== undefined && bits >= 96) return v4Block(mapped, bits - 96, text);
  if (bits > 128) return { error: `"${text}": an IPv6 prefix is at most /128` };
  if (bits < MIN_PREFIX_V6)
    return {
      error: `"${text}" is too broad (an IPv6 block in a list must be /${MIN_PREFIX_V6} or narrower)`,
    };
  const size = 1n << BigInt(128 - bits);
  const start = v6 - (v6 % size);
  const end = start + size - 1n;
  const normal = bits === 128 ? formatIPv6(start) : `${formatIPv6(start)}/${bits}`;
  return { entry: { family: 6, start, end, text: normal } };
}

function v4Block(value: number, bits: number, text: string): Parsed {
  if (bits > 32) return { error: `"${text}": an IPv4 prefix is at most /32` };
  if (bits < MIN_PREFIX_V4)
    return {
      error: `"${text}" is too broad (an IPv4 block in a list must be /${MIN_PREFIX_V4} or narrower)`,
    };
  const size = 2 ** (32 - bits);
  const start = value - (value % size);
  const end = start + size - 1;
  const normal = bits === 32 ? formatIPv4(start) : `${formatIPv4(start)}/${bits}`;
  return { entry: { family: 4, start, end, text: normal } };
}

function parseRange(from: string, to: string, text: string): Parsed {
  const a4 = parseIPv4(from);
  const b4 = parseIPv4(to);
  if (a4 !== undefined && b4 !== undefined) {
    if (b4 < a4) return { error: `"${text}": the range ends before it starts` };
    if (b4 - a4 >= 2 ** (32 - MIN_PREFIX_V4))
      return { error: `"${text}" is too broad (a range in a list may hold at most a /${MIN_PREFIX_V4})` };
    return { entry: { family: 4, start: a4, end: b4, text: `${formatIPv4(a4)}-${formatIPv4(b4)}` } };
  }
  const a6 = parseV6(from);
  const b6 = parseV6(to);
  if (a6 === undefined || b6 === undefined) {
    if ((a4 !== undefined && b6 !== undefined) || (a6 !== undefined && b4 !== undefined))
      return { error: `"${text}": a range must not mix IPv4 and IPv6` };
    return { error: `"${text}" is not a range of two addresses` };
  }
  if (b6 < a6) return { error: `"${text}": the range ends before it starts` };
  if (b6 - a6 >= 1n << BigInt(128 - MIN_PREFIX_V6))
    return { error: `"${text}" is too broad (a range in a list may hold at most a /${MIN_PREFIX_V6})` };
  return { entry: { family: 6, start: a6, end: b6, text: `${formatIPv6(a6)}-${formatIPv6(b6)}` } };
}

const ASN_LINE = /^AS ?(\d{1,10})$/i;
const RANGE_LINE = /^([0-9A-Fa-f:.]+)\s*-\s*([0-9A-Fa-f:.]+)$/;
const TOR_SKIP = /^(ExitNode|Published|LastStatus)\s/;

/** One line (without its comment) → an entry, an error, or nothing (blank). */
export function parseListLine(raw: string): Parsed | undefined {
  let text = raw;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const semi = text.indexOf(';');
  if (semi >= 0) text = text.slice(0, semi);
  text = text.trim();
  if (text === '') return undefined;
  if (TOR_SKIP.test(text)) return undefined;
  if (text.startsWith('ExitAddress ')) text = text.split(/\s+/)[1] ?? '';
  const comma = text.indexOf(',');
  if (comma >= 0) text = text.slice(0, comma).trim();
  const asn = ASN_LINE.exec(text);
  if (asn) {
    const n = Number(asn[1]);
    if (n < 1 || n > 4294967295) return { error: `"${text}" is not a valid AS number` };
    return { entry: { family: 'asn', asn: n, text: `AS${n}` } };
  }
  const range = RANGE_LINE.exec(text);
  if (range) return parseRange(range[1] ?? '', range[2] ?? '', text);
  if (/\s/.test(text)) return { error: `"${clip(text)}": one address, block, range or ASN per line` };
  return parseAddressOrBlock(text);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Parses a whole list file; throws IpListError when the file as a whole cannot be imported. */
export function parseIpList(input: Uint8Array | string, limits: ListLimits = LIST_LIMITS): ParsedIpList {
  const text = decode(input, limits);
  const result: ParsedIpList = {
    v4: [],
    v6: [],
    asns: [],
    entries: [],
    problems: [],
    problemCount: 0,
    lines: 0,
  };
  const seen = new Set<string>();
  const problem = (line: number, message: string) => {
    result.problemCount += 1;
    if (result.problems.length < limits.maxProblems) result.problems.push({ line, message });
  };
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    let raw = text.slice(pos, eol);
    pos = eol + 1;
    line += 1;
    if (line > limits.maxLines) throw new IpListError(`The list has more than ${limits.maxLines} lines`);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.length > limits.maxLineChars) {
      problem(line, `the line is longer than ${limits.maxLineChars} characters`);
      continue;
    }
    const parsed = parseListLine(raw);
    if (parsed === undefined) continue;
    if ('error' in parsed) {
      problem(line, parsed.error);
      continue;
    }
    const entry = parsed.entry;
    if (seen.has(entry.text)) continue;
    seen.add(entry.text);
    if (seen.size > limits.maxEntries)
      throw new IpListError(`The list has more than ${limits.maxEntries} entries`);
    result.entries.push(entry.text);
    if (entry.family === 4) result.v4.push({ start: entry.start, end: entry.end });
    else if (entry.family === 6) result.v6.push({ start: entry.start, end: entry.end });
    else result.asns.push(entry.asn);
  }
  result.lines = line;
  if (result.entries.length === 0) {
    throw new IpListError(
      result.problemCount > 0
        ? `The list has no valid entry (${result.problemCount} bad line${result.problemCount === 1 ? '' : 's'})`
        : 'The list is empty (no address, block, range or ASN)',
      result.problems,
    );
  }
  return result;
}

/** The stored form of a parsed list: one normal-form entry per line. */
export function normalizedContent(list: ParsedIpList): string {
  return `${list.entries.join('\n')}\n`;
}
