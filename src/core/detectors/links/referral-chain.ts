// links.referral-chain — this subject was referred by (application.source.referredBy), or referred,
// another subject of the population who is flagged. Detectors see bundles, not other subjects' bands
// (that would need assessing everyone recursively), so "flagged" is read from the other bundle itself:
// - it records an incident (incidents[]), or
// - it shares an email address, phone number, bank account, crypto wallet, device or home/shipping address
//   with a third subject (not this one, and not a declared household member) — what links.shared-identifier
//   and logistics.shared-address fire on.
// referredBy names the referrer by subject id, email address, or full name (a name only counts when exactly
// one subject of the population has it). Medium: a referral alone proves nothing.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { IdentifierKind } from '../../links/identifiers.ts';
import { KIND_WORDS } from '../../links/identifiers.ts';
import { normalizeEmail } from '../../links/normalize.ts';
import { indexWith, type PopulationIndex, subjectLabel } from '../../links/population.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, normalizeText } from '../util.ts';
import { sharedMatches } from './shared.ts';

const def = requireSignal('links.referral-chain');

const KINDS: ReadonlySet<IdentifierKind> = new Set(['email', 'phone', 'bank', 'wallet', 'device', 'address']);

type Referrals = {
  /** Position of the referrer of each subject that names one found in the population. */
  referrer: Map<number, number>;
  /** Positions each subject referred. */
  referred: Map<number, number[]>;
};

const referralIndexes = new WeakMap<PopulationIndex, Referrals>();

function referrals(index: PopulationIndex): Referrals {
  const hit = referralIndexes.get(index);
  if (hit) return hit;
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number | null>();
  index.population.forEach((b, s) => {
    const e = normalizeEmail(b.subject.email);
    if (e && !byEmail.has(e)) byEmail.set(e, s);
    const n = b.subject.name ? normalizeText(b.subject.name) : '';
    if (n) byName.set(n, byName.has(n) ? null : s);
  });
  const out: Referrals = { referrer: new Map(), referred: new Map() };
  index.population.forEach((b, s) => {
    const by = b.application?.source?.referredBy?.trim();
    if (!by) return;
    const email = by.includes('@') ? normalizeEmail(by) : null;
    const name = byName.get(normalizeText(by));
    const r =
      index.ids.get(by) ?? (email ? byEmail.get(email) : undefined) ?? (name === null ? undefined : name);
    if (r === undefined || r === s || index.population[r]!.subject.id === b.subject.id) return;
    out.referrer.set(s, r);
    const list = out.referred.get(r);
    if (list) list.push(s);
    else out.referred.set(r, [s]);
  });
  referralIndexes.set(index, out);
  return out;
}

/** Why a subject counts as flagged, in words, or undefined. `except`: links to this subject do not count. */
function flagged(other: CaseBundle, population: readonly CaseBundle[], except: string): string | undefined {
  const incidents = other.incidents ?? [];
  if (incidents.length > 0) {
    return `has ${incidents.length === 1 ? 'an incident' : `${incidents.length} incidents`} on file (${listText([...new Set(incidents.map((i) => i.kind.replaceAll('_', ' ')))])})`;
  }
  for (const m of sharedMatches(other, population, KINDS)) {
    const third = m.others.filter((o) => o.bundle.subject.id !== except);
    if (third.length > 0) {
      return `shares a ${KIND_WORDS[m.identifier.kind]} with ${listText(third.slice(0, 3).map((o) => subjectLabel(o.bundle)))}${third.length > 3 ? ' and others' : ''}`;
    }
  }
  return undefined;
}

export const referralChain: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const alone = ctx.population.every((b) => b === bundle || b.subject.id === bundle.subject.id);
    if (alone) return notEvaluated('no other subjects to compare with');
    const { index, self } = indexWith(bundle, ctx.population);
    const refs = referrals(index);
    const referrer = refs.referrer.get(self);
    const referred = refs.referred.get(self) ?? [];
    if (referrer === undefined && referred.length === 0) return nothing();
    const selfId = bundle.subject.id;
    type Hit = { position: number; role: 'referrer' | 'referred'; why: string };
    const hits: Hit[] = [];
    if (referrer !== undefined) {
      const why = flagged(index.population[referrer]!, index.population, selfId);
      if (why) hits.push({ position: referrer, role: 'referrer', why });
    }
    for (const r of referred) {
      const why = flagged(index.population[r]!, index.population, selfId);
      if (why) hits.push({ position: r, role: 'referred', why });
    }
    if (hits.length === 0) return nothing();
    const sentence = (h: Hit) =>
      `${h.role === 'referrer' ? 'Referred by' : 'Referred'} ${subjectLabel(index.population[h.position]!)}, who ${h.why}.`;
    const first = hits[0]!;
    const signal = fire(
      def,
      'medium',
      referrer !== undefined && hits.some((h) => h.role === 'referrer')
        ? ['application.source.referredBy']
        : [],
      {
        count: hits.length,
        links: hits.map((h) => ({
          subject: index.population[h.position]!.subject.id,
          role: h.role,
          reason: h.why,
          paths: h.role === 'referrer' ? [] : ['application.source.referredBy'],
        })),
      },
      { other: subjectLabel(index.population[first.position]!), band: 'flagged' },
    );
    // The catalog sentence names a band; ours is read from the bundle, so the explanation says why instead.
    return found({ ...signal, explanation: hits.map(sentence).join(' ') });
  },
};
