import { api } from '../../api/client.ts';
import type { ImportResult } from '../../api/types.ts';

/** One entry to import: where it came from, and either its parsed JSON or why it could not be read. */
export type ImportEntry = { label: string; value?: unknown; readError?: string };

export type ImportOutcome = {
  label: string;
  status: 'created' | 'updated' | 'rejected';
  subjectId?: string;
  problems: { path: string; message: string }[];
  /** Stored, with a caveat (e.g. the subject already had a case, so the exported case was not restored). */
  warnings?: { path: string; message: string }[];
};

const BATCH = 25;

/** Reads files in the browser: each becomes one entry, or one per element when the file holds a JSON array. */
export async function readFiles(files: File[]): Promise<ImportEntry[]> {
  const out: ImportEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await file.text();
    } catch {
      out.push({ label: file.name, readError: 'The browser could not read this file.' });
      continue;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value)) {
        if (value.length === 0) out.push({ label: file.name, readError: 'The file holds an empty list.' });
        value.forEach((v, i) => {
          out.push({ label: `${file.name} #${i + 1}`, value: v });
        });
      } else {
        out.push({ label: file.name, value });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid JSON';
      out.push({
        label: file.name,
        readError: `This file is not JSON (${reason}). Case bundles are .json files.`,
      });
    }
  }
  return out;
}

/** Sends entries in batches, reporting progress; every entry gets an outcome, even when a batch fails. */
export async function importEntries(
  entries: ImportEntry[],
  onProgress: (done: number, total: number) => void,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = entries.map((e) => ({
    label: e.label,
    status: 'rejected',
    problems: e.readError ? [{ path: '', message: e.readError }] : [],
  }));
  const sendable = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.readError === undefined);
  onProgress(0, sendable.length);
  for (let start = 0; start < sendable.length; start += BATCH) {
    const batch = sendable.slice(start, start + BATCH);
    try {
      const res = await api<{ results: ImportResult[] }>('/subjects/import', {
        method: 'POST',
        body: { bundles: batch.map(({ e }) => e.value) },
      });
      for (const r of res.results) {
        const target = batch[r.index];
        if (!target) continue;
        const outcome: ImportOutcome = {
          label: target.e.label,
          status: r.ok ? (r.action ?? 'created') : 'rejected',
          problems: r.problems ?? [],
        };
        if (r.subjectId) outcome.subjectId = r.subjectId;
        if (r.warnings?.length) outcome.warnings = r.warnings;
        outcomes[target.i] = outcome;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The upload failed';
      const problems =
        typeof error === 'object' && error !== null && 'problems' in error && Array.isArray(error.problems)
          ? (error.problems as { path: string; message: string }[])
          : [];
      for (const { e, i } of batch) {
        outcomes[i] = {
          label: e.label,
          status: 'rejected',
          problems: problems.length ? problems : [{ path: '', message }],
        };
      }
    }
    onProgress(Math.min(start + BATCH, sendable.length), sendable.length);
  }
  return outcomes;
}
