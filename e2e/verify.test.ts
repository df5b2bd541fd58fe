// The candidate's verification page in headless Chromium against a real server (SQLite), with the camera
// faked by Chromium from videos built here with ffmpeg from real pictures (scikit-image's sample data from
// Debian): a recruiter (the API, as the admin) sends a link; the candidate opens it, consents, checks the
// camera, takes a photo of their "ID" with the camera (or skips it) and runs the server's randomized
// challenge with the face models served by Gatecheck; the server recomputes the verdict from the trace and
// re-assesses the subject.
//  (i)   a still photo completes the session (ID photo, keyframes, trace), fails the turns and the blink,
//        and fires liveness.spoof and liveness.challenge-failed; the ID face matches the live one;
//  (ii)  a camera named "OBS Virtual Camera" (the label overridden in the page) showing a picture with no face:
//        "we can't see your face" during the challenge, no face frames, liveness.virtual-camera fires;
//  (iv)  declining on the consent screen fires liveness.declined;
//  (v)   a used link shows the 410 message, an unknown one the 404 message.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIMAGE_DATA } from '../test/faces/face-images.ts';
import { ADMIN, launchBrowser } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';
import { SHOTS } from './session.ts';

/** A looping 640×480 y4m video of one still picture, scaled to fit and centred on grey. */
function stillVideo(image: string, file: string): string {
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-i',
      path.join(SKIMAGE_DATA, image),
      '-vf',
      'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:gray,format=yuv420p',
      '-r',
      '15',
      '-t',
      '2',
      '-f',
      'yuv4mpegpipe',
      file,
    ],
    { stdio: 'pipe' },
  );
  return file;
}

type Admin = { cookie: string; csrf: string };
type Signal = { id: string; explanation: string };
type LivenessResultView = {
  integrity: { ok: boolean; problems: { code: string }[] };
  summary: { frames: number; faceFrames: number; embeddings: number; averageFps: number };
  challenges: { kind: string; passed: boolean; detail: string }[];
  virtualCamera: { label: string; flagged: boolean; match: string | null };
  findings: { kind: string; code: string }[];
  keyframes?: { index: number; stepId: string | null; faceFound: boolean }[];
  faceMatch: { matched: boolean; similarity: number } | null;
};
type VerificationItem = { sessionId: string; status: string; result: LivenessResultView | null };

let server: RunningServer;
let admin: Admin;
let videos: string;
const browsers: Browser[] = [];

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.baseUrl}/api/v1${url}`, {
    method,
    headers: {
      cookie: admin.cookie,
      'x-csrf-token': admin.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A candidate and a verification link for them, as a recruiter would send it. */
async function sendLink(id: string, name: string): Promise<{ link: string; sessionId: string }> {
  await call('POST', '/subjects', {
    format: 'gatecheck.case-bundle/v1',
    subject: { id, kind: 'candidate', name, email: `${id}@example.com` },
  });
  const created = await call<{ link: string; verification: { id: string } }>(
    'POST',
    `/subjects/${id}/verifications`,
  );
  return { link: created.link, sessionId: created.verification.id };
}

async function subject(id: string) {
  return call<{
    bundle: { verifications?: VerificationItem[] };
    assessment: { signals: Signal[] } | null;
  }>('GET', `/subjects/${id}`);
}

/** Waits until the subject's assessment has the signal (re-assessment may run just after the answer). */
async function waitForSignal(id: string, signal: string): Promise<Signal[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const signals = (await subject(id)).assessment?.signals ?? [];
    if (signals.some((s) => s.id === signal) || Date.now() > until) return signals;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A page in its own Chromium whose camera plays `video` (a string), or with exactly the given switches. */
async function candidatePage(video: string | { args: string[] }, initScript?: string): Promise<Page> {
  const browser = await launchBrowser(
    typeof video === 'string'
      ? [
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${video}`,
          '--autoplay-policy=no-user-gesture-required',
        ]
      : video.args,
  );
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`page console: ${m.text().slice(0, 300)}`);
  });
  if (initScript) await page.addInitScript(initScript);
  // Nothing may be fetched from anywhere but Gatecheck (models and wasm included).
  await page.route('**/*', (route) =>
    route.request().url().startsWith(`${server.baseUrl}/`) ? route.continue() : route.abort(),
  );
  return page;
}

/** Consent → camera → ID photo (taken with the camera) or skipped → models → run every step. */
async function completeCheck(
  page: Page,
  link: string,
  options: { shots?: string; idPhoto?: boolean } = {},
): Promise<void> {
  const { shots } = options;
  await page.goto(link);
  await page.getByTestId('consent-screen').waitFor();
  if (shots) await page.screenshot({ path: path.join(SHOTS, `${shots}-consent.png`), fullPage: true });
  await page.getByTestId('consent-agree').click();
  await page.getByTestId('camera-start').click();
  await page.getByTestId('device-check').waitFor();
  await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return v !== null && v.videoWidth > 0;
  });
  if (shots) await page.screenshot({ path: path.join(SHOTS, `${shots}-device.png`), fullPage: true });
  await page.getByTestId('camera-continue').click();
  await page.getByTestId('document-step').waitFor();
  if (options.idPhoto) {
    // The candidate holds the "ID" to the camera: here the same portrait, so the ID face matches the live one.
    await page.getByTestId('document-capture').click();
    const status = page.getByTestId('document-status');
    await status.waitFor();
    await page.waitForFunction(
      () =>
        !/Reading your ID/.test(document.querySelector('[data-testid="document-status"]')?.textContent ?? ''),
      undefined,
      { timeout: 90_000 },
    );
    if (shots) await page.screenshot({ path: path.join(SHOTS, `${shots}-id-photo.png`), fullPage: true });
    expect(await page.getByTestId('document-problem').count()).toBe(0);
    await page.getByTestId('document-continue').click();
  } else await page.getByTestId('document-skip').click();
  await page.getByTestId('challenge-start').waitFor({ timeout: 120_000 });
  await page.getByTestId('challenge-start').click();
  await page.getByTestId('challenge-running').waitFor();
  if (shots) {
    await page
      .locator('[data-testid="challenge-instruction"][data-kind]:not([data-kind=""])')
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, `${shots}-challenge.png`), fullPage: true });
  }
}

async function waitDone(page: Page, shots?: string): Promise<void> {
  await page.getByTestId('done-screen').waitFor({ timeout: 150_000 });
  if (shots) await page.screenshot({ path: path.join(SHOTS, `${shots}-done.png`), fullPage: true });
}

async function resultOf(id: string, sessionId: string): Promise<LivenessResultView> {
  const item = (await subject(id)).bundle.verifications?.find((v) => v.sessionId === sessionId);
  expect(item?.status).toBe('completed');
  if (!item?.result) throw new Error(`no result stored for ${sessionId}`);
  if (process.env.VERIFY_E2E_DEBUG) {
    const { integrity, summary, challenges, findings, virtualCamera, keyframes, faceMatch } = item.result;
    console.log(
      JSON.stringify(
        { integrity, summary, challenges, findings, virtualCamera, keyframes, faceMatch },
        null,
        1,
      ),
    );
  }
  return item.result;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  videos = mkdtempSync(path.join(tmpdir(), 'gc-verify-videos-'));
  stillVideo('astronaut.png', path.join(videos, 'still-portrait.y4m'));
  stillVideo('coffee.png', path.join(videos, 'no-face.y4m'));
  server = await startServer();
  const token = new URL(server.setupLink).searchParams.get('token') ?? '';
  const res = await fetch(`${server.baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, email: ADMIN.email, name: ADMIN.name, password: ADMIN.password }),
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  admin = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}, 120_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await server?.stop();
  if (videos) rmSync(videos, { recursive: true, force: true });
});

describe('candidate verification page', () => {
  it('a still photo completes the session against the real server and fails the challenge', async () => {
    const { link, sessionId } = await sendLink('cand-still-photo', 'Eileen Still');
    const page = await candidatePage(path.join(videos, 'still-portrait.y4m'));
    await completeCheck(page, link, { shots: 'verify', idPhoto: true });
    // The backend the face models run on is shown in the technical details: WebAssembly, allowed by the CSP.
    await expect.poll(() => page.getByTestId('tech-analysis-backend').textContent()).toBe('wasm');
    await waitDone(page, 'verify');
    expect(await page.getByTestId('done-screen').textContent()).not.toMatch(/pass|fail|risk|signal/i);

    const result = await resultOf('cand-still-photo', sessionId);
    expect(result.integrity.problems.map((p) => p.code)).not.toContain('nonce');
    expect(result.integrity.problems.map((p) => p.code)).not.toContain('step_missing');
    expect(result.summary.faceFrames).toBeGreaterThan(result.summary.frames * 0.8);
    expect(result.summary.embeddings).toBeGreaterThan(0);
    const passed = (kind: string) => result.challenges.find((c) => c.kind === kind)?.passed;
    expect(result.challenges).toHaveLength(8);
    expect(passed('turn_left')).toBe(false);
    expect(passed('turn_right')).toBe(false);
    expect(passed('blink')).toBe(false);
    expect(result.findings.map((f) => f.code)).toContain('static');
    // One keyframe per step reached the server and was checked against the trace; the ID photo's face
    // (the same portrait) matched the live face.
    expect(result.keyframes?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(result.keyframes?.every((k) => k.faceFound)).toBe(true);
    // The ID photo is read by a background job that may finish after the trace arrived; the server then
    // matches the finished session again.
    await expect
      .poll(async () => (await resultOf('cand-still-photo', sessionId)).faceMatch?.matched, {
        timeout: 90_000,
      })
      .toBe(true);

    const signals = await waitForSignal('cand-still-photo', 'liveness.spoof');
    const ids = signals.map((s) => s.id);
    expect(ids).toContain('liveness.challenge-failed');
    expect(ids).toContain('liveness.spoof');
    expect(ids).not.toContain('liveness.virtual-camera');
  }, 240_000);

  it('a camera named "OBS Virtual Camera" that shows no face (phone-sized): the page says so during the challenge, the result has no face frames, liveness.virtual-camera fires', async () => {
    const { link, sessionId } = await sendLink('cand-virtual-cam', 'Vera Virtual');
    // The fake camera's own label is its file path: rename it as OBS's virtual camera would appear.
    const page = await candidatePage(
      path.join(videos, 'no-face.y4m'),
      `(() => {
        const NAME = 'OBS Virtual Camera';
        Object.defineProperty(MediaStreamTrack.prototype, 'label', {
          get() { return this.kind === 'video' ? NAME : ''; }, configurable: true });
        const list = MediaDevices.prototype.enumerateDevices;
        MediaDevices.prototype.enumerateDevices = async function () {
          const devices = await list.call(this);
          return devices.map((d) => d.kind !== 'videoinput' ? d : ({
            deviceId: d.deviceId, groupId: d.groupId, kind: d.kind, label: NAME, toJSON() { return this; } }));
        };
      })();`,
    );
    // On a phone-sized screen this time: the challenge fits and stays readable.
    await page.setViewportSize({ width: 390, height: 844 });
    await completeCheck(page, link);
    const missing = page.getByTestId('face-missing');
    // Shown while a step runs (not only in the "get ready" moment before the first one).
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="face-missing"]') !== null &&
        (document.querySelector('[data-testid="challenge-instruction"]')?.getAttribute('data-kind') ?? '') !==
          '',
    );
    expect(await missing.textContent()).toContain("We can't see your face");
    await page.screenshot({ path: path.join(SHOTS, 'verify-face-missing.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'verify-challenge-phone.png'), fullPage: true });
    // The page shows the name it will report (technical details of the challenge).
    expect(await page.getByTestId('tech-camera').textContent()).toBe('OBS Virtual Camera');
    await waitDone(page);

    const result = await resultOf('cand-virtual-cam', sessionId);
    expect(result.summary.frames).toBeGreaterThan(0);
    expect(result.summary.faceFrames).toBe(0);
    expect(result.challenges.every((c) => !c.passed)).toBe(true);
    expect(result.virtualCamera).toMatchObject({ label: 'OBS Virtual Camera', flagged: true });
    const signals = await waitForSignal('cand-virtual-cam', 'liveness.virtual-camera');
    const fired = signals.find((s) => s.id === 'liveness.virtual-camera');
    expect(fired?.explanation).toContain('OBS');
    expect(signals.map((s) => s.id)).toContain('liveness.challenge-failed');
  }, 240_000);

  it('declining on the consent screen (phone-sized) ends the session and fires liveness.declined', async () => {
    const { link } = await sendLink('cand-declines', 'Dee Clines');
    const page = await candidatePage(path.join(videos, 'still-portrait.y4m'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(link);
    expect(await page.getByTestId('consent-retention').textContent()).toMatch(/\d+ days/);
    await page.screenshot({ path: path.join(SHOTS, 'verify-consent-phone.png'), fullPage: true });
    await page.getByTestId('consent-decline').click();
    await page.getByTestId('decline-confirm-button').click();
    await page.getByTestId('declined-screen').waitFor();
    const signals = await waitForSignal('cand-declines', 'liveness.declined');
    expect(signals.map((s) => s.id)).toContain('liveness.declined');
    // The link is used up now: opening it again says so.
    await page.goto(link);
    const gone = page.getByTestId('link-gone');
    await gone.waitFor();
    expect(await gone.textContent()).toContain('This link has already been used or has expired');
  }, 120_000);

  it('a blocked camera gets per-browser help with a retry; a machine without a camera is told so', async () => {
    const { link } = await sendLink('cand-no-camera', 'Cam Less');
    // A camera exists but the permission prompt is refused (no fake UI to accept it).
    const blocked = await candidatePage({ args: ['--use-fake-device-for-media-stream'] });
    await blocked.goto(link);
    await blocked.getByTestId('consent-agree').click();
    await blocked.getByTestId('camera-start').click();
    const help = blocked.getByTestId('camera-blocked');
    await help.waitFor();
    expect(await help.textContent()).toContain('Your browser blocked the camera');
    expect(await help.textContent()).toContain('Always allow');
    await blocked.screenshot({ path: path.join(SHOTS, 'verify-camera-blocked.png'), fullPage: true });
    // Allowing it afterwards and pressing "Try again" opens the camera.
    await blocked.context().grantPermissions(['camera']);
    await blocked.getByTestId('camera-retry').click();
    await blocked.getByTestId('device-check').waitFor();

    // No camera at all (this machine has none and no fake one is configured), permission granted.
    const none = await candidatePage({ args: ['--use-fake-ui-for-media-stream'] });
    await none.goto(link);
    await none.getByTestId('camera-start').click();
    const missing = none.getByTestId('camera-not_found');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('No camera found');
  }, 120_000);

  it('a used or unknown link shows a clear message on a phone-sized screen', async () => {
    const { link } = await sendLink('cand-used-link', 'Uma Used');
    // The link is used up by declining through the API, as a second tab would.
    const token = link.split('/verify/')[1] ?? '';
    const declined = await fetch(`${server.baseUrl}/api/v1/verify/${token}/decline`, { method: 'POST' });
    expect(declined.status).toBe(200);
    const page = await candidatePage(path.join(videos, 'still-portrait.y4m'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(link);
    await page.getByTestId('link-gone').waitFor();
    expect(await page.getByTestId('link-gone').textContent()).toContain(
      'This link has already been used or has expired',
    );
    await page.screenshot({ path: path.join(SHOTS, 'verify-link-used-phone.png'), fullPage: true });
    await page.goto(`${server.baseUrl}/verify/not-a-real-token`);
    await page.getByTestId('link-invalid').waitFor();
    expect(await page.getByTestId('link-invalid').textContent()).toContain('This link is not valid');
  }, 120_000);
});
