// The ffprobe/ffmpeg runner on real files made here: duration and size read, frames sampled at the asked
// rate and size through the pipe, an audio-only file and an over-long recording refused with plain reasons,
// and a run over its time limit killed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertFfmpegInstalled,
  checkDuration,
  frameSize,
  probeVideo,
  type SampledFrame,
  sampleFrames,
} from '../../src/intel/recordings/ffmpeg.ts';
import { makeVideo, makeVideoDir } from './videos.ts';

const videos = makeVideoDir();
const file = (name: string) => path.join(videos.dir, name);

beforeAll(() => {
  makeVideo(file('wide.mp4'), [{ picture: 'astronaut.png', seconds: 3 }], { size: '1280x720', fps: 10 });
  const audio = spawnSync(
    '/usr/bin/ffmpeg',
    [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=2',
      file('voice.mp4'),
    ],
    { encoding: 'utf8' },
  );
  if (audio.status !== 0) throw new Error(audio.stderr);
});
afterAll(() => videos.remove());

describe('recording runner', () => {
  it('reads the duration and size, and samples frames scaled to 640 px wide at the asked rate', async () => {
    const probe = await probeVideo(file('wide.mp4'));
    expect(probe).toMatchObject({
      durationSec: 3,
      width: 1280,
      height: 720,
      videoCodec: 'h264',
      hasAudio: false,
    });
    const frames: SampledFrame[] = [];
    for await (const f of sampleFrames(file('wide.mp4'), probe, { fps: 2, timeoutMs: 60_000 }))
      frames.push(f);
    expect(frames.map((f) => f.at)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(frames.every((f) => f.width === 640 && f.height === 360 && f.data.length === 640 * 360 * 3)).toBe(
      true,
    );
  });

  it('frame sizes keep the aspect, stay even and never enlarge', () => {
    expect(frameSize({ width: 1920, height: 1080 })).toEqual({ width: 640, height: 360 });
    expect(frameSize({ width: 480, height: 640 })).toEqual({ width: 480, height: 640 });
    expect(frameSize({ width: 1001, height: 777 })).toEqual({ width: 640, height: 496 });
  });

  it('refuses a file with no picture and one longer than the limit', async () => {
    await expect(probeVideo(file('voice.mp4'))).rejects.toThrow(/has no video picture \(audio only/);
    const probe = await probeVideo(file('wide.mp4'));
    expect(() => checkDuration(probe, 2)).toThrow(/lasts 3 s, longer than the 2 s that can be analysed/);
    expect(() => checkDuration(probe)).not.toThrow();
  });

  it("says to install Debian's ffmpeg when a binary is missing", async () => {
    await expect(assertFfmpegInstalled()).resolves.toBeUndefined();
    await expect(assertFfmpegInstalled(['/usr/bin/ffmpeg', '/nonexistent/ffprobe'])).rejects.toThrow(
      /needs ffmpeg, which is not installed on this server: install Debian's package \(`sudo apt-get install ffmpeg`/,
    );
  });

  it('stops ffmpeg when the run takes longer than its time limit', async () => {
    const probe = await probeVideo(file('wide.mp4'));
    const run = async () => {
      // A consumer slower than the limit: ffmpeg waits on the pipe and is killed.
      for await (const _ of sampleFrames(file('wide.mp4'), probe, { fps: 10, timeoutMs: 300 }))
        await new Promise((r) => setTimeout(r, 200));
    };
    await expect(run()).rejects.toThrow(/took longer than 1 s and was stopped/);
  });
});
