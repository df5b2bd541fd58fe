// network.shared-egress — this subject's successful sign-ins share a public internet address with another
// subject of the population, within policy.network.sharedEgressWindowDays of each other.
// Not evidence, and skipped: allow-listed addresses (offices, the corporate VPN); private, loopback and
// carrier-grade-NAT space; mobile carriers (CGNAT puts thousands of strangers behind one address), Apple
// Private Relay, Tor, commercial VPN exits and open proxies (shared by strangers by design); and addresses
// used by more than policy.network.sharedEgressMaxSubjects subjects (an office or public gateway: add it
// to the allow-list). Declared household members (subject.household[].subjectId, either direction) sharing
// an address is expected: the explanation says so and the pair does not count.
// The index of addresses is built once per population (memoised by the population array).
import type { CaseBundle } from '../../bundle/schema.ts';
import type { NetworkKind } from '../../intel/ip.ts';
import type { Detector, DetectorContext, NetworkPolicy } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, listText, plural } from '../util.ts';
import { contextLookup } from './bundle-analysis.ts';
import { fireDetailed, loginEvidence } from './explain.ts';
import { formatUtc, isoTime, placeText } from './geo.ts';
import { isSharedSpaceAddress, isSuccessOutcome } from './resolve.ts';

const def = requireSignal('network.shared-egress');

/** Kinds of address strangers share by design: a match on them says nothing about two people. */
const PUBLIC_KINDS: ReadonlySet<string> = new Set<NetworkKind>(['mobile', 'relay', 'tor', 'vpn', 'proxy']);

type Usage = { subject: number; first: number; last: number; logins: number; kind?: string };

type EgressIndex = {
  /** Addresses used by exactly one subject so far. */
  single: Map<string, Usage>;
  /** Addresses used by two or more subjects (at most maxSubjects + 1 usages kept). */
  shared: Map<string, Usage[]>;
  /** Addresses used by more than maxSubjects subjects. */
  crowded: Set<string>;
  /** Shared addresses per subject position. */
  bySubject: Map<number, string[]>;
  /** Unordered "a\u0000b" subject-id pairs declared as one household (either side declared it). */
  households: Set<string>;
  /** Position of each bundle, by object and by subject id. */
  positions: Map<CaseBundle, number>;
  ids: Map<string, number>;
};

const indexes = new WeakMap<readonly CaseBundle[], { policy: NetworkPolicy; index: EgressIndex }>();

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function loginKind(login: NonNullable<CaseBundle['logins']>[number]): string | undefined {
  if (login.isProxy === true) return 'proxy';
  return login.networkKind?.trim().toLowerCase();
}

function buildIndex(population: readonly CaseBundle[], policy: NetworkPolicy): EgressIndex {
  const index: EgressIndex = {
    single: new Map(),
    shared: new Map(),
    crowded: new Set(),
    bySubject: new Map(),
    households: new Set(),
    positions: new Map(),
    ids: new Map(),
  };
  const cap = policy.sharedEgressMaxSubjects;
  population.forEach((bundle, s) => {
    index.positions.set(bundle, s);
    if (!index.ids.has(bundle.subject.id)) index.ids.set(bundle.subject.id, s);
    for (const member of bundle.subject.household ?? []) {
      if (member.subjectId) index.households.add(pairKey(bundle.subject.id, member.subjectId));
    }
    for (const login of bundle.logins ?? []) {
      const ip = login.ip;
      if (!ip || login.allowListed === true || !isSuccessOutcome(login.outcome)) continue;
      const at = Date.parse(login.at);
      if (Number.isNaN(at) || index.crowded.has(ip) || isSharedSpaceAddress(ip)) continue;
      const kind = loginKind(login);
      const one = index.single.get(ip);
      if (one === undefined && !index.shared.has(ip)) {
        index.single.set(ip, { subject: s, first: at, last: at, logins: 1, ...(kind ? { kind } : {}) });
        continue;
      }
      if (one !== undefined && one.subject === s) {
        touch(one, at, kind);
        continue;
      }
      let usages = index.shared.get(ip);
      if (!usages) {
        usages = one ? [one] : [];
        index.single.delete(ip);
        index.shared.set(ip, usages);
      }
      const mine = usages.find((u) => u.subject === s);
      if (mine) {
        touch(mine, at, kind);
        continue;
      }
      if (usages.length >= cap) {
        index.shared.delete(ip);
        index.crowded.add(ip);
        continue;
      }
      usages.push({ subject: s, first: at, last: at, logins: 1, ...(kind ? { kind } : {}) });
    }
  });
  for (const [ip, usages] of index.shared) {
    for (const u of usages) {
      const list = index.bySubject.get(u.subject);
      if (list) list.push(ip);
      else index.bySubject.set(u.subject, [ip]);
    }
  }
  return index;
}

function touch(u: Usage, at: number, kind: string | undefined): void {
  u.logins++;
  if (at < u.first) u.first = at;
  if (at > u.last) u.last = at;
  if (kind && !u.kind) u.kind = kind;
}

/** The address index of a population, built once per population array and policy. */
function indexFor(population: readonly CaseBundle[], policy: NetworkPolicy): EgressIndex {
  const hit = indexes.get(population);
  if (hit && hit.policy === policy) return hit.index;
  const index = buildIndex(population, policy);
  indexes.set(population, { policy, index });
  return index;
}

export type SharedSubject = {
  id: string;
  name: string;
  /** A declared household member of another subject on this address. */
  household: boolean;
  logins: number;
  firstAt: string;
  lastAt: string;
};

export type SharedEgress = {
  ip: string;
  kind: NetworkKind | null;
  provider: string | null;
  org: string | null;
  country: string | null;
  city: string | null;
  subjects: SharedSubject[];
};

type Neighbour = { usage: Usage; bundle: CaseBundle; household: boolean };

type AddressVerdict =
  | { ok: true; kind?: NetworkKind; provider?: string; org?: string; country?: string; city?: string }
  | { ok: false };

/** Whether a shared address can mean anything: not allow-listed, not a kind strangers share. */
function judgeAddress(ip: string, usages: readonly Usage[], ctx: DetectorContext): AddressVerdict {
  if (usages.some((u) => u.kind !== undefined && PUBLIC_KINDS.has(u.kind))) return { ok: false };
  const info = contextLookup(ctx)(ip);
  if (!info) return { ok: true };
  if (info.allowListed || PUBLIC_KINDS.has(info.kind)) return { ok: false };
  const verdict: AddressVerdict = { ok: true, kind: info.kind };
  if (info.provider) verdict.provider = info.provider;
  if (info.org) verdict.org = info.org;
  if (info.country) verdict.country = info.country;
  if (info.city) verdict.city = info.city;
  return verdict;
}

const overlaps = (a: Usage, b: Usage, windowMs: number) =>
  a.first - windowMs <= b.last && b.first - windowMs <= a.last;

const nameOf = (b: CaseBundle) => `${b.subject.name ?? 'unnamed'} (${b.subject.id})`;

/** Every address two or more subjects of a population share (for the organisation view), most subjects first. */
export function listSharedEgress(population: readonly CaseBundle[], ctx: DetectorContext): SharedEgress[] {
  const index = indexFor(population, ctx.policy.network);
  const out: SharedEgress[] = [];
  for (const [ip, usages] of index.shared) {
    const verdict = judgeAddress(ip, usages, ctx);
    if (!verdict.ok) continue;
    const ids = usages.map((u) => population[u.subject]!.subject.id);
    const subjects = usages.map((u, i) => {
      const id = ids[i]!;
      const household = ids.some((other) => other !== id && index.households.has(pairKey(id, other)));
      return {
        id,
        name: population[u.subject]!.subject.name ?? id,
        household,
        logins: u.logins,
        firstAt: isoTime(u.first),
        lastAt: isoTime(u.last),
      };
    });
    out.push({
      ip,
      kind: verdict.kind ?? null,
      provider: verdict.provider ?? null,
      org: verdict.org ?? null,
      country: verdict.country ?? null,
      city: verdict.city ?? null,
      subjects,
    });
  }
  return out.sort((a, b) => b.subjects.length - a.subjects.length || (a.ip < b.ip ? -1 : 1));
}

export const sharedEgress: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!(bundle.logins ?? []).some((l) => l.ip)) return notEvaluated('no sign-in addresses');
    const alone = ctx.population.every((b) => b === bundle || b.subject.id === bundle.subject.id);
    if (alone) return notEvaluated('no other subjects to compare with');
    const policy = ctx.policy.network;
    let population = ctx.population;
    let index = indexFor(population, policy);
    let self = index.positions.get(bundle) ?? index.ids.get(bundle.subject.id) ?? -1;
    if (self < 0) {
      // Assessed on its own against a population it is not part of: index both together.
      population = [...population, bundle];
      index = indexFor(population, policy);
      self = population.length - 1;
    }
    const windowMs = policy.sharedEgressWindowDays * DAY_MS;
    const selfId = bundle.subject.id;

    type Hit = {
      ip: string;
      mine: Usage;
      verdict: AddressVerdict;
      others: Neighbour[];
      household: Neighbour[];
    };
    const hits: Hit[] = [];
    for (const ip of index.bySubject.get(self) ?? []) {
      const usages = index.shared.get(ip);
      const mine = usages?.find((u) => u.subject === self);
      if (!usages || !mine) continue;
      const near: Neighbour[] = [];
      for (const u of usages) {
        if (u.subject === self || !overlaps(mine, u, windowMs)) continue;
        const other = population[u.subject]!;
        if (other.subject.id === selfId) continue;
        near.push({
          usage: u,
          bundle: other,
          household: index.households.has(pairKey(selfId, other.subject.id)),
        });
      }
      if (near.length === 0) continue;
      const verdict = judgeAddress(ip, usages, ctx);
      if (!verdict.ok) continue;
      hits.push({
        ip,
        mine,
        verdict,
        others: near.filter((n) => !n.household),
        household: near.filter((n) => n.household),
      });
    }
    const counted = hits.filter((h) => h.others.length > 0);
    if (counted.length === 0) return nothing();

    const label = (h: Hit) => {
      if (!h.verdict.ok) return h.ip;
      const bits = [
        h.verdict.city || h.verdict.country ? placeText(h.verdict) : undefined,
        h.verdict.provider ?? h.verdict.org,
        h.verdict.kind && h.verdict.kind !== 'unknown' ? h.verdict.kind : undefined,
      ].filter((b): b is string => b !== undefined);
      return bits.length > 0 ? `${h.ip} (${bits.join('; ')})` : h.ip;
    };
    const span = (u: Usage) =>
      u.first === u.last ? `at ${formatUtc(u.first)}` : `from ${formatUtc(u.first)} to ${formatUtc(u.last)}`;
    const sentences = counted.map((h) => {
      const others = h.others.map(
        (n) => `${nameOf(n.bundle)} ${plural(n.usage.logins, 'time')} ${span(n.usage)}`,
      );
      return `${label(h)}: this person ${plural(h.mine.logins, 'time')} ${span(h.mine)}; ${others.join('; ')}.`;
    });
    for (const h of hits.filter((x) => x.household.length > 0)) {
      sentences.push(
        `${h.ip} is also used by ${listText(h.household.map((n) => nameOf(n.bundle)))}, declared as household, which is expected and not counted.`,
      );
    }
    const first = counted[0]!;
    const ipSet = new Set(counted.map((h) => h.ip));
    const evidence = loginEvidence(
      (bundle.logins ?? []).flatMap((l, i) => (l.ip && ipSet.has(l.ip) ? [i] : [])).slice(0, 50),
    );
    return found(
      fireDetailed(
        def,
        'high',
        evidence,
        {
          count: counted.length,
          ips: hits.map((h) => ({
            ip: h.ip,
            subjects: [...h.others, ...h.household].map((n) => n.bundle.subject.id),
            household: h.others.length === 0,
            householdSubjects: h.household.map((n) => n.bundle.subject.id),
            kind: h.verdict.ok ? (h.verdict.kind ?? null) : null,
            firstAt: isoTime(h.mine.first),
            lastAt: isoTime(h.mine.last),
          })),
        },
        { ip: label(first), others: listText(first.others.map((n) => nameOf(n.bundle))) },
        sentences.join(' '),
      ),
    );
  },
};
