// Live ingestion: sign-in events pushed by an identity provider (Okta Event Hook) or by any system through
// the generic webhook. Each event is normalised, placed and matched, and the whole request is committed in
// ONE transaction (with its audit entry) before the caller gets its 200: an acknowledged event survives a
// crash. Events already stored (same source and event id: Okta re-delivers) are counted as duplicates.
// The subjects that got events are re-assessed by a queued job (durable in the jobs table).
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JsonObject } from '../adapters/db/records.ts';
import { insertLoginEvents } from '../adapters/db/repositories/login-events.repository.ts';
import { DomainError } from '../core/errors.ts';
import { detectRecordFormat } from '../intel/logins/detect.ts';
import { isObject } from '../intel/logins/fields.ts';
import type { LoginEvent, NormalizeResult } from '../intel/logins/model.ts';
import { normalizeEntraSignIn } from '../intel/logins/normalize-entra.ts';
import { normalizeGenericEvent } from '../intel/logins/normalize-generic.ts';
import { normalizeGoogleActivity } from '../intel/logins/normalize-google.ts';
import { normalizeOktaEvent } from '../intel/logins/normalize-okta.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import {
  createIpCache,
  loadAccountMatcher,
  prepareEvents,
  readyIpLookup,
  reassessSubjects,
} from './internal/logins.ts';

export const REASSESS_LOGINS_JOB = 'logins-reassess';
/** Events one request may carry. */
export const MAX_HOOK_EVENTS = 10_000;
/** Problems listed in a response (all are counted). */
const MAX_LISTED_PROBLEMS = 200;

export type HookName = 'okta' | 'logins';

/** One record of a hook body, or why it could not be read (an NDJSON line that is not JSON). */
export type HookItem = { record: unknown } | { problem: string };

export type IngestResult = {
  /** Events stored by this request. */
  accepted: number;
  /** Events that were already stored (same source and event id). */
  duplicates: number;
  /** Records that are not readable sign-in events, by their index in the request. */
  problems: { index: number; message: string }[];
  /** How many records had problems (problems lists at most 200). */
  rejected: number;
  /** The re-assessment job, when subjects got new events. */
  jobId: string | null;
};

/** What the generic hook takes: Okta, Entra or Google records as exported, or `{at, account, ip, …}`. */
function normalizeAny(record: unknown): NormalizeResult {
  if (!isObject(record)) return { ok: false, reason: 'not a JSON object' };
  switch (detectRecordFormat(record)) {
    case 'okta':
      return normalizeOktaEvent(record);
    case 'entra':
      return normalizeEntraSignIn(record);
    case 'google':
      return normalizeGoogleActivity(record);
    default:
      return normalizeGenericEvent(record);
  }
}

/** Stores the events of one hook request; `hook` says which endpoint received them. */
export async function ingestLoginEvents(
  app: AppContext,
  actor: Actor,
  input: { hook: HookName; items: readonly HookItem[] },
): Promise<IngestResult> {
  if (input.hook === 'logins') authorize(actor, 'logins:import');
  if (input.items.length > MAX_HOOK_EVENTS)
    throw new DomainError(
      'payload_too_large',
      `At most ${MAX_HOOK_EVENTS} events per request (got ${input.items.length}); send them in parts`,
    );
  const problems: { index: number; message: string }[] = [];
  const events: LoginEvent[] = [];
  input.items.forEach((item, index) => {
    if ('problem' in item) {
      problems.push({ index, message: item.problem });
      return;
    }
    const result = input.hook === 'okta' ? normalizeOktaEvent(item.record) : normalizeAny(item.record);
    if (result.ok) events.push(...result.events);
    else problems.push({ index, message: result.reason });
  });
  const who = toAuditActor(actor);
  const db = app.database.db;
  const matcher = await loadAccountMatcher(db);
  const rows = prepareEvents(events, {
    ids: app.ids,
    place: createIpCache(await readyIpLookup(app)),
    matcher,
    importId: `hook:${input.hook}`,
    receivedAt: app.clock.now().toISOString(),
  });
  const stored = await inTransaction(app, async (trx) => {
    const outcome = await insertLoginEvents(trx, rows);
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: who,
      action: 'logins.ingested',
      targetType: 'login_hook',
      targetId: input.hook,
      data: {
        received: input.items.length,
        accepted: outcome.inserted,
        duplicates: rows.length - outcome.inserted,
        problems: problems.length,
        subjects: [...outcome.subjects.keys()].sort().slice(0, 1000),
      },
    });
    return outcome;
  });
  let jobId: string | null = null;
  if (stored.subjects.size > 0) {
    const payload: JsonObject = { subjectIds: [...stored.subjects.keys()].sort(), actor: who };
    jobId = await app.jobs.enqueue(REASSESS_LOGINS_JOB, payload, who);
  }
  return {
    accepted: stored.inserted,
    duplicates: rows.length - stored.inserted,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    rejected: problems.length,
    jobId,
  };
}

/**
 * The records of a hook body: a JSON array, `{events: […]}`, Okta's `{data: {events: […]}}`, one event
 * object, or NDJSON (one object per line; a line that is not JSON becomes a problem at its index).
 */
export function splitHookBody(text: string): HookItem[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new DomainError('validation', 'The body is empty; send events as JSON or NDJSON');
  const records = (values: unknown[]): HookItem[] => values.map((record) => ({ record }));
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let parsed: unknown;
    let whole = true;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      if (trimmed.startsWith('['))
        throw new DomainError(
          'validation',
          `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        );
      whole = false;
    }
    if (whole) {
      if (Array.isArray(parsed)) return records(parsed);
      if (isObject(parsed)) {
        const data = parsed.data;
        if (isObject(data) && Array.isArray(data.events)) return records(data.events);
        if (Array.isArray(parsed.events)) return records(parsed.events);
        return records([parsed]);
      }
    }
  }
  const items: HookItem[] = [];
  let line = 0;
  for (const raw of trimmed.split('\n')) {
    line += 1;
    const value = raw.trim();
    if (value === '') continue;
    try {
      items.push({ record: JSON.parse(value) });
    } catch {
      items.push({ problem: `line ${line} is not valid JSON` });
    }
  }
  return items;
}

function readActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

/** Re-assesses the subjects a hook request gave new events. */
export function reassessLoginSubjectsHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const ids = Array.isArray(payload.subjectIds)
      ? payload.subjectIds.filter((v): v is string => typeof v === 'string')
      : [];
    await reportProgress(0, ids.length, 're-assessing');
    const done = await reassessSubjects(app, readActor(payload.actor), ids, 'logins');
    await reportProgress(ids.length, ids.length, `${done} re-assessed`);
    return { subjects: done };
  };
}
