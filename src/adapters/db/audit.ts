// The audit log: an append-only, hash-chained record of every change, written in the same transaction
// as the change. hash = sha256(prevHash + canonical JSON of {seq, at, actor, action, targetType, targetId, data}).
//
// No personal data about a subject in `data`: the log outlives a deletion request (DELETE
// /subjects/{id}/personal-data) and can never be edited, so an entry keeps ids, kinds, counts, statuses,
// hashes (a file's sha256) and the ids of the staff who acted — never a subject's name, email, phone or
// address, a file name, an IP address or browser (user agent), or free text (notes, reasons). Those stay on
// their own rows (document file, verification session, note, checklist state, hold, dismissal, snapshot),
// which the deletion removes. See docs/privacy.md, "What the audit log keeps".
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type Executor, lockForTransaction } from './database.ts';
import { canonicalJson, parseJsonObject, parseJsonText, toJsonText } from './json.ts';
import type { AuditActor, AuditEntry, JsonObject } from './records.ts';
import type { AuditLogTable, DB } from './tables.ts';

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 'gatecheck:audit_log';

export type NewAuditEntry = {
  at: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: JsonObject;
};

export function computeAuditHash(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    data: entry.data,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

function rowToEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: parseJsonText<AuditActor>(row.actor),
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: parseJsonObject(row.data) ?? {},
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Appends one entry to the chain. Must run inside the transaction that makes the change it records. */
export async function appendAudit(trx: Transaction<DB>, entry: NewAuditEntry): Promise<AuditEntry> {
  // PostgreSQL: concurrent writers queue here until this transaction ends; SQLite writers are already serial.
  await lockForTransaction(trx, CHAIN_LOCK);
  const head = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const dataText = toJsonText(entry.data ?? {});
  // Hash what will be read back, so verification recomputes the same bytes.
  const stored: Omit<AuditEntry, 'hash' | 'prevHash'> = {
    seq,
    at: entry.at,
    actor: parseJsonText<AuditActor>(toJsonText(entry.actor)),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    data: parseJsonObject(dataText) ?? {},
  };
  const hash = computeAuditHash(prevHash, stored);
  await trx
    .insertInto('audit_log')
    .values({
      seq,
      at: stored.at,
      actor: toJsonText(stored.actor),
      action: stored.action,
      target_type: stored.targetType,
      target_id: stored.targetId,
      data: dataText,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...stored, prevHash, hash };
}

export type AuditVerification = {
  ok: boolean;
  /** Entries checked (all of them when ok). */
  entries: number;
  firstBadSeq?: number;
  problem?: string;
};

/** Walks the whole chain in order and reports the first entry that was edited, removed or moved. */
export async function verifyAuditChain(db: Executor, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, entries: checked };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          entries: checked,
          firstBadSeq: expectedSeq,
          problem: `entry ${expectedSeq} is missing (the next entry is ${seq}): entries were deleted`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          entries: checked,
          firstBadSeq: seq,
          problem: `entry ${seq} does not follow entry ${seq - 1} (previous-hash mismatch): entries were deleted, inserted or reordered`,
        };
      }
      let entry: AuditEntry;
      try {
        entry = rowToEntry(row);
      } catch {
        return {
          ok: false,
          entries: checked,
          firstBadSeq: seq,
          problem: `entry ${seq} is not readable JSON: it was edited`,
        };
      }
      if (computeAuditHash(prevHash, entry) !== row.hash) {
        return {
          ok: false,
          entries: checked,
          firstBadSeq: seq,
          problem: `entry ${seq} does not match its hash: it was edited after it was written`,
        };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
  }
}

export type AuditQuery = {
  limit?: number;
  /** Only entries with a smaller seq (paging backwards). */
  before?: number;
  targetType?: string;
  targetId?: string;
};

/** Newest first. */
export async function listAuditEntries(db: Executor, query: AuditQuery = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.before !== undefined) q = q.where('seq', '<', query.before);
  if (query.targetType !== undefined) q = q.where('target_type', '=', query.targetType);
  if (query.targetId !== undefined) q = q.where('target_id', '=', query.targetId);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(Math.min(Math.max(query.limit ?? 100, 1), 1000))
    .execute();
  return rows.map(rowToEntry);
}
