// `gatecheck recording <file> [--json] [--fps n]`: analyse a local interview recording without the server and
// without storing anything: what it is (from its content), duration, frames sampled with Debian's ffmpeg,
// face presence, occlusion events (a hand over the face, the face lost briefly), identity drift and whether
// two different people appear. Progress goes to stderr. Exit 0 one person seen, 1 two people / no face /
// a file refused (type, damage, no picture, too long, no ffmpeg), 2 usage or unreadable file.
import { open, stat } from 'node:fs/promises';
import { loadConfig } from '../../config/config.ts';
import { formatDuration } from '../../intel/recordings/ffmpeg.ts';
import { sniffRecording } from '../../intel/recordings/sniff.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export type RecordingCommandOptions = { json?: boolean; fps?: string };

type Analysis = Awaited<ReturnType<typeof import('../../intel/recordings/analyze.ts').analyzeRecordingFile>>;

function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}

function clock(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function needsAttention(a: Analysis): boolean {
  return a.summary.identityChanged || a.summary.faceFrames === 0;
}

export function formatRecordingAnalysis(file: string, mediaType: string, a: Analysis): string {
  const s = a.summary;
  const out: string[] = [];
  const duration = a.probe.durationSec === null ? 'unknown length' : formatDuration(a.probe.durationSec);
  out.push(
    `${file}: ${mediaType} (${a.probe.videoCodec}), ${a.probe.width} × ${a.probe.height}, ${duration}`,
  );
  out.push(
    `Sampled ${s.framesAnalysed} frame${s.framesAnalysed === 1 ? '' : 's'} at ${a.fps} per second in ${(a.ms / 1000).toFixed(1)} s`,
  );
  out.push('');
  out.push(`Face seen in ${s.faceFrames} of ${s.framesAnalysed} frames (${percent(s.facePresence)})`);
  if (s.occlusionEvents.length === 0) out.push('Occlusion events: none');
  else {
    out.push(`Occlusion events (${s.occlusionEvents.length})`);
    for (const e of s.occlusionEvents)
      out.push(
        `  ${clock(e.start)}–${clock(e.end)}  ${e.kind === 'hand-over-face' ? 'hand over the face' : 'face lost between face frames'} (${e.samples} frame${e.samples === 1 ? '' : 's'})`,
      );
  }
  if (s.driftMin !== null)
    out.push(
      `Identity drift: lowest similarity to the recording's usual face ${s.driftMin.toFixed(2)} at ${clock(s.driftAt ?? 0)} (1.00 = identical)`,
    );
  if (s.mostDifferent !== null)
    out.push(
      `Most different faces: ${clock(s.mostDifferent.a)} and ${clock(s.mostDifferent.b)}, similarity ${s.mostDifferent.similarity.toFixed(2)}`,
    );
  out.push('');
  out.push(
    s.faceFrames === 0
      ? 'Result: no face was seen in the recording'
      : s.identityChanged
        ? 'Result: TWO DIFFERENT PEOPLE appear in this recording'
        : 'Result: one person throughout',
  );
  return `${out.join('\n')}\n`;
}

export function recordingJson(file: string, mediaType: string, a: Analysis) {
  const { medianEmbedding: _median, ...summary } = a.summary;
  return {
    file,
    mediaType,
    probe: a.probe,
    fps: a.fps,
    ms: a.ms,
    ...summary,
    presence: a.samples.map((x) => (x.face === null ? '-' : 'F')).join(''),
    attention: needsAttention(a),
  };
}

async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function analyzeRecordingCommand(
  file: string,
  options: RecordingCommandOptions,
): Promise<number> {
  const info = await stat(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  if (!info.isFile()) throw unreadableFile(file, { code: info.isDirectory() ? 'EISDIR' : undefined });
  let fps = loadConfig().recordings.fps;
  if (options.fps !== undefined) {
    fps = Number(options.fps);
    if (!Number.isFinite(fps) || fps < 0.05 || fps > 10)
      throw new UsageError(`--fps ${options.fps}: expected frames per second from 0.05 to 10`);
  }
  const bytes = await head(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  const fail = (error: unknown) => {
    process.stderr.write(`gatecheck: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  };
  let mediaType: string;
  try {
    if (bytes.length === 0) throw new Error('the file is empty');
    mediaType = await sniffRecording(bytes);
  } catch (error) {
    return fail(error);
  }
  const tty = process.stderr.isTTY === true && options.json !== true;
  let analysis: Analysis;
  try {
    const { analyzeRecordingFile } = await import('../../intel/recordings/analyze.ts');
    analysis = await analyzeRecordingFile(file, {
      fps,
      onProgress: ({ done, total }) => {
        if (tty) process.stderr.write(`\ranalysing frames: ${done}${total === null ? '' : ` / ${total}`}   `);
      },
    });
    if (tty) process.stderr.write('\n');
  } catch (error) {
    if (tty) process.stderr.write('\n');
    return fail(error);
  }
  process.stdout.write(
    options.json === true
      ? `${JSON.stringify(recordingJson(file, mediaType, analysis), null, 2)}\n`
      : formatRecordingAnalysis(file, mediaType, analysis),
  );
  return needsAttention(analysis) ? 1 : 0;
}
