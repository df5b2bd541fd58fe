// `gatecheck retention run [--json]`: the whole retention sweep once, as the server runs it at start and every
// hour (documents, recordings and resume files, verification media, sign-in logs, changes and payments, face
// measurements, closed cases, stored files left behind), then what was deleted per kind. Exit 0, 1 if anything
// could not be deleted (the next sweep tries again).
// `gatecheck retention show [--json]`: the periods in force (Settings → Privacy, or the defaults).
import { applyRetention, type RetentionResult } from '../../services/apply-retention.ts';
import { cliActor } from '../../services/context.ts';
import { getRetention, type RetentionView } from '../../services/manage-retention.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint } from '../output.ts';

export type RetentionOptions = StoreOptions & { json?: boolean };

/** Per kind, what the sweep deleted, in the order a reader expects; each line says what its number counts. */
export function formatRetentionRun(result: RetentionResult): string {
  const rows: [string, number][] = [
    ['Documents, recordings and resume files', result.files],
    ['Verification traces', result.tracesDeleted],
    ['Verification sessions whose face snapshots were deleted', result.keyframeSessions],
    ['Sign-in events', result.signIns],
    ['Payroll and account changes', result.changes],
    ['Payment records', result.payments],
    ['Face measurements read from ID photos', result.faceData],
    ['Closed cases erased (everything about the person)', result.closedCases.length],
    ['Stored files left by an earlier deletion', result.queuedFilesRemoved],
    ['Stored files nothing refers to', result.orphanFiles],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    total === 0
      ? 'Retention sweep: nothing has reached the end of its retention period.'
      : `Retention sweep: deleted ${total} item${total === 1 ? '' : 's'} whose retention period was over (each deletion is in the audit log).`,
  ];
  for (const [label, n] of rows) {
    lines.push(`  ${label.padEnd(width)}  ${n === 0 ? paint('grey', '0') : String(n)}`);
    if (label.startsWith('Closed cases') && n > 0)
      lines.push(`  ${' '.repeat(width)}  ${result.closedCases.join(', ')}`);
  }
  if (result.failed.length > 0) {
    lines.push(
      paint('red', `${result.failed.length} could not be deleted (the next sweep tries again):`),
      ...result.failed.map((f) => `  ${f.item}: ${f.error}`),
    );
  }
  lines.push('Subjects under legal hold are never touched. Periods: `gatecheck retention show`.');
  return `${lines.join('\n')}\n`;
}

/** The periods in force, one kind per line, with what each deletes. */
export function formatRetentionPolicy(view: RetentionView): string {
  const width = Math.max(...view.kinds.map((k) => k.label.length));
  const lines = ['Retention periods in force (change them in Settings → Privacy):'];
  for (const k of view.kinds) {
    const days = `${k.days} day${k.days === 1 ? '' : 's'} ${k.from}`;
    const fallback = k.days === k.defaultDays ? ' (the default)' : ` (default ${k.defaultDays})`;
    lines.push(
      `  ${k.label.padEnd(width)}  ${days}${fallback}`,
      `  ${' '.repeat(width)}  deletes ${k.deletes}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function retentionRunCommand(options: RetentionOptions): Promise<number> {
  const result = await withAppContext(options, (app) => applyRetention(app));
  process.stdout.write(
    options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatRetentionRun(result),
  );
  return result.failed.length > 0 ? 1 : 0;
}

export async function retentionShowCommand(options: RetentionOptions): Promise<number> {
  const view = await withAppContext(options, (app) => getRetention(app, cliActor(process.env.USER ?? 'cli')));
  process.stdout.write(
    options.json === true ? `${JSON.stringify(view, null, 2)}\n` : formatRetentionPolicy(view),
  );
  return 0;
}
