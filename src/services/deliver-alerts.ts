// Alert delivery: a sweeper (startAlertDelivery, every 30 s in the server) sends every due delivery — a Slack
// incoming webhook, a generic JSON webhook signed with HMAC-SHA256, or email over SMTP — and records the outcome:
// delivered, or retrying with exponential backoff (1 min × 3ⁿ, at most 8 tries over about 18 hours), then failed.
// It also queues one digest per destination per day (at 08:00 UTC, the changes of the 24 hours before).
// Nothing here runs on a request: raising an alert only writes rows (internal/alerts.ts).
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { parseJsonText, toJsonText } from '../adapters/db/json.ts';
import {
  type AlertMessageInput,
  type Digest,
  digestText,
  formatSignatureHeader,
  nextAttemptAt,
  SIGNATURE_HEADER,
  signedPayload,
  slackAlertBody,
  slackDigestBody,
  webhookAlertBody,
  webhookDigestBody,
} from '../core/alerts/alerts.ts';
import type { Band } from '../core/types.ts';
import type { AppContext } from './context.ts';
import {
  activeDestinationRefs,
  type Destination,
  parseAlertLists,
  resolveDestination,
} from './internal/alerts.ts';
import { type PeriodicTask, startPeriodic } from './internal/periodic.ts';

export const ALERT_SWEEP_INTERVAL_MS = 30 * 1000;
/** A claimed delivery whose process died is tried again after this long. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;
const SEND_TIMEOUT_MS = 10 * 1000;
/** Digests go out at this hour (UTC) and cover the 24 hours before it. */
export const DIGEST_HOUR_UTC = 8;
const BATCH = 50;

export type DeliveryOutcome = { id: string; status: 'delivered' | 'retrying' | 'failed'; error?: string };

type Message = { subject: string; text: string; slack: unknown; webhook: unknown };

async function alertInput(app: AppContext, alertId: string): Promise<AlertMessageInput | null> {
  const row = await app.database.db
    .selectFrom('alerts')
    .innerJoin('subjects', 'subjects.id', 'alerts.subject_id')
    .selectAll('alerts')
    .select('subjects.name as subject_name')
    .where('alerts.id', '=', alertId)
    .executeTakeFirst();
  if (!row) return null;
  return toMessageInput(app, row);
}

function toMessageInput(
  app: AppContext,
  row: {
    id: string;
    kind: string;
    subject_id: string;
    subject_name: string | null;
    previous_band: string | null;
    band: string;
    score: number;
    created_at: string;
    signals: string;
    new_critical: string;
    reasons: string;
  },
): AlertMessageInput {
  const lists = parseAlertLists(row);
  return {
    id: row.id,
    kind: row.kind as AlertMessageInput['kind'],
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    previousBand: row.previous_band as Band | null,
    band: row.band as Band,
    score: Number(row.score),
    newCritical: lists.newCritical,
    reasons: lists.reasons,
    createdAt: row.created_at,
    url: `${app.config.publicUrl}/subjects/${encodeURIComponent(row.subject_id)}`,
  };
}

function alertMessage(a: AlertMessageInput): Message {
  const slack = slackAlertBody(a);
  return {
    subject: slack.text,
    text: slack.text.replace(/^Gatecheck alert — /, ''),
    slack,
    webhook: webhookAlertBody(a),
  };
}

function digestMessage(d: Digest): Message {
  return {
    subject: `Gatecheck daily digest for ${d.day}: ${d.alerts.length} change(s)`,
    text: digestText(d),
    slack: slackDigestBody(d),
    webhook: webhookDigestBody(d),
  };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Gatecheck-Alerts', ...headers },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
}

async function send(app: AppContext, destination: Destination, message: Message): Promise<void> {
  if (destination.kind === 'slack') {
    await post(destination.url, JSON.stringify(message.slack), {});
    return;
  }
  if (destination.kind === 'webhook') {
    const body = JSON.stringify(message.webhook);
    const t = Math.floor(app.clock.now().getTime() / 1000);
    const v1 = createHmac('sha256', destination.secret).update(signedPayload(t, body)).digest('hex');
    await post(destination.url, body, { [SIGNATURE_HEADER]: formatSignatureHeader(t, v1) });
    return;
  }
  const transport = nodemailer.createTransport({
    url: destination.smtpUrl,
    connectionTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    const from = `Gatecheck <gatecheck@${new URL(app.config.publicUrl).hostname}>`;
    await transport.sendMail({ from, to: destination.to, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${message}${cause}`.slice(0, 500);
}

/** Sends every delivery that is due now (pending, or retrying with its next try reached). */
export async function deliverDueAlerts(app: AppContext): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  const seen = new Set<string>();
  for (;;) {
    const now = app.clock.now();
    const due = await app.database.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('status', 'in', ['pending', 'retrying'])
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    const fresh = due.filter((d) => !seen.has(d.id));
    if (fresh.length === 0) break;
    for (const d of fresh) {
      seen.add(d.id);
      const attempts = Number(d.attempts) + 1;
      const startedAt = app.clock.now();
      // Claim it (another process may be sweeping too): the lease hands it back if this one dies mid-send.
      const claimed = await app.database.db
        .updateTable('alert_deliveries')
        .set({
          attempts,
          last_attempt_at: startedAt.toISOString(),
          next_attempt_at: new Date(startedAt.getTime() + CLAIM_LEASE_MS).toISOString(),
        })
        .where('id', '=', d.id)
        .where('attempts', '=', Number(d.attempts))
        .where('status', 'in', ['pending', 'retrying'])
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      let error: string | null = null;
      let permanent = false;
      try {
        const destination = await resolveDestination(app, d.destination_id);
        const message =
          d.alert_id !== null
            ? await alertInput(app, d.alert_id).then((a) => (a ? alertMessage(a) : null))
            : d.payload !== null
              ? digestMessage(parseJsonText<Digest>(d.payload))
              : null;
        if (destination === null) {
          permanent = true;
          error = 'the destination was removed or is no longer configured';
        } else if (message === null) {
          permanent = true;
          error = 'the alert no longer exists';
        } else {
          await send(app, destination, message);
        }
      } catch (e) {
        error = describeError(e);
      }
      const finishedAt = app.clock.now();
      const next = error === null || permanent ? null : nextAttemptAt(attempts, finishedAt);
      const status = error === null ? 'delivered' : next === null ? 'failed' : 'retrying';
      await app.database.db
        .updateTable('alert_deliveries')
        .set({
          status,
          last_error: error,
          next_attempt_at: next?.toISOString() ?? null,
          delivered_at: status === 'delivered' ? finishedAt.toISOString() : null,
        })
        .where('id', '=', d.id)
        .execute();
      outcomes.push({ id: d.id, status, ...(error !== null ? { error } : {}) });
    }
  }
  return outcomes;
}

/** The day whose digest is due at `now` (YYYY-MM-DD), and the 24 hours it covers. */
export function digestWindow(now: Date): { day: string; since: string; until: string } | null {
  const until = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC, 0, 0),
  );
  if (now < until) return null;
  return {
    day: until.toISOString().slice(0, 10),
    since: new Date(until.getTime() - 24 * 60 * 60 * 1000).toISOString(),
    until: until.toISOString(),
  };
}

/**
 * Queues today's digest for each destination that has none yet, once 08:00 UTC has passed, when there were
 * changes in the 24 hours before. The content is fixed when queued, so retries send the same message.
 */
export async function queueDailyDigests(app: AppContext): Promise<number> {
  const window = digestWindow(app.clock.now());
  if (window === null) return 0;
  const destinations = await activeDestinationRefs(app, app.database.db);
  if (destinations.length === 0) return 0;
  const existing = new Set(
    (
      await app.database.db
        .selectFrom('alert_deliveries')
        .select('destination_id')
        .where('digest_day', '=', window.day)
        .execute()
    ).map((r) => r.destination_id),
  );
  const missing = destinations.filter((d) => !existing.has(d.id));
  if (missing.length === 0) return 0;
  const rows = await app.database.db
    .selectFrom('alerts')
    .innerJoin('subjects', 'subjects.id', 'alerts.subject_id')
    .selectAll('alerts')
    .select('subjects.name as subject_name')
    .where('alerts.created_at', '>=', window.since)
    .where('alerts.created_at', '<', window.until)
    .orderBy('alerts.created_at')
    .orderBy('alerts.id')
    .execute();
  if (rows.length === 0) return 0;
  const digest: Digest = { ...window, alerts: rows.map((r) => toMessageInput(app, r)) };
  const at = app.clock.now().toISOString();
  let queued = 0;
  for (const dest of missing) {
    const result = await app.database.db
      .insertInto('alert_deliveries')
      .values({
        id: app.ids.newId(),
        alert_id: null,
        digest_day: window.day,
        destination_id: dest.id,
        destination_kind: dest.kind,
        payload: toJsonText(digest),
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_attempt_at: null,
        last_error: null,
        delivered_at: null,
        created_at: at,
      })
      // Another process queued it first: one digest per destination and day.
      .onConflict((oc) => oc.columns(['destination_id', 'digest_day']).doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return queued;
}

/** One sweep: queue due digests, then send everything due. */
export async function sweepAlerts(app: AppContext): Promise<DeliveryOutcome[]> {
  await queueDailyDigests(app);
  return deliverDueAlerts(app);
}

/** Runs the sweep now and every 30 seconds in the background; errors are reported, never thrown. */
export function startAlertDelivery(
  app: AppContext,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): PeriodicTask {
  return startPeriodic(
    async () => {
      await sweepAlerts(app);
    },
    options.intervalMs ?? ALERT_SWEEP_INTERVAL_MS,
    options.onError,
  );
}
