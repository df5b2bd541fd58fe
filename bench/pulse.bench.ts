// The pulse estimate (POS rPPG over the trace's face colour, src/core/liveness/pulse.ts) on its own: a 60 s
// session at 15 frames/s and the largest trace the schema accepts (10 minutes at 60 frames/s). It runs
// inside analyzeTrace, whose whole cost the `liveness` bench reports.
import { analyzePulse } from '../src/core/liveness/pulse.ts';
import { buildHonestSession } from '../test/liveness/trace-builder.ts';

type Row = {
  trace: string;
  frames: number;
  bpm: number | null;
  snrDb: number;
  medianMs: number;
  p95Ms: number;
};

function measure(name: string, seed: number, fps: number, leadMs: number, runs: number): Row {
  const { trace } = buildHonestSession({ seed, fps, leadMs, embeddingDim: 8 });
  const times: number[] = [];
  let last = analyzePulse(trace.frames);
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    last = analyzePulse(trace.frames);
    if (i >= 2) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(p * times.length))] as number) * 10) / 10;
  return {
    trace: name,
    frames: trace.frames.length,
    bpm: last.pulse?.bpm ?? null,
    snrDb: last.pulse?.snrDb ?? 0,
    medianMs: at(0.5),
    p95Ms: at(0.95),
  };
}

export function runPulseBench(): Row[] {
  return [
    measure('60 s at 15 fps', 5, 15, 33_500, 30),
    measure('largest accepted: 10 min at 60 fps', 6, 60, 570_000, 5),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(runPulseBench());
