// Sign-in log reading on one core: readLogins over a generated Okta System Log (NDJSON and a JSON array),
// side by side in the same process with the ceiling (a bare line split + JSON.parse over the same NDJSON)
// and a streaming-JSON library (@streamparser/json) over the same array. Events/s from CPU time (the
// machine is shared; wall time is printed too), the heap reached in each phase, and the peak resident
// memory of a fresh process reading a large and an 8× smaller file (flat memory means equal peaks).
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSONParser } from '@streamparser/json';
import { normalizeOktaEvent } from '../src/intel/logins/normalize-okta.ts';
import { readLogins } from '../src/intel/logins/read-logins.ts';
import { writeOktaLog } from './fixtures/okta-log.ts';

type Row = {
  phase: string;
  file: string;
  events: number;
  eventsPerSec: number;
  ofCeiling: string;
  wallSec: number;
  peakHeapMB: number;
};

type MemoryRow = { phase: string; file: string; fileMB: number; events: number; peakRssMB: number };

const CHUNK = 64 * 1024;

/** Plausible public client addresses (residential, mobile, hosting and VPN ranges), fixed for repeatability. */
function clientAddresses(count: number): string[] {
  const prefixes = ['24.', '73.', '81.2.', '99.108.', '142.', '185.', '203.0.', '175.45.', '5.', '2001:db8:'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = prefixes[i % prefixes.length] as string;
    if (prefix.includes(':')) {
      out.push(`${prefix}${(i % 65535).toString(16)}::${(i * 7) % 65535}`);
      continue;
    }
    const parts = prefix.split('.').filter((p) => p !== '');
    while (parts.length < 4) parts.push(String(((i * (parts.length + 3) * 37) % 254) + 1));
    out.push(parts.join('.'));
  }
  return out;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Runs one phase; `tick` is called per event; the heap is sampled every 5,000 events. */
async function measure(phase: string, file: string, run: (tick: () => void) => Promise<number>) {
  let peak = process.memoryUsage().heapUsed;
  let seen = 0;
  const tick = () => {
    if (++seen % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const events = await run(tick);
  const seconds = cpuSeconds(cpu);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return {
    phase,
    file: path.basename(file),
    events,
    eventsPerSec: Math.round(events / seconds),
    ofCeiling: '',
    wallSec: Number(((performance.now() - wall) / 1000).toFixed(2)),
    peakHeapMB: Math.round(peak / 1024 / 1024),
  } satisfies Row;
}

/** The ceiling: split lines, JSON.parse each, nothing else. */
async function bareParse(file: string, tick: () => void): Promise<number> {
  let events = 0;
  let carry = '';
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK, encoding: 'utf8' })) {
    const text = carry + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const record = JSON.parse(text.slice(start, nl)) as { uuid?: string };
      if (record.uuid !== undefined) events++;
      tick();
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return events;
}

async function readAll(file: string, tick: () => void): Promise<number> {
  let events = 0;
  for await (const item of readLogins(createReadStream(file, { highWaterMark: CHUNK }), { format: 'auto' })) {
    if (item.kind === 'event') events++;
    tick();
  }
  return events;
}

/** A streaming JSON library over the array: elements of `$.*`, optionally normalised like readLogins does. */
async function libraryParse(file: string, tick: () => void, normalize: boolean): Promise<number> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  let events = 0;
  parser.onValue = ({ value }) => {
    if (normalize ? normalizeOktaEvent(value).ok : value !== undefined) events++;
    tick();
  };
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) parser.write(chunk as Buffer);
  return events;
}

/** Peak resident memory of a fresh process running one reader over one file. */
function peakRssInChild(mode: 'readLogins' | 'bare', file: string): MemoryRow {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--child', mode, file],
    {
      encoding: 'utf8',
    },
  );
  const { events, maxRssKB } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
    events: number;
    maxRssKB: number;
  };
  return {
    phase: mode === 'bare' ? 'JSON.parse per line (ceiling)' : 'readLogins',
    file: path.basename(file),
    fileMB: Math.round(statSync(file).size / 1024 / 1024),
    events,
    peakRssMB: Math.round(maxRssKB / 1024),
  };
}

export async function runLoginParseBench(
  options: { events?: number } = {},
): Promise<{ rows: Row[]; memory: MemoryRow[]; eventBytes: number }> {
  const count = options.events ?? Number(process.env.LOGIN_BENCH_EVENTS ?? 200_000);
  const small = Math.max(1000, Math.floor(count / 8));
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-login-bench-'));
  try {
    const ips = clientAddresses(5000);
    const ndjson = path.join(dir, `okta-${count}.ndjson`);
    const array = path.join(dir, `okta-${count}.json`);
    const smallNdjson = path.join(dir, `okta-${small}.ndjson`);
    const { bytes } = await writeOktaLog(ndjson, count, { ips });
    await writeOktaLog(array, count, { ips, format: 'array' });
    await writeOktaLog(smallNdjson, small, { ips });

    // Warm-up on the small file so every phase runs JIT-compiled code.
    await bareParse(smallNdjson, () => {});
    await readAll(smallNdjson, () => {});

    const rows: Row[] = [];
    rows.push(await measure('JSON.parse per line (ceiling)', ndjson, (t) => bareParse(ndjson, t)));
    rows.push(await measure('readLogins NDJSON', ndjson, (t) => readAll(ndjson, t)));
    rows.push(await measure('readLogins JSON array', array, (t) => readAll(array, t)));
    rows.push(
      await measure('@streamparser/json array, parse only', array, (t) => libraryParse(array, t, false)),
    );
    rows.push(
      await measure('@streamparser/json array + normalise', array, (t) => libraryParse(array, t, true)),
    );
    const ceiling = rows[0]?.eventsPerSec ?? 1;
    for (const row of rows) row.ofCeiling = `${Math.round((100 * row.eventsPerSec) / ceiling)}%`;

    const memory = [
      peakRssInChild('bare', ndjson),
      peakRssInChild('readLogins', ndjson),
      peakRssInChild('readLogins', smallNdjson),
      peakRssInChild('readLogins', array),
    ];
    return { rows, memory, eventBytes: Math.round(bytes / count) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function child(mode: string, file: string): Promise<void> {
  const events = mode === 'bare' ? await bareParse(file, () => {}) : await readAll(file, () => {});
  console.log(JSON.stringify({ events, maxRssKB: process.resourceUsage().maxRSS }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] ?? 'readLogins', process.argv[4] ?? '');
} else if (import.meta.filename === process.argv[1]) {
  const { rows, memory, eventBytes } = await runLoginParseBench();
  console.log(`Okta System Log events of ~${eventBytes} bytes each`);
  console.table(rows);
  console.table(memory);
}
