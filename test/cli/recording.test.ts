// `gatecheck recording` as a user runs it: a real process on videos made here with Debian's ffmpeg from
// scikit-image's photos; real exit codes and output.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo, makeVideoDir } from '../recordings/videos.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const videos = makeVideoDir();

function gatecheck(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const file = (name: string) => path.join(videos.dir, name);

beforeAll(() => {
  makeVideo(file('one.mp4'), [{ picture: 'astronaut.png', seconds: 4 }]);
  makeVideo(file('two.webm'), [
    { picture: 'astronaut.png', seconds: 3 },
    { picture: 'camera.png', seconds: 3 },
  ]);
  writeFileSync(file('notes.mp4'), 'meeting notes, not a video');
});
afterAll(() => videos.remove());

describe('gatecheck recording', () => {
  it('reports one person throughout (exit 0)', () => {
    const r = gatecheck(['recording', file('one.mp4')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('video/mp4 (h264), 640 × 480, 4 s');
    expect(r.stdout).toContain('Face seen in 4 of 4 frames (100 %)');
    expect(r.stdout).toContain('Result: one person throughout');
  });

  it('reports two people in JSON (exit 1)', () => {
    const r = gatecheck(['recording', file('two.webm'), '--json', '--fps', '1']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      mediaType: 'video/webm',
      framesAnalysed: 6,
      faceFrames: 6,
      identityChanged: true,
      presence: 'FFFFFF',
      attention: true,
    });
    expect((json.frames as unknown[]).length).toBe(6);
  });

  it('refuses a text file named .mp4 by its content, and a bad --fps', () => {
    const r = gatecheck(['recording', file('notes.mp4')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a video recording/);
    const bad = gatecheck(['recording', file('one.mp4'), '--fps', '100']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fps 100: expected frames per second from 0.05 to 10/);
  });
});
