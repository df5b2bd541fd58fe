// The claims table in a real browser against a real server: import a candidate whose resume and application
// disagree about when a job started, whose name is written "Kim Min-jun", "Minjun Kim" and 김민준 → open the
// Claims tab → the employer row differs (tinted, "Differs", the reason in words) and its warning sign opens
// from the row; the name row agrees across order and transliteration; the legend explains each status.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

const ID = 'cand-claims-e2e';

const bundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: {
    id: ID,
    kind: 'candidate',
    name: 'Kim Min-jun',
    email: 'minjun.kim@mail.example',
    phone: '+1 416 555 0134',
    dateOfBirth: '1993-05-14',
    claimedLocation: { city: 'Toronto', region: 'ON', country: 'CA', timezone: 'America/Toronto' },
    role: 'Backend Developer',
  },
  resume: {
    text: 'Minjun Kim — Backend Developer',
    contact: {
      name: 'Minjun Kim',
      emails: ['minjun.kim@mail.example'],
      phones: ['+14165550134'],
      location: 'Toronto, ON',
    },
  },
  application: {
    submittedAt: '2026-03-02T10:00:00-05:00',
    answers: { legalName: 'Minjun Kim', workAuthorization: 'citizen', citizenship: 'Canada' },
  },
  employment: [
    {
      employer: 'Shopwise Inc.',
      title: 'Backend Developer',
      start: '2019-04',
      end: '2022-08',
      location: 'Toronto, ON',
      source: 'resume',
    },
    {
      employer: 'Shopwise',
      title: 'Backend Developer',
      start: '2021-01',
      end: '2022-08',
      source: 'application',
    },
    { employer: 'Maple Data Ltd', title: 'Software Engineer', start: '2022-09', end: null, source: 'resume' },
    {
      employer: 'Maple Data',
      title: 'Senior Software Engineer',
      start: '2022-10',
      end: null,
      source: 'interview',
    },
  ],
  education: [
    {
      institution: 'University of Waterloo',
      degree: 'BMath Computer Science',
      end: '2015-06',
      source: 'resume',
    },
  ],
  documents: [{ kind: 'passport', fields: { name: '김민준', dateOfBirth: '1993-05-14', nationality: 'CA' } }],
  references: [
    {
      name: 'Priya Raman',
      relationship: 'former manager',
      organization: 'Maple Data',
      email: 'priya.raman@mapledata.example',
      outcome: 'verified',
    },
  ],
};

/** Element screenshots taller than the window: the fixed app header would be stitched over them. */
const NO_HEADER = '.mantine-AppShell-header { display: none !important; }';

let session: Session;
let server: RunningServer;
let page: Page;
let bundleFile: string;

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  bundleFile = path.join(SHOTS, 'claims-bundle.json');
  writeFileSync(bundleFile, JSON.stringify(bundle, null, 2));
}, 90_000);

afterAll(async () => {
  await session?.close();
});

const row = (field: string, label?: string) =>
  page.locator(
    `[data-testid="claims-row"][data-field="${field}"]${label ? `:has([data-testid="claims-row-label"]:text-is("${label}"))` : ''}`,
  );

describe('claims table', () => {
  it('imports the candidate and opens the Claims tab', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles(bundleFile);
    await page.locator('[data-testid="import-result"][data-status="created"]').waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}/subjects/${ID}`);
    await page.getByTestId('tab-claims').click();
    await page.getByTestId('claims-table').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('tab')).toBe('claims');
  }, 90_000);

  it('highlights the employer whose start date differs between the resume and the application', async () => {
    const shopwise = row('employer', 'Shopwise Inc.');
    expect(await shopwise.getAttribute('data-status')).toBe('differ');
    expect(await shopwise.getByTestId('claims-row-status').textContent()).toBe('Differs');
    const resume = shopwise.locator('[data-testid="claims-cell"][data-column="resume"]');
    const application = shopwise.locator('[data-testid="claims-cell"][data-column="application"]');
    expect(await resume.getAttribute('data-status')).toBe('differ');
    expect(await application.getAttribute('data-status')).toBe('differ');
    // Colour and words: the cell is tinted and says "Differs" with the reason.
    const tint = await resume.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(tint).not.toBe('rgba(0, 0, 0, 0)');
    expect(await application.getByTestId('claims-value-status').textContent()).toBe('Differs');
    expect(await application.getByTestId('claims-note').first().textContent()).toBe(
      'Differs from the resume: start 2019-04 in the resume but 2021-01 in the application',
    );
    expect(await application.getByTestId('claims-value-text').textContent()).toBe(
      'Backend Developer, 2021-01 to 2022-08',
    );

    // The other employer agrees across resume, interview (a month apart, "Senior") and a verified reference.
    const maple = row('employer', 'Maple Data Ltd');
    expect(await maple.getAttribute('data-status')).toBe('agree');
    expect(
      await maple
        .locator('[data-testid="claims-cell"]')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-column')}:${e.getAttribute('data-status')}`),
        ),
    ).toEqual(expect.arrayContaining(['resume:agree', 'interview:agree', 'references:agree']));
  }, 60_000);

  it('shows agreement for "Kim Min-jun" and "Minjun Kim", and the Hangul name as explained', async () => {
    const name = row('name');
    const texts = await name.getByTestId('claims-value-text').allTextContents();
    expect(texts).toEqual(['Minjun Kim', 'Minjun Kim', '김민준', 'Kim Min-jun']);
    const statuses = await name
      .getByTestId('claims-value')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    // Resume, application and the record agree; the passport's Hangul is a transliteration, explained.
    expect(statuses).toEqual(['agree', 'agree', 'explained', 'agree']);
    expect(await name.getAttribute('data-status')).toBe('explained');
    const passport = name.locator('[data-testid="claims-cell"][data-column="documents"]');
    expect(await passport.getByTestId('claims-value-status').textContent()).toBe('Explained');
    expect(await passport.getByTestId('claims-note').first().textContent()).toBe(
      'Differs from the resume, the application and the subject record (explained): the Hangul name romanised (Revised Romanization) matches; the family name is another romanisation of the same Korean name',
    );
    const record = name.locator('[data-testid="claims-cell"][data-column="record"]');
    expect(await record.getAttribute('data-status')).toBe('agree');
    expect(await record.getByTestId('claims-note').count()).toBe(0);
    expect(await row('dateOfBirth').getAttribute('data-status')).toBe('agree');
    expect(await row('email').getAttribute('data-status')).toBe('agree');
    expect(await row('phone').getAttribute('data-status')).toBe('agree');
    expect(await row('location').getAttribute('data-status')).toBe('agree');
    expect(await row('citizenship').getAttribute('data-status')).toBe('agree');
  }, 60_000);

  it('explains every status in the legend and opens the warning sign of the differing row', async () => {
    const legend = page.getByTestId('claims-legend');
    expect(
      await legend
        .getByTestId('claims-legend-item')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
    ).toEqual(['differ', 'unclear', 'explained', 'agree', 'single']);
    expect(await legend.textContent()).toContain('Differs: The sources contradict each other.');
    expect(await page.getByTestId('claims-counts').textContent()).toBe(
      '1 claim differs between sources. 1 explained.',
    );
    await page
      .getByTestId('claims-tab')
      .screenshot({ path: path.join(SHOTS, 'claims.png'), style: NO_HEADER });

    const link = row('employer', 'Shopwise Inc.').locator(
      '[data-testid="claims-signal-link"][data-signal-id="consistency.employment"]',
    );
    await link.click();
    const card = page
      .getByTestId('claims-signal')
      .locator('[data-testid="signal-card"][data-signal-id="consistency.employment"]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('signal-explanation').textContent()).toContain(
      'start 2019-04 in the resume but 2021-01 in the application',
    );
  }, 60_000);
});
