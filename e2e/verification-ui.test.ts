// The recruiter's and the interviewer's side of live verification, in a real browser against a real server
// (SQLite): add a candidate → Verification tab → send a link (shown once, Copy puts it on the clipboard) →
// the candidate completes the session through the public API with a face swap that swallows the hand under
// a virtual camera → the tab shows the session completed with problems: the failed "cover half the face"
// challenge with the server's own detail, the strong finding, the virtual camera, and a chart of the session
// (SVG with pose and face-score lines, the failed window shaded, finding moments marked) → Interview assist:
// record a failed hand wave → interview.occlusion-artifact is on the subject.
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengePlan, LivenessResult } from '../src/core/liveness/types.ts';
import { skimageImage } from '../test/faces/face-images.ts';
import { paintedOverHand, swallowedHand, withCameraLabel } from '../test/liveness/attacks.ts';
import { buildHonestSession } from '../test/liveness/trace-builder.ts';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

let session: Session;
let server: RunningServer;
let page: Page;
let subjectId = '';
let link = '';

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

/** Element screenshots taller than the window: the fixed app header would be stitched over them. */
const NO_HEADER = '.mantine-AppShell-header { display: none !important; }';

/** The candidate's side, as their browser would call it (no account: only the link's token). */
async function candidate(token: string, step: string, body?: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}/api/v1/verify/${token}${step}`, {
    method: step === '' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (Candidate e2e)' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function subjectResult(): Promise<LivenessResult> {
  const detail = (await page.evaluate(
    async (url) => (await fetch(url)).json(),
    `/api/v1/subjects/${encodeURIComponent(subjectId)}`,
  )) as { bundle: { verifications: { result: LivenessResult | null }[] } };
  const result = detail.bundle.verifications[0]?.result;
  if (!result) throw new Error('no result on the subject');
  return result;
}

describe('verification tab and interview assist', () => {
  it('adds a candidate and opens the Verification tab', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/subjects/new`);
    await page.getByTestId('add-candidate-form').waitFor();
    await page.getByTestId('candidate-name').fill('Morgan Vale');
    await page.getByTestId('candidate-email').fill('morgan.vale@example.com');
    await page.getByTestId('candidate-city').fill('Toronto');
    await page.getByTestId('candidate-country').fill('Canada');
    await page.getByRole('option', { name: 'Canada (CA)' }).click();
    await page.getByTestId('add-candidate-submit').click();
    await page.waitForURL(/\/subjects\/(?!new)[^/?]+$/, { timeout: 30_000 });
    subjectId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(subjectId).toMatch(/^cand-/);
    await page.getByTestId('tab-verification').click();
    await page.getByTestId('verification-tab').waitFor();
    await page.getByTestId('no-sessions').waitFor();
    expect(await page.getByTestId('verification-tab').textContent()).toMatch(
      /hand in front of half the face/,
    );
  });

  it('sends a link: shown once with its expiry, Copy puts it on the clipboard, the session is listed as sent', async () => {
    await page.getByTestId('send-verification').click();
    const shown = page.getByTestId('verification-link');
    await shown.waitFor();
    link = ((await shown.textContent()) ?? '').trim();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/verify/[A-Za-z0-9_-]{43}$`));
    expect(await page.getByTestId('link-expiry').textContent()).toMatch(/Works once, until .*shown only now/);
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const status = page.getByTestId('session-status').first();
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('sent');
    expect(await status.textContent()).toBe('Sent');
  });

  it('after the candidate completes it with a face swap, shows the failed challenge, the findings and the chart', async () => {
    const token = link.split('/').pop() ?? '';
    expect((await candidate(token, '')).status).toBe(200);
    expect((await candidate(token, '/consent', {})).status).toBe(200);
    const challenge = await candidate(token, '/challenge');
    expect(challenge.status).toBe(200);
    const { plan } = (await challenge.json()) as { plan: ChallengePlan };
    const attack = withCameraLabel(
      swallowedHand(paintedOverHand(buildHonestSession({ plan, seed: 9 }))),
      'OBS Virtual Camera',
    );
    // The browser sends a few camera pictures while the challenge runs: one during the hand cover, one
    // during the profile turn (a real portrait; the server checks them against the trace with its own face
    // models, and the synthetic trace's numbers cannot agree with them: a keyframe mismatch).
    const frame = await sharp(skimageImage('astronaut.png'))
      .resize(640, 480, { fit: 'contain', background: '#808080' })
      .jpeg({ quality: 85 })
      .toBuffer();
    const uploaded: string[] = [];
    for (const kind of ['cover_half', 'turn_left'] as const) {
      const step = attack.trace.steps.find((x) => x.kind === kind);
      if (!step) throw new Error(`no ${kind} step`);
      const res = await fetch(
        `${server.baseUrl}/api/v1/verify/${token}/keyframes?t=${step.startMs + 600}&step=${step.id}`,
        { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: frame },
      );
      expect(res.status, await res.clone().text()).toBe(201);
      uploaded.push(step.id);
    }
    const submitted = await candidate(token, '/trace', attack.trace);
    expect(submitted.status, await submitted.clone().text()).toBe(200);

    // No reload: the open tab follows the session while it is not finished, then loads its result.
    const status = page.getByTestId('session-status').first();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
    expect(await status.textContent()).toBe('Completed');
    await page.getByTestId('session-verdict').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('session-verdict').textContent()).toBe('Problems found');
    await page.getByTestId('session-result').waitFor();
    expect(await page.getByTestId('session-ip').first().textContent()).toMatch(/127\.0\.0\.1/);

    // The server's own verdict, as the subject's record holds it, is what the tab shows.
    const result = await subjectResult();
    const failed = result.challenges.filter((c) => !c.passed);
    expect(failed.map((c) => c.kind)).toContain('cover_half');
    const cover = page.locator('[data-testid="challenge"][data-kind="cover_half"]');
    expect(await cover.getAttribute('data-passed')).toBe('false');
    const coverVerdict = failed.find((c) => c.kind === 'cover_half');
    expect(await cover.getByTestId('challenge-detail').textContent()).toBe(coverVerdict?.detail);
    expect(await cover.textContent()).toMatch(
      coverVerdict?.reactionMs === null ? /Not performed within the time allowed/ : /Reaction time \d/,
    );
    expect(await page.locator('[data-testid="challenge"][data-passed="true"]').first().textContent()).toMatch(
      /Reaction time \d/,
    );
    expect(await page.locator('[data-testid="challenge"][data-passed="true"]').count()).toBe(
      result.challenges.length - failed.length,
    );
    const strong = page.locator('[data-testid="finding"][data-weak="false"]');
    expect(await strong.count()).toBe(result.findings.filter((f) => !f.weak).length);
    expect(await strong.first().textContent()).toMatch(/Strong evidence/);
    expect(await page.getByTestId('virtual-camera').getAttribute('data-flagged')).toBe('true');
    expect(await page.getByTestId('virtual-camera').textContent()).toMatch(/OBS/);
    expect(await page.getByTestId('face-match').getAttribute('data-matched')).toBe('none');
    // The pictures sit beside the challenge they were taken in, loaded from the server (audited).
    expect(result.keyframes.map((k) => k.stepId)).toEqual(uploaded);
    const coverFrame = cover.getByTestId('keyframe');
    expect(await coverFrame.count()).toBe(1);
    // Thumbnails load lazily (each read is audited): bring this one into view first.
    await coverFrame.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        coverFrame.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      )
      .toBe(640);
    expect(await coverFrame.textContent()).toMatch(result.keyframes[0]?.agrees ? /matches/ : /mismatch/);
    expect(
      await page.locator('[data-testid="challenge"][data-kind="turn_left"] [data-testid="keyframe"]').count(),
    ).toBe(1);
    expect(await page.getByTestId('keyframe-missing').count()).toBe(0);
    // A disagreeing picture makes the measurements untrustworthy, shown with the picture.
    const mismatch = result.integrity.problems.filter((p) => p.code === 'keyframe_mismatch');
    expect(await page.getByTestId('integrity').getAttribute('data-ok')).toBe(String(result.integrity.ok));
    if (mismatch.length > 0)
      expect(await page.getByTestId('integrity').getByTestId('keyframe').count()).toBeGreaterThan(0);

    const chart = page.getByTestId('session-chart');
    await chart.waitFor({ timeout: 20_000 });
    expect(Number(await chart.getAttribute('data-points'))).toBe(
      attack.trace.frames.filter((f) => f.face !== null).length,
    );
    const yaw = (await page.getByTestId('chart-yaw').getAttribute('d')) ?? '';
    expect(yaw.match(/[ML]/g)?.length).toBeGreaterThan(100);
    expect((await page.getByTestId('chart-score').getAttribute('d'))?.length).toBeGreaterThan(100);
    expect(await page.locator('[data-testid="chart-window"]').count()).toBe(plan.steps.length);
    expect(await page.locator('[data-testid="chart-window"][data-passed="false"]').count()).toBe(
      failed.length,
    );
    expect(await page.getByTestId('chart-marker').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-keyframe').count()).toBe(uploaded.length);

    await page.getByTestId('verification-tab').screenshot({
      path: path.join(SHOTS, 'verification-tab.png'),
      style: NO_HEADER,
    });

    // The liveness signals on the Assessment tab show the frames they quote.
    await page.getByRole('tab', { name: 'Assessment' }).click();
    const signal = page.locator('[data-testid="signal-card"][data-signal-id="liveness.challenge-failed"]');
    await signal.waitFor();
    const quoted = signal.getByTestId('signal-frames').getByTestId('keyframe');
    expect(await quoted.count()).toBeGreaterThan(0);
    await page.getByTestId('tab-verification').click();
    await page.getByTestId('verification-tab').waitFor();
  });

  it('interview assist: a failed hand wave saved to the interview raises interview.occlusion-artifact', async () => {
    await page.getByTestId('open-interview-assist').click();
    await page.waitForURL(/\/interview-assist$/);
    await page.getByTestId('interview-assist').waitFor();
    expect(await page.getByTestId('check-smallTalk').textContent()).toMatch(/Toronto/);
    await page.getByTestId('result-handWave-failed').click();
    await page.getByTestId('note-handWave').fill('the left cheek slid over the fingers');
    await page.getByTestId('result-pencil-passed').click();
    await page.getByTestId('result-smallTalk-passed').click();
    expect(await page.getByTestId('check-handWave').getAttribute('data-result')).toBe('failed');
    await page.getByTestId('save-interview').click();
    const card = page.locator(
      '[data-testid="assist-signals"] [data-testid="signal-card"][data-signal-id="interview.occlusion-artifact"]',
    );
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('data-severity')).toBe('high');
    expect(
      await page
        .locator('[data-testid="assist-signals"] [data-signal-id="interview.location-knowledge"]')
        .count(),
    ).toBe(0);

    const detail = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/subjects/${encodeURIComponent(subjectId)}`,
    )) as {
      bundle: { interviews?: { checks?: Record<string, string>; observations?: string[] }[] };
      assessment: { signals: { id: string }[] };
    };
    expect(detail.assessment.signals.map((s) => s.id)).toContain('interview.occlusion-artifact');
    const [interview] = detail.bundle.interviews ?? [];
    expect(interview?.checks).toMatchObject({ handOcclusion: 'artifact', locationSmallTalk: 'passed' });
    expect(interview?.observations?.[0]).toMatch(/the left cheek slid over the fingers$/);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('interview-assist').screenshot({
      path: path.join(SHOTS, 'interview-assist.png'),
      style: NO_HEADER,
    });
  });

  it('a second call: only what that call raised is listed as raised by it', async () => {
    await page.getByTestId('assist-new').click();
    expect(await page.getByTestId('check-handWave').getAttribute('data-result')).toBe('not_done');
    for (const id of ['handWave', 'pencil', 'profile', 'room'])
      await page.getByTestId(`result-${id}-passed`).click();
    await page.getByTestId('result-smallTalk-failed').click();
    await page.getByTestId('save-interview').click();
    const raised = page.locator('[data-testid="assist-signals"] [data-testid="signal-card"]');
    await page
      .locator('[data-testid="assist-signals"] [data-signal-id="interview.location-knowledge"]')
      .waitFor();
    expect(await raised.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-signal-id')))).toEqual([
      'interview.location-knowledge',
    ]);
    // The first call's artifact is still on the subject, listed as earlier.
    expect(await page.getByTestId('assist-earlier').textContent()).toMatch(/earlier interviews/);
    const detail = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/subjects/${encodeURIComponent(subjectId)}`,
    )) as { bundle: { interviews?: unknown[] }; assessment: { signals: { id: string }[] } };
    expect(detail.bundle.interviews).toHaveLength(2);
    expect(detail.assessment.signals.map((x) => x.id)).toEqual(
      expect.arrayContaining(['interview.occlusion-artifact', 'interview.location-knowledge']),
    );
  });
});
