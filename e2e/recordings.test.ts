// Interview recordings in a real browser against a real server (SQLite): a candidate with two video
// interviews → upload the first recording (one person: Eileen Collins' portrait) and the second (another
// person: the cameraman) from the interviews section → each shows the analysis progress, then "Face seen in
// 100 %", "One person throughout" → the panel says the person changed between interviews, with the
// assessment's explanation. Videos are made here with Debian's ffmpeg from scikit-image's photos.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../test/recordings/videos.ts';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

const ID = 'cand-rec-e2e';
const bundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: { id: ID, kind: 'candidate', name: 'Robin Hale', email: 'robin.hale@example.com' },
  interviews: [
    { at: '2026-03-02T15:00:00Z', plannedMode: 'video', actualMode: 'video', status: 'held', cameraOn: true },
    { at: '2026-03-09T15:00:00Z', plannedMode: 'video', actualMode: 'video', status: 'held', cameraOn: true },
  ],
};

let session: Session;
let server: RunningServer;
let page: Page;
const files = {
  bundle: path.join(SHOTS, 'recordings-bundle.json'),
  first: path.join(SHOTS, 'interview-1.mp4'),
  second: path.join(SHOTS, 'interview-2.webm'),
};

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  writeFileSync(files.bundle, JSON.stringify(bundle, null, 2));
  makeVideo(files.first, [{ picture: 'astronaut.png', seconds: 5 }]);
  makeVideo(files.second, [{ picture: 'camera.png', seconds: 5 }]);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

async function uploadTo(interviewLabel: RegExp, file: string, expectedCount: number): Promise<void> {
  const panel = page.getByTestId('recordings-panel');
  await panel.getByTestId('recording-interview').click();
  await page.getByRole('option', { name: interviewLabel }).click();
  await panel.locator('input[type="file"]').setInputFiles(file);
  await expect
    .poll(() => panel.locator('[data-testid="recording"][data-status="analyzed"]').count(), {
      timeout: 120_000,
      interval: 500,
    })
    .toBe(expectedCount);
}

describe('interview recordings', () => {
  it('imports the candidate and shows the upload control in the interviews section', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles(files.bundle);
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}/subjects/${ID}`);
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await page.getByTestId('recordings-panel').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recording-upload').textContent()).toBe('Upload recording');
  }, 90_000);

  it('analyses two recordings and says the person changed between the interviews', async () => {
    await uploadTo(/^Interview 1/, files.first, 1);
    await uploadTo(/^Interview 2/, files.second, 2);
    const panel = page.getByTestId('recordings-panel');
    const results = await panel.getByTestId('recording-results').allTextContents();
    expect(results).toHaveLength(2);
    for (const text of results) {
      expect(text).toContain('Face seen in 100 % of 5 frames');
      expect(text).toContain('One person throughout.');
    }
    const changed = panel.getByTestId('recordings-person-changed');
    await expect
      .poll(() => changed.textContent(), { timeout: 30_000 })
      .toMatch(
        /^Person changed between interviews: The face captured in interview 1 does not match the face captured in interview 2/,
      );
    await panel.screenshot({ path: path.join(SHOTS, 'recordings-panel.png') });
  }, 300_000);
});
