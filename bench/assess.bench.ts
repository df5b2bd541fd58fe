// Assessment throughput on one core, side by side with the baseline the issue names:
// JSON.parse + schema validation of the same bundles, measured in the same process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assessPopulation } from '../src/core/assess.ts';
import type { CaseBundle } from '../src/core/bundle/schema.ts';
import { parseBundleText } from '../src/core/bundle/validate.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../shared/examples');
const NOW = new Date('2026-06-01T00:00:00Z');

type Row = {
  bundle: string;
  assessPerSec: number;
  assessP99Us: number;
  parsePerSec: number;
  parseP99Us: number;
  ratio: number;
};

function measure(fn: () => void, minMs: number): { perSec: number; p99Us: number } {
  for (let i = 0; i < 200; i++) fn(); // warm-up: let the JIT settle
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  const total = samples.reduce((a, b) => a + b, 0);
  samples.sort((a, b) => a - b);
  const p99 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] ?? 0;
  return { perSec: samples.length / (total / 1000), p99Us: p99 * 1000 };
}

export function runAssessBench(minMs = 2000): Row[] {
  const rows: Row[] = [];
  for (const name of ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous']) {
    const text = readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8');
    const parsed = parseBundleText(text);
    if (!parsed.ok) throw new Error(`${name} does not validate`);
    const bundle: CaseBundle = parsed.bundle;
    const assess = measure(() => {
      assessPopulation([bundle], { now: NOW });
    }, minMs);
    const parse = measure(() => {
      parseBundleText(text);
    }, minMs);
    rows.push({
      bundle: name,
      assessPerSec: Math.round(assess.perSec),
      assessP99Us: Math.round(assess.p99Us),
      parsePerSec: Math.round(parse.perSec),
      parseP99Us: Math.round(parse.p99Us),
      ratio: Number((parse.perSec / assess.perSec).toFixed(2)),
    });
  }
  return rows;
}
