// The sign-in analyzer (src/core/detectors/network/analyzer.ts) over resolved sign-ins, next to a bare loop
// that reads the same fields of the same array: the ceiling any per-event analysis could reach on one core.
// Also: one account vs many accounts (an analyzer each), what the analyzer retains (flat in the number of
// events), and the seven sign-in detectors over a bundle of 5,000 sign-ins as an assessment sees it.
import { assessPopulation } from '../src/core/assess.ts';
import type { CaseBundle, Login } from '../src/core/bundle/schema.ts';
import { createLoginAnalyzer } from '../src/core/detectors/network/analyzer.ts';
import type { ResolvedLogin } from '../src/core/detectors/network/resolve.ts';
import type { IpLookup, NetworkKind } from '../src/core/intel/ip.ts';
import { DEFAULT_NETWORK_POLICY } from '../src/core/policy.ts';

type Place = {
  ip: string;
  country: string;
  city: string;
  lat: number;
  lon: number;
  kind: NetworkKind;
  provider?: string;
};

// Real addresses with the places the shipped databases give them.
const PLACES: Place[] = [
  { ip: '99.224.0.1', country: 'CA', city: 'Toronto', lat: 43.67, lon: -79.38, kind: 'isp' },
  { ip: '24.48.0.1', country: 'CA', city: 'Montreal', lat: 45.511, lon: -73.556, kind: 'isp' },
  { ip: '142.161.88.14', country: 'CA', city: 'Winnipeg', lat: 49.895, lon: -97.139, kind: 'isp' },
  { ip: '70.176.0.37', country: 'US', city: 'Phoenix', lat: 33.448, lon: -112.073, kind: 'isp' },
  { ip: '42.84.10.67', country: 'CN', city: 'Shenyang', lat: 41.805, lon: 123.433, kind: 'isp' },
  { ip: '175.45.176.1', country: 'KP', city: 'Pyongyang', lat: 39.027, lon: 125.73, kind: 'isp' },
  {
    ip: '159.203.172.80',
    country: 'US',
    city: 'Clifton',
    lat: 40.83,
    lon: -74.13,
    kind: 'hosting',
    provider: 'DigitalOcean',
  },
  {
    ip: '185.220.101.4',
    country: 'DE',
    city: 'Berlin',
    lat: 52.52,
    lon: 13.405,
    kind: 'tor',
    provider: 'Tor',
  },
];

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** `n` sign-ins, 3 minutes apart, mostly from home, some travel, VPN and hosting, sessions and latencies. */
function resolvedLogins(n: number): ResolvedLogin[] {
  const out: ResolvedLogin[] = new Array(n);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < n; i++) {
    const r = rand();
    const p = PLACES[r < 0.8 ? 0 : Math.floor(rand() * PLACES.length)]!;
    const login: ResolvedLogin = {
      at: T0 + i * 180_000,
      ip: p.ip,
      success: rand() > 0.03,
      country: p.country,
      city: p.city,
      lat: p.lat,
      lon: p.lon,
      accuracyKm: 50,
      kind: p.kind,
      kindKnown: true,
      sessionId: `s${Math.floor(i / 40)}`,
      inputLatencyMs: 15 + Math.floor(rand() * 40),
    };
    if (p.provider) login.provider = p.provider;
    out[i] = login;
  }
  return out;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

type Row = {
  case: string;
  events: number;
  analyzerPerSec: number;
  bareLoopPerSec: number;
  ofCeiling: string;
  retained: string;
};

export function runNetworkDetectBench(n = 500_000): {
  rows: Row[];
  bundle: { logins: number; assessPerSec: number; p99Ms: number };
} {
  const logins = resolvedLogins(n);
  let sink = 0;
  const bare = () => {
    for (let i = 0; i < logins.length; i++) {
      const l = logins[i]!;
      if (l.success && l.lat !== undefined) sink += l.at + l.lat + (l.inputLatencyMs ?? 0) + l.kind.length;
    }
  };
  const oneAccount = () => {
    const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY, { claimedCountry: 'CA' });
    for (let i = 0; i < logins.length; i++) analyzer.add(logins[i]!, i);
    sink += analyzer.finish().counts.logins;
    return analyzer;
  };
  const accounts = 1000;
  const manyAccounts = () => {
    const per = Math.floor(logins.length / accounts);
    for (let a = 0; a < accounts; a++) {
      const analyzer = createLoginAnalyzer(DEFAULT_NETWORK_POLICY, { claimedCountry: 'CA' });
      for (let i = a * per; i < (a + 1) * per; i++) analyzer.add(logins[i]!, i);
      sink += analyzer.finish().counts.logins;
    }
  };
  // Warm-up, then the best of three (the machine is shared).
  bare();
  oneAccount();
  manyAccounts();
  const best = (fn: () => void) => Math.min(time(fn), time(fn), time(fn));
  const bareMs = best(bare);
  const oneMs = best(() => {
    oneAccount();
  });
  const manyMs = best(manyAccounts);
  const retained = oneAccount().retained();
  const half = createLoginAnalyzer(DEFAULT_NETWORK_POLICY, { claimedCountry: 'CA' });
  for (let i = 0; i < n / 10; i++) half.add(logins[i]!, i);
  const perSec = (ms: number) => Math.round(n / (ms / 1000));
  const rows: Row[] = [
    {
      case: 'one account',
      events: n,
      analyzerPerSec: perSec(oneMs),
      bareLoopPerSec: perSec(bareMs),
      ofCeiling: `${Math.round((bareMs / oneMs) * 100)}%`,
      retained: `${JSON.stringify(retained)} (after ${n / 10} events: ${JSON.stringify(half.retained())})`,
    },
    {
      case: `${accounts} accounts`,
      events: n,
      analyzerPerSec: perSec(manyMs),
      bareLoopPerSec: perSec(bareMs),
      ofCeiling: `${Math.round((bareMs / manyMs) * 100)}%`,
      retained: '-',
    },
  ];
  if (sink === 42) console.log(''); // keep the loops from being optimised away
  return { rows, bundle: runBundleBench() };
}

/** A bundle of 5,000 sign-ins (what an assessment loads per subject) through every detector, IP lookups from a table. */
function runBundleBench(): { logins: number; assessPerSec: number; p99Ms: number } {
  const n = 5000;
  const table = new Map(PLACES.map((p) => [p.ip, p]));
  const lookup: IpLookup = {
    lookup(ip) {
      const p = table.get(ip);
      return p ? { ...p, accuracyKm: 50, sources: ['bench'] } : { ip, kind: 'unknown', sources: [] };
    },
  };
  const logins: Login[] = resolvedLogins(n).map((l) => ({
    at: new Date(l.at).toISOString(),
    ip: l.ip ?? '',
    outcome: l.success ? 'success' : 'failure',
    sessionId: l.sessionId ?? '',
    inputLatencyMs: l.inputLatencyMs ?? 0,
  }));
  const bundle: CaseBundle = {
    format: 'gatecheck.case-bundle/v1',
    subject: { id: 'bench-1', claimedLocation: { country: 'CA', city: 'Toronto' } },
    logins,
  };
  const intel = { available: new Set(['ip']), ip: lookup };
  const now = new Date('2026-06-01T00:00:00Z');
  for (let i = 0; i < 5; i++) assessPopulation([bundle], { now, intel });
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < 2000)
    samples.push(time(() => assessPopulation([bundle], { now, intel })));
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    logins: n,
    assessPerSec: Math.round((samples.length / total) * 1000 * 10) / 10,
    p99Ms: Math.round((samples[Math.floor(samples.length * 0.99)] ?? 0) * 10) / 10,
  };
}
