// The IP → ASN table of @ip-location-db/asn (RouteViews + NRO/RIR delegations + DB-IP ASN Lite, CC BY 4.0):
// `asn-ipv4-num.csv` / `asn-ipv6-num.csv`, lines `start,end,asn,org` with numeric inclusive bounds. Loaded
// once into typed arrays (bounds, ASN, index of the deduplicated organisation name) and found by binary
// search. The files are sorted; the rare row that overlaps its predecessor (a known data bug upstream) is
// clipped so the intervals stay disjoint.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Words } from './address.ts';
import { V4RangeIndex, V6RangeIndex } from './range-index.ts';

export const ASN_PACKAGE = '@ip-location-db/asn';

export function asnPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${ASN_PACKAGE}/package.json`));
}

export type AsnHit = { asn: number; org: string | undefined };

export type AsnTableStats = { ranges: number; orgs: number; loadMs: number };

/** One address family's ASN ranges. */
export class AsnTable {
  private readonly index: V4RangeIndex | V6RangeIndex;
  private readonly asns: Uint32Array;
  private readonly orgIds: Uint32Array;
  private readonly orgs: readonly string[];
  readonly stats: AsnTableStats;

  constructor(
    index: V4RangeIndex | V6RangeIndex,
    asns: Uint32Array,
    orgIds: Uint32Array,
    orgs: readonly string[],
    loadMs: number,
  ) {
    this.index = index;
    this.asns = asns;
    this.orgIds = orgIds;
    this.orgs = orgs;
    this.stats = { ranges: asns.length, orgs: orgs.length, loadMs };
  }

  /** The row holding an IPv4 address, or -1. */
  rowV4(ip: number): number {
    return (this.index as V4RangeIndex).indexOf(ip);
  }

  /** The row holding an IPv6 address, or -1. */
  rowV6(ip: Words): number {
    return (this.index as V6RangeIndex).indexOf(ip);
  }

  asnAt(row: number): number {
    return this.asns[row] as number;
  }

  orgAt(row: number): string | undefined {
    const org = this.orgs[this.orgIds[row] as number];
    return org === '' ? undefined : org;
  }

  findV4(ip: number): AsnHit | undefined {
    const i = this.rowV4(ip);
    return i < 0 ? undefined : { asn: this.asnAt(i), org: this.orgAt(i) };
  }

  findV6(ip: Words): AsnHit | undefined {
    const i = this.rowV6(ip);
    return i < 0 ? undefined : { asn: this.asnAt(i), org: this.orgAt(i) };
  }
}

/** The organisation field: the rest of the line, CSV-unquoted. */
function unquote(field: string): string {
  if (!field.startsWith('"')) return field.trim();
  const end = field.endsWith('"') ? field.length - 1 : field.length;
  return field.slice(1, end).replaceAll('""', '"').trim();
}

type Row<T> = { start: T; end: T; asn: number; org: string };

function* rows<T extends number | bigint>(
  text: string,
  toBound: (s: string) => T | undefined,
): Generator<Row<T>> {
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.charCodeAt(eol - 1) === 13 ? text.slice(pos, eol - 1) : text.slice(pos, eol);
    pos = eol + 1;
    const a = line.indexOf(',');
    const b = a < 0 ? -1 : line.indexOf(',', a + 1);
    const c = b < 0 ? -1 : line.indexOf(',', b + 1);
    if (c < 0) continue;
    const asn = Number(line.slice(b + 1, c));
    if (!Number.isInteger(asn) || asn < 0 || asn > 4294967295) continue;
    const start = toBound(line.slice(0, a));
    const end = toBound(line.slice(a + 1, b));
    if (start === undefined || end === undefined) continue;
    yield { start, end, asn, org: unquote(line.slice(c + 1)) };
  }
}

function build<T extends number | bigint>(
  text: string,
  toBound: (s: string) => T | undefined,
  one: T,
  makeIndex: (starts: T[], ends: T[]) => V4RangeIndex | V6RangeIndex,
  started: number,
): AsnTable {
  const orgIndex = new Map<string, number>();
  const orgs: string[] = [];
  const starts: T[] = [];
  const ends: T[] = [];
  const asns: number[] = [];
  const orgIds: number[] = [];
  let previousEnd: T | undefined;
  for (const row of rows(text, toBound)) {
    let start = row.start;
    if (previousEnd !== undefined && start <= previousEnd)
      start = ((previousEnd as bigint) + (one as bigint)) as T;
    if (row.end < start) continue;
    let orgId = orgIndex.get(row.org);
    if (orgId === undefined) {
      orgId = orgs.length;
      orgs.push(row.org);
      orgIndex.set(row.org, orgId);
    }
    starts.push(start);
    ends.push(row.end);
    asns.push(row.asn);
    orgIds.push(orgId);
    previousEnd = row.end;
  }
  return new AsnTable(
    makeIndex(starts, ends),
    Uint32Array.from(asns),
    Uint32Array.from(orgIds),
    orgs,
    Math.round(performance.now() - started),
  );
}

function v4Index(starts: number[], ends: number[]): V4RangeIndex {
  const values = new Uint32Array(starts.length);
  for (let i = 0; i < values.length; i++) values[i] = i;
  return new V4RangeIndex(Uint32Array.from(starts), Uint32Array.from(ends), values);
}

function v6Index(starts: bigint[], ends: bigint[]): V6RangeIndex {
  return V6RangeIndex.from(starts.map((start, i) => ({ start, end: ends[i] ?? start, value: i })));
}

const MAX_V6 = (1n << 128n) - 1n;

function toNumber(s: string): number | undefined {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 && n <= 4294967295 ? n : undefined;
}

function toBigInt(s: string): bigint | undefined {
  if (!/^\d{1,39}$/.test(s)) return undefined;
  const n = BigInt(s);
  return n <= MAX_V6 ? n : undefined;
}

export function parseAsnCsvV4(text: string, started = performance.now()): AsnTable {
  return build(text, toNumber, 1, v4Index, started);
}

export function parseAsnCsvV6(text: string, started = performance.now()): AsnTable {
  return build(text, toBigInt, 1n, v6Index, started);
}

export function loadAsnTableV4(dir = asnPackageDir()): AsnTable {
  const started = performance.now();
  return parseAsnCsvV4(readFileSync(join(dir, 'asn-ipv4-num.csv'), 'utf8'), started);
}

export function loadAsnTableV6(dir = asnPackageDir()): AsnTable {
  const started = performance.now();
  return parseAsnCsvV6(readFileSync(join(dir, 'asn-ipv6-num.csv'), 'utf8'), started);
}
