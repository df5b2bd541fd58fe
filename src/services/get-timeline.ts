// One subject's history in time order: evidence, assessments (with band changes), case events and notes.
import type { Executor } from '../adapters/db/database.ts';
import { listAssessments } from '../adapters/db/repositories/assessments.repository.ts';
import { listCaseEvents, listCaseNotes } from '../adapters/db/repositories/cases.repository.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { CASE_STATUS_LABELS, isCaseStatus } from '../core/case/state-machine.ts';
import type { Band, Severity } from '../core/types.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';

export type TimelineKind =
  | 'application'
  | 'interviews'
  | 'documents'
  | 'communications'
  | 'changes'
  | 'payments'
  | 'logins'
  | 'devices'
  | 'incidents'
  | 'onboarding'
  | 'verifications'
  | 'assessment'
  | 'case'
  | 'note';

export type TimelineItem = {
  at: string;
  kind: TimelineKind;
  title: string;
  detail?: string;
  /** Path into the bundle for evidence items, e.g. `interviews[2]`. */
  path?: string;
  severity?: Severity;
};

const BAND_SEVERITY: Record<Band, Severity> = {
  low: 'low',
  elevated: 'medium',
  high: 'high',
  critical: 'critical',
};

const words = (s: string) => s.replace(/_/g, ' ');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clip = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value !== 'object') return String(value);
  const parts = Object.values(value as Record<string, unknown>).filter(
    (v) => typeof v === 'string' || typeof v === 'number',
  );
  return parts.length > 0 ? parts.join(', ') : JSON.stringify(value);
}

/** Evidence items from the bundle. Logins are summarised per day and IP rather than listed one by one. */
export function bundleTimeline(bundle: CaseBundle, now: Date): TimelineItem[] {
  const items: TimelineItem[] = [];
  const push = (item: TimelineItem) => {
    if (isTime(item.at)) items.push(item);
  };

  if (bundle.application?.submittedAt) {
    push({
      at: bundle.application.submittedAt,
      kind: 'application',
      title: 'Application submitted',
      path: 'application',
    });
  }

  bundle.interviews?.forEach((iv, i) => {
    const planned = iv.plannedMode ? words(iv.plannedMode) : 'interview';
    const actual = iv.actualMode && iv.actualMode !== iv.plannedMode ? ` → ${words(iv.actualMode)}` : '';
    const status = iv.status ? ` (${words(iv.status)})` : '';
    const detail = [
      iv.cameraOn === false ? 'camera off' : null,
      iv.excuse ? `excuse: ${iv.excuse}` : null,
      ...(iv.observations ?? []),
    ].filter((s): s is string => s !== null);
    push({
      at: iv.at ?? '',
      kind: 'interviews',
      title: `${cap(planned)} interview${actual}${status}`,
      ...(detail.length > 0 ? { detail: clip(detail.join('; ')) } : {}),
      path: `interviews[${i}]`,
    });
  });

  bundle.documents?.forEach((doc, i) => {
    const what = cap(words(doc.kind ?? 'document'));
    const path = `documents[${i}]`;
    if (doc.requestedAt) {
      push({
        at: doc.requestedAt,
        kind: 'documents',
        title: `${what} requested`,
        ...(doc.dueAt ? { detail: `due ${doc.dueAt}` } : {}),
        path,
      });
    }
    if (doc.receivedAt) {
      const late = doc.dueAt && Date.parse(doc.receivedAt) > Date.parse(doc.dueAt);
      push({
        at: doc.receivedAt,
        kind: 'documents',
        title: `${what} received${late ? ' (late)' : ''}`,
        path,
        ...(late ? { severity: 'medium' as const } : {}),
      });
    } else if (doc.dueAt) {
      const overdue = Date.parse(doc.dueAt) < now.getTime();
      push({
        at: doc.dueAt,
        kind: 'documents',
        title: overdue ? `${what} overdue` : `${what} due`,
        path,
        ...(overdue ? { severity: 'medium' as const } : {}),
      });
    }
  });

  bundle.communications?.forEach((c, i) => {
    const dir = c.direction === 'outbound' ? 'Outbound' : c.direction === 'inbound' ? 'Inbound' : 'Message';
    push({
      at: c.at ?? '',
      kind: 'communications',
      title: `${dir} ${c.channel ?? 'message'}${c.from ? ` from ${c.from}` : ''}`,
      ...(c.text ? { detail: clip(c.text) } : {}),
      path: `communications[${i}]`,
    });
  });

  bundle.changes?.forEach((c, i) => {
    push({
      at: c.at,
      kind: 'changes',
      title: `${cap(words(c.field))} changed`,
      detail: clip(`${describeValue(c.from)} → ${describeValue(c.to)}`),
      path: `changes[${i}]`,
    });
  });

  bundle.payments?.forEach((p, i) => {
    const amount = p.amount !== undefined ? `${p.amount}${p.currency ? ` ${p.currency}` : ''}` : '';
    const via = [p.method ? words(p.method) : null, p.platform ?? null, p.asset ?? null]
      .filter(Boolean)
      .join(', ');
    push({
      at: p.at ?? '',
      kind: 'payments',
      title: `${cap(p.kind ?? 'payment')}${amount ? `: ${amount}` : ''}${via ? ` via ${via}` : ''}`,
      ...(p.text ? { detail: clip(p.text) } : p.destination ? { detail: `to ${p.destination}` } : {}),
      path: `payments[${i}]`,
    });
  });

  // Logins: one item per UTC day and IP.
  const groups = new Map<
    string,
    {
      first: string;
      firstMs: number;
      index: number;
      count: number;
      apps: Set<string>;
      failed: number;
      country?: string;
      ip: string;
    }
  >();
  bundle.logins?.forEach((l, i) => {
    const ms = Date.parse(l.at);
    if (Number.isNaN(ms)) return;
    const day = new Date(ms).toISOString().slice(0, 10);
    const ip = l.ip ?? 'unknown IP';
    const key = `${day}|${ip}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        first: l.at,
        firstMs: ms,
        index: i,
        count: 0,
        apps: new Set(),
        failed: 0,
        ip,
        ...(l.country ? { country: l.country } : {}),
      };
      groups.set(key, g);
    }
    g.count += 1;
    if (l.app) g.apps.add(l.app);
    if (l.outcome && l.outcome !== 'success') g.failed += 1;
    if (ms < g.firstMs) {
      g.first = l.at;
      g.firstMs = ms;
      g.index = i;
    }
  });
  for (const g of groups.values()) {
    const detail = [
      g.apps.size > 0 ? `apps: ${[...g.apps].join(', ')}` : null,
      g.failed > 0 ? `${g.failed} not successful` : null,
    ].filter((s): s is string => s !== null);
    push({
      at: g.first,
      kind: 'logins',
      title: `${g.count} login${g.count === 1 ? '' : 's'} from ${g.ip}${g.country ? ` (${g.country})` : ''}`,
      ...(detail.length > 0 ? { detail: detail.join('; ') } : {}),
      path: `logins[${g.index}]`,
    });
  }

  bundle.devices?.forEach((d, i) => {
    const detail = [...(d.software ?? []), ...(d.peripherals ?? [])].join(', ');
    push({
      at: d.at ?? '',
      kind: 'devices',
      title: `Device seen${d.hostname ? `: ${d.hostname}` : ''}`,
      ...(detail ? { detail: clip(detail) } : {}),
      path: `devices[${i}]`,
    });
  });

  bundle.incidents?.forEach((inc, i) => {
    push({
      at: inc.at ?? '',
      kind: 'incidents',
      title: `Incident: ${words(inc.kind)}`,
      ...(inc.text ? { detail: clip(inc.text) } : {}),
      path: `incidents[${i}]`,
      severity: 'high',
    });
  });

  bundle.verifications?.forEach((v, i) => {
    push({
      at: v.at ?? '',
      kind: 'verifications',
      title: `${cap(words(v.kind ?? 'verification'))}${v.status ? ` ${words(v.status)}` : ''}`,
      path: `verifications[${i}]`,
    });
  });

  const onboarding = bundle.onboarding;
  if (onboarding?.equipmentShippedAt) {
    push({
      at: onboarding.equipmentShippedAt,
      kind: 'onboarding',
      title: 'Equipment shipped',
      path: 'onboarding.equipmentShippedAt',
    });
  }
  if (onboarding?.inPersonVerifiedAt) {
    push({
      at: onboarding.inPersonVerifiedAt,
      kind: 'onboarding',
      title: 'Identity verified in person',
      path: 'onboarding.inPersonVerifiedAt',
    });
  }
  return items;
}

/** Oldest first. Items without a usable time are left out. */
export async function getTimeline(
  app: AppContext,
  actor: Actor,
  id: string,
): Promise<{ items: TimelineItem[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  const subject = await findSubject(db, id);
  if (!subject) throw notFound('Subject', id);
  return { items: await loadTimeline(db, id, subject.bundle, app.clock.now()) };
}

/** The timeline from any executor (a transaction too): case snapshots freeze it with the rest. */
export async function loadTimeline(
  db: Executor,
  id: string,
  bundle: CaseBundle,
  now: Date,
): Promise<TimelineItem[]> {
  const [assessments, events, notes] = await Promise.all([
    listAssessments(db, id, 1000),
    listCaseEvents(db, id),
    listCaseNotes(db, id),
  ]);
  const items = bundleTimeline(bundle, now);

  let previousBand: Band | null = null;
  for (const stored of [...assessments].reverse()) {
    const a = stored.assessment;
    const changed = previousBand !== null && previousBand !== a.band;
    items.push({
      at: stored.createdAt,
      kind: 'assessment',
      title: changed
        ? `Band changed from ${previousBand} to ${a.band} (score ${a.score})`
        : `Assessed: ${a.band} (score ${a.score})`,
      detail: `${a.signals.length} signal${a.signals.length === 1 ? '' : 's'}; ${stored.trigger}`,
      severity: BAND_SEVERITY[a.band],
    });
    previousBand = a.band;
  }

  const label = (s: string | null) => (s && isCaseStatus(s) ? CASE_STATUS_LABELS[s] : (s ?? ''));
  for (const e of events) {
    let title: string;
    if (e.kind === 'opened') title = 'Case opened';
    else if (e.kind === 'transitioned') title = `Case moved from ${label(e.from)} to ${label(e.to)}`;
    else {
      const name = typeof e.data?.assigneeName === 'string' ? e.data.assigneeName : e.to;
      title = e.to ? `Case assigned to ${name}` : 'Case unassigned';
    }
    items.push({ at: e.at, kind: 'case', title, detail: `by ${e.actor.name}` });
  }
  for (const n of notes)
    items.push({ at: n.at, kind: 'note', title: `Note by ${n.author.name}`, detail: clip(n.text, 500) });

  // Stable sort by instant; times keep their original offsets for display.
  const keyed = items.map((item, i) => ({ item, i, ms: Date.parse(item.at) }));
  keyed.sort((a, b) => a.ms - b.ms || a.i - b.i);
  return keyed.map((k) => k.item);
}
