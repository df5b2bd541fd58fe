// A subject's stored sign-in events for its sign-in map and session timeline: the newest events, and
// every event grouped into places (addresses placed within about 10 km of each other, by lat/lon rounded
// to one decimal), with the kinds of network and the addresses seen there; most events first, then the
// most recent.
import {
  listSubjectLogins as listLogins,
  listSubjectPlaces,
  type PlaceRow,
  type StoredLogin,
} from '../adapters/db/repositories/login-events.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';

export const DEFAULT_LOGINS_LIMIT = 500;
export const MAX_LOGINS_LIMIT = 5_000;
const MAX_PLACE_IPS = 50;

/** The fields of a stored sign-in the API shows, in this order. */
const ITEM_FIELDS = [
  'id',
  'at',
  'account',
  'ip',
  'outcome',
  'eventType',
  'app',
  'source',
  'eventId',
  'country',
  'region',
  'city',
  'lat',
  'lon',
  'accuracyKm',
  'asn',
  'org',
  'networkKind',
  'provider',
  'allowListed',
  'isProxy',
  'sessionId',
  'sessionMinutes',
  'userAgent',
  'device',
] as const satisfies readonly (keyof StoredLogin)[];

export type SubjectLoginItem = Pick<StoredLogin, (typeof ITEM_FIELDS)[number]>;

export type LoginPlace = {
  lat: number;
  lon: number;
  city: string | null;
  region: string | null;
  country: string | null;
  accuracyKm: number | null;
  count: number;
  kinds: Record<string, number>;
  ips: string[];
  firstAt: string;
  lastAt: string;
};

export type SubjectLogins = {
  items: SubjectLoginItem[];
  total: number;
  truncated: boolean;
  places: LoginPlace[];
};

function toItem(e: StoredLogin): SubjectLoginItem {
  return Object.fromEntries(ITEM_FIELDS.map((field) => [field, e[field]])) as SubjectLoginItem;
}

/** Groups address rows into places by lat/lon rounded to one decimal; most events first. */
export function groupPlaces(rows: readonly PlaceRow[]): LoginPlace[] {
  const groups = new Map<string, { place: LoginPlace; lead: number }>();
  for (const r of rows) {
    if (r.lat === null || r.lon === null) continue;
    const key = `${r.lat.toFixed(1)},${r.lon.toFixed(1)}`;
    const kind = r.networkKind ?? 'unknown';
    let group = groups.get(key);
    if (!group) {
      group = {
        lead: -1,
        place: {
          lat: r.lat,
          lon: r.lon,
          city: r.city,
          region: r.region,
          country: r.country,
          accuracyKm: r.accuracyKm,
          count: 0,
          kinds: {},
          ips: [],
          firstAt: r.firstAt,
          lastAt: r.lastAt,
        },
      };
      groups.set(key, group);
    }
    const p = group.place;
    // The place is named after the address row with the most events.
    if (r.events > group.lead) {
      group.lead = r.events;
      Object.assign(p, { lat: r.lat, lon: r.lon, city: r.city, region: r.region, country: r.country });
    }
    if (r.accuracyKm !== null) p.accuracyKm = Math.max(p.accuracyKm ?? 0, r.accuracyKm);
    p.count += r.events;
    p.kinds[kind] = (p.kinds[kind] ?? 0) + r.events;
    if (r.ip !== null && !p.ips.includes(r.ip) && p.ips.length < MAX_PLACE_IPS) p.ips.push(r.ip);
    if (r.firstAt < p.firstAt) p.firstAt = r.firstAt;
    if (r.lastAt > p.lastAt) p.lastAt = r.lastAt;
  }
  return [...groups.values()]
    .map((g) => ({ ...g.place, ips: [...g.place.ips].sort() }))
    .sort((a, b) => b.count - a.count || (a.lastAt > b.lastAt ? -1 : 1));
}

export async function listSubjectLogins(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: { limit?: number | undefined } = {},
): Promise<SubjectLogins> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_LOGINS_LIMIT, 1), MAX_LOGINS_LIMIT);
  const [{ items, total }, rows] = await Promise.all([
    listLogins(db, subjectId, { limit }),
    listSubjectPlaces(db, subjectId),
  ]);
  return { items: items.map(toItem), total, truncated: total > items.length, places: groupPlaces(rows) };
}
