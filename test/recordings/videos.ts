// Test recordings made with Debian's ffmpeg from scikit-image's sample photos (test/faces/face-images.ts):
// a still portrait held for a few seconds, two people one after the other, a picture without a face.
// Written under a private temporary folder; the caller removes it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SKIMAGE_DATA } from '../faces/face-images.ts';

export type Picture = 'astronaut.png' | 'camera.png' | 'coffee.png';

/** A clip made of pictures shown one after the other, each for `seconds`, at 640×480 (padded). */
export type Segment = { picture: Picture; seconds: number };

export function makeVideoDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-rec-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Encodes the segments to `file` (.mp4: H.264; .webm: VP8; .mov: H.264 in QuickTime) at `fps` frames per
 * second, 640×480. `faststart` moves the index to the front (MP4/MOV).
 */
export function makeVideo(
  file: string,
  segments: Segment[],
  options: { fps?: number; size?: string; faststart?: boolean } = {},
): string {
  const fps = options.fps ?? 5;
  const [w, h] = (options.size ?? '640x480').split('x');
  const inputs: string[] = [];
  const chains: string[] = [];
  segments.forEach((s, i) => {
    inputs.push(
      '-loop',
      '1',
      '-t',
      String(s.seconds),
      '-framerate',
      String(fps),
      '-i',
      `${SKIMAGE_DATA}/${s.picture}`,
    );
    chains.push(
      `[${i}:v]scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:gray,format=yuv420p,setsar=1,fps=${fps}[v${i}]`,
    );
  });
  const concat = `${segments.map((_, i) => `[v${i}]`).join('')}concat=n=${segments.length}:v=1:a=0[out]`;
  const webm = file.endsWith('.webm');
  const codec = webm
    ? ['-c:v', 'libvpx', '-b:v', '500k', '-deadline', 'realtime']
    : ['-c:v', 'libx264', '-preset', 'ultrafast'];
  const args = [
    '-nostdin',
    '-v',
    'error',
    '-y',
    ...inputs,
    '-filter_complex',
    `${chains.join(';')};${concat}`,
    '-map',
    '[out]',
    ...codec,
    ...(options.faststart ? ['-movflags', '+faststart'] : []),
    file,
  ];
  const result = spawnSync('/usr/bin/ffmpeg', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg could not make ${file}: ${result.stderr}`);
  return file;
}
