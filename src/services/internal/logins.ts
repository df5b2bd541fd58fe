// Shared by the sign-in services: matching accounts to subjects, placing events (IP enrichment) and
// re-assessing the subjects whose events changed.
import type { Transaction } from 'kysely';
import type { Executor } from '../../adapters/db/database.ts';
import type { AuditActor } from '../../adapters/db/records.ts';
import type { StoredLogin } from '../../adapters/db/repositories/login-events.repository.ts';
import { listAccountLinks } from '../../adapters/db/repositories/subject-accounts.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { IdGenerator } from '../../adapters/ids/ids.ts';
import { assessPopulation } from '../../core/assess.ts';
import type { IpInfo } from '../../core/intel/ip.ts';
import type { LoginEvent } from '../../intel/logins/model.ts';
import type { AppContext } from '../context.ts';
import { inTransaction } from '../context.ts';
import { type AssessmentTrigger, loadPolicy, recordAssessment } from './assessing.ts';
import { loadDismissals, prepareIntel } from './sanctions.ts';
import { loadPopulation } from './stored-logins.ts';

export { createIpCache, LOGIN_WINDOW_DAYS, LOGINS_PER_SUBJECT, readyIpLookup } from './stored-logins.ts';

// ---------------------------------------------------------------------------------------------------------
// Matching accounts to subjects

export type AccountMatch = { subjectId: string; via: 'link' | 'email' | 'plus-tag' } | null;

export type AccountMatcher = { match(account: string): AccountMatch };

/** `local+tag@domain` → `local@domain`; undefined when there is no tag. */
export function withoutPlusTag(account: string): string | undefined {
  const at = account.lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = account.slice(0, at);
  const plus = local.indexOf('+');
  if (plus <= 0) return undefined;
  return `${local.slice(0, plus)}${account.slice(at)}`;
}

/**
 * Loads what matching needs: the explicit links, and every subject's email addresses (the `@` words of
 * the subject's search text: its email, or an id written as an email). Conservative on purpose:
 * 1. an explicit link (`gatecheck logins link`, POST /logins/accounts) always wins;
 * 2. else the account equals exactly one subject's email (case-insensitive);
 * 3. else `name+tag@domain` whose `name@domain` is exactly one subject's email.
 * An address two subjects share matches neither; bare login names and other domains are never guessed.
 */
export async function loadAccountMatcher(db: Executor): Promise<AccountMatcher> {
  const [links, subjects] = await Promise.all([
    listAccountLinks(db),
    db.selectFrom('subjects').select(['id', 'search']).execute(),
  ]);
  const byEmail = new Map<string, Set<string>>();
  for (const s of subjects) {
    for (const word of s.search.split(/\s+/)) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(word)) continue;
      const owners = byEmail.get(word) ?? new Set<string>();
      owners.add(s.id);
      byEmail.set(word, owners);
    }
  }
  const unique = (email: string): string | undefined => {
    const owners = byEmail.get(email);
    return owners !== undefined && owners.size === 1 ? [...owners][0] : undefined;
  };
  return {
    match(raw) {
      const account = raw.trim().toLowerCase();
      if (account === '') return null;
      const linked = links.get(account);
      if (linked !== undefined) return { subjectId: linked, via: 'link' };
      const exact = unique(account);
      if (exact !== undefined) return { subjectId: exact, via: 'email' };
      const base = withoutPlusTag(account);
      const tagged = base === undefined ? undefined : unique(base);
      return tagged === undefined ? null : { subjectId: tagged, via: 'plus-tag' };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Placing events

const ISO_COUNTRY = /^[A-Z]{2}$/;
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/**
 * The stored row of an event: where the address is placed by the offline databases when they know, else
 * what the identity provider reported; the kind of network and allow-list from the IP intel.
 */
export function toStoredLogin(
  event: LoginEvent,
  info: IpInfo | undefined,
  context: { id: string; subjectId: string | null; importId: string | null; receivedAt: string },
): StoredLogin {
  const reported = event.reported ?? {};
  const placed = info?.lat !== undefined && info.lon !== undefined;
  const country = info?.country ?? reported.country;
  return {
    id: context.id,
    source: event.source,
    eventId: event.eventId,
    account: event.account.trim().toLowerCase(),
    accountName: orNull(event.accountName),
    subjectId: context.subjectId,
    at: event.at,
    ip: orNull(event.ip),
    outcome: event.outcome,
    eventType: orNull(event.eventType),
    app: orNull(event.app),
    userAgent: orNull(event.userAgent),
    device: orNull(event.device),
    sessionId: orNull(event.sessionId),
    sessionMinutes: orNull(event.sessionMinutes),
    inputLatencyMs: orNull(event.inputLatencyMs),
    country: country !== undefined && ISO_COUNTRY.test(country) ? country : null,
    region: orNull(placed ? info?.region : (info?.region ?? reported.region)),
    city: orNull(placed ? info?.city : (info?.city ?? reported.city)),
    lat: orNull(placed ? info?.lat : reported.lat),
    lon: orNull(placed ? info?.lon : reported.lon),
    accuracyKm: orNull(placed ? info?.accuracyKm : undefined),
    asn: orNull(info?.asn ?? reported.asn),
    org: orNull(info?.org ?? reported.org),
    networkKind: orNull(info?.kind),
    provider: orNull(info?.provider),
    allowListed: info?.allowListed ?? null,
    isProxy: orNull(reported.isProxy),
    risk: orNull(reported.risk),
    importId: context.importId,
    receivedAt: context.receivedAt,
  };
}

/** Places and attributes a batch of normalised events, ready to insert. */
export function prepareEvents(
  events: readonly LoginEvent[],
  deps: {
    ids: IdGenerator;
    place: (ip: string | undefined) => IpInfo | undefined;
    matcher: AccountMatcher;
    importId: string | null;
    receivedAt: string;
  },
): StoredLogin[] {
  return events.map((event) =>
    toStoredLogin(event, deps.place(event.ip), {
      id: deps.ids.newId(),
      subjectId: deps.matcher.match(event.account)?.subjectId ?? null,
      importId: deps.importId,
      receivedAt: deps.receivedAt,
    }),
  );
}

const CHUNK = 100;

/**
 * Re-assesses the given subjects within the whole population (one pass), writing the results in chunks,
 * each in one transaction with its audit entries. Subjects that no longer exist are skipped.
 */
export async function reassessSubjects(
  app: AppContext,
  actor: AuditActor,
  subjectIds: Iterable<string>,
  trigger: AssessmentTrigger,
): Promise<number> {
  const wanted = new Set(subjectIds);
  if (wanted.size === 0) return 0;
  const db = app.database.db;
  const now = app.clock.now();
  const [population, policy, dismissals] = await Promise.all([
    loadPopulation(app, db, now, { targets: [...wanted] }),
    loadPolicy(db),
    loadDismissals(db, [...wanted]),
    prepareIntel(app),
  ]);
  const results = assessPopulation(population, { now, policy, intel: app.intel, dismissals });
  const todo: { id: string; index: number }[] = [];
  population.forEach((bundle, index) => {
    if (wanted.has(bundle.subject.id)) todo.push({ id: bundle.subject.id, index });
  });
  for (let start = 0; start < todo.length; start += CHUNK) {
    const chunk = todo.slice(start, start + CHUNK);
    await inTransaction(app, async (trx: Transaction<DB>) => {
      for (const { id, index } of chunk) {
        const assessment = results[index];
        if (assessment) await recordAssessment(app, trx, actor, id, assessment, trigger);
      }
    });
  }
  return todo.length;
}
