// Name scoring: token similarity (exact, Korean romanisation variant, phonetic, Jaro-Winkler) with an optimal
// one-to-one token alignment, joined-token repair ("jongun" = "jong un"), initials, and lighter penalties
// for list tokens the query lacks (missing middle names). Returns the score and why.
import { doubleMetaphone } from 'double-metaphone';
import { koreanVariantGroups } from '../../../core/names/korean-variants.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { type NormalizedName, normalizeNameVariants } from './normalize.ts';

export type TokenMatchKind = 'exact' | 'variant' | 'phonetic' | 'fuzzy' | 'initial' | 'joined';

export type PreparedToken = {
  text: string;
  /** Double Metaphone primary and alternate codes. */
  metaphone: readonly [string, string];
  /** Korean romanisation variant groups (see korean-variants.ts). */
  korean: readonly number[];
  /** How much the token counts: short tokens, initials and generic company words count less. */
  weight: number;
};

export type PreparedName = {
  name: string;
  normalized: NormalizedName;
  tokens: PreparedToken[];
};

export type TokenMatch = {
  query: string;
  list: string;
  kind: TokenMatchKind;
  /** 0..1; for `fuzzy` the Jaro-Winkler value. */
  similarity: number;
};

export type NameScore = {
  /** 0..1 */
  score: number;
  matches: TokenMatch[];
  /** Query tokens with no counterpart in the list name. */
  unmatchedQuery: string[];
  /** List-name tokens with no counterpart in the query (e.g. a middle name the query lacks). */
  unmatchedList: string[];
};

/** Pairs below this token similarity are not aligned (they count as unmatched). */
export const MIN_TOKEN_SIMILARITY = 0.8;
/** A name score at or above this is a name match (chosen on the nomenklatura cases; see docs/name-matching.md). */
export const NAME_MATCH_THRESHOLD = 0.84;

// Generic words in company names: they carry little identity ("Korea … Trading Corporation").
const GENERIC_WORDS = new Set([
  'the',
  'and',
  'of',
  'for',
  'de',
  'la',
  'del',
  'al',
  'el',
  'trading',
  'trade',
  'international',
  'group',
  'general',
  'industrial',
  'industry',
  'industries',
  'development',
  'company',
  'corporation',
  'enterprise',
  'enterprises',
  'bank',
  'holding',
  'holdings',
  'services',
  'service',
  'global',
  'import',
  'export',
  'technology',
  'shipping',
  'investment',
  'korea',
  'korean',
  'national',
  'foreign',
  'joint',
  'venture',
  'association',
  'organization',
]);

export function prepareToken(text: string): PreparedToken {
  let weight = text.length === 1 ? 0.3 : Math.min(1, 0.45 + text.length * 0.1);
  if (GENERIC_WORDS.has(text)) weight *= 0.35;
  return { text, metaphone: doubleMetaphone(text), korean: koreanVariantGroups(text), weight };
}

export function prepareNormalized(name: string, normalized: NormalizedName): PreparedName {
  return { name, normalized, tokens: normalized.tokens.map(prepareToken) };
}

/** Prepared forms of a name, one per romanisation (one for Latin input). */
export function prepareName(name: string): PreparedName[] {
  return normalizeNameVariants(name).map((n) => prepareNormalized(name, n));
}

function sharesGroup(a: readonly number[], b: readonly number[]): boolean {
  for (const g of a) if (b.includes(g)) return true;
  return false;
}

function phoneticEqual(a: PreparedToken, b: PreparedToken): boolean {
  const [a1, a2] = a.metaphone;
  const [b1, b2] = b.metaphone;
  if (a1.length < 2 && b1.length < 2) return false;
  return a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2;
}

/** Similarity of two tokens and how they matched. */
export function compareTokens(
  a: PreparedToken,
  b: PreparedToken,
): { kind: TokenMatchKind; similarity: number } {
  if (a.text === b.text) return { kind: 'exact', similarity: 1 };
  if (a.korean.length > 0 && b.korean.length > 0 && sharesGroup(a.korean, b.korean)) {
    return { kind: 'variant', similarity: 0.95 };
  }
  if (a.text.length === 1 || b.text.length === 1) {
    const [short, long] = a.text.length === 1 ? [a.text, b.text] : [b.text, a.text];
    return long.startsWith(short) ? { kind: 'initial', similarity: 0.85 } : { kind: 'fuzzy', similarity: 0 };
  }
  const jw = jaroWinkler(a.text, b.text);
  if (jw >= 0.7 && phoneticEqual(a, b)) return { kind: 'phonetic', similarity: Math.max(jw, 0.9) };
  return { kind: 'fuzzy', similarity: jw };
}

type Side = { tokens: PreparedToken[]; joinedFrom: Map<PreparedToken, string> };

// Re-join adjacent tokens of one side when their concatenation is a token of the other side
// ("jong un" vs "jongun"; "al rashid" vs "alrashid").
function joinAdjacent(side: PreparedToken[], other: PreparedToken[]): Side {
  const joinedFrom = new Map<PreparedToken, string>();
  if (side.length < 2 || other.length === 0) return { tokens: side, joinedFrom };
  const otherTexts = new Set(other.map((t) => t.text));
  if (otherTexts.size === 0) return { tokens: side, joinedFrom };
  const out: PreparedToken[] = [];
  for (let i = 0; i < side.length; i++) {
    const cur = side[i];
    const next = side[i + 1];
    if (cur === undefined) continue;
    if (next !== undefined && !otherTexts.has(cur.text) && !otherTexts.has(next.text)) {
      const joined = cur.text + next.text;
      if (otherTexts.has(joined)) {
        const token = prepareToken(joined);
        joinedFrom.set(token, `${cur.text} ${next.text}`);
        out.push(token);
        i++;
        continue;
      }
    }
    out.push(cur);
  }
  return { tokens: out, joinedFrom };
}

type Pair = { i: number; j: number; kind: TokenMatchKind; similarity: number; value: number };

function pairValue(q: PreparedToken, l: PreparedToken, similarity: number): number {
  return similarity * ((q.weight + l.weight) / 2);
}

// Optimal one-to-one alignment maximising Σ similarity × weight. When no two query tokens compete for the
// same list token (the usual case) the greedy choice is optimal; otherwise an exact DP over subsets of
// the contested list tokens when there are few, greedy when there are many.
function align(q: PreparedToken[], l: PreparedToken[]): Pair[] {
  const all: Pair[] = [];
  const claims = new Uint8Array(l.length);
  let contested = false;
  for (let i = 0; i < q.length; i++) {
    const qt = q[i] as PreparedToken;
    for (let j = 0; j < l.length; j++) {
      const lt = l[j] as PreparedToken;
      const c = compareTokens(qt, lt);
      if (c.similarity < MIN_TOKEN_SIMILARITY) continue;
      all.push({ i, j, kind: c.kind, similarity: c.similarity, value: pairValue(qt, lt, c.similarity) });
      if (claims[j] === 1) contested = true;
      claims[j] = 1;
    }
  }
  if (contested && l.length <= 8 && q.length <= 10) return alignExact(q.length, l.length, all);
  all.sort((a, b) => b.value - a.value);
  const usedQ = new Set<number>();
  const usedL = new Set<number>();
  const pairs: Pair[] = [];
  for (const p of all) {
    if (usedQ.has(p.i) || usedL.has(p.j)) continue;
    usedQ.add(p.i);
    usedL.add(p.j);
    pairs.push(p);
  }
  return pairs;
}

function alignExact(n: number, m: number, all: Pair[]): Pair[] {
  const byRow: Pair[][] = Array.from({ length: n }, () => []);
  for (const p of all) byRow[p.i]?.push(p);
  const size = 1 << m;
  // best[i * size + mask]: best value aligning query tokens i.. with list tokens not in mask
  const best = new Float64Array((n + 1) * size);
  for (let i = n - 1; i >= 0; i--) {
    const row = byRow[i] ?? [];
    for (let mask = 0; mask < size; mask++) {
      let v = best[(i + 1) * size + mask] ?? 0;
      for (const p of row) {
        if (mask & (1 << p.j)) continue;
        const cand = p.value + (best[(i + 1) * size + (mask | (1 << p.j))] ?? 0);
        if (cand > v) v = cand;
      }
      best[i * size + mask] = v;
    }
  }
  const pairs: Pair[] = [];
  let mask = 0;
  for (let i = 0; i < n; i++) {
    const target = best[i * size + mask] ?? 0;
    if (Math.abs((best[(i + 1) * size + mask] ?? 0) - target) < 1e-12) continue;
    for (const p of byRow[i] ?? []) {
      if (mask & (1 << p.j)) continue;
      if (Math.abs(p.value + (best[(i + 1) * size + (mask | (1 << p.j))] ?? 0) - target) < 1e-12) {
        pairs.push(p);
        mask |= 1 << p.j;
        break;
      }
    }
  }
  return pairs;
}

// Penalty weights for unmatched tokens: a query token facing an unmatched list token is a conflict (full);
// extra query tokens count half; extra list tokens (middle names, patronymics the query lacks) a third.
const CONFLICT_PENALTY = 1;
const EXTRA_QUERY_PENALTY = 0.5;
const EXTRA_LIST_PENALTY = 0.35;

/** Score one prepared query name against one prepared list name. */
export function scoreNames(query: PreparedName, candidate: PreparedName): NameScore {
  const qSide = joinAdjacent(query.tokens, candidate.tokens);
  const lSide = joinAdjacent(candidate.tokens, qSide.tokens);
  const q = qSide.tokens;
  const l = lSide.tokens;
  if (q.length === 0 || l.length === 0)
    return { score: 0, matches: [], unmatchedQuery: [], unmatchedList: [] };
  const pairs = align(q, l).sort((a, b) => a.i - b.i); // report in query order
  if (pairs.length === 0) {
    return {
      score: 0,
      matches: [],
      unmatchedQuery: q.map((t) => t.text),
      unmatchedList: l.map((t) => t.text),
    };
  }
  let matched = 0;
  let weight = 0;
  const matches: TokenMatch[] = [];
  const usedQ = new Set<number>();
  const usedL = new Set<number>();
  for (const p of pairs) {
    const qt = q[p.i] as PreparedToken;
    const lt = l[p.j] as PreparedToken;
    usedQ.add(p.i);
    usedL.add(p.j);
    matched += p.value;
    weight += (qt.weight + lt.weight) / 2;
    const joined = qSide.joinedFrom.get(qt) ?? lSide.joinedFrom.get(lt);
    matches.push({
      query: qSide.joinedFrom.get(qt) ?? qt.text,
      list: lSide.joinedFrom.get(lt) ?? lt.text,
      kind: joined !== undefined && p.kind === 'exact' ? 'joined' : p.kind,
      similarity: Math.round(p.similarity * 1000) / 1000,
    });
  }
  const restQ = q.filter((_, i) => !usedQ.has(i));
  const restL = l.filter((_, j) => !usedL.has(j));
  const wq = restQ.map((t) => t.weight).sort((a, b) => b - a);
  const wl = restL.map((t) => t.weight).sort((a, b) => b - a);
  let penalty = 0;
  const conflicts = Math.min(wq.length, wl.length);
  for (let k = 0; k < conflicts; k++) penalty += (((wq[k] ?? 0) + (wl[k] ?? 0)) / 2) * CONFLICT_PENALTY;
  for (let k = conflicts; k < wq.length; k++) penalty += (wq[k] ?? 0) * EXTRA_QUERY_PENALTY;
  for (let k = conflicts; k < wl.length; k++) penalty += (wl[k] ?? 0) * EXTRA_LIST_PENALTY;
  const score = matched / (weight + penalty);
  return {
    score: Math.round(score * 10000) / 10000,
    matches,
    unmatchedQuery: restQ.map((t) => qSide.joinedFrom.get(t) ?? t.text),
    unmatchedList: restL.map((t) => lSide.joinedFrom.get(t) ?? t.text),
  };
}

/** Best score over the romanisations of both names. */
export function scorePrepared(query: PreparedName[], candidate: PreparedName[]): NameScore {
  let best: NameScore = { score: 0, matches: [], unmatchedQuery: [], unmatchedList: [] };
  for (const q of query) {
    for (const c of candidate) {
      const s = scoreNames(q, c);
      if (s.score > best.score) best = s;
    }
  }
  return best;
}

/** Score two names written in any script. */
export function scoreNameStrings(query: string, candidate: string): NameScore {
  return scorePrepared(prepareName(query), prepareName(candidate));
}
