import { describe, expect, it } from 'vitest';
import { staticPhoto } from '../../../test/liveness/attacks.ts';
import { buildHonestSession } from '../../../test/liveness/trace-builder.ts';
import { seededRandom } from '../../../test/random.ts';
import { analyzeTrace } from './analyze-trace.ts';
import { analyzePulse, bandSpectrum, estimatePulse, PULSE_THRESHOLDS, type PulseSample } from './pulse.ts';
import type { Rgb } from './types.ts';

function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

type SeriesOptions = { seed: number; bpm: number | null; seconds: number; noise?: number; fps?: number };

/**
 * Mean face colour as a browser measures it: skin tone, a pulse (0.5 of 255 on green, 0.2 on red, 0.3 on
 * blue), Gaussian camera noise, a slow illumination drift (±6 % plus a 2 % ramp, on every channel) and
 * frame times jittered by ±20 ms around the frame period.
 */
function faceColorSeries({ seed, bpm, seconds, noise = 0.1, fps = 15 }: SeriesOptions): PulseSample[] {
  const random = seededRandom(seed);
  const phase = random() * 2 * Math.PI;
  const out: PulseSample[] = [];
  for (let t = 0; t <= seconds * 1000; t += 1000 / fps + (random() - 0.5) * 40) {
    const light = 1 + 0.06 * Math.sin((2 * Math.PI * t) / 23_000) + (0.02 * t) / (seconds * 1000);
    const beat = bpm === null ? 0 : Math.sin((2 * Math.PI * bpm * t) / 60_000 + phase);
    const rgb = [
      (182 + 0.2 * beat) * light + noise * gaussian(random),
      (140 + 0.5 * beat) * light + noise * gaussian(random),
      (118 + 0.3 * beat) * light + noise * gaussian(random),
    ] as Rgb;
    out.push({ t: Math.round(t), rgb });
  }
  return out;
}

describe('estimatePulse (POS)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`finds a 72 bpm pulse under noise, drift and jittered frame times (seed ${seed})`, () => {
      const p = estimatePulse(faceColorSeries({ seed, bpm: 72, seconds: 30 }));
      expect(p.usable).toBe(true);
      expect(Math.abs((p.bpm as number) - 72)).toBeLessThanOrEqual(4);
      expect(p.snrDb).toBeGreaterThanOrEqual(PULSE_THRESHOLDS.minSnrDb);
      expect(p.detail).toMatch(
        /^a pulse of about 7\d beats per minute shows in the face colour over (29\.\d|30) s/,
      );
    });
  }

  it('follows other rates and irregular frame rates (55 and 110 bpm at 10 and 30 frames/s)', () => {
    const slow = estimatePulse(faceColorSeries({ seed: 8, bpm: 55, seconds: 25, fps: 10 }));
    const fast = estimatePulse(faceColorSeries({ seed: 9, bpm: 110, seconds: 25, fps: 30 }));
    expect(slow.usable && fast.usable).toBe(true);
    expect(Math.abs((slow.bpm as number) - 55)).toBeLessThanOrEqual(4);
    expect(Math.abs((fast.bpm as number) - 110)).toBeLessThanOrEqual(4);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`finds no usable pulse in noise alone (seed ${seed})`, () => {
      const p = estimatePulse(faceColorSeries({ seed, bpm: null, seconds: 30 }));
      expect(p.usable).toBe(false);
      expect(p.snrDb).toBeLessThan(PULSE_THRESHOLDS.minSnrDb);
      expect(p.detail).toMatch(
        /^no clear pulse in the face colour over (29\.\d|30) s: the strongest rhythm, \d+ beats per minute, has a signal-to-noise ratio of -?\d+(\.\d)? dB \(needs 3 dB\)$/,
      );
    });
  }

  it('measures nothing over too little video', () => {
    const p = estimatePulse(faceColorSeries({ seed: 1, bpm: 72, seconds: 6 }));
    expect(p).toEqual({
      bpm: null,
      snrDb: 0,
      usable: false,
      detail: expect.stringMatching(
        /^too little video to read a pulse: (5\.\d|6) s of face colour at 1\d(\.\d)? frames\/s \(needs 10 s at 8 frames\/s or more\)$/,
      ),
    });
    const sparse = estimatePulse(faceColorSeries({ seed: 1, bpm: 72, seconds: 30, fps: 5 }));
    expect(sparse.bpm).toBeNull();
    expect(sparse.detail).toMatch(/at 5(\.\d)? frames\/s/);
  });

  it('says so when the colour never changes (a still picture)', () => {
    const still = Array.from({ length: 300 }, (_, i) => ({ t: i * 66, rgb: [180, 140, 120] as Rgb }));
    expect(estimatePulse(still)).toMatchObject({ bpm: null, usable: false });
    expect(estimatePulse(still).detail).toMatch(/did not change at all/);
  });

  it('takes samples in any order and ignores repeated times', () => {
    const series = faceColorSeries({ seed: 3, bpm: 72, seconds: 20 });
    const shuffled = [...series].reverse();
    shuffled.push({ ...(series[10] as PulseSample) });
    expect(estimatePulse(shuffled)).toEqual(estimatePulse(series));
  });

  it('computes a DFT whose peak is the tone', () => {
    const x = Float64Array.from({ length: 450 }, (_, i) => Math.sin((2 * Math.PI * 1.5 * i) / 15));
    const { hz, power } = bandSpectrum(x, 15, 0.7, 4, 0.01);
    expect(hz).toHaveLength(331);
    expect(hz[power.indexOf(Math.max(...power))]).toBeCloseTo(1.5, 2);
  });
});

describe('pulse in the trace analysis', () => {
  it('reads the pulse of an honest session (trace builder, 72 bpm) and adds no finding', () => {
    const s = buildHonestSession({ seed: 3 });
    const r = analyzeTrace(s.plan, s.trace);
    expect(r.pulse?.usable).toBe(true);
    expect(Math.abs((r.pulse?.bpm as number) - 72)).toBeLessThanOrEqual(4);
    expect(r.findings.map((f) => f.code)).not.toContain('no_pulse');
  });

  it('adds a weak no_pulse finding for a long, steady, well-lit face without a pulse', () => {
    const s = buildHonestSession({ seed: 3, pulseBpm: null });
    const r = analyzeTrace(s.plan, s.trace);
    expect(r.pulse?.usable).toBe(false);
    const f = r.findings.find((x) => x.code === 'no_pulse');
    expect(f).toMatchObject({ kind: 'spoof', weak: true });
    expect(f?.detail).toMatch(/^no pulse showed in the colour of a steady, well-lit face over \d+(\.\d)? s/);
    expect(f?.measures.faceSeconds).toBeGreaterThanOrEqual(PULSE_THRESHOLDS.noPulseMinSeconds);
  });

  it('adds the weak finding for a still photo too, next to the strong static finding', () => {
    const r = analyzeTrace(
      ...(({ plan, trace }) => [plan, trace] as const)(staticPhoto(buildHonestSession())),
    );
    expect(r.findings.filter((f) => f.kind === 'spoof').map((f) => [f.code, f.weak])).toEqual([
      ['static', false],
      ['no_pulse', true],
    ]);
  });

  it('adds no finding for a short session, a dim face, or a face often lost', () => {
    const short = buildHonestSession({ seed: 3, pulseBpm: null, leadMs: 0 });
    short.trace.frames = short.trace.frames.filter((f) => f.t < 15_000);
    expect(analyzePulse(short.trace.frames).finding).toBeNull();

    const dim = buildHonestSession({ seed: 3, pulseBpm: null });
    for (const f of dim.trace.frames) f.faceColor = (f.faceColor as Rgb).map((c) => c / 4) as Rgb;
    expect(analyzePulse(dim.trace.frames).finding).toBeNull();

    const lost = buildHonestSession({ seed: 3, pulseBpm: null });
    lost.trace.frames.forEach((f, i) => {
      if (i % 10 === 0) f.face = null;
    });
    expect(analyzePulse(lost.trace.frames).finding).toBeNull();
    expect(analyzePulse(lost.trace.frames).pulse?.usable).toBe(false);
  });

  it('is null when the trace carries no face colour', () => {
    const s = buildHonestSession({ seed: 3 });
    for (const f of s.trace.frames) delete f.faceColor;
    expect(analyzeTrace(s.plan, s.trace).pulse).toBeNull();
  });
});
