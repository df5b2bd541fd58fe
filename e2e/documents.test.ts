// Documents, resumes and the claims they feed, in a real browser against a real server (SQLite):
// import a candidate whose application dates a Shopwise job differently from the resume → upload the resume
// (PDF) from the Documents tab and see what was read, then the claims table flag the Shopwise dates →
// upload a generated passport page photographed sideways → the analysis reads the MRZ: the image is shown
// upright with the MRZ box over the zone, the lines, fields and "Valid" → upload the same ID card re-saved
// in Photoshop as a national ID → a strong "image-editing software" finding first, with what it means; the
// error-level image instead of and beside the original → the same photo uploaded for another candidate is
// flagged there, linking back → delete the edited file after confirming.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleBox } from '../src/web/features/documents/model.ts';
import { photoshopJpeg } from '../test/documents/forensic-fixtures.ts';
import {
  buildMrz,
  type IdPerson,
  makeVariant,
  PERSON,
  printedFromPerson,
  renderIdImage,
} from '../test/documents/id-images.ts';
import { buildResumePdf } from '../test/resumes/build.ts';
import { setUpAdmin } from './browser.ts';
import type { RunningServer } from './server.ts';
import { openSession, type Session, SHOTS } from './session.ts';

const ID = 'cand-docs-e2e';
/** The resume's person (test/resumes/build.ts) on a Canadian passport (a real state: the MRZ is fully valid). */
const JORDAN: IdPerson = {
  ...PERSON,
  issuingState: 'CAN',
  nationality: 'CAN',
  surname: 'LEE',
  givenNames: 'JORDAN AVERY',
  documentNumber: 'AB1234567',
  birthDate: '900412',
  sex: 'M',
};

const bundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: {
    id: ID,
    kind: 'candidate',
    name: 'Jordan Avery Lee',
    dateOfBirth: '1990-04-12',
    email: 'jordan.lee@example.com',
    claimedLocation: { city: 'Ottawa', region: 'ON', country: 'CA', timezone: 'America/Toronto' },
    role: 'Backend Developer',
  },
  application: { submittedAt: '2026-03-02T10:00:00-05:00', answers: { legalName: 'Jordan Lee' } },
  // The application dates the Shopwise job a year and a half later than the resume does (Jan 2019).
  employment: [
    {
      employer: 'Shopwise',
      title: 'Senior Software Engineer',
      start: '2020-06',
      end: '2022-08',
      source: 'application',
    },
  ],
};

/** Element screenshots taller than the window: the fixed app header would be stitched over them. */
const NO_HEADER = '.mantine-AppShell-header { display: none !important; }';

/** Someone else, who will upload the very same edited ID card photo. */
const OTHER = {
  format: 'gatecheck.case-bundle/v1',
  subject: { id: 'cand-docs-e2e-2', kind: 'candidate', name: 'Adaeze Okonkwo' },
};

let session: Session;
let server: RunningServer;
let page: Page;
const files = {
  bundle: path.join(SHOTS, 'documents-bundle.json'),
  other: path.join(SHOTS, 'documents-other-bundle.json'),
  resume: path.join(SHOTS, 'jordan-lee-resume.pdf'),
  passport: path.join(SHOTS, 'passport-sideways.png'),
  edited: path.join(SHOTS, 'id-card-photoshop.jpg'),
};

beforeAll(async () => {
  session = await openSession();
  ({ server, page } = session);
  writeFileSync(files.bundle, JSON.stringify(bundle, null, 2));
  writeFileSync(files.other, JSON.stringify(OTHER, null, 2));
  writeFileSync(files.resume, await buildResumePdf());
  const passport = await renderIdImage({
    format: 'TD3',
    lines: buildMrz('TD3', JORDAN),
    printed: printedFromPerson(JORDAN),
    width: 1400,
  });
  // Photographed sideways: turned 90° clockwise, so the reader turns it 270° to read it.
  writeFileSync(files.passport, await makeVariant(passport.png, 'rotate90'));
  writeFileSync(files.edited, await photoshopJpeg());
}, 120_000);

afterAll(async () => {
  await session?.close();
});

const viewer = () => page.getByTestId('document-viewer');

/** Chooses the kind, drops the file, and waits until its upload and analysis are done and it is on view. */
async function upload(kindLabel: string, file: string): Promise<string> {
  await page.getByTestId('document-kind').click();
  await page.getByRole('option', { name: kindLabel, exact: true }).click();
  await page.getByTestId('document-file-input').setInputFiles(file);
  // The newest upload is listed first.
  const row = page.getByTestId('document-upload').first();
  await expect
    .poll(() => row.getAttribute('data-phase'), { timeout: 120_000, interval: 500 })
    .toMatch(/^(done|failed)$/);
  expect(await row.getAttribute('data-phase'), (await row.textContent()) ?? '').toBe('done');
  const fileId = (await row.getAttribute('data-file-id')) ?? '';
  await page
    .locator(`[data-testid="document-viewer"][data-file-id="${fileId}"][data-status="analyzed"]`)
    .waitFor({
      timeout: 60_000,
    });
  return fileId;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

describe('documents and resumes', () => {
  it('imports the candidate and opens the Documents tab', async () => {
    await setUpAdmin(page, server.setupLink);
    await page.goto(`${server.baseUrl}/import`);
    await page.getByTestId('import-file-input').setInputFiles([files.bundle, files.other]);
    await expect
      .poll(() => page.locator('[data-testid="import-result"][data-status="created"]').count(), {
        timeout: 30_000,
      })
      .toBe(2);
    await page.goto(`${server.baseUrl}/subjects/${ID}`);
    await page.getByTestId('tab-documents').click();
    await page.getByTestId('documents-tab').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('documents-empty').textContent()).toBe('No document uploaded yet.');
  }, 90_000);

  it('uploads the resume, says what was read, and the claims table then flags the Shopwise dates', async () => {
    await page.getByTestId('resume-file-input').setInputFiles(files.resume);
    const summary = page.getByTestId('resume-summary');
    await summary.waitFor({ timeout: 60_000 });
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('jordan-lee-resume.pdf: a PDF of 1 page');
    expect(text).toContain('name Jordan Avery Lee');
    expect(text).toContain('3 jobs, 1 school');
    expect(await page.getByTestId('resume-current').textContent()).toContain(
      'On file: jordan-lee-resume.pdf',
    );

    await page.getByTestId('tab-claims').click();
    const shopwise = page.locator('[data-testid="claims-row"][data-field="employer"]', {
      has: page.locator('[data-testid="claims-row-label"]', { hasText: /^Shopwise/ }),
    });
    await shopwise.waitFor({ timeout: 30_000 });
    expect(await shopwise.getAttribute('data-status')).toBe('differ');
    const resumeCell = shopwise.locator('[data-testid="claims-cell"][data-column="resume"]');
    expect(await resumeCell.getAttribute('data-status')).toBe('differ');
    expect(await resumeCell.getByTestId('claims-note').first().textContent()).toBe(
      'Differs from the application: start 2019-01 in the resume but 2020-06 in the application',
    );
    // The name at the top of the resume agrees with the record, order aside.
    const name = page.locator('[data-testid="claims-row"][data-field="name"]');
    expect(
      await name.locator('[data-testid="claims-cell"][data-column="resume"]').getAttribute('data-status'),
    ).toBe('agree');
  }, 90_000);

  it('reads the MRZ of a passport photographed sideways and draws its box over the upright image', async () => {
    await page.getByTestId('tab-documents').click();
    const fileId = await upload('Passport', files.passport);
    const v = viewer();
    expect(await v.getByTestId('document-title').textContent()).toBe('Passport');

    const mrz = v.getByTestId('mrz-section');
    expect(await mrz.getAttribute('data-valid')).toBe('true');
    expect(await mrz.getByTestId('mrz-valid').textContent()).toBe('Valid');
    expect((await mrz.getByTestId('mrz-lines').textContent())?.split('\n')).toEqual(buildMrz('TD3', JORDAN));
    const field = (key: string) =>
      mrz.locator(`[data-testid="mrz-field"][data-field="${key}"] td`).textContent();
    expect(await field('surname')).toBe('LEE');
    expect(await field('givenNames')).toBe('JORDAN AVERY');
    expect(await field('documentNumber')).toBe('AB1234567');
    expect(await field('dateOfBirth')).toBe('1990-04-12');

    // Turned upright (270° clockwise) with the box where the analysis found the zone, scaled to the screen.
    const image = v.getByTestId('document-image');
    expect(await image.getAttribute('data-rotation')).toBe('270');
    const api = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/v1/subjects/${ID}/documents/files/${fileId}`,
    )) as {
      analysis: { mrz: { box: { left: number; top: number; width: number; height: number } } };
    };
    const upright = {
      width: Number(await image.getAttribute('data-upright-width')),
      height: Number(await image.getAttribute('data-upright-height')),
    };
    // The page image is 1400 wide and was turned: upright it is 1400 wide again.
    expect(upright.width).toBe(1400);
    // The rectangle is the analysis's box in upright-image pixels…
    const mrzBox = api.analysis.mrz.box;
    const rectEl = image.getByTestId('mrz-box');
    expect(
      await rectEl.evaluate((el) => ['x', 'y', 'width', 'height'].map((a) => Number(el.getAttribute(a)))),
    ).toEqual([mrzBox.left, mrzBox.top, mrzBox.width, mrzBox.height]);
    // …and on screen it lands where that box falls on the image as displayed (the stroke adds a little).
    const shown = await box(image);
    const rect = await box(rectEl);
    const expected = scaleBox(mrzBox, upright, shown);
    const stroke = (Number(await rectEl.getAttribute('stroke-width')) * shown.width) / upright.width;
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(stroke + 1);
    near(rect.x - shown.x + rect.width / 2, expected.left + expected.width / 2);
    near(rect.y - shown.y + rect.height / 2, expected.top + expected.height / 2);
    near(rect.width, expected.width);
    near(rect.height, expected.height);
    // The zone is the bottom of a passport page.
    expect(rect.y - shown.y).toBeGreaterThan(shown.height / 2);
    expect(await v.getByTestId('document-turned').textContent()).toContain('270°');
    await viewer().screenshot({ path: path.join(SHOTS, 'documents-mrz.png'), style: NO_HEADER });
  }, 180_000);

  it('shows the Photoshop re-save as a strong finding and the error-level image', async () => {
    await upload('National ID card', files.edited);
    const findings = viewer().getByTestId('finding');
    const first = findings.first();
    expect(await first.getAttribute('data-strength')).toBe('strong');
    const kinds = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('editing-software');
    const editing = viewer().locator('[data-testid="finding"][data-kind="editing-software"]');
    expect(await editing.getByTestId('finding-title').textContent()).toBe('Saved by image-editing software');
    expect(await editing.getByTestId('finding-detail').textContent()).toContain('Photoshop');
    expect(await editing.getByTestId('finding-meaning').textContent()).toMatch(/^What it means for you: /);
    // Strong ones first.
    const strengths = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-strength')));
    expect(strengths).toEqual([...strengths].sort((a, b) => Number(a !== 'strong') - Number(b !== 'strong')));

    // The error-level image instead of the original, then beside it, with how to read it.
    await viewer().getByTestId('view-mode').getByText('Error levels').click();
    await viewer().getByTestId('document-ela').waitFor();
    expect(await viewer().getByTestId('document-image').count()).toBe(0);
    const href = await viewer().getByTestId('document-ela').locator('image').getAttribute('href');
    const ela = await page.evaluate(async (url) => {
      const res = await fetch(url ?? '');
      return { status: res.status, type: res.headers.get('content-type') };
    }, href);
    expect(ela).toEqual({ status: 200, type: 'image/png' });
    await viewer().getByTestId('view-mode').getByText('Side by side').click();
    expect(await viewer().getByTestId('document-image').count()).toBe(1);
    expect(await viewer().getByTestId('document-ela').count()).toBe(1);
    expect(await viewer().getByTestId('ela-help').textContent()).toMatch(
      /^How to read the error-level image: /,
    );
    await viewer().screenshot({ path: path.join(SHOTS, 'documents-forensics.png'), style: NO_HEADER });
  }, 180_000);

  it('flags the same photo uploaded for another subject, linking back to the first', async () => {
    await page.goto(`${server.baseUrl}/subjects/${OTHER.subject.id}?tab=documents`);
    await page.getByTestId('documents-tab').waitFor({ timeout: 30_000 });
    await upload('National ID card', files.edited);
    const reuse = viewer().getByTestId('reuse');
    expect(await reuse.getByTestId('reuse-item').getAttribute('data-subject-id')).toBe(ID);
    expect(await reuse.getByTestId('reuse-item').textContent()).toBe(
      'Jordan Avery Lee uploaded the same image.',
    );
    await reuse.getByRole('link', { name: 'Jordan Avery Lee' }).click();
    await page.waitForURL(new RegExp(`/subjects/${ID}\\?tab=documents$`));
    await page.getByTestId('document-files').waitFor({ timeout: 30_000 });
  }, 180_000);

  it('lists both files and deletes the edited one after asking', async () => {
    // The list was just opened from the other subject's page: wait for this subject's two files.
    const rows = page.getByTestId('document-file');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    // Newest first: the edited photo.
    await rows.first().getByTestId('document-open').click();
    await expect
      .poll(() => viewer().getByTestId('document-title').textContent(), { timeout: 30_000 })
      .toBe('National ID card');
    await page
      .getByTestId('documents-tab')
      .screenshot({ path: path.join(SHOTS, 'documents.png'), style: NO_HEADER });

    await viewer().getByTestId('document-delete').click();
    const confirm = page.getByTestId('document-delete-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('This cannot be undone.');
    await confirm.getByTestId('document-delete-yes').click();
    await page.locator('[data-testid="document-viewer"][data-status="deleted"]').waitFor({ timeout: 30_000 });
    expect(await viewer().getByTestId('document-deleted').count()).toBe(1);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')).sort())).toEqual([
      'analyzed',
      'deleted',
    ]);
  }, 60_000);
});
