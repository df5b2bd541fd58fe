// Imported IP range lists, one row per name. A re-import replaces the row (inside the caller's transaction).
import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor } from '../records.ts';

export type IpListRecord = {
  name: string;
  kind: string;
  provider: string | null;
  label: string | null;
  entries: number;
  importedAt: string;
  importedBy: AuditActor;
};

export type IpListWithContent = IpListRecord & { content: string };

type SummaryRow = {
  name: string;
  kind: string;
  provider: string | null;
  label: string | null;
  entries: number | string;
  imported_at: string;
  imported_by: string;
};

function toRecord(row: SummaryRow): IpListRecord {
  return {
    name: row.name,
    kind: row.kind,
    provider: row.provider,
    label: row.label,
    entries: Number(row.entries),
    importedAt: row.imported_at,
    importedBy: parseJsonText<AuditActor>(row.imported_by),
  };
}

const SUMMARY = ['name', 'kind', 'provider', 'label', 'entries', 'imported_at', 'imported_by'] as const;

/** Inserts the list, replacing a list of the same name. Returns the replaced list's summary, if any. */
export async function replaceIpList(
  db: Executor,
  list: IpListWithContent,
): Promise<IpListRecord | undefined> {
  const previous = await findIpList(db, list.name);
  if (previous) await db.deleteFrom('ip_lists').where('name', '=', list.name).execute();
  await db
    .insertInto('ip_lists')
    .values({
      name: list.name,
      kind: list.kind,
      provider: list.provider,
      label: list.label,
      entries: list.entries,
      imported_at: list.importedAt,
      imported_by: toJsonText(list.importedBy),
      content: list.content,
    })
    .execute();
  return previous;
}

export async function findIpList(db: Executor, name: string): Promise<IpListRecord | undefined> {
  const row = await db.selectFrom('ip_lists').select(SUMMARY).where('name', '=', name).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Summaries (no content), by name. */
export async function listIpLists(db: Executor): Promise<IpListRecord[]> {
  const rows = await db.selectFrom('ip_lists').select(SUMMARY).orderBy('name').execute();
  return rows.map(toRecord);
}

/** Every list with its entries, by name (for building the in-memory index). */
export async function listIpListsWithContent(db: Executor): Promise<IpListWithContent[]> {
  const rows = await db
    .selectFrom('ip_lists')
    .select([...SUMMARY, 'content'])
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ ...toRecord(row), content: row.content }));
}

/** True when a list of that name existed and was deleted. */
export async function deleteIpList(db: Executor, name: string): Promise<boolean> {
  const result = await db.deleteFrom('ip_lists').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A cheap fingerprint of the stored lists (names and import times), to notice another process's import. */
export async function ipListsFingerprint(db: Executor): Promise<string> {
  const rows = await db.selectFrom('ip_lists').select(['name', 'imported_at']).orderBy('name').execute();
  return rows.map((r) => `${r.name}@${r.imported_at}`).join('|');
}
