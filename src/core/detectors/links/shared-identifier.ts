// links.shared-identifier — an email address, phone number, bank account, crypto wallet or device this
// subject uses is also another subject's own (normalised: links/normalize.ts, so "J.Doe+x@googlemail.com"
// and "jdoe@gmail.com" are one mailbox, "GB82 WEST 1234…" and "gb82west1234…" one account). One person
// running several identities re-uses them. Addresses are logistics.shared-address's, internet addresses
// network.shared-egress's (an IP alone says little), references' contacts references.shared-contact's.
// Declared household members sharing a value is expected: said, not counted.
// The population index is built once per population array (links/population.ts).
import type { IdentifierKind } from '../../links/identifiers.ts';
import { KIND_STRENGTH, KIND_WORDS } from '../../links/identifiers.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText } from '../util.ts';
import { matchData, othersText, sharedMatches } from './shared.ts';

const def = requireSignal('links.shared-identifier');

const KINDS: ReadonlySet<IdentifierKind> = new Set(['email', 'phone', 'bank', 'wallet', 'device']);

export const sharedIdentifier: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const alone = ctx.population.every((b) => b === bundle || b.subject.id === bundle.subject.id);
    if (alone) return notEvaluated('no other subjects to compare with');
    const matches = sharedMatches(bundle, ctx.population, KINDS).sort(
      (a, b) => KIND_STRENGTH[b.identifier.kind] - KIND_STRENGTH[a.identifier.kind],
    );
    const counted = matches.filter((m) => m.others.length > 0);
    if (counted.length === 0) return nothing();
    const what = (m: (typeof matches)[number]) => `${KIND_WORDS[m.identifier.kind]} ${m.identifier.display}`;
    const first = counted[0]!;
    const sentences = counted.slice(1).map((m) => `The ${what(m)} is also used by ${othersText(m.others)}.`);
    for (const m of matches.filter((x) => x.household.length > 0)) {
      sentences.push(
        `The ${what(m)} is also used by ${listText(m.household.map((o) => `${o.bundle.subject.name ?? 'unnamed'} (${o.bundle.subject.id})`))}, declared as household, which is expected and not counted.`,
      );
    }
    const signal = fire(
      def,
      'high',
      [...new Set(counted.flatMap((m) => m.paths))],
      {
        count: counted.length,
        kinds: [...new Set(counted.map((m) => m.identifier.kind))],
        subjects: [...new Set(counted.flatMap((m) => m.others.map((o) => o.bundle.subject.id)))],
        matches: matches.map(matchData),
      },
      { what: what(first), others: othersText(first.others) },
    );
    return found(
      sentences.length > 0
        ? { ...signal, explanation: `${signal.explanation} ${sentences.join(' ')}` }
        : signal,
    );
  },
};
