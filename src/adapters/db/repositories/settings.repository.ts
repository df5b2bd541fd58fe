import type { Executor } from '../database.ts';
import { parseJsonText, toJsonText } from '../json.ts';
import type { JsonValue } from '../records.ts';

export async function getSetting(db: Executor, key: string): Promise<JsonValue | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? parseJsonText<JsonValue>(row.value) : undefined;
}

export async function putSetting(db: Executor, key: string, value: JsonValue, at: string): Promise<void> {
  const text = toJsonText(value);
  await db
    .insertInto('settings')
    .values({ key, value: text, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: at }))
    .execute();
}

/** Deletes the setting only if it still holds `expected`; true when this call consumed it (race-safe). */
export async function consumeSetting(db: Executor, key: string, expected: JsonValue): Promise<boolean> {
  const result = await db
    .deleteFrom('settings')
    .where('key', '=', key)
    .where('value', '=', toJsonText(expected))
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteSetting(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
