// `gatecheck logins import <file>`, `gatecheck logins unmatched`, `gatecheck logins link <account> <subjectId>`:
// sign-in logs from identity providers, stored and matched to subjects.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cliActor } from '../../services/context.ts';
import { IMPORT_FORMATS, type ImportFormat, importLogins } from '../../services/import-logins.ts';
import { linkLoginAccount } from '../../services/link-login-account.ts';
import { listUnmatchedAccounts } from '../../services/list-unmatched-accounts.ts';
import { getLoginImport, type LoginImportView } from '../../services/view-login-imports.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { followJob } from '../progress.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export type ImportLoginsOptions = StoreOptions & { json?: boolean; format?: string; map?: string };

const MAPPING_KEYS = new Set([
  'at',
  'account',
  'ip',
  'eventId',
  'outcome',
  'userAgent',
  'app',
  'device',
  'sessionId',
  'sessionMinutes',
  'inputLatencyMs',
  'country',
  'eventType',
]);

/** `at=Timestamp,account=User,ip=IP` (or the same as a JSON object) → a column mapping. */
export function parseMapOption(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, string>;
    } catch {
      throw new UsageError('--map: not valid JSON; write at=Timestamp,account=User,ip=IP');
    }
  }
  const mapping: Record<string, string> = {};
  for (const part of trimmed.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (eq <= 0 || column === '')
      throw new UsageError(`--map: ${JSON.stringify(part)} is not field=column (e.g. at=Timestamp)`);
    if (!MAPPING_KEYS.has(key))
      throw new UsageError(
        `--map: unknown field ${JSON.stringify(key)}; use ${[...MAPPING_KEYS].join(', ')}`,
      );
    mapping[key] = column;
  }
  if (mapping.at === undefined || mapping.account === undefined)
    throw new UsageError('--map needs at least at=<time column> and account=<user column>');
  return mapping;
}

function formatOf(value: string | undefined): ImportFormat {
  const format = (value ?? 'auto').trim().toLowerCase();
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format ${JSON.stringify(value)}: use one of ${IMPORT_FORMATS.join(', ')}`);
  return format as ImportFormat;
}

function printSummary(view: LoginImportView): void {
  const c = view.counts;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const status = view.status === 'done' ? paint('green', 'done') : paint('red', view.status);
  out(`${status}: ${view.fileName} (${view.format})`);
  out(
    `  read ${c.read}, imported ${c.imported}, duplicates ${c.duplicates}, skipped ${c.skipped}, ` +
      `malformed ${c.malformed}, matched ${c.matched}, unmatched ${c.unmatched}`,
  );
  if (view.error) out(`  ${paint('red', 'error')}: ${view.error}`);
  if (c.skipped > 0) {
    out(`  skipped (not sign-ins): ${count(c.skipped)}`);
    for (const r of view.skippedReasons) out(`    ${r.reason}: ${count(r.count)}`);
    const listed = view.skippedReasons.reduce((sum, r) => sum + r.count, 0);
    if (listed < c.skipped) out(`    other reasons: ${count(c.skipped - listed)}`);
  }
  if (view.problems.length > 0) {
    const shown =
      view.problems.length < c.malformed ? ` (first ${view.problems.length} of ${c.malformed})` : '';
    out(`  malformed lines${shown}: ${view.problems.map((p) => p.line).join(', ')}`);
    for (const p of view.problems.slice(0, 10)) out(`    line ${p.line}: ${p.message}`);
  }
  if (view.unmatchedAccounts.length > 0) {
    out(`  unmatched accounts (${view.unmatchedAccounts.length}):`);
    for (const a of view.unmatchedAccounts.slice(0, 20))
      out(
        `    ${a.account.padEnd(40)} ${String(a.events).padStart(7)} ${a.events === 1 ? 'event ' : 'events'}  ${a.firstAt} → ${a.lastAt}`,
      );
    out('  link one with: gatecheck logins link <account> <subjectId>');
  }
}

const count = (n: number) => n.toLocaleString('en');

/** Sign-in events the file held (imported now or already stored). */
function eventsIn(view: LoginImportView): number {
  return view.counts.read - view.counts.malformed - view.counts.skipped;
}

/**
 * 0: the file could be read — it held sign-in events (new or already stored), or only records that are not
 * sign-ins (skipped; a message says nothing was a sign-in); 1: the job failed, or no record at all could be
 * read (every one malformed, or none there).
 */
export function importExitCode(view: LoginImportView): number {
  if (view.status !== 'done') return 1;
  return eventsIn(view) > 0 || view.counts.skipped > 0 ? 0 : 1;
}

export async function importLoginsCommand(file: string, options: ImportLoginsOptions): Promise<number> {
  const format = formatOf(options.format);
  const mapping = parseMapOption(options.map);
  const info = await stat(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  const view = await withAppContext(
    options,
    async (app) => {
      const actor = cliActor(process.env.USER ?? 'cli');
      const queued = await importLogins(app, actor, {
        fileName: path.basename(file),
        format,
        mapping,
        body: createReadStream(file),
        declaredBytes: info.size,
      });
      await followJob(app, queued.jobId, options.json === true);
      return getLoginImport(app, actor, queued.importId);
    },
    { startJobs: true },
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
  else printSummary(view);
  const code = importExitCode(view);
  if (options.json !== true && view.status === 'done' && eventsIn(view) === 0) {
    if (code !== 0) warn(`${paint('red', 'no sign-in events')} could be read from ${file}`);
    else
      warn(
        `${paint('yellow', 'nothing was a sign-in')} in ${file}: ${count(view.counts.skipped)} records skipped as other kinds of events${view.counts.malformed > 0 ? `, ${count(view.counts.malformed)} unreadable` : ''}; nothing was imported`,
      );
  }
  return code;
}

export async function listUnmatchedCommand(options: StoreOptions & { json?: boolean }): Promise<number> {
  const result = await withAppContext(options, (app) =>
    listUnmatchedAccounts(app, cliActor(process.env.USER ?? 'cli')),
  );
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  if (result.items.length === 0) {
    process.stdout.write('every stored sign-in event belongs to a subject\n');
    return 0;
  }
  for (const a of result.items)
    process.stdout.write(
      `${(a.account === '' ? '(no account)' : a.account).padEnd(40)} ${String(a.events).padStart(7)} ${a.events === 1 ? 'event ' : 'events'}  ${a.firstAt} → ${a.lastAt}  ${a.sources.join(',')}\n`,
    );
  return 0;
}

export async function linkAccountCommand(
  account: string,
  subjectId: string,
  options: StoreOptions & { json?: boolean },
): Promise<number> {
  const linked = await withAppContext(options, (app) =>
    linkLoginAccount(app, cliActor(process.env.USER ?? 'cli'), { account, subjectId }),
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(linked, null, 2)}\n`);
  else
    process.stdout.write(
      `${paint('green', 'linked')}: ${linked.account} → ${linked.subjectId} (${linked.events} ${linked.events === 1 ? 'event' : 'events'})\n`,
    );
  return 0;
}
