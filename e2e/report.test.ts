// The Report tab in a real browser against a real server: import the example infiltrator → Report tab →
// preserve the evidence with a reason → the snapshot is listed with its manifest hash → Check says unchanged →
// the PDF downloads; the subjects list offers the CSV exports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
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

describe('report tab', () => {
  it('preserves the evidence, checks it and downloads the PDF report', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page
      .getByTestId('import-file-input')
      .setInputFiles(path.join(EXAMPLES, '02-clear-infiltrator.json'));
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });

    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('export-subjects-csv').waitFor();
    expect(await page.getByTestId('export-signals-csv').getAttribute('href')).toBe(
      '/api/v1/exports/signals.csv',
    );

    await page.goto(`${server.baseUrl}/subjects/emp-0207?tab=report`);
    await page.getByTestId('report-tab').waitFor({ timeout: 30_000 });
    await page.getByTestId('snapshot-reason').fill('Before calling our lawyer');
    await page.getByTestId('snapshot-create').click();
    const list = page.getByTestId('snapshot-list');
    await list.getByText('Before calling our lawyer').waitFor({ timeout: 30_000 });
    expect(await list.locator('code').first().textContent()).toMatch(/^[0-9a-f]{12}…$/);
    await list.getByRole('button', { name: 'Check' }).first().click();
    await page.getByTestId('snapshot-verified').waitFor({ timeout: 30_000 });
    await page.getByTestId('report-tab').screenshot({ path: path.join(SHOTS, 'report-tab.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-pdf').click(),
    ]);
    const file = path.join(SHOTS, 'report.pdf');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^emp-0207-report-.+\.pdf$/);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
