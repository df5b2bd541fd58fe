// What the two kinds of stored upload — identity documents (upload-document.ts, analyze-document.ts) and
// interview recordings (upload-recording.ts, analyze-recording.ts) — do the same way: read the body up to a
// limit, read the actor an analysis job was queued for, and settle a failed analysis. Each kind keeps its own
// messages, rows and audit actions; this module holds only the steps.
import type { Transaction } from 'kysely';
import { appendAudit } from '../../adapters/db/audit.ts';
import type { AuditActor, JsonObject } from '../../adapters/db/records.ts';
import type { DB } from '../../adapters/db/tables.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { lockSubjectDocuments } from './documents.ts';

/** An upload's bytes: a stream (an HTTP body, a file read stream) or all at once. */
export type UploadBody = AsyncIterable<Uint8Array> | Uint8Array;

/**
 * Reads the body into memory, giving up (and so cancelling the upload) as soon as it passes `limit`; the error
 * is the caller's (`tooLarge(limit)`), in the words of its kind of file.
 */
export async function readBoundedBody(
  body: UploadBody,
  limit: number,
  tooLarge: (limit: number) => Error,
): Promise<Buffer> {
  if (body instanceof Uint8Array) {
    if (body.length > limit) throw tooLarge(limit);
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The actor an analysis job was queued for (its payload's `actor`); the system when it is missing. */
export function jobActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

export type FailedAnalysis = {
  error: unknown;
  subjectId: string;
  actor: AuditActor;
  /** "document", "recording": named in the job's error. */
  what: string;
  /** The audit action, e.g. `document.analysis_failed`. */
  action: string;
  /** True when the upload was deleted (by hand or retention) while it was being analysed. */
  isDeleted: () => Promise<boolean>;
  /** Marks the row failed with the message; false when it was deleted meanwhile (then nothing else is done). */
  markFailed: (trx: Transaction<DB>, message: string) => Promise<boolean>;
  /** More work in the same transaction once the row is marked, before the audit entry. */
  alsoInTransaction?: (trx: Transaction<DB>) => Promise<unknown>;
  /** The audit entry's data (ids and the file name, with the message). */
  auditData: (message: string) => JsonObject;
};

/**
 * Settles an analysis job that threw. An upload deleted meanwhile is not a failure: this returns and the job
 * reports it deleted. Otherwise, in one transaction under the subject's lock, the row is marked failed and the
 * failure audited, and this throws `The <what> analysis failed: <message>` so the job is marked failed.
 */
export async function settleFailedAnalysis(app: AppContext, failed: FailedAnalysis): Promise<void> {
  if (await failed.isDeleted()) return;
  const message = failed.error instanceof Error ? failed.error.message : String(failed.error);
  await inTransaction(app, async (trx) => {
    await lockSubjectDocuments(trx, failed.subjectId);
    if (!(await failed.markFailed(trx, message))) return;
    await failed.alsoInTransaction?.(trx);
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: failed.actor,
      action: failed.action,
      targetType: 'subject',
      targetId: failed.subjectId,
      data: failed.auditData(message),
    });
  });
  throw new Error(`The ${failed.what} analysis failed: ${message}`);
}
