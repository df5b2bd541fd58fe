// Change events from HRIS, payroll and IT systems (POST /events/changes, POST /events/changes/import,
// `gatecheck changes import`): each event is read and checked, matched to its subject (id, or the employee
// email), appended to the subject's bundle (`changes[]` or `payments[]`), audited, and the subjects re-assessed —
// the whole delivery in one transaction, so a delivery with any problem stores nothing. A webhook delivery
// carries an Idempotency-Key: the same key with the same body answers what the first delivery answered, with
// another body it is refused; keys are kept 7 days.
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import { canonicalJson, parseJsonText, toJsonText } from '../adapters/db/json.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { DomainError, type ProblemDetail } from '../core/errors.ts';
import { csvRowToRawEvent, type ParsedChangeEvent, parseChangeEvent } from '../core/payroll/change-event.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { loadAccountMatcher } from './internal/logins.ts';

export const IDEMPOTENCY_KEY_DAYS = 7;
export const MAX_EVENTS_PER_DELIVERY = 10_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const DAY_MS = 86_400_000;

export type ChangeEventsResult = {
  /** Events stored by this delivery. */
  received: number;
  /** True when this answer is the stored answer to an earlier delivery with the same Idempotency-Key. */
  replayed: boolean;
  subjects: { id: string; changes: number; payments: number; band: string | null; score: number | null }[];
};

type Labeled = { label: string; raw: unknown };

/** Reads every event; all problems at once, each under its event's label (`[2].to.iban`, `line 4: to.iban`). */
function parseAll(events: readonly Labeled[]): (ParsedChangeEvent & { label: string })[] {
  if (events.length === 0) throw new DomainError('validation', 'There are no events to record');
  if (events.length > MAX_EVENTS_PER_DELIVERY)
    throw new DomainError(
      'validation',
      `${events.length} events in one delivery; send at most ${MAX_EVENTS_PER_DELIVERY} at a time`,
    );
  const problems: ProblemDetail[] = [];
  const parsed: (ParsedChangeEvent & { label: string })[] = [];
  for (const e of events) {
    const result = parseChangeEvent(e.raw);
    if (result.ok) parsed.push({ ...result.event, label: e.label });
    else for (const p of result.problems) problems.push({ path: join(e.label, p.path), message: p.message });
  }
  if (problems.length > 0)
    throw new DomainError(
      'validation',
      `${plural(new Set(problems.map((p) => p.path.split(/[.:]/)[0])).size, 'event')} not valid; nothing was stored`,
      problems,
    );
  return parsed;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? ' is' : 's are'}`;

function join(label: string, path: string): string {
  if (path === '' || label === '') return label || path || '(body)';
  return label.startsWith('line ') ? `${label}: ${path}` : `${label}.${path}`;
}

async function applyEvents(
  app: AppContext,
  actor: Actor,
  trx: Transaction<DB>,
  events: readonly (ParsedChangeEvent & { label: string })[],
  source: 'webhook' | 'csv',
): Promise<ChangeEventsResult> {
  const who = toAuditActor(actor);
  const matcher = events.some((e) => 'email' in e.subject) ? await loadAccountMatcher(trx) : undefined;
  const problems: ProblemDetail[] = [];
  const bundles = new Map<string, CaseBundle>();
  const added = new Map<string, { changes: string[]; payments: string[] }>();
  for (const e of events) {
    let id: string | undefined;
    if ('subjectId' in e.subject) id = e.subject.subjectId;
    else {
      const match = matcher?.match(e.subject.email);
      if (!match) {
        problems.push({
          path: join(e.label, 'email'),
          message: `no subject has the email "${e.subject.email}" (or it is shared by several); send subjectId`,
        });
        continue;
      }
      id = match.subjectId;
    }
    let bundle = bundles.get(id);
    if (!bundle) {
      const subject = await findSubject(trx, id);
      if (!subject) {
        problems.push({ path: join(e.label, 'subjectId'), message: `no subject has the id "${id}"` });
        continue;
      }
      bundle = subject.bundle;
    }
    const list = [...((bundle[e.target] as unknown[] | undefined) ?? []), e.item];
    bundles.set(id, { ...bundle, [e.target]: list } as CaseBundle);
    const paths = added.get(id) ?? { changes: [], payments: [] };
    paths[e.target].push(`${e.target}[${list.length - 1}]`);
    added.set(id, paths);
  }
  if (problems.length > 0)
    throw new DomainError('validation', 'Some events name no known subject; nothing was stored', problems);

  const now = app.clock.now().toISOString();
  const stored: CaseBundle[] = [];
  for (const [id, bundle] of bundles) {
    const checked = validateBundle(bundle);
    if (!checked.ok)
      throw new DomainError(
        'validation',
        `The events make subject "${id}" invalid; nothing was stored`,
        checked.problems.map((p) => ({ path: `${id}: ${p.path}`, message: p.message })),
      );
    await updateSubjectBundle(trx, checked.bundle, now);
    const paths = added.get(id)!;
    await appendAudit(trx, {
      at: now,
      actor: who,
      action: 'change_events.recorded',
      targetType: 'subject',
      targetId: id,
      data: { source, changes: paths.changes, payments: paths.payments },
    });
    stored.push(checked.bundle);
  }
  const assessed = await assessWithinPopulation(app, trx, stored);
  const subjects: ChangeEventsResult['subjects'] = [];
  for (const bundle of stored) {
    const id = bundle.subject.id;
    const assessment = assessed.get(id);
    if (assessment) await recordAssessment(app, trx, who, id, assessment, 'evidence');
    const paths = added.get(id)!;
    subjects.push({
      id,
      changes: paths.changes.length,
      payments: paths.payments.length,
      band: assessment?.band ?? null,
      score: assessment?.score ?? null,
    });
  }
  return { received: events.length, replayed: false, subjects };
}

/**
 * A webhook delivery: one event or an array, with its Idempotency-Key. The first delivery of a key is recorded
 * with its answer; a repeat with the same body gets that answer (`replayed: true`); another body is a conflict.
 */
export async function recordChangeEvents(
  app: AppContext,
  actor: Actor,
  body: unknown,
  idempotencyKey: string | undefined,
): Promise<ChangeEventsResult> {
  authorize(actor, 'subjects:write');
  const key = idempotencyKey?.trim();
  if (!key)
    throw new DomainError('validation', 'Send an Idempotency-Key header (e.g. the event id of your system)', [
      { path: '(header) Idempotency-Key', message: 'required' },
    ]);
  if (!KEY_PATTERN.test(key))
    throw new DomainError('validation', 'The Idempotency-Key is not usable', [
      { path: '(header) Idempotency-Key', message: '1 to 200 visible ASCII characters, no spaces' },
    ]);
  const list = Array.isArray(body) ? body : [body];
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const now = app.clock.now();
  const replay = (row: { body_sha256: string; response: string | null }): ChangeEventsResult => {
    if (row.body_sha256 !== hash)
      throw new DomainError(
        'conflict',
        `The Idempotency-Key "${key}" was already used with another body; use a new key for new events`,
      );
    if (row.response === null)
      throw new DomainError(
        'conflict',
        `A delivery with the Idempotency-Key "${key}" is still being recorded; retry`,
      );
    return { ...parseJsonText<ChangeEventsResult>(row.response), replayed: true };
  };
  // A replay is answered before the events are read again: the first delivery already checked them.
  const events = await inTransaction(app, async (trx) => {
    await trx
      .deleteFrom('change_event_keys')
      .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * DAY_MS).toISOString())
      .execute();
    const existing = await trx
      .selectFrom('change_event_keys')
      .select(['body_sha256', 'response'])
      .where('key', '=', key)
      .executeTakeFirst();
    return existing ? replay(existing) : null;
  });
  if (events !== null) return events;
  const parsed = parseAll(list.map((raw, i) => ({ label: Array.isArray(body) ? `[${i}]` : '', raw })));
  return inTransaction(app, async (trx) => {
    // Claim the key first: a concurrent delivery of the same key waits on this row, then sees it.
    const inserted = await trx
      .insertInto('change_event_keys')
      .values({ key, body_sha256: hash, response: null, actor_id: actor.id, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted === undefined) {
      const row = await trx
        .selectFrom('change_event_keys')
        .select(['body_sha256', 'response'])
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return replay(row);
    }
    const result = await applyEvents(app, actor, trx, parsed, 'webhook');
    await trx
      .updateTable('change_event_keys')
      .set({ response: toJsonText(result) })
      .where('key', '=', key)
      .execute();
    return result;
  });
}

/**
 * A CSV file of change events (one per row, header first; see docs/payroll-events.md for the columns). Every
 * problem is reported with its line; a file with any problem stores nothing.
 */
export async function importChangeEvents(
  app: AppContext,
  actor: Actor,
  csvText: string,
): Promise<ChangeEventsResult> {
  authorize(actor, 'subjects:write');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(csvText, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      delimiter: [',', ';', '\t'],
    }) as typeof records;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError('validation', 'The CSV file could not be read; nothing was stored', [
      { path: '(file)', message },
    ]);
  }
  const parsed = parseAll(
    records.map((r) => ({ label: `line ${r.info.lines}`, raw: csvRowToRawEvent(r.record) })),
  );
  return inTransaction(app, (trx) => applyEvents(app, actor, trx, parsed, 'csv'));
}
