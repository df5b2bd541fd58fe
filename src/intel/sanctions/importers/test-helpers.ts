import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DATASETS = '/work/shared/datasets';
export const SANCTIONS = `${DATASETS}/sanctions`;
export const CRYPTO = `${DATASETS}/crypto-addresses`;

/** Writes a throwaway file for a test and returns its path. */
export function writeTemp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-sanctions-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
