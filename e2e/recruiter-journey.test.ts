// A new user's first session, in a real browser against a real server on SQLite:
// set up the admin → import the example bundles → see the infiltrator's signals →
// escalate the case → see the audit entry. Screenshots land in .e2e/ for the README.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, setUpAdmin } from './browser.ts';
import { EXAMPLES, type RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

let session: Session;
let server: RunningServer;
let page: Page;

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
}, 90_000);

afterAll(async () => {
  await session?.close();
});

/** Confirms the pending case move and checks the server accepted it (its answer is in the failure message). */
async function confirmTransition(): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/case/transition') && r.request().method() === 'POST', {
      timeout: 30_000,
    }),
    page.getByTestId('transition-confirm').click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
}

describe('a recruiter on a fresh install', () => {
  it('creates the admin account from the one-time setup link', async () => {
    await setUpAdmin(page, server.setupLink);
    expect(await page.getByTestId('user-menu').textContent()).toContain(ADMIN.name);

    // The link is single-use: the server now says setup is done.
    const again = await fetch(`${server.baseUrl}/api/v1/setup`);
    expect(await again.json()).toEqual({ needsSetup: false });
  });

  it('imports the example bundles and sees the invalid one rejected with every problem', async () => {
    await page.getByTestId('import-button').first().click();
    await page
      .getByTestId('import-file-input')
      .setInputFiles(
        ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous', '04-invalid'].map((n) =>
          path.join(EXAMPLES, `${n}.json`),
        ),
      );
    const results = page.getByTestId('import-result');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(4);
    const statuses = await results.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    expect(statuses.filter((s) => s === 'created')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(1);

    const paths = await page.getByTestId('problem-path').allInnerTexts();
    for (const bad of [
      'subject.id',
      'subject.kind',
      'subject.dateOfBirth',
      'logins[0].at',
      'payments[0].currency',
      'changes',
    ]) {
      expect(paths).toContain(bad);
    }
    await page.screenshot({ path: path.join(SHOTS, 'import.png'), fullPage: true });
  });

  it('lists the subjects with their bands', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('subject-row').first().waitFor();
    expect(await page.getByTestId('subject-row').count()).toBe(3);
    const kyle = page.getByTestId('subject-row').filter({ hasText: 'Kyle Anderson' });
    expect((await kyle.getByTestId('band-badge').innerText()).toLowerCase()).toContain('critical');
    const isabelle = page.getByTestId('subject-row').filter({ hasText: 'Isabelle Fortin' });
    expect((await isabelle.getByTestId('band-badge').innerText()).toLowerCase()).toContain('low');
    await page.screenshot({ path: path.join(SHOTS, 'subjects.png'), fullPage: true });
  });

  it("opens the infiltrator's assessment and reads the signals with their evidence", async () => {
    await page
      .getByTestId('subject-row')
      .filter({ hasText: 'Kyle Anderson' })
      .getByTestId('subject-link')
      .click();
    await page.getByTestId('signal-card').first().waitFor();
    const cards = await page.getByTestId('signal-card').allInnerTexts();
    const text = cards.join('\n');
    expect(text).toMatch(/camera/i);
    expect(text).toMatch(/cryptocurrency/i);
    expect(cards.length).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId('signal-evidence').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('gap').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'subject.png'), fullPage: true });
  });

  it('escalates the case and sees the audit entry', async () => {
    await page.getByTestId('transition-in_review').click();
    await confirmTransition();
    await expect
      .poll(() => page.getByTestId('case-status').textContent(), { timeout: 30_000 })
      .toMatch(/in review/i);

    await page.getByTestId('transition-escalated').click();
    await page
      .getByTestId('transition-note')
      .fill('Camera refused, crypto pay request, shipping change: escalating.');
    await confirmTransition();
    await expect
      .poll(() => page.getByTestId('case-status').textContent(), { timeout: 30_000 })
      .toMatch(/escalated/i);

    await page.getByTestId('audit-list').waitFor();
    const transitions = page.locator('[data-testid="audit-entry"][data-action="case.transitioned"]');
    await expect.poll(() => transitions.count(), { timeout: 30_000 }).toBe(2);
    // Newest first: open the escalation entry and read what it recorded.
    await transitions.first().getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => transitions.first().innerText(), { timeout: 15_000 }).toMatch(/escalated/);
    await page.screenshot({ path: path.join(SHOTS, 'case.png'), fullPage: true });
  });
});
