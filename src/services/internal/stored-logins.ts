// Stored sign-in events in assessments: each subject's events become bundle `logins[]` entries when a
// bundle is assessed from the store (the stored bundle JSON is not rewritten). Used by assessing.ts, so it
// imports nothing from it.
import type { Executor } from '../../adapters/db/database.ts';
import {
  listRecentLoginsBySubject,
  listRecentLoginsOnAddresses,
  type StoredLogin,
} from '../../adapters/db/repositories/login-events.repository.ts';
import { listAllBundles } from '../../adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle, Login } from '../../core/bundle/schema.ts';
import type { IpInfo, IpLookup } from '../../core/intel/ip.ts';
import type { IntelLookups } from '../../core/types.ts';

/** What placing needs from the application: the lookups, and the IP runtime to wait for (lists loaded). */
export type PlacingContext = { intel: IntelLookups; ip?: { ready(): Promise<void> } };

/** The IP lookup once its databases and imported lists are loaded (undefined without IP intel). */
export async function readyIpLookup(app: PlacingContext): Promise<IpLookup | undefined> {
  if (app.intel.ip === undefined) return undefined;
  await app.ip?.ready();
  return app.intel.ip;
}

/** An assessment sees at most this many of a subject's stored sign-in events (the most recent ones)… */
export const LOGINS_PER_SUBJECT = 5_000;
/** …from at most this many days before the assessment moment. */
export const LOGIN_WINDOW_DAYS = 400;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Memoised lookups over one batch of work (the same few addresses recur millions of times in a log). */
export function createIpCache(lookup: IpLookup | undefined, maxEntries = 50_000) {
  const cache = new Map<string, IpInfo | undefined>();
  return (ip: string | undefined): IpInfo | undefined => {
    if (ip === undefined || lookup === undefined) return undefined;
    if (cache.has(ip)) return cache.get(ip);
    if (cache.size >= maxEntries) cache.clear();
    let info: IpInfo | undefined;
    try {
      info = lookup.lookup(ip);
    } catch {
      info = undefined;
    }
    cache.set(ip, info);
    return info;
  };
}

/** A stored event as a bundle `logins[]` entry (only the fields it has). */
export function toBundleLogin(e: StoredLogin, fresh?: IpInfo): Login {
  const placed = e.lat !== null && e.lon !== null;
  const login: Login = {
    at: e.at,
    outcome: e.outcome,
    account: e.account,
    eventId: e.eventId,
    source: e.source,
  };
  const set = <K extends keyof Login>(key: K, value: Login[K] | null | undefined) => {
    if (value !== null && value !== undefined) login[key] = value;
  };
  set('ip', e.ip);
  set('userAgent', e.userAgent);
  set('app', e.app);
  set('device', e.device);
  set('eventType', e.eventType);
  set('sessionId', e.sessionId);
  set('sessionMinutes', e.sessionMinutes);
  set('inputLatencyMs', e.inputLatencyMs);
  set('country', e.country ?? fresh?.country);
  set('region', placed ? e.region : (e.region ?? fresh?.region));
  set('city', placed ? e.city : (e.city ?? fresh?.city));
  set('lat', placed ? e.lat : fresh?.lat);
  set('lon', placed ? e.lon : fresh?.lon);
  set('accuracyKm', placed ? e.accuracyKm : fresh?.accuracyKm);
  set('asn', e.asn ?? fresh?.asn);
  set('org', e.org ?? fresh?.org);
  // Kind, provider and allow-listing follow the lists as they are now (an allow-list imported after the
  // events still clears them); what was stored is the fallback when no IP intel is loaded.
  set('networkKind', fresh?.kind ?? e.networkKind);
  set('provider', fresh ? fresh.provider : e.provider);
  set('isProxy', e.isProxy);
  const allowListed = fresh ? fresh.allowListed !== undefined : e.allowListed !== null;
  if (allowListed) login.allowListed = true;
  return login;
}

/**
 * The bundles with each subject's stored sign-in events appended to its `logins[]` (the most recent
 * LOGINS_PER_SUBJECT within LOGIN_WINDOW_DAYS of `now`; events the bundle already carries, by source and
 * event id, are not added twice). The stored bundles themselves are not changed.
 *
 * With `targets` (the subjects being assessed), only they get all their events; everyone else gets the
 * events on addresses the targets used — all a comparison across people (shared egress) looks at — so
 * assessing one subject does not load every sign-in of the organisation.
 */
export async function withStoredLogins(
  app: PlacingContext,
  db: Executor,
  bundles: readonly CaseBundle[],
  now: Date,
  options: { targets?: readonly string[] } = {},
): Promise<CaseBundle[]> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_DAYS * DAY_MS).toISOString();
  const targets = options.targets;
  const stored = await listRecentLoginsBySubject(db, {
    since,
    perSubject: LOGINS_PER_SUBJECT,
    ...(targets !== undefined ? { subjectIds: targets } : {}),
  });
  if (targets !== undefined) {
    const wanted = new Set(targets);
    const ips = new Set<string>();
    for (const events of stored.values()) for (const e of events) if (e.ip !== null) ips.add(e.ip);
    for (const b of bundles) {
      if (!wanted.has(b.subject.id)) continue;
      for (const l of b.logins ?? []) if (typeof l.ip === 'string') ips.add(l.ip);
    }
    const others = await listRecentLoginsOnAddresses(db, {
      since,
      ips: [...ips],
      excludeSubjectIds: targets,
      perSubject: LOGINS_PER_SUBJECT,
    });
    for (const [subject, events] of others) stored.set(subject, events);
  }
  if (stored.size === 0) return [...bundles];
  const place = createIpCache(await readyIpLookup(app));
  // Stored newest first; a bundle's logins[] run oldest first.
  return bundles.map((bundle) =>
    withStoredEvents(bundle, stored.get(bundle.subject.id)?.toReversed(), place),
  );
}

/**
 * The bundle with those of `events` that are not already among its logins[] (same source and event id)
 * appended as entries, in the order given, each placed by `place` where the stored row is not.
 */
export function withStoredEvents(
  bundle: CaseBundle,
  events: readonly StoredLogin[] | undefined,
  place: ReturnType<typeof createIpCache>,
): CaseBundle {
  if (events === undefined || events.length === 0) return bundle;
  const own = bundle.logins ?? [];
  const known = new Set(
    own.flatMap((l) => (typeof l.eventId === 'string' ? [`${l.source ?? ''}\u0000${l.eventId}`] : [])),
  );
  const added = events
    .filter((e) => !known.has(`${e.source}\u0000${e.eventId}`))
    .map((e) => toBundleLogin(e, e.ip === null ? undefined : place(e.ip)));
  return { ...bundle, logins: [...own, ...added] };
}

/**
 * Every stored bundle with its stored sign-in events: the population assessments compare people within
 * (all events of `targets` and the others' events on the same addresses when targets are given).
 */
export async function loadPopulation(
  app: PlacingContext,
  db: Executor,
  now: Date,
  options: { targets?: readonly string[] } = {},
): Promise<CaseBundle[]> {
  return withStoredLogins(app, db, await listAllBundles(db), now, options);
}
