// Links across people in a real browser against a real server: import bundles where three employees ship
// their laptops to one address, two candidates give one phone number, and a declared couple share a home →
// an employee's Links tab draws the graph (a canvas) and lists the same links → the couple's link is marked
// "declared household" → the Links page ranks the employees' address first and filters by kind.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

const at = '2026-03-01T09:00:00Z';
const FARM = '4521 Oak Ridge Dr, Plano TX 75024';

function person(id: string, name: string, extra: Record<string, unknown> = {}, subject = {}) {
  return {
    format: 'gatecheck.case-bundle/v1',
    subject: { id, kind: id.startsWith('emp') ? 'employee' : 'candidate', name, ...subject },
    ...extra,
  };
}
const shipTo = (to: string) => ({ changes: [{ at, field: 'shipping_address', to }] });

const BUNDLES = [
  person('emp-link-1', 'Chen Wei', shipTo(FARM)),
  person('emp-link-2', 'Dara Khan', shipTo('4521 Oak Ridge Drive, Plano, Texas 75024')),
  person('emp-link-3', 'Eli Stone', shipTo('4521 oak ridge dr plano tx 75024')),
  person('cand-link-1', 'Ana Silva', {}, { phone: '+1 416 555 0134' }),
  person('cand-link-2', 'Boris Ivanov', {}, { phone: '(416) 555-0134', claimedLocation: { country: 'CA' } }),
  person(
    'cand-link-3',
    'Eva Novak',
    {},
    {
      address: '1 Main St, Toronto ON M5H 1A1',
      household: [{ subjectId: 'cand-link-4', relationship: 'spouse' }],
    },
  ),
  person('cand-link-4', 'Filip Novak', {}, { address: '1 Main Street, Toronto, ON M5H 1A1' }),
];

let session: Session;
let server: RunningServer;
let page: Page;
let bundleFile: string;

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  bundleFile = path.join(SHOTS, 'links-bundles.json');
  writeFileSync(bundleFile, JSON.stringify(BUNDLES));
}, 90_000);

afterAll(async () => {
  await session?.close();
});

describe('links', () => {
  it('draws the graph around an employee and lists the same links beside it', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles(bundleFile);
    await page
      .locator('[data-testid="import-result"][data-status="created"]')
      .nth(BUNDLES.length - 1)
      .waitFor({ timeout: 60_000 });

    await page.goto(`${server.baseUrl}/subjects/emp-link-1?tab=links`);
    const graph = page.getByTestId('link-graph');
    await graph.waitFor({ timeout: 30_000 });
    expect(await graph.getAttribute('data-nodes')).toBe('3');
    await graph.locator('canvas').first().waitFor();
    expect(await graph.locator('canvas').count()).toBeGreaterThan(0);
    const items = page.getByTestId('link-item');
    expect(await items.count()).toBe(3);
    const text = (await page.getByTestId('link-list').textContent()) ?? '';
    expect(text).toContain('same shipping address');
    expect(text).toContain('Dara Khan');
    await page.getByTestId('subject-links-tab').screenshot({ path: path.join(SHOTS, 'links-tab.png') });

    await page.goto(`${server.baseUrl}/subjects/cand-link-3?tab=links`);
    await page.getByTestId('link-graph').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="link-item"][data-household="true"]').count()).toBe(1);
    expect(await page.getByTestId('link-list').textContent()).toContain('declared household');
    await page.getByTestId('subject-links-tab').screenshot({ path: path.join(SHOTS, 'links-household.png') });
  }, 120_000);

  it('ranks the employees sharing an address first on the Links page and filters by kind', async () => {
    await page.getByRole('link', { name: 'Links', exact: true }).first().click();
    await page.getByTestId('clusters').waitFor({ timeout: 30_000 });
    const clusters = page.getByTestId('cluster');
    expect(await clusters.count()).toBe(2);
    expect(await clusters.nth(0).getAttribute('data-members')).toMatch(/emp-link-1/);
    expect(await clusters.nth(1).getAttribute('data-members')).toMatch(/cand-link-1/);
    await clusters.nth(0).getByRole('button').first().click();
    await clusters.nth(0).getByTestId('cluster-links').waitFor();
    expect(await clusters.nth(0).textContent()).toMatch(/laptop farm/);
    await page.screenshot({ path: path.join(SHOTS, 'links-page.png'), fullPage: true });

    await page.getByTestId('links-kind').click();
    await page.getByRole('option', { name: 'Phone number' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="cluster"]').length === 1,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('cluster').first().getAttribute('data-members')).toMatch(/cand-link-1/);
  }, 120_000);
});
