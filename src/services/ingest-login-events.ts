// Live ingestion: sign-in events pushed by an identity provider (Okta Event Hook) or by any system through
// the generic webhook. Each event is normalised, placed and matched, and the whole request is committed in
// ONE transaction (with its audit entry) before the caller gets its 200: an acknowledged event survives a
// crash. Events already stored (same source and event id: Okta re-delivers) are counted as duplicates.
// The subjects that got events are recorded as waiting for a re-assessment in that same transaction, and
// at most one `logins-reassess` job is queued at a time: it re-assesses every subject recorded by then, so
// a busy organisation's deliveries coalesce into few jobs. A crash between the commit and the queueing
// loses nothing: the next delivery, or the next start (resumeLoginReassessment), queues the job.
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JsonObject } from '../adapters/db/records.ts';
import {
  clearPendingReassessment,
  findQueuedJobId,
  hasPendingReassessment,
  insertLoginEvents,
  listPendingReassessment,
  recordPendingReassessment,
} from '../adapters/db/repositories/login-events.repository.ts';
import { DomainError } from '../core/errors.ts';
import { detectRecordFormat } from '../intel/logins/detect.ts';
import { isObject } from '../intel/logins/fields.ts';
import type { LoginEvent, NormalizeResult } from '../intel/logins/model.ts';
import { normalizeEntraSignIn } from '../intel/logins/normalize-entra.ts';
import { normalizeGenericEvent } from '../intel/logins/normalize-generic.ts';
import { normalizeGoogleActivity } from '../intel/logins/normalize-google.ts';
import { normalizeOktaEvent } from '../intel/logins/normalize-okta.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import {
  type Actor,
  type AppContext,
  authorize,
  inTransaction,
  SYSTEM_ACTOR,
  toAuditActor,
} from './context.ts';
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
/** Subjects one re-assessment job takes; the rest go to the next job. */
export const REASSESS_SUBJECTS_PER_JOB = 1_000;
/**
 * A queued re-assessment job older than this is not relied on to still be on its way to a worker (a lost
 * queue message would otherwise swallow every later delivery): another one is queued.
 */
const TRUST_QUEUED_MS = 10 * 60 * 1000;

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
  /** Well-formed records that are not sign-ins (other Okta event types, applications signing in …): left out. */
  skipped: number;
  /**
   * The re-assessment job that will re-assess the subjects that got new events (one already queued by an
   * earlier delivery when there is one); null when no subject got new events.
   */
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
  let skipped = 0;
  input.items.forEach((item, index) => {
    if ('problem' in item) {
      problems.push({ index, message: item.problem });
      return;
    }
    const result = input.hook === 'okta' ? normalizeOktaEvent(item.record) : normalizeAny(item.record);
    if (result.ok) events.push(...result.events);
    else if (result.skip === true) skipped++;
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
        skipped,
        subjects: [...outcome.subjects.keys()].sort().slice(0, 1000),
      },
    });
    // Durable with the events: whatever happens to the job queue, these subjects will be re-assessed.
    if (outcome.subjects.size > 0)
      await recordPendingReassessment(trx, [...outcome.subjects.keys()].sort(), {
        token: app.ids.newId(),
        at: app.clock.now().toISOString(),
      });
    return outcome;
  });
  // Also when this delivery added nothing: subjects left waiting by a crash are picked up.
  const queued = await queueLoginReassessment(app, who);
  const jobId = stored.subjects.size > 0 ? queued : null;
  return {
    accepted: stored.inserted,
    duplicates: rows.length - stored.inserted,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    rejected: problems.length,
    skipped,
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

// Per job queue (one per process): deliveries decide one after another whether a job must be queued.
const queueing = new WeakMap<object, Promise<unknown>>();

function oneAtATime<T>(key: object, work: () => Promise<T>): Promise<T> {
  const next = (queueing.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  queueing.set(key, next);
  return next;
}

/**
 * Makes sure subjects waiting for a re-assessment have a job on the way: the queued, not yet started
 * `logins-reassess` job when there is one (it reads every waiting subject when it starts, so it also takes
 * these), else a new one. Returns the job's id, or null when nobody is waiting. Call it after the
 * transaction that recorded the subjects has committed.
 */
export function queueLoginReassessment(app: AppContext, actor: AuditActor): Promise<string | null> {
  return oneAtATime(app.jobs, async () => {
    const db = app.database.db;
    const since = new Date(app.clock.now().getTime() - TRUST_QUEUED_MS).toISOString();
    const queued = await findQueuedJobId(db, REASSESS_LOGINS_JOB, since);
    if (queued !== null) return queued;
    if (!(await hasPendingReassessment(db))) return null;
    const payload: JsonObject = { actor };
    return app.jobs.enqueue(REASSESS_LOGINS_JOB, payload, actor);
  });
}

/** At start: queues the re-assessment of subjects whose deliveries were stored but never re-assessed. */
export function resumeLoginReassessment(app: AppContext): Promise<string | null> {
  return queueLoginReassessment(app, toAuditActor(SYSTEM_ACTOR));
}

function readActor(value: unknown): AuditActor {
  if (value && typeof value === 'object' && 'kind' in value && 'name' in value) return value as AuditActor;
  return { kind: 'system', id: 'system', name: 'Gatecheck' };
}

/**
 * Re-assesses the subjects waiting since live deliveries (at most REASSESS_SUBJECTS_PER_JOB, oldest first;
 * a further job is queued for the rest), plus any `subjectIds` in the payload (jobs queued by older
 * versions). A record is removed only after its subject was re-assessed, and only if no delivery recorded
 * the subject again meanwhile, so a job cut off half-way loses nothing.
 */
export function reassessLoginSubjectsHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const db = app.database.db;
    const listed = Array.isArray(payload.subjectIds)
      ? payload.subjectIds.filter((v): v is string => typeof v === 'string')
      : [];
    const waiting = await listPendingReassessment(db);
    const taken = waiting.slice(0, REASSESS_SUBJECTS_PER_JOB);
    const ids = [...new Set([...taken.map((p) => p.subjectId), ...listed])];
    await reportProgress(0, ids.length, 're-assessing');
    const actor = readActor(payload.actor);
    const done = await reassessSubjects(app, actor, ids, 'logins');
    await clearPendingReassessment(db, taken);
    await reportProgress(ids.length, ids.length, `${done} re-assessed`);
    if (waiting.length > taken.length) await queueLoginReassessment(app, actor);
    return { subjects: done };
  };
}
