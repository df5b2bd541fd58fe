// Analyses a recording on disk: ffprobe for its duration and streams, ffmpeg sampling `fps` frames per second
// (≤ 640 px wide, raw RGB through a pipe), each frame through the process's one Human instance (face, mesh,
// embedding, hands), then summarised by core/recordings (presence, occlusion events, drift, two people).
// Used by the `recording.analyze` job and by `gatecheck recording <file>`.
import {
  type RecordingSample,
  type RecordingSummary,
  summarizeRecording,
} from '../../core/recordings/summarize.ts';
import { analyzeRgb } from '../faces/human-node.ts';
import {
  assertFfmpegInstalled,
  checkDuration,
  MAX_RECORDING_SECONDS,
  probeVideo,
  sampleFrames,
  type VideoProbe,
} from './ffmpeg.ts';

export type RecordingProgress = { done: number; total: number | null };

export type RecordingAnalysis = {
  probe: VideoProbe;
  fps: number;
  samples: RecordingSample[];
  summary: RecordingSummary;
  /** Wall-clock milliseconds for sampling and the models. */
  ms: number;
};

/** Frames ffmpeg's fps filter gives for this duration (the estimate used for progress). */
export function expectedFrames(durationSec: number | null, fps: number): number | null {
  return durationSec === null ? null : Math.max(1, Math.round(durationSec * fps));
}

/** The time limit of one run: generous for the models on a slow machine, never unbounded. */
export function analysisTimeoutMs(durationSec: number | null, fps: number): number {
  const frames = expectedFrames(durationSec ?? MAX_RECORDING_SECONDS, fps) ?? 0;
  return 120_000 + frames * 3_000;
}

export async function analyzeRecordingFile(
  file: string,
  options: {
    fps: number;
    onProgress?: (progress: RecordingProgress) => Promise<void> | void;
    maxSeconds?: number;
  },
): Promise<RecordingAnalysis> {
  await assertFfmpegInstalled();
  const started = performance.now();
  const probe = await probeVideo(file);
  const maxSeconds = options.maxSeconds ?? MAX_RECORDING_SECONDS;
  checkDuration(probe, maxSeconds);
  const total = expectedFrames(probe.durationSec, options.fps);
  const samples: RecordingSample[] = [];
  await options.onProgress?.({ done: 0, total });
  let lastReport = 0;
  for await (const frame of sampleFrames(file, probe, {
    fps: options.fps,
    timeoutMs: analysisTimeoutMs(probe.durationSec, options.fps),
    maxSeconds,
  })) {
    const result = await analyzeRgb(frame, { models: 'full', maxFaces: 1 });
    const face = result.faces[0];
    samples.push({
      at: frame.at,
      face: face ? { box: face.boxNormalised, score: face.score, embedding: face.embedding } : null,
      hands: result.hands.map((h) => ({ box: h.boxNormalised, score: h.score })),
    });
    // Progress at most about every second of work (each report is a database write).
    const now = performance.now();
    if (options.onProgress && now - lastReport > 1000) {
      lastReport = now;
      await options.onProgress({
        done: samples.length,
        total: total === null ? null : Math.max(total, samples.length),
      });
    }
  }
  if (samples.length === 0)
    throw new Error('no picture could be decoded from the recording: it is empty or damaged');
  // A file whose index promises more than its data holds (cut short while copying) decodes only in part.
  if (total !== null && total >= 4 && samples.length < total * 0.5)
    throw new Error(
      `the recording is damaged or cut short: it should last ${Math.round(probe.durationSec ?? 0)} s but only ${Math.round(samples.length / options.fps)} s could be decoded`,
    );
  await options.onProgress?.({ done: samples.length, total: samples.length });
  return {
    probe,
    fps: options.fps,
    samples,
    summary: summarizeRecording(samples),
    ms: Math.round(performance.now() - started),
  };
}
