// Imports a range list (Tor exits, VPN or hosting ranges, proxies, the organisation's allow-list) under a
// name: parsed and checked first (bad lines reported by line number, a file with no valid entry rejected),
// then stored in normal form with its audit entry in one transaction — a re-import under the same name
// replaces the old list atomically. The runtime reloads its index and everyone is re-assessed (a job).
import { appendAudit } from '../adapters/db/audit.ts';
import {
  findIpList,
  type IpListRecord,
  listIpLists,
  replaceIpList,
} from '../adapters/db/repositories/ip-lists.repository.ts';
import { DomainError } from '../core/errors.ts';
import {
  IP_LIST_KINDS,
  IpListError,
  type IpListKind,
  isIpListKind,
  type ListProblem,
  normalizedContent,
  parseIpList,
} from '../intel/ip/lists.ts';
import { type Actor, type AppContext, authorize, inTransaction, nowIso, toAuditActor } from './context.ts';
import { type IpListView, toIpListView } from './list-ip-intel.ts';
import { enqueueReassessAll } from './reassess-all.ts';

export const MAX_IP_LISTS = 200;

function isUniqueViolation(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}
export const IP_LIST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type ImportIpListInput = {
  name: string;
  kind: string;
  provider?: string | undefined;
  label?: string | undefined;
  /** The list file. */
  content: Uint8Array | string;
};

export type ImportIpListResult = {
  list: IpListView;
  /** The list it replaced (same name), if any. */
  replaced: { entries: number; kind: string; importedAt: string } | null;
  lines: number;
  /** Bad lines (the first 100) and how many there were; they were skipped. */
  problems: ListProblem[];
  problemCount: number;
  /** The re-assessment job queued after the change, if any. */
  reassessJobId: string | null;
};

function cleanText(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (text.length > 200)
    throw new DomainError('validation', `${field} is longer than 200 characters`, [
      { path: field, message: 'at most 200 characters' },
    ]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new DomainError('validation', `${field} contains control characters`, [
      { path: field, message: 'control characters are not allowed' },
    ]);
  return text;
}

export function validateListName(name: string): void {
  if (!IP_LIST_NAME.test(name))
    throw new DomainError(
      'validation',
      'A list name is 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      [{ path: 'name', message: 'letters, digits, ".", "-", "_" (1-100), starting with a letter or digit' }],
    );
}

export async function importIpList(
  app: AppContext,
  actor: Actor,
  input: ImportIpListInput,
  options: { reassess?: boolean } = {},
): Promise<ImportIpListResult> {
  authorize(actor, 'policy:write');
  validateListName(input.name);
  if (!isIpListKind(input.kind))
    throw new DomainError('validation', `The kind must be one of ${IP_LIST_KINDS.join(', ')}`, [
      { path: 'kind', message: `one of ${IP_LIST_KINDS.join(', ')}` },
    ]);
  const kind: IpListKind = input.kind;
  const provider = cleanText(input.provider, 'provider');
  const label = cleanText(input.label, 'label');
  let parsed: ReturnType<typeof parseIpList>;
  try {
    parsed = parseIpList(input.content);
  } catch (error) {
    if (error instanceof IpListError)
      throw new DomainError(
        'validation',
        `${error.message}; nothing was imported`,
        error.problems.map((p) => ({ path: `line ${p.line}`, message: p.message })),
      );
    throw error;
  }
  const who = toAuditActor(actor);
  const at = nowIso(app);
  const list: IpListRecord = {
    name: input.name,
    kind,
    provider,
    label,
    entries: parsed.entries.length,
    importedAt: at,
    importedBy: who,
  };
  let replaced: Awaited<ReturnType<typeof replaceIpList>>;
  try {
    replaced = await inTransaction(app, async (trx) => {
      const existing = await findIpList(trx, input.name);
      if (!existing && (await listIpLists(trx)).length >= MAX_IP_LISTS)
        throw new DomainError('validation', `At most ${MAX_IP_LISTS} lists; remove one first`);
      const previous = await replaceIpList(trx, { ...list, content: normalizedContent(parsed) });
      await appendAudit(trx, {
        at,
        actor: who,
        action: previous ? 'ip_list.replaced' : 'ip_list.imported',
        targetType: 'ip_list',
        targetId: input.name,
        data: {
          kind,
          provider,
          label,
          entries: parsed.entries.length,
          badLines: parsed.problemCount,
          previous: previous
            ? { kind: previous.kind, entries: previous.entries, importedAt: previous.importedAt }
            : null,
        },
      });
      return previous;
    });
  } catch (error) {
    // Two imports of one new name at once (PostgreSQL): the second insert hits the primary key.
    if (isUniqueViolation(error))
      throw new DomainError(
        'conflict',
        `Another import of ${JSON.stringify(input.name)} ran at the same time; try again`,
      );
    throw error;
  }
  await app.ip?.reloadLists();
  const job = options.reassess === false ? undefined : await enqueueReassessAll(app, who, 'reassess');
  return {
    list: toIpListView(list),
    replaced: replaced
      ? { entries: replaced.entries, kind: replaced.kind, importedAt: replaced.importedAt }
      : null,
    lines: parsed.lines,
    problems: parsed.problems,
    problemCount: parsed.problemCount,
    reassessJobId: job?.id ?? null,
  };
}
