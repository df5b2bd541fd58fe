// The due-diligence checklist in a real browser against a real server: import a candidate → open the
// Checklist tab → mark "Hold at least one interview with the camera on" done and see who did it and when →
// mark a step not applicable with a reason → the Assessment tab no longer lists the done step as a gap →
// escalate the case → the response playbook appears on top and its first step can be marked → an admin
// turns a step off in Settings → Policy and it leaves the subject's checklist.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS, writeCandidateBundle } from './session.ts';

const ID = 'cand-checklist-e2e';
let session: Session;
let server: RunningServer;
let page: Page;
let bundleFile: string;

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  bundleFile = writeCandidateBundle('checklist-bundle.json', {
    id: ID,
    name: 'Sam Rivera',
    email: 'sam.rivera@mail.example',
  });
}, 90_000);

afterAll(async () => {
  await session?.close();
});

describe('checklist', () => {
  it('marks a step done and shows who and when; the assessment drops it from the gaps', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles(bundleFile);
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });

    await page.goto(`${server.baseUrl}/subjects/${ID}?tab=checklist`);
    await page.getByTestId('checklist').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('playbook').count()).toBe(0);
    const camera = page.locator('[data-testid="checklist-item"][data-item-id="interview.camera-on"]');
    expect(await camera.getAttribute('data-status')).toBe('open');
    expect(await camera.textContent()).toContain('Why:');

    await camera.getByTestId('checklist-done').click();
    await page
      .locator('[data-testid="checklist-item"][data-item-id="interview.camera-on"][data-status="done"]')
      .waitFor();
    expect(await camera.getByTestId('checklist-who').textContent()).toMatch(
      new RegExp(`^Done by ${ADMIN.name} on \\d{1,2} \\w{3} \\d{4}`),
    );

    const source = page.locator('[data-testid="checklist-item"][data-item-id="application.source-recorded"]');
    await source.getByTestId('checklist-na').click();
    await source.getByTestId('checklist-reason').fill('Internal transfer, no application');
    await source.getByTestId('checklist-na-save').click();
    await page
      .locator(
        '[data-testid="checklist-item"][data-item-id="application.source-recorded"][data-status="not_applicable"]',
      )
      .waitFor();
    expect(await source.getByTestId('checklist-who').textContent()).toContain('reason: Internal transfer');
    await page.getByTestId('stage-interview').screenshot({ path: path.join(SHOTS, 'checklist-tab.png') });

    await page.goto(`${server.baseUrl}/subjects/${ID}`);
    await page.getByTestId('not-evaluated').waitFor({ timeout: 30_000 });
    const gaps = await page
      .getByTestId('gap')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-check')));
    expect(gaps).not.toContain('checklist.interview.camera-on');
    expect(gaps).not.toContain('checklist.application.source-recorded');
    expect(gaps).toContain('checklist.interview.face-cover-test');
    expect(await page.locator('[data-check="checklist.interview.face-cover-test"]').textContent()).toContain(
      'Checklist: Ask for a hand in front of the face',
    );
  }, 90_000);

  it('escalating the case shows the response playbook on top', async () => {
    await page.goto(`${server.baseUrl}/subjects/${ID}?tab=checklist`);
    await page.getByTestId('checklist').waitFor({ timeout: 30_000 });
    for (const [to, label] of [
      ['in_review', /in review/i],
      ['escalated', /escalated/i],
    ] as const) {
      await page.getByTestId(`transition-${to}`).click();
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/case/transition') && r.request().method() === 'POST', {
          timeout: 30_000,
        }),
        page.getByTestId('transition-confirm').click(),
      ]);
      expect(response.status(), await response.text()).toBe(200);
      await expect
        .poll(() => page.getByTestId('case-status').textContent(), { timeout: 30_000 })
        .toMatch(label);
    }
    const playbook = page.getByTestId('playbook');
    await playbook.waitFor({ timeout: 30_000 });
    expect(await playbook.textContent()).toContain('This applies because the case is escalated');
    const hold = page.locator(
      '[data-testid="checklist-item"][data-item-id="response.contain.hold-payments"]',
    );
    await hold.getByTestId('checklist-done').click();
    await page
      .locator(
        '[data-testid="checklist-item"][data-item-id="response.contain.hold-payments"][data-status="done"]',
      )
      .waitFor();
    expect(await hold.getByTestId('checklist-who').textContent()).toContain(`Done by ${ADMIN.name}`);
    await page.getByTestId('phase-contain').screenshot({ path: path.join(SHOTS, 'checklist-playbook.png') });
  }, 90_000);

  it('turning a step off in Settings → Policy removes it from the checklist', async () => {
    await page.goto(`${server.baseUrl}/settings?tab=policy`);
    const card = page.getByTestId('policy-checklist');
    await card.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('policy-inPersonWindowDays').inputValue()).toBe('30');
    await card.getByText('Interviews', { exact: true }).click();
    // The switch's own input takes the click; uncheck() waits for the opening panel to settle and checks the result.
    await card
      .getByRole('switch', { name: 'Use the step “Ask about the claimed city and past employers”' })
      .uncheck();
    await card.screenshot({ path: path.join(SHOTS, 'settings-checklist.png') });
    await page.getByTestId('policy-save').click();
    await page.locator('[data-testid="policy-job"][data-status="succeeded"]').waitFor({ timeout: 60_000 });

    await page.goto(`${server.baseUrl}/subjects/${ID}?tab=checklist`);
    await page.getByTestId('stage-interview').waitFor({ timeout: 30_000 });
    const ids = await page
      .getByTestId('stage-interview')
      .getByTestId('checklist-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));
    expect(ids).toContain('interview.camera-on');
    expect(ids).not.toContain('interview.location-questions');
  }, 90_000);
});
