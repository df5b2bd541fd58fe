// What links.shared-identifier and logistics.shared-address share: for each of this subject's own
// identifiers of some kinds, the other subjects of the population holding the same value as their own
// (references' contact details are left to references.shared-contact), split into declared household
// members (expected, not counted) and everyone else.
import type { CaseBundle } from '../../bundle/schema.ts';
import { type Identifier, type IdentifierKind, identifierKey } from '../../links/identifiers.ts';
import { type Holding, indexWith, isHousehold } from '../../links/population.ts';
import { listText } from '../util.ts';

export type Other = { bundle: CaseBundle; paths: string[] };
export type Match = { identifier: Identifier; paths: string[]; others: Other[]; household: Other[] };

const ownPaths = (paths: readonly string[]) => paths.filter((p) => !p.startsWith('references['));

/** This subject's identifiers of `kinds` that other subjects hold too, one match per value. */
export function sharedMatches(
  bundle: CaseBundle,
  population: readonly CaseBundle[],
  kinds: ReadonlySet<IdentifierKind>,
  accept: (id: Identifier) => boolean = () => true,
): Match[] {
  const { index, self } = indexWith(bundle, population);
  const selfId = bundle.subject.id;
  const matches = new Map<string, Match>();
  for (const id of index.identifiers[self] ?? []) {
    if (!kinds.has(id.kind) || id.reference || !accept(id)) continue;
    const k = identifierKey(id);
    const existing = matches.get(k);
    if (existing) {
      existing.paths.push(id.path);
      continue;
    }
    const match: Match = { identifier: id, paths: [id.path], others: [], household: [] };
    for (const h of index.byKey.get(k) ?? ([] as Holding[])) {
      const other = index.population[h.subject]!;
      if (h.subject === self || other.subject.id === selfId) continue;
      const paths = ownPaths(h.paths);
      if (paths.length === 0) continue;
      (isHousehold(index, self, h.subject) ? match.household : match.others).push({ bundle: other, paths });
    }
    matches.set(k, match);
  }
  return [...matches.values()].filter((m) => m.others.length > 0 || m.household.length > 0);
}

/** "Bob Roe (cand-2), Eve Poe (cand-3) and 4 more" */
export function othersText(others: readonly Other[], max = 5): string {
  const names = others
    .slice(0, max)
    .map((o) => `${o.bundle.subject.name ?? 'unnamed'} (${o.bundle.subject.id})`);
  const more = others.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : listText(names);
}

/** Data for the signal: what is shared, where, and with whom (their paths too). */
export function matchData(m: Match) {
  return {
    kind: m.identifier.kind,
    value: m.identifier.display,
    paths: m.paths,
    subjects: m.others.map((o) => ({ id: o.bundle.subject.id, paths: o.paths })),
    householdSubjects: m.household.map((o) => o.bundle.subject.id),
  };
}
