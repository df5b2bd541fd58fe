// Debian's ffmpeg and ffprobe, run as child processes with an argument array (never a shell), a time limit
// (killed when it passes) and bounded output: ffprobe reads a recording's duration and streams; ffmpeg
// samples frames at a fixed rate, scaled to at most 640 px wide, as raw RGB on its stdout (no temporary
// folders). Nothing here is downloaded: the binaries come from the `ffmpeg` Debian package.
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { DomainError } from '../../core/errors.ts';

export const FFMPEG_PATH = '/usr/bin/ffmpeg';
export const FFPROBE_PATH = '/usr/bin/ffprobe';
/** Widest frame handed to the face models. */
export const MAX_FRAME_WIDTH = 640;
/** Longest recording analysed (3 hours). */
export const MAX_RECORDING_SECONDS = 3 * 60 * 60;
const PROBE_TIMEOUT_MS = 30_000;
/** ffprobe answers are small; anything bigger is not what we asked for. */
const MAX_PROBE_OUTPUT = 4 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

export const FFMPEG_MISSING_MESSAGE =
  "Recording analysis needs ffmpeg, which is not installed on this server: install Debian's package (`sudo apt-get install ffmpeg`, which provides /usr/bin/ffmpeg and /usr/bin/ffprobe) and try again.";

/** Throws DomainError('conflict') saying to install Debian's ffmpeg when either binary is missing. */
export async function assertFfmpegInstalled(
  binaries: readonly string[] = [FFMPEG_PATH, FFPROBE_PATH],
): Promise<void> {
  try {
    for (const binary of binaries) await access(binary, constants.X_OK);
  } catch {
    // 409: the server is not in a state to do this until someone installs the package.
    throw new DomainError('conflict', FFMPEG_MISSING_MESSAGE);
  }
}

export type VideoProbe = {
  /** Seconds; null when the container does not say (some browser-recorded WebM files). */
  durationSec: number | null;
  /** Display size (rotation applied). */
  width: number;
  height: number;
  videoCodec: string;
  /** Frames per second the video declares, when it does. */
  frameRate: number | null;
  hasAudio: boolean;
  /** The container ffprobe recognised, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  format: string;
};

function unreadable(detail: string): DomainError {
  const message = `The recording cannot be read as a video: ${detail}`;
  return new DomainError('validation', message, [{ path: 'recording', message }]);
}

type RunResult = { stdout: Buffer; stderr: string; code: number | null; signal: NodeJS.Signals | null };

/** Runs a binary to completion with a time limit (SIGKILL when it passes) and capped output. */
function run(file: string, args: string[], timeoutMs: number, maxStdout: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: Error | null = null;
    const timer = setTimeout(() => {
      failure = new Error(`${file} took longer than ${Math.ceil(timeoutMs / 1000)} s and was stopped`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        failure ??= new Error(`${file} wrote more than ${maxStdout} bytes and was stopped`);
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure !== null) reject(failure);
      else resolve({ stdout: Buffer.concat(out), stderr, code, signal });
    });
  });
}

/** The last meaningful line ffmpeg wrote, for an error message. */
function lastLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const line = lines.at(-1) ?? 'no details';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

type ProbeJson = {
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    avg_frame_rate?: string;
    r_frame_rate?: string;
    duration?: string;
    tags?: Record<string, string>;
    side_data_list?: Array<{ rotation?: number }>;
  }>;
  format?: { duration?: string; format_name?: string };
};

function rate(text: string | undefined): number | null {
  if (!text) return null;
  const [n, d] = text.split('/').map(Number);
  if (n === undefined || !Number.isFinite(n) || n <= 0) return null;
  const value = d === undefined ? n : d > 0 ? n / d : Number.NaN;
  return Number.isFinite(value) && value > 0 && value < 1000 ? value : null;
}

function seconds(text: string | undefined): number | null {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

/** Reads the duration and streams of a recording; refuses what is not a readable video. */
export async function probeVideo(file: string): Promise<VideoProbe> {
  const result = await run(
    FFPROBE_PATH,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file],
    PROBE_TIMEOUT_MS,
    MAX_PROBE_OUTPUT,
  );
  if (result.code !== 0) throw unreadable(lastLine(result.stderr));
  let json: ProbeJson;
  try {
    json = JSON.parse(result.stdout.toString('utf8')) as ProbeJson;
  } catch {
    throw unreadable('ffprobe gave no answer');
  }
  const streams = json.streams ?? [];
  const video = streams.find(
    (s) =>
      s.codec_type === 'video' && (s.width ?? 0) > 0 && (s.height ?? 0) > 0 && s.tags?.mimetype === undefined,
  );
  if (video === undefined)
    throw new DomainError(
      'validation',
      'The recording has no video picture (audio only, or no stream at all): upload the video of the interview.',
      [{ path: 'recording', message: 'no video stream' }],
    );
  const rotation = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? 0;
  const turned = Math.abs(rotation) % 180 === 90;
  const width = turned ? (video.height ?? 0) : (video.width ?? 0);
  const height = turned ? (video.width ?? 0) : (video.height ?? 0);
  return {
    durationSec: seconds(json.format?.duration) ?? seconds(video.duration),
    width,
    height,
    videoCodec: video.codec_name ?? 'unknown',
    frameRate: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    format: json.format?.format_name ?? 'unknown',
  };
}

/** Refuses a recording longer than the limit (seconds), naming both. */
export function checkDuration(probe: VideoProbe, maxSeconds = MAX_RECORDING_SECONDS): void {
  if (probe.durationSec !== null && probe.durationSec > maxSeconds)
    throw new DomainError(
      'validation',
      `The recording lasts ${formatDuration(probe.durationSec)}, longer than the ${formatDuration(maxSeconds)} that can be analysed: cut it into parts.`,
      [{ path: 'recording', message: 'too long' }],
    );
}

export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min ${r} s` : `${r} s`;
}

/** The size frames are scaled to: at most MAX_FRAME_WIDTH wide, aspect kept, even sides (for ffmpeg). */
export function frameSize(probe: Pick<VideoProbe, 'width' | 'height'>): { width: number; height: number } {
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  const width = even(Math.min(MAX_FRAME_WIDTH, probe.width));
  return { width, height: even((probe.height * width) / probe.width) };
}

export type SampledFrame = {
  /** 0-based sample number. */
  index: number;
  /** Seconds from the start of the recording. */
  at: number;
  width: number;
  height: number;
  /** width × height × 3 bytes, RGB. */
  data: Uint8Array;
};

export type SampleOptions = {
  /** Frames per second to sample (1 = one frame each second). */
  fps: number;
  /** Kills ffmpeg when the whole run (decoding and the consumer's work) takes longer. */
  timeoutMs: number;
  maxSeconds?: number;
};

/**
 * Samples frames from the recording with ffmpeg as raw RGB, one at a time (the pipe's back-pressure holds
 * ffmpeg while the consumer works). Throws when ffmpeg fails, runs out of time, or is stopped early.
 */
export async function* sampleFrames(
  file: string,
  probe: VideoProbe,
  options: SampleOptions,
): AsyncGenerator<SampledFrame> {
  const { width, height } = frameSize(probe);
  const frameBytes = width * height * 3;
  const maxSeconds = options.maxSeconds ?? MAX_RECORDING_SECONDS;
  const args = [
    '-nostdin',
    '-hide_banner',
    '-v',
    'error',
    '-i',
    file,
    '-t',
    String(maxSeconds),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `fps=${options.fps},scale=${width}:${height}:flags=bilinear`,
    '-pix_fmt',
    'rgb24',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
  const child = spawn(FFMPEG_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  exited.catch(() => undefined);
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= frameBytes) {
        const data = new Uint8Array(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        yield { index, at: Math.round((index / options.fps) * 1000) / 1000, width, height, data };
        index++;
      }
    }
    const { code, signal } = await exited;
    if (timedOut)
      throw new Error(
        `the analysis took longer than ${Math.ceil(options.timeoutMs / 1000)} s and was stopped (${index} frames done)`,
      );
    if (code !== 0) throw unreadable(signal ? `ffmpeg was stopped (${signal})` : lastLine(stderr));
    finished = true;
  } finally {
    clearTimeout(timer);
    if (!finished && child.exitCode === null) child.kill('SIGKILL');
  }
}
