// The identifiers of a whole population, indexed by value, built once per population array (WeakMap memo)
// so assessing N subjects costs one pass over their identifiers, not N² comparisons.
import type { CaseBundle } from '../bundle/schema.ts';
import { extractIdentifiers, type Identifier, identifierKey } from './identifiers.ts';

/** One subject holding one identifier value, with every place in their bundle it appears. */
export type Holding = { subject: number; paths: string[]; identifier: Identifier };

export type PopulationIndex = {
  population: readonly CaseBundle[];
  /** Identifiers of each subject, by position. */
  identifiers: Identifier[][];
  /** "kind:key" → the subjects holding it (one Holding per subject, in population order). */
  byKey: Map<string, Holding[]>;
  /** Unordered "a\u0000b" subject-id pairs declared as one household (either side declared it). */
  households: Set<string>;
  positions: Map<CaseBundle, number>;
  ids: Map<string, number>;
};

const indexes = new WeakMap<readonly CaseBundle[], PopulationIndex>();

export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function build(population: readonly CaseBundle[]): PopulationIndex {
  const index: PopulationIndex = {
    population,
    identifiers: [],
    byKey: new Map(),
    households: new Set(),
    positions: new Map(),
    ids: new Map(),
  };
  population.forEach((bundle, s) => {
    index.positions.set(bundle, s);
    if (!index.ids.has(bundle.subject.id)) index.ids.set(bundle.subject.id, s);
    for (const member of bundle.subject.household ?? []) {
      if (member.subjectId) index.households.add(pairKey(bundle.subject.id, member.subjectId));
    }
    const ids = extractIdentifiers(bundle);
    index.identifiers.push(ids);
    for (const id of ids) {
      const k = identifierKey(id);
      let list = index.byKey.get(k);
      if (!list) {
        list = [];
        index.byKey.set(k, list);
      }
      const last = list.at(-1);
      if (last && last.subject === s) last.paths.push(id.path);
      else list.push({ subject: s, paths: [id.path], identifier: id });
    }
  });
  return index;
}

/** The index of a population, built once per population array. */
export function populationIndex(population: readonly CaseBundle[]): PopulationIndex {
  let index = indexes.get(population);
  if (!index) {
    index = build(population);
    indexes.set(population, index);
  }
  return index;
}

/**
 * The index holding `bundle` and its position: the population's own when the bundle is part of it, else
 * an index of the population plus this bundle (assessed on its own against others).
 */
export function indexWith(
  bundle: CaseBundle,
  population: readonly CaseBundle[],
): { index: PopulationIndex; self: number } {
  const index = populationIndex(population);
  const self = index.positions.get(bundle) ?? index.ids.get(bundle.subject.id);
  if (self !== undefined) return { index, self };
  const extended = [...population, bundle];
  return { index: populationIndex(extended), self: extended.length - 1 };
}

/** Whether two subjects (by position) are declared one household. */
export function isHousehold(index: PopulationIndex, a: number, b: number): boolean {
  return index.households.has(pairKey(index.population[a]!.subject.id, index.population[b]!.subject.id));
}

export const subjectLabel = (b: CaseBundle) => `${b.subject.name ?? 'unnamed'} (${b.subject.id})`;
