// Server-side liveness trace verification: JSON.parse of the submitted body, the bounded schema parse and
// the analysis (integrity, challenges, occlusion/profile/identity/spoof findings, ID match) for a 60 s
// session at 15 frames/s with 1024-value embeddings twice a second, as an honest session and as the
// attacks whose checks cost the most (a looped replay, a still photo), and the largest trace the schema
// accepts. Target: < 200 ms per 60 s trace.
import { analyzeTrace } from '../src/core/liveness/analyze-trace.ts';
import { parseLivenessTrace } from '../src/core/liveness/trace-schema.ts';
import { loopedReplay, staticPhoto } from '../test/liveness/attacks.ts';
import { buildHonestSession, type SyntheticSession } from '../test/liveness/trace-builder.ts';

type Row = {
  trace: string;
  durationS: number;
  frames: number;
  embeddings: number;
  kb: number;
  jsonParseMs: number;
  schemaMs: number;
  analyzeMs: number;
  totalMs: number;
  p95TotalMs: number;
};

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

function measure(name: string, s: SyntheticSession, runs = 20): Row {
  const text = JSON.stringify(s.trace);
  const parseT: number[] = [];
  const schemaT: number[] = [];
  const analyzeT: number[] = [];
  const totals: number[] = [];
  let embeddings = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const raw: unknown = JSON.parse(text);
    const t1 = performance.now();
    const trace = parseLivenessTrace(raw);
    const t2 = performance.now();
    const result = analyzeTrace(s.plan, trace, { idEmbedding: s.idEmbedding });
    const t3 = performance.now();
    embeddings = result.summary.embeddings;
    if (i < 3) continue; // warm-up
    parseT.push(t1 - t0);
    schemaT.push(t2 - t1);
    analyzeT.push(t3 - t2);
    totals.push(t3 - t0);
  }
  const med = (v: number[]) => Math.round(percentile(v, 50) * 10) / 10;
  return {
    trace: name,
    durationS: Math.round(s.trace.durationMs / 100) / 10,
    frames: s.trace.frames.length,
    embeddings,
    kb: Math.round(text.length / 1024),
    jsonParseMs: med(parseT),
    schemaMs: med(schemaT),
    analyzeMs: med(analyzeT),
    totalMs: med(totals),
    p95TotalMs: Math.round(percentile(totals, 95) * 10) / 10,
  };
}

export function runLivenessVerifyBench(): Row[] {
  // Eight steps take about 30 s; a 33.5 s lead makes the session 60 s long.
  const honest = buildHonestSession({ seed: 5, fps: 15, leadMs: 33_500, embeddingDim: 1024 });
  return [
    measure('honest 60 s', honest),
    measure('looped replay 60 s', loopedReplay(honest, 6000)),
    measure('still photo 60 s', staticPhoto(honest)),
    // The largest trace the schema accepts (10 minutes at 60 frames/s): what a hostile client can cost.
    measure(
      'largest accepted: 10 min at 60 fps',
      buildHonestSession({ seed: 6, fps: 60, leadMs: 570_000, embeddingDim: 1024 }),
      3,
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(runLivenessVerifyBench());
