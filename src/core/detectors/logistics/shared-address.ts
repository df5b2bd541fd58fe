// logistics.shared-address — a home or shipping address of this subject (subject.address, HR changes to
// home_address / shipping_address) is also another subject's. Laptop farms receive many employees'
// equipment at one place. Addresses compare normalised (links/normalize.ts: unit designators, street-type
// abbreviations, postal codes), so "Apt 4, 123 Main Street, Toronto ON M5H 1A1" and "4-123 Main St M5H1A1"
// are one dwelling while "Apt 5" is not. One other person: high; three or more people at one address
// (this subject and at least two others): critical. Declared household members (subject.household[].
// subjectId, either side) living together is expected: not counted, and when only they share it the
// signal does not fire.
import type { IdentifierKind } from '../../links/identifiers.ts';
import type { Detector } from '../../types.ts';
import { matchData, othersText, sharedMatches } from '../links/shared.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText } from '../util.ts';

const def = requireSignal('logistics.shared-address');

const KINDS: ReadonlySet<IdentifierKind> = new Set(['address']);

export const sharedAddress: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const alone = ctx.population.every((b) => b === bundle || b.subject.id === bundle.subject.id);
    if (alone) return notEvaluated('no other subjects to compare with');
    const matches = sharedMatches(bundle, ctx.population, KINDS).sort(
      (a, b) => b.others.length - a.others.length,
    );
    const counted = matches.filter((m) => m.others.length > 0);
    if (counted.length === 0) return nothing();
    const first = counted[0]!;
    const crowd = first.others.length >= 2;
    const sentences = counted
      .slice(1)
      .map((m) => `The address ${m.identifier.display} is also used by ${othersText(m.others)}.`);
    if (crowd) sentences.push(`${first.others.length + 1} people share ${first.identifier.display}.`);
    for (const m of matches.filter((x) => x.household.length > 0)) {
      sentences.push(
        `${listText(m.household.map((o) => `${o.bundle.subject.name ?? 'unnamed'} (${o.bundle.subject.id})`))} also live${m.household.length === 1 ? 's' : ''} at ${m.identifier.display}, declared as household, which is expected and not counted.`,
      );
    }
    const signal = fire(
      def,
      crowd ? 'critical' : 'high',
      [...new Set(counted.flatMap((m) => m.paths))],
      {
        count: counted.length,
        people: first.others.length + 1,
        subjects: [...new Set(counted.flatMap((m) => m.others.map((o) => o.bundle.subject.id)))],
        addresses: matches.map(matchData),
      },
      { address: first.identifier.display, others: othersText(first.others) },
    );
    return found(
      sentences.length > 0
        ? { ...signal, explanation: `${signal.explanation} ${sentences.join(' ')}` }
        : signal,
    );
  },
};
