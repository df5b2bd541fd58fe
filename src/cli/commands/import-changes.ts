// `gatecheck changes import <file.csv>`: HRIS/payroll change events from a CSV file, stored on the subjects'
// bundles and re-assessed (the same service as POST /api/v1/events/changes/import). A file with any problem
// stores nothing; every problem is printed with its line.
import { readFile } from 'node:fs/promises';
import { isDomainError } from '../../core/errors.ts';
import type { Band } from '../../core/types.ts';
import { cliActor } from '../../services/context.ts';
import { importChangeEvents } from '../../services/record-change-events.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { bandLabel, paint } from '../output.ts';
import { unreadableFile } from '../read-bundles.ts';

export type ImportChangesOptions = StoreOptions & { json?: boolean };

export async function importChangesCommand(file: string, options: ImportChangesOptions): Promise<number> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  try {
    const result = await withAppContext(options, (app) =>
      importChangeEvents(app, cliActor(process.env.USER ?? 'cli'), text),
    );
    if (options.json === true) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(`${paint('green', 'stored')} ${result.received} change event(s) from ${file}\n`);
    for (const s of result.subjects)
      process.stdout.write(
        `  ${s.id.padEnd(24)} ${String(s.changes).padStart(4)} change(s) ${String(s.payments).padStart(4)} payment(s)  ${s.band ? bandLabel(s.band as Band) : ''}\n`,
      );
    return 0;
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'validation') throw error;
    if (options.json === true)
      process.stdout.write(
        `${JSON.stringify({ error: error.message, problems: error.problems ?? [] }, null, 2)}\n`,
      );
    else {
      process.stderr.write(`${paint('red', 'not imported')}: ${error.message}\n`);
      for (const p of error.problems ?? []) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    }
    return 1;
  }
}
