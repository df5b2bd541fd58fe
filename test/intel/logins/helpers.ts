// Shared by the sign-in reader tests: real sample files, and feeding text to readLogins in chosen chunks.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { LoginEvent, ReadItem } from '../../../src/intel/logins/model.ts';
import { type ReadLoginsOptions, readLogins } from '../../../src/intel/logins/read-logins.ts';

export const SIGNIN_DIR = new URL('../../../../shared/datasets/signin-logs/', import.meta.url);
export const ENTRA_SAMPLE = new URL('elastic_azure_signinlogs_test-signinlogs-raw.ndjson', SIGNIN_DIR);
export const GOOGLE_SAMPLE = new URL('elastic_google_workspace_login_test-login.ndjson', SIGNIN_DIR);
export const PANTHER_TESTS = new URL('panther_idp_rule_tests.json', SIGNIN_DIR);

export type PantherTest = { rule: string; name: string; logType: string; log: Record<string, unknown> };

/** Every test log of the Okta, Azure, GSuite and Standard rules, with the log type Panther gives it. */
export function pantherLogs(): PantherTest[] {
  const data = JSON.parse(readFileSync(PANTHER_TESTS, 'utf8')) as {
    rules: { rule_id: string; log_types: string[] | null; tests: { name: string; log: unknown }[] }[];
  };
  const out: PantherTest[] = [];
  for (const rule of data.rules) {
    if (!/^(Okta|Azure|GSuite|Standard)\./.test(rule.rule_id)) continue;
    for (const test of rule.tests) {
      if (typeof test.log !== 'object' || test.log === null) continue;
      const log = test.log as Record<string, unknown>;
      const logType = (log.p_log_type as string | undefined) ?? rule.log_types?.[0] ?? 'unknown';
      out.push({ rule: rule.rule_id, name: test.name, logType, log });
    }
  }
  return out;
}

export function findPanther(rule: string, name: string): Record<string, unknown> {
  const hit = pantherLogs().find((t) => t.rule === rule && t.name === name);
  if (hit === undefined) throw new Error(`no Panther test ${rule} / ${name}`);
  return hit.log;
}

/** A stream that hands out `text` in pieces of `size` bytes (UTF-8 may be cut mid-character). */
export function chunked(data: string | Buffer, size = 64 * 1024): Readable {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return Readable.from(pieces);
}

export async function collect(
  input: Readable | string | Buffer,
  options: Partial<ReadLoginsOptions> = {},
): Promise<ReadItem[]> {
  const stream = typeof input === 'string' || Buffer.isBuffer(input) ? chunked(input) : input;
  const items: ReadItem[] = [];
  for await (const item of readLogins(stream, { format: 'auto', ...options })) items.push(item);
  return items;
}

export function eventsOf(items: ReadItem[]): LoginEvent[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

export function problemsOf(items: ReadItem[]): { line: number; message: string }[] {
  return items.flatMap((item) =>
    item.kind === 'problem' ? [{ line: item.line, message: item.message }] : [],
  );
}

export function skippedOf(items: ReadItem[]): { line: number; reason: string }[] {
  return items.flatMap((item) => (item.kind === 'skipped' ? [{ line: item.line, reason: item.reason }] : []));
}
