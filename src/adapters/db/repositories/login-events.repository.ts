// Sign-in events as stored: one row per identity-provider event, unique by (source, event_id) so a re-import
// or a re-delivered hook adds nothing. Rows map to StoredLogin at this boundary.
import { sql } from 'kysely';
import type { IpPlaceFields } from '../../../core/intel/ip.ts';
import type { Executor } from '../database.ts';
import type { LoginEventsTable } from '../tables.ts';

/** A stored sign-in: the event, where its address is and whose network, and what brought it in. */
export type StoredLogin = {
  id: string;
  source: string;
  eventId: string;
  account: string;
  accountName: string | null;
  subjectId: string | null;
  at: string;
  ip: string | null;
  outcome: string;
  eventType: string | null;
  app: string | null;
  userAgent: string | null;
  device: string | null;
  sessionId: string | null;
  sessionMinutes: number | null;
  inputLatencyMs: number | null;
  networkKind: string | null;
  isProxy: boolean | null;
  risk: string | null;
  importId: string | null;
  receivedAt: string;
} & IpPlaceFields;

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function loginRowToLogin(row: LoginEventsTable): StoredLogin {
  return {
    id: row.id,
    source: row.source,
    eventId: row.event_id,
    account: row.account,
    accountName: row.account_name,
    subjectId: row.subject_id,
    at: row.at,
    ip: row.ip,
    outcome: row.outcome,
    eventType: row.event_type,
    app: row.app,
    userAgent: row.user_agent,
    device: row.device,
    sessionId: row.session_id,
    sessionMinutes: num(row.session_minutes),
    inputLatencyMs: num(row.input_latency_ms),
    country: row.country,
    region: row.region,
    city: row.city,
    lat: num(row.lat),
    lon: num(row.lon),
    accuracyKm: num(row.accuracy_km),
    asn: num(row.asn),
    org: row.org,
    networkKind: row.network_kind,
    provider: row.provider,
    allowListed:
      row.allow_list === null ? null : { list: row.allow_list, label: row.allow_label ?? row.allow_list },
    isProxy: row.is_proxy === null ? null : Number(row.is_proxy) === 1,
    risk: row.risk,
    importId: row.import_id,
    receivedAt: row.received_at,
  };
}

function loginToRow(e: StoredLogin): LoginEventsTable {
  return {
    id: e.id,
    source: e.source,
    event_id: e.eventId,
    account: e.account,
    account_name: e.accountName,
    subject_id: e.subjectId,
    at: e.at,
    ip: e.ip,
    outcome: e.outcome,
    event_type: e.eventType,
    app: e.app,
    user_agent: e.userAgent,
    device: e.device,
    session_id: e.sessionId,
    session_minutes: e.sessionMinutes,
    input_latency_ms: e.inputLatencyMs,
    country: e.country,
    region: e.region,
    city: e.city,
    lat: e.lat,
    lon: e.lon,
    accuracy_km: e.accuracyKm,
    asn: e.asn,
    org: e.org,
    network_kind: e.networkKind,
    provider: e.provider,
    allow_list: e.allowListed?.list ?? null,
    allow_label: e.allowListed?.label ?? null,
    is_proxy: e.isProxy === null ? null : e.isProxy ? 1 : 0,
    risk: e.risk,
    import_id: e.importId,
    received_at: e.receivedAt,
  };
}

/** Rows per INSERT statement: 34 columns × 250 stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 250;

export type InsertOutcome = {
  /** Rows actually stored (not already there). */
  inserted: number;
  /** Subject ids of the stored rows that belong to a subject, with how many each got. */
  subjects: Map<string, number>;
};

/** Inserts the events, skipping any (source, event_id) already stored. Run it inside a transaction. */
export async function insertLoginEvents(
  db: Executor,
  events: readonly StoredLogin[],
): Promise<InsertOutcome> {
  const outcome: InsertOutcome = { inserted: 0, subjects: new Map() };
  for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
    const rows = events.slice(start, start + ROWS_PER_STATEMENT).map(loginToRow);
    const stored = await db
      .insertInto('login_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
      .returning(['subject_id'])
      .execute();
    outcome.inserted += stored.length;
    for (const row of stored) {
      if (row.subject_id === null) continue;
      outcome.subjects.set(row.subject_id, (outcome.subjects.get(row.subject_id) ?? 0) + 1);
    }
  }
  return outcome;
}

/** A subject's events, newest first, and how many there are in all. */
export async function listSubjectLogins(
  db: Executor,
  subjectId: string,
  options: { limit: number },
): Promise<{ items: StoredLogin[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('login_events')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute(),
    db
      .selectFrom('login_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subject_id', '=', subjectId)
      .executeTakeFirst(),
  ]);
  return { items: rows.map(loginRowToLogin), total: Number(count?.n ?? 0) };
}

/** Subjects' events since `since`, each numbered newest first within its subject (`rank_in_subject`). */
function rankedInSubject(db: Executor, since: string) {
  return db
    .selectFrom('login_events')
    .selectAll()
    .select(
      sql<number>`row_number() over (partition by subject_id order by at desc, id desc)`.as(
        'rank_in_subject',
      ),
    )
    .where('subject_id', 'is not', null)
    .where('at', '>=', since);
}

/** Adds ranked rows to their subject's list, in row order. */
function addBySubject(
  out: Map<string, StoredLogin[]>,
  rows: readonly (LoginEventsTable & { rank_in_subject: number })[],
): void {
  for (const { rank_in_subject: _rank, ...event } of rows) {
    if (event.subject_id === null) continue;
    let list = out.get(event.subject_id);
    if (!list) {
      list = [];
      out.set(event.subject_id, list);
    }
    list.push(loginRowToLogin(event));
  }
}

/**
 * The most recent `perSubject` events since `since` of each subject (all subjects with events when
 * `subjectIds` is undefined), newest first: what assessments see.
 */
export async function listRecentLoginsBySubject(
  db: Executor,
  options: { since: string; perSubject: number; subjectIds?: readonly string[] },
): Promise<Map<string, StoredLogin[]>> {
  const out = new Map<string, StoredLogin[]>();
  if (options.subjectIds !== undefined && options.subjectIds.length === 0) return out;
  const ranked = rankedInSubject(db, options.since).$if(options.subjectIds !== undefined, (q) =>
    q.where('subject_id', 'in', options.subjectIds ?? []),
  );
  const rows = await db
    .selectFrom(ranked.as('r'))
    .selectAll()
    .where('rank_in_subject', '<=', options.perSubject)
    .orderBy('subject_id')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  addBySubject(out, rows);
  return out;
}

/**
 * Other subjects' events on the given addresses since `since` (at most `perSubject` each, newest first): what
 * a population comparison by address (shared egress) needs when only a few subjects are being assessed.
 */
export async function listRecentLoginsOnAddresses(
  db: Executor,
  options: {
    since: string;
    ips: readonly string[];
    excludeSubjectIds: readonly string[];
    perSubject: number;
  },
): Promise<Map<string, StoredLogin[]>> {
  const out = new Map<string, StoredLogin[]>();
  const CHUNK = 500;
  for (let start = 0; start < options.ips.length; start += CHUNK) {
    const ips = options.ips.slice(start, start + CHUNK);
    const ranked = rankedInSubject(db, options.since)
      .where('ip', 'in', ips)
      .$if(options.excludeSubjectIds.length > 0, (q) =>
        q.where('subject_id', 'not in', options.excludeSubjectIds),
      );
    const rows = await db
      .selectFrom(ranked.as('r'))
      .selectAll()
      .where('rank_in_subject', '<=', options.perSubject)
      .execute();
    addBySubject(out, rows);
  }
  for (const [subject, list] of out) {
    list.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    out.set(subject, list.slice(0, options.perSubject));
  }
  return out;
}

export type AccountSummary = {
  account: string;
  events: number;
  firstAt: string;
  lastAt: string;
  sources: string[];
};

/** Accounts whose events belong to no subject, most events first. */
export async function listUnmatchedAccounts(
  db: Executor,
  options: { limit: number },
): Promise<AccountSummary[]> {
  const rows = await db
    .selectFrom('login_events')
    .select((eb) => [
      'account',
      'source',
      eb.fn.countAll().as('events'),
      eb.fn.min('at').as('first_at'),
      eb.fn.max('at').as('last_at'),
    ])
    .where('subject_id', 'is', null)
    .groupBy(['account', 'source'])
    .execute();
  const byAccount = new Map<string, AccountSummary>();
  for (const r of rows) {
    const events = Number(r.events);
    const seen = byAccount.get(r.account);
    if (!seen) {
      byAccount.set(r.account, {
        account: r.account,
        events,
        firstAt: r.first_at,
        lastAt: r.last_at,
        sources: [r.source],
      });
      continue;
    }
    seen.events += events;
    if (r.first_at < seen.firstAt) seen.firstAt = r.first_at;
    if (r.last_at > seen.lastAt) seen.lastAt = r.last_at;
    seen.sources.push(r.source);
  }
  return [...byAccount.values()]
    .map((a) => ({ ...a, sources: a.sources.sort() }))
    .sort((a, b) => b.events - a.events || (a.account < b.account ? -1 : 1))
    .slice(0, options.limit);
}

/** Distinct accounts of unattributed events (to match again after subjects or links changed). */
export async function listUnmatchedAccountNames(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('login_events')
    .select('account')
    .distinct()
    .where('subject_id', 'is', null)
    .where('account', '!=', '')
    .execute();
  return rows.map((r) => r.account);
}

/**
 * Attributes every stored event of `account` to `subjectId`. Returns how many events changed owner and the
 * subjects they were taken from (which need re-assessing too).
 */
export async function attributeAccountEvents(
  db: Executor,
  account: string,
  subjectId: string,
): Promise<{ changed: number; previousSubjects: string[] }> {
  const previous = await db
    .selectFrom('login_events')
    .select('subject_id')
    .distinct()
    .where('account', '=', account)
    .where('subject_id', 'is not', null)
    .where('subject_id', '!=', subjectId)
    .execute();
  const result = await db
    .updateTable('login_events')
    .set({ subject_id: subjectId })
    .where('account', '=', account)
    .where((eb) => eb.or([eb('subject_id', 'is', null), eb('subject_id', '!=', subjectId)]))
    .executeTakeFirst();
  return {
    changed: Number(result.numUpdatedRows),
    previousSubjects: previous.map((r) => r.subject_id).filter((id): id is string => id !== null),
  };
}

/** Gives the unattributed events of `account` to `subjectId`; how many. */
export async function attributeUnmatchedEvents(
  db: Executor,
  account: string,
  subjectId: string,
): Promise<number> {
  const result = await db
    .updateTable('login_events')
    .set({ subject_id: subjectId })
    .where('account', '=', account)
    .where('subject_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countAccountEvents(db: Executor, account: string): Promise<number> {
  const row = await db
    .selectFrom('login_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('account', '=', account)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type LoginTotals = { events: number; subjects: number; unmatchedAccounts: number };

export async function countLoginTotals(db: Executor): Promise<LoginTotals> {
  const [events, subjects, unmatched] = await Promise.all([
    db
      .selectFrom('login_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('login_events')
      .select((eb) => eb.fn.count('subject_id').distinct().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('login_events')
      .select((eb) => eb.fn.count('account').distinct().as('n'))
      .where('subject_id', 'is', null)
      .executeTakeFirst(),
  ]);
  return {
    events: Number(events?.n ?? 0),
    subjects: Number(subjects?.n ?? 0),
    unmatchedAccounts: Number(unmatched?.n ?? 0),
  };
}

export type PlaceRow = {
  ip: string | null;
  lat: number | null;
  lon: number | null;
  city: string | null;
  region: string | null;
  country: string | null;
  accuracyKm: number | null;
  networkKind: string | null;
  events: number;
  firstAt: string;
  lastAt: string;
};

/** A subject's events grouped by address and where it was placed: the raw material of its sign-in map. */
export async function listSubjectPlaces(db: Executor, subjectId: string): Promise<PlaceRow[]> {
  const rows = await db
    .selectFrom('login_events')
    .select((eb) => [
      'ip',
      'lat',
      'lon',
      'city',
      'region',
      'country',
      'accuracy_km',
      'network_kind',
      eb.fn.countAll().as('events'),
      eb.fn.min('at').as('first_at'),
      eb.fn.max('at').as('last_at'),
    ])
    .where('subject_id', '=', subjectId)
    .groupBy(['ip', 'lat', 'lon', 'city', 'region', 'country', 'accuracy_km', 'network_kind'])
    .execute();
  return rows.map((r) => ({
    ip: r.ip,
    lat: num(r.lat),
    lon: num(r.lon),
    city: r.city,
    region: r.region,
    country: r.country,
    accuracyKm: num(r.accuracy_km),
    networkKind: r.network_kind,
    events: Number(r.events),
    firstAt: r.first_at,
    lastAt: r.last_at,
  }));
}

export type LatestAssessmentRow = {
  subjectId: string;
  name: string | null;
  band: string;
  score: number;
  /** DetailedAssessment JSON text. */
  result: string;
};

/**
 * Each subject's latest assessment whose JSON text holds a signal id starting with one of `prefixes`
 * (a prefilter: callers parse and check the signals), highest score first.
 */
export async function listLatestAssessmentsWithSignals(
  db: Executor,
  prefixes: readonly string[],
  options: { limit: number },
): Promise<LatestAssessmentRow[]> {
  if (prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('subjects as s')
    .innerJoin('assessments as a', (join) =>
      join
        .onRef('a.subject_id', '=', 's.id')
        .on('a.id', '=', (eb) =>
          eb
            .selectFrom('assessments as a2')
            .select('a2.id')
            .whereRef('a2.subject_id', '=', 's.id')
            .orderBy('a2.created_at', 'desc')
            .orderBy('a2.id', 'desc')
            .limit(1),
        ),
    )
    .select(['s.id', 's.name', 'a.band', 'a.score', 'a.result'])
    .where((eb) => eb.or(prefixes.map((p) => eb('a.result', 'like', `%"id":"${p}%`))))
    .orderBy('a.score', 'desc')
    .orderBy('s.id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    subjectId: r.id,
    name: r.name,
    band: r.band,
    score: Number(r.score),
    result: r.result,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// The shared-egress overview: candidate addresses

/**
 * Addresses that events of two or more subjects came from since `since` (any outcome, allow-listed or
 * not): a superset of what the shared-egress rules can keep, which the caller narrows with those rules.
 */
export async function listMultiSubjectAddresses(
  db: Executor,
  options: { since: string; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('login_events')
    .select('ip')
    .where('subject_id', 'is not', null)
    .where('ip', 'is not', null)
    .where('at', '>=', options.since)
    .groupBy('ip')
    .having((eb) => eb.fn.count('subject_id').distinct(), '>=', 2)
    .orderBy(sql`count(distinct subject_id)`, 'desc')
    .orderBy('ip')
    .limit(options.limit)
    .execute();
  return rows.flatMap((r) => (r.ip === null ? [] : [r.ip]));
}

// ---------------------------------------------------------------------------------------------------------
// Live ingestion: subjects waiting for their re-assessment

export type PendingReassessment = { subjectId: string; token: string };

/**
 * Records that the subjects need re-assessing (run it in the transaction that stores their events). A
 * subject already recorded gets a new token, so a job that read the old record does not remove this one.
 */
export async function recordPendingReassessment(
  db: Executor,
  subjectIds: readonly string[],
  options: { token: string; at: string },
): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < subjectIds.length; start += CHUNK) {
    const rows = subjectIds
      .slice(start, start + CHUNK)
      .map((id) => ({ subject_id: id, token: options.token, recorded_at: options.at }));
    await db
      .insertInto('login_reassess_pending')
      .values(rows)
      .onConflict((oc) =>
        oc.column('subject_id').doUpdateSet({ token: options.token, recorded_at: options.at }),
      )
      .execute();
  }
}

/** Every subject waiting for a re-assessment, oldest record first. */
export async function listPendingReassessment(db: Executor): Promise<PendingReassessment[]> {
  const rows = await db
    .selectFrom('login_reassess_pending')
    .select(['subject_id', 'token'])
    .orderBy('recorded_at')
    .orderBy('subject_id')
    .execute();
  return rows.map((r) => ({ subjectId: r.subject_id, token: r.token }));
}

export async function hasPendingReassessment(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('login_reassess_pending').select('subject_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Removes the records a job read and handled; records made again since then (new token) stay. */
export async function clearPendingReassessment(
  db: Executor,
  handled: readonly PendingReassessment[],
): Promise<number> {
  let removed = 0;
  const byToken = new Map<string, string[]>();
  for (const p of handled) {
    const ids = byToken.get(p.token) ?? [];
    ids.push(p.subjectId);
    byToken.set(p.token, ids);
  }
  const CHUNK = 500;
  for (const [token, ids] of byToken) {
    for (let start = 0; start < ids.length; start += CHUNK) {
      const result = await db
        .deleteFrom('login_reassess_pending')
        .where('token', '=', token)
        .where('subject_id', 'in', ids.slice(start, start + CHUNK))
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
  }
  return removed;
}

/**
 * The oldest job of `kind` queued since `since` and not started yet (it reads what is pending when it
 * runs). Jobs queued before `since` are not trusted to still be on their way to a worker.
 */
export async function findQueuedJobId(db: Executor, kind: string, since: string): Promise<string | null> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'queued')
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
