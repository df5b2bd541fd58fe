// `gatecheck intel ip import <file> --kind <kind> --name <name>`, `gatecheck intel ip list` and
// `gatecheck intel ip remove <name>`: the imported range lists (Tor exits, VPN/hosting ranges, allow-lists).
import { readFile, stat } from 'node:fs/promises';
import { isDomainError } from '../../core/errors.ts';
import { LIST_LIMITS } from '../../intel/ip/lists.ts';
import { cliActor } from '../../services/context.ts';
import { deleteIpList } from '../../services/delete-ip-list.ts';
import { importIpList } from '../../services/import-ip-list.ts';
import { listIpIntel } from '../../services/list-ip-intel.ts';
import { type StoreOptions, withAppContext } from '../app-context.ts';
import { paint, warn } from '../output.ts';
import { UsageError, unreadableFile } from '../read-bundles.ts';

export type ImportIpListOptions = StoreOptions & {
  json?: boolean;
  kind?: string;
  name?: string;
  provider?: string;
  label?: string;
};

const actor = () => cliActor(process.env.USER ?? 'cli');

/** Prints a validation error with its problems; other errors go up to main (exit 1 there too). */
function reportRejected(error: unknown, json: boolean): number {
  if (!isDomainError(error) || (error.code !== 'validation' && error.code !== 'not_found')) throw error;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ error: error.message, code: error.code, problems: error.problems ?? [] }, null, 2)}\n`,
    );
  }
  warn(`${paint('red', 'rejected')}: ${error.message}`);
  for (const p of (error.problems ?? []).slice(0, 20)) warn(`  ${p.path}: ${p.message}`);
  return 1;
}

export async function importIpListCommand(file: string, options: ImportIpListOptions): Promise<number> {
  if (!options.kind)
    throw new UsageError('give the list kind with --kind (tor, vpn, proxy, relay, hosting or allow)');
  if (!options.name)
    throw new UsageError('give the list a name with --name (re-importing a name replaces it)');
  const info = await stat(file).catch((error: unknown) => {
    throw unreadableFile(file, error);
  });
  if (!info.isFile()) throw unreadableFile(file);
  if (info.size > LIST_LIMITS.maxBytes) {
    warn(
      `${paint('red', 'rejected')}: ${file} is ${info.size} bytes, larger than the limit of ${LIST_LIMITS.maxBytes}`,
    );
    return 1;
  }
  const content = new Uint8Array(await readFile(file));
  const json = options.json === true;
  return withAppContext(options, async (app) => {
    try {
      const result = await importIpList(app, actor(), {
        name: options.name ?? '',
        kind: options.kind ?? '',
        provider: options.provider,
        label: options.label,
        content,
      });
      if (json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const l = result.list;
        const replaced = result.replaced ? `, replacing ${result.replaced.entries} entries` : '';
        process.stdout.write(
          `${paint('green', 'ok')}: ${l.name} (${l.kind}${l.provider ? `, ${l.provider}` : ''}): ${l.entries} entries from ${result.lines} lines${replaced}\n`,
        );
        if (result.reassessJobId)
          process.stdout.write(
            `  everyone's re-assessment is queued (job ${result.reassessJobId}); it runs in the server (gatecheck start)\n`,
          );
      }
      if (result.problemCount > 0) {
        warn(`${paint('yellow', `${result.problemCount} bad line(s) skipped`)}:`);
        for (const p of result.problems.slice(0, 20)) warn(`  line ${p.line}: ${p.message}`);
      }
      return 0;
    } catch (error) {
      return reportRejected(error, json);
    }
  });
}

export async function listIpListsCommand(options: StoreOptions & { json?: boolean }): Promise<number> {
  const view = await withAppContext(options, (app) => listIpIntel(app, actor()));
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return 0;
  }
  for (const db of view.databases) {
    process.stdout.write(
      `${paint('bold', db.title)}  ${db.licence}  built ${db.builtAt ?? '?'}\n  ${db.attribution}\n`,
    );
  }
  if (view.lists.length === 0) {
    process.stdout.write(
      'no imported lists (gatecheck intel ip import <file> --kind <kind> --name <name>)\n',
    );
    return 0;
  }
  for (const l of view.lists) {
    const who = [l.provider, l.label].filter(Boolean).join(' / ');
    process.stdout.write(
      `${l.name.padEnd(28)} ${l.kind.padEnd(8)} ${String(l.entries).padStart(8)}  ${l.importedAt}  ${who}\n`,
    );
  }
  return 0;
}

export async function removeIpListCommand(
  name: string,
  options: StoreOptions & { json?: boolean },
): Promise<number> {
  const json = options.json === true;
  return withAppContext(options, async (app) => {
    try {
      const result = await deleteIpList(app, actor(), name);
      if (json) process.stdout.write(`${JSON.stringify({ removed: name, ...result }, null, 2)}\n`);
      else process.stdout.write(`${paint('green', 'ok')}: removed ${name}\n`);
      return 0;
    } catch (error) {
      return reportRejected(error, json);
    }
  });
}
