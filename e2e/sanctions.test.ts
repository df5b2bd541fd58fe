// Sanctions screening in a real browser against a real server with the shipped lists:
// set up the admin → screen a DPRK-listed name from the UN list with its date of birth →
// see a match whose date of birth corroborates → see the loaded lists in Settings.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

// UN Security Council Consolidated List of 2026-02-27 (shipped default), entry KPi.006:
// PAEK CHANG-HO, born 1964-06-18, DPRK programme.
const LISTED = { name: 'Paek Chang Ho', dob: '1964-06-18', entryId: 'KPi.006' };

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

describe('sanctions screening', () => {
  it('sets up the admin account', async () => {
    await setUpAdmin(page, server.setupLink);
  });

  it('screens a UN-listed DPRK name with its date of birth and sees the corroborated match', async () => {
    await page.getByRole('link', { name: 'Screening' }).first().click();
    await page.getByTestId('screen-form').waitFor();
    await page.getByTestId('screen-name').fill(LISTED.name);
    await page.getByTestId('screen-dob').fill(LISTED.dob);
    await page.getByTestId('screen-submit').click();
    await page.getByTestId('screen-result').waitFor({ timeout: 30_000 });

    const match = page.locator(
      `[data-testid="sanctions-match"][data-list="un"][data-entry-id="${LISTED.entryId}"]`,
    );
    await match.waitFor();
    expect(Number(await match.getByTestId('match-score').getAttribute('data-score'))).toBeGreaterThanOrEqual(
      90,
    );
    const corroboration = match.getByTestId('match-corroboration');
    expect(Number(await corroboration.getAttribute('data-agrees'))).toBeGreaterThanOrEqual(1);
    expect(await corroboration.textContent()).toMatch(/date of birth agrees/i);
    // A corroborated name match is more than "possible".
    expect(['high', 'critical']).toContain(await match.getAttribute('data-severity'));
    await page.screenshot({ path: path.join(SHOTS, 'screening.png'), fullPage: true });
  }, 60_000);

  it('says plainly when no list entry resembles a name', async () => {
    await page.getByTestId('screen-name').fill('Isabelle Fortin');
    await page.getByTestId('screen-dob').fill('');
    await page.getByTestId('screen-submit').click();
    await expect
      .poll(() => page.getByTestId('screen-result').getAttribute('data-count'), { timeout: 30_000 })
      .toBe('0');
    expect(await page.getByTestId('screen-result').textContent()).toContain(
      'No list entry resembles this name',
    );
  });

  it('shows the loaded lists in Settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByTestId('settings-tab-sanctions').click();
    await page.getByTestId('lists-table').waitFor();
    const lists = await page
      .getByTestId('list-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-list')));
    expect(lists).toEqual(expect.arrayContaining(['un', 'ofac-sdn', 'ca-sema']));
    const un = page.locator('[data-testid="list-row"][data-list="un"]');
    expect(await un.textContent()).toMatch(/27 Feb 2026/);
    // Admins can import newer files.
    expect(await page.getByTestId('lists-import-input').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'sanctions-lists.png'), fullPage: true });
  }, 60_000);
});
