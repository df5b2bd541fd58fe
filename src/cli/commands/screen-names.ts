// `gatecheck screen "<name>" [--dob] [--country] [--kind] [--json]` and `gatecheck screen --file names.csv`:
// ad-hoc screening against the active sanctions lists (the shipped default or the last import).
import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse/sync';
import type { ScreeningKind, ScreeningMatch } from '../../core/intel/sanctions.ts';
import { cliActor } from '../../services/context.ts';
import {
  type ScreenNameInput,
  type ScreenNameResult,
  screenNameBatch,
  screenNames,
} from '../../services/screen-names.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, severityLabel } from '../output.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export type ScreenOptions = StoreOptions & {
  json?: boolean;
  dob?: string;
  country?: string;
  kind?: string;
  file?: string;
};

function kindOf(value: string | undefined): ScreeningKind | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'person' || value === 'individual') return 'individual';
  if (value === 'company' || value === 'entity') return 'entity';
  throw new UsageError(`--kind ${JSON.stringify(value)}: use person or company`);
}

/** Reads a CSV with a header row: a `name` column, optional `dob`, `country` and `kind`. */
async function readNamesCsv(file: string): Promise<ScreenNameInput[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  let rows: Record<string, string>[];
  try {
    rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (error) {
    throw new UsageError(
      `${file} is not a valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (rows.length > 0 && !('name' in (rows[0] ?? {})))
    throw new UsageError(`${file} needs a header row with a "name" column`);
  return rows.map((row) => {
    const kind = kindOf(row.kind);
    return {
      name: row.name ?? '',
      ...(row.dob ? { dob: row.dob } : {}),
      ...(row.country ? { country: row.country } : {}),
      ...(kind ? { kind } : {}),
    };
  });
}

function printResult(result: ScreenNameResult): void {
  const q = result.query;
  const extra = [q.dob ? `born ${q.dob}` : '', q.country ? `country ${q.country}` : '']
    .filter(Boolean)
    .join(', ');
  process.stdout.write(`${paint('bold', q.name)}${extra ? ` (${extra})` : ''}: `);
  if (result.matches.length === 0) {
    process.stdout.write(`${paint('green', 'no list entry resembles this name')}\n`);
    return;
  }
  process.stdout.write(`${result.matches.length} possible match(es)\n`);
  for (const m of result.matches) printMatch(m);
}

function printMatch(m: ScreeningMatch): void {
  const programs = m.programs.length > 0 ? ` [${m.programs.join(', ')}]` : '';
  process.stdout.write(
    `  ${severityLabel(m.severity)} ${m.score}/100  ${m.matchedName}  ${paint('grey', `${m.listTitle} ${m.entryId}${programs}`)}\n`,
  );
  for (const c of m.corroborated) {
    process.stdout.write(
      `           ${c.status === 'agrees' ? paint('red', 'agrees   ') : paint('green', 'conflicts')} ${c.detail}\n`,
    );
  }
  for (const r of m.reasons) process.stdout.write(paint('grey', `           ${r}\n`));
}

export async function screenCommand(name: string | undefined, options: ScreenOptions): Promise<number> {
  if ((name === undefined || name.trim() === '') === (options.file === undefined)) {
    throw new UsageError('give either a name or --file names.csv');
  }
  const actor = cliActor(process.env.USER ?? 'cli');
  if (options.file !== undefined) {
    const inputs = await readNamesCsv(options.file);
    const bar =
      options.json !== true && process.stderr.isTTY === true
        ? new SingleBar({
            format: '  screening {bar} {value}/{total}',
            stream: process.stderr,
            hideCursor: true,
          })
        : null;
    bar?.start(inputs.length, 0);
    const results = await withAppContext(options, (app) =>
      screenNameBatch(app, actor, inputs, (done) => bar?.update(done)),
    );
    bar?.stop();
    if (options.json === true) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      for (const r of results.filter((x) => x.matches.length > 0)) printResult(r);
      const hits = results.filter((r) => r.matches.length > 0).length;
      process.stdout.write(`${results.length} name(s) screened, ${hits} with possible matches.\n`);
    }
    return 0;
  }
  const kind = kindOf(options.kind);
  const result = await withAppContext(options, (app) =>
    screenNames(app, actor, {
      name: name ?? '',
      ...(options.dob ? { dob: options.dob } : {}),
      ...(options.country ? { country: options.country } : {}),
      ...(kind ? { kind } : {}),
    }),
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printResult(result);
  return 0;
}
