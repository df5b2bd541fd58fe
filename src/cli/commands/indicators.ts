// `gatecheck indicators import <file>` (a STIX 2.1 bundle or a CSV shared by another organisation) and
// `gatecheck indicators export <subjectId> [--all] [--hashed --salt s]` (a subject's identifiers as STIX 2.1).
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isDomainError } from '../../core/errors.ts';
import { INDICATOR_FILE_LIMITS } from '../../intel/indicators/parse.ts';
import { cliActor } from '../../services/context.ts';
import { exportSubjectIndicators } from '../../services/export-subject-indicators.ts';
import { importIndicators } from '../../services/import-indicators.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { unreadableFile } from '../read-bundles.ts';

const actor = () => cliActor(process.env.USER ?? 'cli');

function reportRejected(error: unknown, json: boolean): number {
  if (
    !isDomainError(error) ||
    (error.code !== 'validation' && error.code !== 'not_found' && error.code !== 'payload_too_large')
  )
    throw error;
  if (json)
    process.stdout.write(
      `${JSON.stringify({ error: error.message, code: error.code, problems: error.problems ?? [] }, null, 2)}\n`,
    );
  warn(`${paint('red', 'rejected')}: ${error.message}`);
  for (const p of (error.problems ?? []).slice(0, 20)) warn(`  ${p.path}: ${p.message}`);
  return 1;
}

export type ImportIndicatorsOptions = StoreOptions & { json?: boolean; name?: string; strict?: boolean };

export async function importIndicatorsCommand(
  file: string,
  options: ImportIndicatorsOptions,
): Promise<number> {
  const info = await stat(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  if (!info.isFile()) throw unreadableFile(file);
  const json = options.json === true;
  if (info.size > INDICATOR_FILE_LIMITS.maxBytes) {
    warn(
      `${paint('red', 'rejected')}: ${file} is larger than ${INDICATOR_FILE_LIMITS.maxBytes} bytes; split it`,
    );
    return 1;
  }
  const content = new Uint8Array(await readFile(file));
  return withAppContext(options, async (app) => {
    try {
      const result = await importIndicators(app, actor(), {
        name: options.name ?? basename(file),
        content,
        strict: options.strict === true,
      });
      if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.unchanged)
        process.stdout.write(
          `${paint('green', 'ok')}: this file was imported before (${result.import.id}, ${result.import.importedAt}); nothing changed\n`,
        );
      else {
        const kinds = Object.entries(result.byKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        process.stdout.write(
          `${paint('green', 'ok')}: ${result.import.indicators} indicators (${kinds}) from ${result.import.name} [${result.import.format}], import ${result.import.id}\n`,
        );
        if (result.hashed > 0)
          process.stdout.write(
            `  ${result.hashed} of them shared as salted hashes (emails, phones): compared using GATECHECK_INDICATOR_SALT\n`,
          );
        if (result.hashedNeedSalt)
          warn(
            `${paint('yellow', 'no salt configured')}: set GATECHECK_INDICATOR_SALT to the salt agreed with the sender, or the hashed indicators match nothing`,
          );
        if (result.expired + result.revoked > 0)
          process.stdout.write(`  left out: ${result.expired} expired, ${result.revoked} revoked\n`);
        if (result.reassessJobId)
          process.stdout.write(
            `  everyone's re-assessment is queued (job ${result.reassessJobId}); it runs in the server (gatecheck start)\n`,
          );
      }
      if (!json && result.problemCount > 0) {
        warn(`${paint('yellow', `${result.problemCount} object(s)/line(s) skipped`)}:`);
        for (const p of result.problems.slice(0, 20)) warn(`  ${p.where}: ${p.message}`);
      }
      return 0;
    } catch (error) {
      return reportRejected(error, json);
    }
  });
}

export type ExportIndicatorsOptions = StoreOptions & {
  all?: boolean;
  hashed?: boolean;
  salt?: string;
  organization?: string;
};

export async function exportIndicatorsCommand(
  subjectId: string,
  options: ExportIndicatorsOptions,
): Promise<number> {
  return withAppContext(options, async (app) => {
    try {
      const bundle = await exportSubjectIndicators(app, actor(), subjectId, {
        all: options.all === true,
        hashed: options.hashed === true,
        salt: options.salt,
        organization: options.organization,
      });
      process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      return 0;
    } catch (error) {
      return reportRejected(error, false);
    }
  });
}
