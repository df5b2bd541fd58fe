// Alerts for people: the inbox (each alert with its band change, reasons and the delivery state per destination),
// marking an alert read, and the admin's destinations (Slack and signed webhooks; email comes from the
// environment). URLs and signing secrets are stored encrypted; a new signing secret is shown once.

import { randomToken } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import { putSetting } from '../adapters/db/repositories/settings.repository.ts';
import { DomainError } from '../core/errors.ts';
import type { Band } from '../core/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import {
  DESTINATIONS_SETTING,
  type DestinationKind,
  EMAIL_DESTINATION_ID,
  emailDestination,
  loadStoredDestinations,
  parseAlertLists,
  type StoredDestination,
  sealSecret,
  storedDestinationsJson,
} from './internal/alerts.ts';

export type DeliveryView = {
  destinationId: string;
  destinationKind: DestinationKind;
  destinationName: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
};

export type AlertView = {
  id: string;
  kind: 'band-rise' | 'critical-signal';
  createdAt: string;
  subject: { id: string; name: string | null };
  previousBand: Band | null;
  band: Band;
  previousScore: number | null;
  score: number;
  signals: string[];
  newCriticalSignals: string[];
  reasons: string[];
  read: boolean;
  readAt: string | null;
  deliveries: DeliveryView[];
};

export type AlertInbox = { unread: number; items: AlertView[] };

async function destinationNames(app: AppContext): Promise<Map<string, string>> {
  const names = new Map((await loadStoredDestinations(app.database.db)).map((d) => [d.id, d.name]));
  names.set(EMAIL_DESTINATION_ID, emailDestination(app)?.name ?? 'Email');
  return names;
}

export async function listAlerts(
  app: AppContext,
  actor: Actor,
  options: { unread?: boolean; limit?: number } = {},
): Promise<AlertInbox> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  let query = db
    .selectFrom('alerts')
    .innerJoin('subjects', 'subjects.id', 'alerts.subject_id')
    .selectAll('alerts')
    .select('subjects.name as subject_name')
    .orderBy('alerts.created_at', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(options.limit ?? 100);
  if (options.unread) query = query.where('alerts.read_at', 'is', null);
  const rows = await query.execute();
  const unreadRow = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const ids = rows.map((r) => r.id);
  const deliveries =
    ids.length === 0
      ? []
      : await db
          .selectFrom('alert_deliveries')
          .selectAll()
          .where('alert_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  const names = await destinationNames(app);
  const byAlert = new Map<string, DeliveryView[]>();
  for (const d of deliveries) {
    if (d.alert_id === null) continue;
    const list = byAlert.get(d.alert_id) ?? [];
    list.push({
      destinationId: d.destination_id,
      destinationKind: d.destination_kind as DestinationKind,
      destinationName: names.get(d.destination_id) ?? `${d.destination_kind} (removed)`,
      status: d.status as DeliveryView['status'],
      attempts: Number(d.attempts),
      nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.next_attempt_at : null,
      lastAttemptAt: d.last_attempt_at,
      lastError: d.last_error,
      deliveredAt: d.delivered_at,
    });
    byAlert.set(d.alert_id, list);
  }
  return {
    unread: Number(unreadRow.n),
    items: rows.map((r) => {
      const lists = parseAlertLists(r);
      return {
        id: r.id,
        kind: r.kind as AlertView['kind'],
        createdAt: r.created_at,
        subject: { id: r.subject_id, name: r.subject_name },
        previousBand: r.previous_band as Band | null,
        band: r.band as Band,
        previousScore: r.previous_score === null ? null : Number(r.previous_score),
        score: Number(r.score),
        signals: lists.signals,
        newCriticalSignals: lists.newCritical,
        reasons: lists.reasons,
        read: r.read_at !== null,
        readAt: r.read_at,
        deliveries: byAlert.get(r.id) ?? [],
      };
    }),
  };
}

export async function markAlertRead(
  app: AppContext,
  actor: Actor,
  id: string,
): Promise<{ id: string; readAt: string }> {
  authorize(actor, 'subjects:read');
  return inTransaction(app, async (trx) => {
    const row = await trx
      .selectFrom('alerts')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new DomainError('not_found', `No alert with id ${id}`);
    if (row.read_at !== null) return { id, readAt: row.read_at };
    const at = app.clock.now().toISOString();
    await trx.updateTable('alerts').set({ read_at: at, read_by: actor.id }).where('id', '=', id).execute();
    return { id, readAt: at };
  });
}

export type DestinationView = {
  id: string;
  kind: DestinationKind;
  name: string;
  enabled: boolean;
  /** Scheme and host of the URL; the rest (Slack's token is in the path) is never shown again. */
  urlHint: string | null;
  /** Read-only: email is configured by GATECHECK_SMTP_URL and GATECHECK_ALERT_EMAIL_TO. */
  managedBy: 'api' | 'environment';
  /** The signing secret, only in the answer that created or rotated it. */
  secret?: string;
  createdAt: string | null;
  updatedAt: string | null;
};

function toDestinationView(d: StoredDestination, secret?: string): DestinationView {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    enabled: d.enabled,
    urlHint: d.urlHint,
    managedBy: 'api',
    ...(secret !== undefined ? { secret } : {}),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function withEmail(app: AppContext, list: DestinationView[]): DestinationView[] {
  const email = emailDestination(app);
  if (!email) return list;
  return [
    ...list,
    {
      id: email.id,
      kind: 'email',
      name: email.name,
      enabled: true,
      urlHint: null,
      managedBy: 'environment',
      createdAt: null,
      updatedAt: null,
    },
  ];
}

export async function getAlertDestinations(
  app: AppContext,
  actor: Actor,
): Promise<{ items: DestinationView[] }> {
  authorize(actor, 'policy:write');
  const stored = await loadStoredDestinations(app.database.db);
  return {
    items: withEmail(
      app,
      stored.map((d) => toDestinationView(d)),
    ),
  };
}

export type DestinationInput = {
  /** An existing destination to keep or change; omit to add one. */
  id?: string | undefined;
  kind: 'slack' | 'webhook';
  name: string;
  enabled?: boolean | undefined;
  /** Required for a new destination; omit to keep the stored one. */
  url?: string | undefined;
  /** Generic webhooks: issue a new signing secret (the old one stops working). */
  rotateSecret?: boolean | undefined;
};

function checkUrl(url: string, where: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('validation', `${where}: "${url.slice(0, 80)}" is not a URL`, [
      { path: where, message: 'expected an http(s) URL' },
    ]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new DomainError('validation', `${where}: expected an http(s) URL`, [
      { path: where, message: 'expected an http(s) URL' },
    ]);
  return parsed;
}

/** Replaces the list of destinations. Removed ones get no further deliveries (pending ones end as failed). */
export async function putAlertDestinations(
  app: AppContext,
  actor: Actor,
  input: readonly DestinationInput[],
): Promise<{ items: DestinationView[] }> {
  authorize(actor, 'policy:write');
  const who = toAuditActor(actor);
  const at = app.clock.now().toISOString();
  // Encrypt outside the transaction (loading the key reads a file).
  const current = await loadStoredDestinations(app.database.db);
  const byId = new Map(current.map((d) => [d.id, d]));
  const secrets = new Map<string, string>();
  const next: StoredDestination[] = [];
  const seen = new Set<string>();
  for (const [i, d] of input.entries()) {
    const where = `destinations[${i}]`;
    const name = d.name.trim();
    if (name === '')
      throw new DomainError('validation', `${where}.name: a destination needs a name`, [
        { path: `${where}.name`, message: 'required' },
      ]);
    const old = d.id !== undefined ? byId.get(d.id) : undefined;
    if (d.id !== undefined && !old)
      throw new DomainError('validation', `${where}.id: no destination with id ${d.id}`, [
        { path: `${where}.id`, message: 'unknown destination' },
      ]);
    if (old && seen.has(old.id))
      throw new DomainError('validation', `${where}.id: destination ${old.id} is listed twice`, [
        { path: `${where}.id`, message: 'listed twice' },
      ]);
    if (old && old.kind !== d.kind)
      throw new DomainError(
        'validation',
        `${where}.kind: a destination's kind cannot change; add a new one`,
        [{ path: `${where}.kind`, message: 'cannot change' }],
      );
    if (!old && d.url === undefined)
      throw new DomainError('validation', `${where}.url: a new destination needs its URL`, [
        { path: `${where}.url`, message: 'required' },
      ]);
    const id = old?.id ?? app.ids.newId();
    seen.add(id);
    const parsed = d.url !== undefined ? checkUrl(d.url, `${where}.url`) : null;
    let secret = old?.secret ?? null;
    if (d.kind === 'webhook' && (secret === null || d.rotateSecret)) {
      const plain = randomToken('gcwh_');
      secrets.set(id, plain);
      secret = await sealSecret(app, plain);
    }
    next.push({
      id,
      kind: d.kind,
      name,
      enabled: d.enabled ?? old?.enabled ?? true,
      urlHint: parsed ? `${parsed.protocol}//${parsed.host}/…` : (old?.urlHint ?? ''),
      url: parsed ? await sealSecret(app, parsed.toString()) : (old?.url ?? ''),
      secret: d.kind === 'webhook' ? secret : null,
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
    });
  }
  await inTransaction(app, async (trx) => {
    await putSetting(trx, DESTINATIONS_SETTING, storedDestinationsJson(next), at);
    await appendAudit(trx, {
      at,
      actor: who,
      action: 'alerts.destinations-updated',
      targetType: 'settings',
      targetId: DESTINATIONS_SETTING,
      // Names and hosts only: never a URL path or a secret.
      data: {
        destinations: next.map((d) => ({
          id: d.id,
          kind: d.kind,
          name: d.name,
          enabled: d.enabled,
          urlHint: d.urlHint,
          secretIssued: secrets.has(d.id),
        })),
        removed: current.filter((d) => !seen.has(d.id)).map((d) => d.id),
      },
    });
  });
  return {
    items: withEmail(
      app,
      next.map((d) => toDestinationView(d, secrets.get(d.id))),
    ),
  };
}
