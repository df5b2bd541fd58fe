// Privacy in a real browser against a real server: the retention periods in Settings → Privacy; on a subject's
// Privacy tab an admin sets a legal hold (with a reason), a deletion is then refused with the hold explained,
// the access log lists the opening of the record, and after the hold is released the deletion goes through.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS, writeCandidateBundle } from './session.ts';

const ID = 'cand-privacy-e2e';
let session: Session;
let server: RunningServer;
let page: Page;
let bundleFile: string;

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  bundleFile = writeCandidateBundle('privacy-bundle.json', {
    id: ID,
    name: 'Jordan Lee',
    email: 'jordan.lee@mail.example',
  });
}, 90_000);

afterAll(async () => {
  await session?.close();
});

describe('privacy', () => {
  it('shows the retention periods in Settings → Privacy', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/settings?tab=privacy`);
    await page.getByTestId('retention-settings').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('retention-biometrics').inputValue()).toBe('30');
    expect(await page.getByTestId('retention-documents').inputValue()).toBe('365');
  }, 90_000);

  it('holds the case, refuses the deletion while held, lists the access, then deletes after release', async () => {
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles(bundleFile);
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}/subjects/${ID}?tab=privacy`);
    // Enabled once the page knows the user is an admin.
    await page.locator('[data-testid="legal-hold-switch"]:not([disabled])').waitFor({ timeout: 30_000 });

    await page.getByRole('switch', { name: 'Legal hold' }).click({ force: true });
    await page.getByTestId('legal-hold-reason').fill('Former employer filed a claim');
    await page.getByRole('button', { name: 'Set the hold' }).click();
    await page.getByText('Set by Ada Admin').waitFor();
    expect(await page.getByRole('switch', { name: 'Legal hold' }).isChecked()).toBe(true);
    expect(await page.getByTestId('access-log').textContent()).toContain('Opened the record');
    await page.getByTestId('privacy-tab').screenshot({ path: path.join(SHOTS, 'privacy-tab.png') });

    await page.getByTestId('delete-personal-data').click();
    await page.getByTestId('delete-confirm').fill(ID);
    await page.getByTestId('delete-confirm-button').click();
    await page.getByText('Nothing was deleted').waitFor();
    expect(await page.getByRole('dialog').textContent()).toMatch(/legal hold/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.getByRole('switch', { name: 'Legal hold' }).click({ force: true });
    await page.getByTestId('legal-hold-reason').fill('Claim settled');
    await page.getByRole('button', { name: 'Release the hold' }).click();
    await page.getByText('Released by Ada Admin').waitFor();
    await page.getByTestId('delete-personal-data').click();
    await page.getByTestId('delete-confirm').fill(ID);
    await page.getByTestId('delete-confirm-button').click();
    await page.waitForURL(`${server.baseUrl}/`);
    const res = await page.request.get(`${server.baseUrl}/api/v1/subjects/${ID}`);
    expect(res.status()).toBe(404);
  }, 90_000);
});
