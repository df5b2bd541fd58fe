// The organisation's retention policy (GET/PUT /settings/retention): days per kind of personal data. A change
// applies to what is already stored — each live file's deletion date is recomputed from when it was stored, so
// a shorter period deletes older files at the next hourly sweep, and a longer one keeps them longer. Audited.
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import { putSetting } from '../adapters/db/repositories/settings.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import { DomainError } from '../core/errors.ts';
import {
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  parseRetentionPolicy,
  RETENTION_KINDS,
  RETENTION_TEXT,
  type RetentionKind,
  type RetentionPolicy,
  retainUntil,
} from '../core/privacy/retention.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { loadRetentionPolicy, RETENTION_SETTING, retentionDefaults } from './internal/privacy.ts';

export type RetentionKindView = {
  kind: RetentionKind;
  days: number;
  defaultDays: number;
  label: string;
  /** What the period counts from ("after the upload"). */
  from: string;
  /** What is deleted when it ends. */
  deletes: string;
};

export type RetentionView = {
  policy: RetentionPolicy;
  kinds: RetentionKindView[];
  minDays: number;
  maxDays: number;
};

function toView(policy: RetentionPolicy, defaults: RetentionPolicy): RetentionView {
  return {
    policy,
    kinds: RETENTION_KINDS.map((kind) => ({
      kind,
      days: policy[kind],
      defaultDays: defaults[kind],
      ...RETENTION_TEXT[kind],
    })),
    minDays: MIN_RETENTION_DAYS,
    maxDays: MAX_RETENTION_DAYS,
  };
}

export async function getRetention(app: AppContext, actor: Actor): Promise<RetentionView> {
  authorize(actor, 'subjects:read');
  return toView(await loadRetentionPolicy(app.database.db, app.config), retentionDefaults(app.config));
}

/** Validates and stores the policy (kinds left out keep their current days), then re-dates stored files. */
export async function updateRetention(app: AppContext, actor: Actor, value: unknown): Promise<RetentionView> {
  authorize(actor, 'policy:write');
  const defaults = retentionDefaults(app.config);
  return inTransaction(app, async (trx) => {
    const previous = await loadRetentionPolicy(trx, app.config);
    const parsed = parseRetentionPolicy(value, previous);
    if (!parsed.ok)
      throw new DomainError(
        'validation',
        'The retention periods are not valid; nothing was changed',
        parsed.problems,
      );
    const policy = parsed.policy;
    const at = app.clock.now().toISOString();
    await putSetting(trx, RETENTION_SETTING, { ...policy }, at);
    const redated = await redateStoredFiles(trx, policy);
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'retention.updated',
      targetType: 'settings',
      targetId: RETENTION_SETTING,
      data: { previous: { ...previous }, policy: { ...policy }, redated },
    });
    return toView(policy, defaults);
  });
}

/** Recomputes retain_until of every stored file from when it was stored; returns how many rows changed. */
export async function redateStoredFiles(trx: Transaction<DB>, policy: RetentionPolicy): Promise<number> {
  let changed = 0;
  const docs = await trx
    .selectFrom('document_files')
    .select(['id', 'uploaded_at', 'retain_until'])
    .where('storage_key', 'is not', null)
    .execute();
  for (const d of docs) {
    const until = retainUntil(d.uploaded_at, policy.documents);
    if (until === d.retain_until) continue;
    await trx.updateTable('document_files').set({ retain_until: until }).where('id', '=', d.id).execute();
    changed += 1;
  }
  const recs = await trx
    .selectFrom('interview_recordings')
    .select(['id', 'uploaded_at', 'retain_until'])
    .where('storage_key', 'is not', null)
    .execute();
  for (const r of recs) {
    const until = retainUntil(r.uploaded_at, policy.biometrics);
    if (until === r.retain_until) continue;
    await trx
      .updateTable('interview_recordings')
      .set({ retain_until: until })
      .where('id', '=', r.id)
      .execute();
    changed += 1;
  }
  // A finished session's trace and pictures count from the end of the verification.
  const sessions = await trx
    .selectFrom('verification_sessions')
    .select(['id', 'finished_at', 'retain_until'])
    .where('trace_key', 'is not', null)
    .execute();
  const sessionUntil = new Map<string, string>();
  for (const s of sessions) {
    if (s.finished_at === null) continue;
    const until = retainUntil(s.finished_at, policy.biometrics);
    sessionUntil.set(s.id, until);
    if (until === s.retain_until) continue;
    await trx
      .updateTable('verification_sessions')
      .set({ retain_until: until })
      .where('id', '=', s.id)
      .execute();
    changed += 1;
  }
  const frames = await trx
    .selectFrom('verification_keyframes')
    .select(['id', 'session_id', 'created_at', 'retain_until'])
    .where('storage_key', 'is not', null)
    .execute();
  for (const f of frames) {
    const until = sessionUntil.get(f.session_id) ?? retainUntil(f.created_at, policy.biometrics);
    if (until === f.retain_until) continue;
    await trx
      .updateTable('verification_keyframes')
      .set({ retain_until: until })
      .where('id', '=', f.id)
      .execute();
    changed += 1;
  }
  return changed;
}
