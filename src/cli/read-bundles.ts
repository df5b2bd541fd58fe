// Reads case-bundle files and folders named on the command line, with size limits and every problem kept.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CaseBundle } from '../core/bundle/schema.ts';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  type Problem,
  parseBundleText,
  validateBundle,
} from '../core/bundle/validate.ts';

export type BundleInput = { file: string; index: number | null; bundle: CaseBundle; raw: unknown };
export type BundleInputError = { file: string; index: number | null; problems: Problem[] };

/** Expands folders to the `.json` files inside them (recursively, sorted); files are kept as given. */
export async function expandBundlePaths(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`no such file or folder: ${input}`);
    if (info.isDirectory()) files.push(...(await listJsonFiles(input)));
    else files.push(input);
  }
  return files;
}

async function listJsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listJsonFiles(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) out.push(full);
  }
  return out;
}

/**
 * Reads and validates each file. A file holds one bundle or a JSON array of bundles.
 * Invalid bundles are returned as errors; valid ones are returned even when others fail.
 */
export async function readBundles(
  files: readonly string[],
  maxBytes = DEFAULT_MAX_BUNDLE_BYTES,
): Promise<{ bundles: BundleInput[]; errors: BundleInputError[] }> {
  const bundles: BundleInput[] = [];
  const errors: BundleInputError[] = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    // An array file may hold many bundles; allow it 100 bundles' worth before refusing to read it.
    if (size > maxBytes * 100) {
      errors.push({
        file,
        index: null,
        problems: [{ path: '(root)', message: `the file is ${size} bytes; too large` }],
      });
      continue;
    }
    const text = await readFile(file, 'utf8');
    const trimmed = text.trimStart();
    if (!trimmed.startsWith('[')) {
      const result = parseBundleText(text, { maxBytes });
      if (result.ok) bundles.push({ file, index: null, bundle: result.bundle, raw: result.bundle });
      else errors.push({ file, index: null, problems: result.problems });
      continue;
    }
    let values: unknown;
    try {
      values = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      errors.push({
        file,
        index: null,
        problems: [{ path: '(root)', message: `not valid JSON: ${detail}` }],
      });
      continue;
    }
    (values as unknown[]).forEach((value, index) => {
      const result = validateBundle(value);
      if (result.ok) bundles.push({ file, index, bundle: result.bundle, raw: value });
      else errors.push({ file, index, problems: result.problems });
    });
  }
  return { bundles, errors };
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/** "cannot read <file>: <why>" for a file argument that could not be opened (a usage error, exit 2). */
export function unreadableFile(file: string, error?: unknown): UsageError {
  const code = (error as { code?: string } | undefined)?.code;
  const why = code ? (FILE_ERRORS[code] ?? code) : 'not a readable file';
  return new UsageError(`cannot read ${file}: ${why}`);
}

export function describeInput(file: string, index: number | null): string {
  return index === null ? file : `${file}[${index}]`;
}
