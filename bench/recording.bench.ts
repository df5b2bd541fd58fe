// Recorded-interview analysis speed relative to real time: a 60 s 640 × 480 H.264 clip (made here with
// Debian's ffmpeg from scikit-image's portraits: 30 s of one person, 30 s of another), analysed end to end by
// analyzeRecordingFile (ffprobe, ffmpeg sampling through a pipe, Human's full face set + hands per frame,
// summary) at 1 and 2 frames per second. Models are loaded and warmed up on a 3 s clip before timing. Target: ≥ 1× real time.
import { loadavg } from 'node:os';
import path from 'node:path';
import { getHuman } from '../src/intel/faces/human-node.ts';
import { analyzeRecordingFile } from '../src/intel/recordings/analyze.ts';
import { makeVideo, makeVideoDir } from '../test/recordings/videos.ts';

export type RecordingBenchRow = {
  clip: string;
  fps: number;
  frames: number;
  seconds: number;
  realTime: string;
  msPerFrame: number;
  peakRssMiB: number;
  identityChanged: boolean;
};

export async function runRecordingBench(): Promise<{
  loadMs: number;
  loadavg: number[];
  rows: RecordingBenchRow[];
}> {
  const { dir, remove } = makeVideoDir();
  try {
    const file = makeVideo(
      path.join(dir, 'interview.mp4'),
      [
        { picture: 'astronaut.png', seconds: 30 },
        { picture: 'camera.png', seconds: 30 },
      ],
      { fps: 25 },
    );
    const t0 = performance.now();
    await getHuman();
    const loadMs = Math.round(performance.now() - t0);
    // The wasm kernels compile on their first frames: a short clip first, so the rows show steady speed.
    const warm = makeVideo(path.join(dir, 'warm.mp4'), [{ picture: 'astronaut.png', seconds: 3 }]);
    await analyzeRecordingFile(warm, { fps: 1 });
    const rows: RecordingBenchRow[] = [];
    for (const fps of [1, 2]) {
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 100);
      const started = performance.now();
      const a = await analyzeRecordingFile(file, { fps });
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const duration = a.probe.durationSec ?? 60;
      rows.push({
        clip: `${duration} s ${a.probe.width}×${a.probe.height} h264`,
        fps,
        frames: a.summary.framesAnalysed,
        seconds: Math.round(seconds * 10) / 10,
        realTime: `${(duration / seconds).toFixed(1)}×`,
        msPerFrame: Math.round((seconds * 1000) / a.summary.framesAnalysed),
        peakRssMiB: Math.round(peak / 1024 / 1024),
        identityChanged: a.summary.identityChanged,
      });
    }
    return { loadMs, loadavg: loadavg().map((x) => Math.round(x * 100) / 100), rows };
  } finally {
    remove();
  }
}
