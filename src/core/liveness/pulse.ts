// Remote photoplethysmography (rPPG): the pulse read from the tiny periodic colour change of the skin as
// blood pulses through it, from the trace's per-frame mean face colour. Algorithm: POS ("plane orthogonal
// to skin", Wang, den Brinker, Stuijk and de Haan, "Algorithmic principles of remote PPG", IEEE TBME 64(7),
// 2017): the colour is resampled to a uniform rate, normalised over sliding 1.6 s windows, projected onto
// the plane orthogonal to the skin tone, the two projections combined with the ratio of their spreads and
// overlap-added; the pulse is the strongest frequency in the 0.7–4 Hz band (42–240 beats per minute) of that
// signal's spectrum, and its signal-to-noise ratio (power at the peak and its first harmonic against the rest
// of the band, de Haan and Jeanne 2013) says whether it is trustworthy.
// Weak evidence only: make-up, darker skin, low light, a camera that smooths or compresses the image and
// movement all hide a real pulse, and a replayed video of a live person carries one. Pure: no I/O.
import { median, round } from './geometry.ts';
import type { FrameFeature, LivenessFinding, PulseEstimate, Rgb } from './types.ts';

/** Every number the pulse estimate decides with (documented in docs/liveness.md). */
export const PULSE_THRESHOLDS = {
  /** The face colour is resampled to this uniform rate (Hz) by linear interpolation. */
  sampleRateHz: 15,
  /** POS temporal-normalisation window (seconds). */
  windowSeconds: 1.6,
  /** The pulse band (Hz): 42–240 beats per minute. */
  minHz: 0.7,
  maxHz: 4,
  /** The spectrum is evaluated every `stepHz` over the band. */
  stepHz: 0.01,
  /** Signal = power within this of the peak and of its first harmonic; noise = the rest of the band. */
  peakHalfWidthHz: 0.1,
  /** A pulse is measured only over at least this much face time (s) at this many colour samples per second. */
  minSeconds: 10,
  minFps: 8,
  /** Longer gaps between face-colour samples (ms) are bridged by interpolation but do not count as face time. */
  maxBridgeMs: 1000,
  /** The estimate is usable at this signal-to-noise ratio (dB) or above. */
  minSnrDb: 3,
  /** Weak `no_pulse` finding: only over this much face time (s) ... */
  noPulseMinSeconds: 20,
  /** ... with a face in at least this share of the frames ... */
  noPulseFaceShare: 0.95,
  /** ... a well-lit face (median luma of the face colour, 0..255) ... */
  noPulseMinLuma: 60,
  noPulseMaxLuma: 230,
  /** ... and a steady one (median move of the face box centre between frames, share of the frame). */
  noPulseMaxMove: 0.01,
} as const;

const P = PULSE_THRESHOLDS;

/** One face-colour measurement: ms since the trace start and the mean RGB of the face region. */
export type PulseSample = { t: number; rgb: Rgb };

type Measured = {
  estimate: PulseEstimate;
  /** Face time covered by the samples (s): the sum of the gaps no longer than `maxBridgeMs`. */
  faceSeconds: number;
  /** False when there was too little face time or too few samples per second to measure at all. */
  measured: boolean;
};

function clean(samples: readonly PulseSample[]): PulseSample[] {
  const ok = samples.filter((s) => Number.isFinite(s.t) && s.rgb.every((c) => Number.isFinite(c)));
  ok.sort((a, b) => a.t - b.t);
  const out: PulseSample[] = [];
  for (const s of ok) if (out.length === 0 || s.t > (out[out.length - 1] as PulseSample).t) out.push(s);
  return out;
}

/** The three channels resampled at `rate` Hz from the first to the last sample, by linear interpolation. */
function resample(samples: readonly PulseSample[], rate: number): [Float64Array, Float64Array, Float64Array] {
  const first = (samples[0] as PulseSample).t;
  const last = (samples[samples.length - 1] as PulseSample).t;
  const n = Math.floor(((last - first) * rate) / 1000) + 1;
  const out: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n),
  ];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const t = first + (k * 1000) / rate;
    while (j < samples.length - 2 && (samples[j + 1] as PulseSample).t < t) j++;
    const a = samples[j] as PulseSample;
    const b = (samples[j + 1] ?? a) as PulseSample;
    const w = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
    for (let c = 0; c < 3; c++)
      (out[c] as Float64Array)[k] = (a.rgb[c] as number) * (1 - w) + (b.rgb[c] as number) * w;
  }
  return out;
}

/** POS (Wang et al. 2017, algorithm 1): the pulse signal H from the RGB traces, window length `l` samples. */
export function posSignal(r: Float64Array, g: Float64Array, b: Float64Array, l: number): Float64Array {
  const n = r.length;
  const h = new Float64Array(n);
  const s1 = new Float64Array(l);
  const s2 = new Float64Array(l);
  for (let m = 0; m + l <= n; m++) {
    let mr = 0;
    let mg = 0;
    let mb = 0;
    for (let i = m; i < m + l; i++) {
      mr += r[i] as number;
      mg += g[i] as number;
      mb += b[i] as number;
    }
    mr /= l;
    mg /= l;
    mb /= l;
    if (!(mr > 0 && mg > 0 && mb > 0)) continue;
    // Temporal normalisation, then projection onto the plane orthogonal to the skin tone:
    // S1 = G − B, S2 = G + B − 2R (P = [[0, 1, −1], [−2, 1, 1]]).
    let a1 = 0;
    let a2 = 0;
    for (let i = 0; i < l; i++) {
      const rn = (r[m + i] as number) / mr;
      const gn = (g[m + i] as number) / mg;
      const bn = (b[m + i] as number) / mb;
      s1[i] = gn - bn;
      s2[i] = gn + bn - 2 * rn;
      a1 += s1[i] as number;
      a2 += s2[i] as number;
    }
    a1 /= l;
    a2 /= l;
    let v1 = 0;
    let v2 = 0;
    for (let i = 0; i < l; i++) {
      v1 += ((s1[i] as number) - a1) ** 2;
      v2 += ((s2[i] as number) - a2) ** 2;
    }
    // Alpha tuning: combine the projections with the ratio of their spreads.
    const alpha = v2 > 0 ? Math.sqrt(v1 / v2) : 0;
    let mh = 0;
    for (let i = 0; i < l; i++) mh += (s1[i] as number) + alpha * (s2[i] as number);
    mh /= l;
    // Overlap-add of the zero-mean window.
    for (let i = 0; i < l; i++)
      h[m + i] = (h[m + i] as number) + (s1[i] as number) + alpha * (s2[i] as number) - mh;
  }
  return h;
}

/**
 * The power spectrum of `x` (sampled at `rate` Hz, mean removed, Hann window) at `from`, `from + step`, …
 * up to `to` Hz: a direct DFT over the band, each frequency by complex rotation (no trigonometry per sample).
 */
export function bandSpectrum(
  x: Float64Array,
  rate: number,
  from: number,
  to: number,
  step: number,
): { hz: number[]; power: number[] } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n || 1;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++)
    y[i] = ((x[i] as number) - mean) * (n > 1 ? 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) : 1);
  const hz: number[] = [];
  const power: number[] = [];
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  for (let k = 0; k < count; k++) {
    const f = from + k * step;
    const theta = (2 * Math.PI * f) / rate;
    const c = Math.cos(theta);
    const s = -Math.sin(theta);
    let wr = 1;
    let wi = 0;
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i] as number;
      re += v * wr;
      im += v * wi;
      const nr = wr * c - wi * s;
      wi = wr * s + wi * c;
      wr = nr;
    }
    hz.push(round(f, 4));
    power.push(re * re + im * im);
  }
  return { hz, power };
}

const seconds = (s: number) => `${round(s, 1)} s`;

function measure(samples: readonly PulseSample[]): Measured {
  const list = clean(samples);
  let faceMs = 0;
  let intervals = 0;
  for (let i = 1; i < list.length; i++) {
    const dt = (list[i] as PulseSample).t - (list[i - 1] as PulseSample).t;
    if (dt <= P.maxBridgeMs) {
      faceMs += dt;
      intervals++;
    }
  }
  const faceSeconds = faceMs / 1000;
  const fps = faceMs > 0 ? intervals / faceSeconds : 0;
  if (faceSeconds < P.minSeconds || fps < P.minFps) {
    return {
      estimate: {
        bpm: null,
        snrDb: 0,
        usable: false,
        detail: `too little video to read a pulse: ${seconds(faceSeconds)} of face colour at ${round(fps, 1)} frames/s (needs ${P.minSeconds} s at ${P.minFps} frames/s or more)`,
      },
      faceSeconds,
      measured: false,
    };
  }
  const [r, g, b] = resample(list, P.sampleRateHz);
  const h = posSignal(r, g, b, Math.round(P.windowSeconds * P.sampleRateHz));
  // The normalised colour of a live face varies by about 1e-3; below 1e-9 it is constant but for rounding.
  let swing = 0;
  for (const v of h) swing = Math.max(swing, Math.abs(v));
  const { hz, power } = bandSpectrum(h, P.sampleRateHz, P.minHz, P.maxHz, P.stepHz);
  let total = 0;
  let peak = 0;
  for (let k = 0; k < power.length; k++) {
    total += power[k] as number;
    if ((power[k] as number) > (power[peak] as number)) peak = k;
  }
  if (!(total > 0) || swing < 1e-9) {
    return {
      estimate: {
        bpm: null,
        snrDb: 0,
        usable: false,
        detail: `the face colour did not change at all over ${seconds(faceSeconds)}: no pulse can show`,
      },
      faceSeconds,
      measured: true,
    };
  }
  const f0 = hz[peak] as number;
  const near = (f: number) =>
    Math.abs(f - f0) <= P.peakHalfWidthHz + 1e-9 || Math.abs(f - 2 * f0) <= P.peakHalfWidthHz + 1e-9;
  let signal = 0;
  for (let k = 0; k < power.length; k++) if (near(hz[k] as number)) signal += power[k] as number;
  const noise = total - signal;
  const snrDb = round(noise > 0 ? 10 * Math.log10(signal / noise) : 60, 1);
  const bpm = Math.round(f0 * 60);
  const usable = snrDb >= P.minSnrDb;
  const detail = usable
    ? `a pulse of about ${bpm} beats per minute shows in the face colour over ${seconds(faceSeconds)} (signal-to-noise ${snrDb} dB; weak evidence)`
    : `no clear pulse in the face colour over ${seconds(faceSeconds)}: the strongest rhythm, ${bpm} beats per minute, has a signal-to-noise ratio of ${snrDb} dB (needs ${P.minSnrDb} dB)`;
  return { estimate: { bpm, snrDb, usable, detail }, faceSeconds, measured: true };
}

/** The pulse from face-colour samples (any order, irregular timing). */
export function estimatePulse(samples: readonly PulseSample[]): PulseEstimate {
  return measure(samples).estimate;
}

type Span = { start: number; end: number };

const luma = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];

/**
 * The pulse of a trace (frames in time order) from the face colour of the frames with a face, leaving out
 * `exclude` (the screen-flash steps, whose reflection swamps the pulse; the gap is interpolated over), and the
 * weak `no_pulse` finding: the face was there throughout a long, steady, well-lit session and still no pulse
 * showed. Null when the trace carries no face colour at all.
 */
export function analyzePulse(
  frames: readonly FrameFeature[],
  exclude: readonly Span[] = [],
): { pulse: PulseEstimate | null; finding: LivenessFinding | null } {
  const withColor = frames.filter((f) => f.face !== null && f.faceColor !== undefined);
  if (withColor.length === 0) return { pulse: null, finding: null };
  const samples = withColor
    .filter((f) => !exclude.some((s) => f.t >= s.start && f.t <= s.end))
    .map((f) => ({ t: f.t, rgb: f.faceColor as Rgb }));
  const m = measure(samples);
  if (!m.measured || m.estimate.usable) return { pulse: m.estimate, finding: null };
  const faceShare = frames.filter((f) => f.face !== null).length / frames.length;
  const light = median(samples.map((s) => luma(s.rgb)));
  const moves: number[] = [];
  let prev: [number, number] | null = null;
  for (const f of frames) {
    if (!f.face) continue;
    const c: [number, number] = [f.face.box[0] + f.face.box[2] / 2, f.face.box[1] + f.face.box[3] / 2];
    if (prev) moves.push(Math.hypot(c[0] - prev[0], c[1] - prev[1]));
    prev = c;
  }
  const move = median(moves);
  if (
    m.faceSeconds < P.noPulseMinSeconds ||
    faceShare < P.noPulseFaceShare ||
    !(light >= P.noPulseMinLuma && light <= P.noPulseMaxLuma) ||
    !(move <= P.noPulseMaxMove)
  )
    return { pulse: m.estimate, finding: null };
  return {
    pulse: m.estimate,
    finding: {
      kind: 'spoof',
      code: 'no_pulse',
      weak: true,
      detail: `no pulse showed in the colour of a steady, well-lit face over ${seconds(m.faceSeconds)} (signal-to-noise ${m.estimate.snrDb} dB; a live face on a good camera usually reaches ${P.minSnrDb} dB). Weak evidence on its own: make-up, darker skin, a poor or compressing camera also hide the pulse`,
      moments: [],
      measures: {
        snrDb: m.estimate.snrDb,
        faceSeconds: round(m.faceSeconds, 1),
        faceShare: round(faceShare),
        luma: round(light, 1),
      },
    },
  };
}
