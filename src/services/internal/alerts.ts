// Alerts, the stored part shared by the services: the admin's destinations (kept in the settings table, URLs and
// signing secrets encrypted with the storage key), and raising an alert inside the assessment's transaction
// (with one pending delivery per destination) so a band rise is never lost, even when every receiver is down.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Executor } from '../../adapters/db/database.ts';
import { parseJsonText, toJsonText } from '../../adapters/db/json.ts';
import type { JsonValue } from '../../adapters/db/records.ts';
import type { StoredAssessment } from '../../adapters/db/repositories/assessments.repository.ts';
import { getSetting } from '../../adapters/db/repositories/settings.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import { decryptBytes, encryptBytes } from '../../adapters/storage/encrypted-file-store.ts';
import { openDocumentStore } from '../../adapters/storage/open-file-store.ts';
import { DEDUPE_WINDOW_MS, decideAlert, dedupeText } from '../../core/alerts/alerts.ts';
import type { Band, DetailedAssessment } from '../../core/types.ts';
import type { AppContext } from '../context.ts';

export const DESTINATIONS_SETTING = 'alert-destinations';
export const EMAIL_DESTINATION_ID = 'email';

export type DestinationKind = 'slack' | 'webhook' | 'email';

/** As stored: the URL and the signing secret are AES-256-GCM under the storage key (base64). */
export type StoredDestination = {
  id: string;
  kind: 'slack' | 'webhook';
  name: string;
  enabled: boolean;
  /** Scheme and host of the URL, safe to show. */
  urlHint: string;
  url: string;
  /** Generic webhooks only. */
  secret: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A destination ready to send to (secrets decrypted; never leaves the server). */
export type Destination =
  | { id: string; kind: 'slack'; name: string; url: string }
  | { id: string; kind: 'webhook'; name: string; url: string; secret: string }
  | { id: string; kind: 'email'; name: string; smtpUrl: string; to: string[] };

export async function loadStoredDestinations(db: Executor): Promise<StoredDestination[]> {
  const value = await getSetting(db, DESTINATIONS_SETTING);
  return Array.isArray(value) ? (value as unknown as StoredDestination[]) : [];
}

export function storedDestinationsJson(list: readonly StoredDestination[]): JsonValue {
  return list as unknown as JsonValue;
}

/** Email is configured by the environment (GATECHECK_SMTP_URL + GATECHECK_ALERT_EMAIL_TO), not by the API. */
export function emailDestination(app: AppContext): Extract<Destination, { kind: 'email' }> | null {
  const { smtpUrl, emailTo } = app.config.alerts;
  if (smtpUrl === undefined || emailTo.length === 0) return null;
  return {
    id: EMAIL_DESTINATION_ID,
    kind: 'email',
    name: `Email to ${emailTo.join(', ')}`,
    smtpUrl,
    to: emailTo,
  };
}

/** The destinations that get new alerts and digests: enabled ones and email when configured. */
export async function activeDestinationRefs(
  app: AppContext,
  db: Executor,
): Promise<{ id: string; kind: DestinationKind }[]> {
  const stored = (await loadStoredDestinations(db)).filter((d) => d.enabled);
  const refs: { id: string; kind: DestinationKind }[] = stored.map((d) => ({ id: d.id, kind: d.kind }));
  if (emailDestination(app)) refs.push({ id: EMAIL_DESTINATION_ID, kind: 'email' });
  return refs;
}

async function storageKey(app: AppContext) {
  return (await openDocumentStore(app.config)).key.key;
}

export async function sealSecret(app: AppContext, plain: string): Promise<string> {
  return encryptBytes(Buffer.from(plain, 'utf8'), await storageKey(app)).toString('base64');
}

export async function openSecret(app: AppContext, sealed: string, label: string): Promise<string> {
  return decryptBytes(Buffer.from(sealed, 'base64'), [await storageKey(app)], label).toString('utf8');
}

/** The destination with its secrets, or null when it no longer exists (removed by an admin). */
export async function resolveDestination(app: AppContext, id: string): Promise<Destination | null> {
  if (id === EMAIL_DESTINATION_ID) return emailDestination(app);
  const d = (await loadStoredDestinations(app.database.db)).find((x) => x.id === id);
  if (!d) return null;
  const url = await openSecret(app, d.url, `the URL of alert destination "${d.name}"`);
  if (d.kind === 'slack') return { id: d.id, kind: 'slack', name: d.name, url };
  if (d.secret === null) return null;
  const secret = await openSecret(app, d.secret, `the signing secret of alert destination "${d.name}"`);
  return { id: d.id, kind: 'webhook', name: d.name, url, secret };
}

/**
 * Called by recordAssessment, in its transaction, before the new assessment is written: raises an alert when
 * the band rose or a new critical signal appeared, unless the same subject + band + signal set was alerted
 * within the last 24 hours. Returns the alert id, or null.
 */
export async function raiseAlertIfNews(
  app: AppContext,
  trx: Transaction<DB>,
  input: {
    subjectId: string;
    assessmentId: string;
    previous: StoredAssessment | null;
    assessment: DetailedAssessment;
  },
): Promise<string | null> {
  const prev = input.previous?.assessment;
  const decision = decideAlert(
    prev
      ? {
          band: prev.band,
          signals: prev.signals.map((s) => s.id),
          criticalSignals: prev.signals.filter((s) => s.severity === 'critical').map((s) => s.id),
        }
      : null,
    input.assessment,
  );
  if (decision === null) return null;
  const now = app.clock.now();
  const key = createHash('sha256')
    .update(dedupeText(input.subjectId, decision.band, decision.signals))
    .digest('hex');
  const recent = await trx
    .selectFrom('alerts')
    .select('id')
    .where('dedupe_key', '=', key)
    .where('created_at', '>', new Date(now.getTime() - DEDUPE_WINDOW_MS).toISOString())
    .executeTakeFirst();
  if (recent) return null;
  const id = app.ids.newId();
  const at = now.toISOString();
  await trx
    .insertInto('alerts')
    .values({
      id,
      subject_id: input.subjectId,
      assessment_id: input.assessmentId,
      created_at: at,
      previous_band: decision.previousBand,
      band: decision.band,
      previous_score: prev ? prev.score : null,
      score: input.assessment.score,
      kind: decision.kind,
      signals: toJsonText(decision.signals),
      new_critical: toJsonText(decision.newCritical),
      reasons: toJsonText(input.assessment.reasons),
      dedupe_key: key,
      read_at: null,
      read_by: null,
    })
    .execute();
  for (const dest of await activeDestinationRefs(app, trx)) {
    await trx
      .insertInto('alert_deliveries')
      .values({
        id: app.ids.newId(),
        alert_id: id,
        digest_day: null,
        destination_id: dest.id,
        destination_kind: dest.kind,
        payload: null,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_attempt_at: null,
        last_error: null,
        delivered_at: null,
        created_at: at,
      })
      .execute();
  }
  return id;
}

export type AlertRow = DB['alerts'];

export function parseAlertLists(row: Pick<AlertRow, 'signals' | 'new_critical' | 'reasons'>) {
  return {
    signals: parseJsonText<string[]>(row.signals),
    newCritical: parseJsonText<string[]>(row.new_critical),
    reasons: parseJsonText<string[]>(row.reasons),
  };
}

export function asBand(value: string | null): Band | null {
  return value as Band | null;
}
