// One browser session against a fresh server: what every e2e spec starts from.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { ROOT, type RunningServer, startServer } from './server.ts';

/** Where specs write screenshots (the README's come from here). */
export const SHOTS = path.join(ROOT, '.e2e');

export type Session = { server: RunningServer; browser: Browser; page: Page; close: () => Promise<void> };

export async function openSession(): Promise<Session> {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Writes a case bundle of one candidate (id, name, email) under SHOTS for the Import page; returns its path. */
export function writeCandidateBundle(
  fileName: string,
  subject: { id: string; name: string; email: string },
): string {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, fileName);
  writeFileSync(
    file,
    JSON.stringify({ format: 'gatecheck.case-bundle/v1', subject: { ...subject, kind: 'candidate' } }),
  );
  return file;
}
