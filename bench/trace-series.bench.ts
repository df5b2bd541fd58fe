// The recruiter's session chart (GET /subjects/{id}/verifications/{sessionId}/trace) without the database
// and file store: gunzip of the stored trace (decryption is measured by the document benches), JSON.parse,
// the bounded schema parse and core's traceSeries down to 600 points, for a 60 s session at 15 frames/s with
// 1024-value embeddings twice a second and the largest trace the schema accepts. Baseline: gunzip + JSON.parse
// alone, the least any reader of the stored trace must pay.
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseLivenessTrace } from '../src/core/liveness/trace-schema.ts';
import { traceSeries } from '../src/core/liveness/trace-series.ts';
import { buildHonestSession, type SyntheticSession } from '../test/liveness/trace-builder.ts';

type Row = {
  trace: string;
  frames: number;
  storedKb: number;
  points: number;
  gunzipParseMs: number;
  schemaMs: number;
  seriesMs: number;
  totalMs: number;
  responseKb: number;
};

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] as number) * 10) / 10;
};

function measure(name: string, s: SyntheticSession, runs: number): Row {
  const stored = gzipSync(Buffer.from(JSON.stringify(s.trace)));
  const base: number[] = [];
  const schema: number[] = [];
  const series: number[] = [];
  const total: number[] = [];
  let points = 0;
  let responseKb = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const raw: unknown = JSON.parse(gunzipSync(stored).toString('utf8'));
    const t1 = performance.now();
    const trace = parseLivenessTrace(raw);
    const t2 = performance.now();
    const out = traceSeries(trace);
    const t3 = performance.now();
    points = out.points.length;
    responseKb = Math.round(JSON.stringify(out).length / 102.4) / 10;
    if (i < 2) continue;
    base.push(t1 - t0);
    schema.push(t2 - t1);
    series.push(t3 - t2);
    total.push(t3 - t0);
  }
  return {
    trace: name,
    frames: s.trace.frames.length,
    storedKb: Math.round(stored.length / 1024),
    points,
    gunzipParseMs: median(base),
    schemaMs: median(schema),
    seriesMs: median(series),
    totalMs: median(total),
    responseKb,
  };
}

export function runTraceSeriesBench(): Row[] {
  return [
    measure(
      '60 s at 15 fps',
      buildHonestSession({ seed: 5, fps: 15, leadMs: 33_500, embeddingDim: 1024 }),
      20,
    ),
    measure(
      'largest accepted: 10 min at 60 fps',
      buildHonestSession({ seed: 6, fps: 60, leadMs: 570_000, embeddingDim: 1024 }),
      3,
    ),
  ];
}
