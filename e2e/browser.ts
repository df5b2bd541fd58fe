// Debian chromium driven by playwright-core (no browser download).
import { type Browser, chromium, type Page } from 'playwright-core';

/** `extraArgs` add Chromium switches (e.g. the fake camera of the verification page's tests). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

export const ADMIN = { name: 'Ada Admin', email: 'ada@acme.example', password: 'a long enough passphrase' };

/** Creates the first admin through the one-time setup page, as a new user would, and waits for the app shell. */
export async function setUpAdmin(page: Page, setupLink: string): Promise<void> {
  await page.goto(setupLink);
  await page.getByTestId('setup-name').fill(ADMIN.name);
  await page.getByTestId('setup-email').fill(ADMIN.email);
  await page.getByTestId('setup-password').fill(ADMIN.password);
  await page.getByTestId('setup-password-confirm').fill(ADMIN.password);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('user-menu').waitFor();
}
