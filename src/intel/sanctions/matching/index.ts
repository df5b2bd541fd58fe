// Sub-linear candidate index over list names and aliases. Blocking works on the distinct token vocabulary:
// a query token reaches vocabulary tokens through Korean variant groups, Double Metaphone codes and
// one-deletion typo keys; those reach names through token postings. Only names whose matched query
// weight could still reach `minScore` are scored in full.
import {
  type CandidateFacts,
  type Corroboration,
  classifyMatch,
  corroborate,
  type MatchClass,
} from './corroborate.ts';
import {
  compareTokens,
  MIN_TOKEN_SIMILARITY,
  type NameScore,
  type PreparedName,
  type PreparedToken,
  prepareName,
  prepareToken,
  scoreNames,
} from './score.ts';

/** What the index needs from a list entry (the importer's SanctionsEntry carries these fields). */
export type IndexEntryInput = {
  entryId: string;
  list: string;
  kind: string;
  names: { name: string; quality: 'strong' | 'weak' }[];
  datesOfBirth: string[];
  nationalities: string[];
  documents: string[];
  addresses: string[];
  wallets?: string[];
};

type IndexedName = { entry: number; name: string; quality: 'strong' | 'weak'; prepared: PreparedName };

export type NameIndex = {
  entries: IndexEntryInput[];
  names: IndexedName[];
  vocabulary: PreparedToken[];
  /** vocabulary token id → indexed name ids (including adjacent-token concatenations) */
  tokenNames: number[][];
  /** blocking key → vocabulary token ids */
  keys: Map<string, number[]>;
  /** indexed name id → total token weight */
  nameWeights: Float64Array;
  /** indexed name id → its vocabulary token ids (tokens and adjacent concatenations) */
  nameTokens: number[][];
  /** reusable scratch space for one search (JavaScript runs one search at a time) */
  scratch: Scratch;
  /** query token → similar vocabulary tokens (bounded memo: batches repeat common tokens) */
  memo: Map<string, Map<number, number>>;
};

type Scratch = {
  acc: Float64Array;
  best: Float64Array;
  stamp: Int32Array;
  touchedNames: number[];
  round: number;
};

const MEMO_LIMIT = 50_000;

export type SearchOptions = { limit?: number; minScore?: number };

export type SearchHit = {
  entry: IndexEntryInput;
  /** The list name or alias that matched best. */
  matchedName: string;
  quality: 'strong' | 'weak';
  score: NameScore;
};

// Typo keys: the token and every form with one character deleted (tokens of 4+ characters). Two tokens
// within one edit (insert, delete, substitute, adjacent transposition) share a key — SymSpell's idea,
// with exact hash lookups instead of scanning trigram postings.
function deletionKeys(text: string): string[] {
  const out = new Set<string>([`d${text}`]);
  if (text.length < 4) return [...out];
  for (let i = 0; i < text.length; i++) out.add(`d${text.slice(0, i)}${text.slice(i + 1)}`);
  return [...out];
}

function blockingKeys(token: PreparedToken): string[] {
  const keys = deletionKeys(token.text);
  for (const code of token.metaphone) if (code.length >= 2) keys.push(`m${code}`);
  for (const group of token.korean) keys.push(`k${group}`);
  if (token.text.length === 1) keys.push(`i${token.text}`);
  return keys;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Build the index over every name and alias of every entry. */
export function buildNameIndex(entries: IndexEntryInput[]): NameIndex {
  const names: IndexedName[] = [];
  const vocabIds = new Map<string, number>();
  const vocabulary: PreparedToken[] = [];
  const tokenNames: number[][] = [];
  const nameTokens: number[][] = [];
  const keys = new Map<string, number[]>();
  const tokenId = (text: string): number => {
    const known = vocabIds.get(text);
    if (known !== undefined) return known;
    const id = vocabulary.length;
    const token = prepareToken(text);
    vocabIds.set(text, id);
    vocabulary.push(token);
    tokenNames.push([]);
    for (const key of blockingKeys(token)) push(keys, key, id);
    return id;
  };
  entries.forEach((entry, e) => {
    for (const { name, quality } of entry.names) {
      for (const prepared of prepareName(name)) {
        const id = names.length;
        names.push({ entry: e, name, quality, prepared });
        const texts = prepared.tokens.map((t) => t.text);
        const all = new Set(texts);
        for (let i = 0; i + 1 < texts.length; i++) all.add(`${texts[i]}${texts[i + 1]}`);
        const ids: number[] = [];
        nameTokens.push(ids);
        for (const text of all) {
          const tid = tokenId(text);
          ids.push(tid);
          const postings = tokenNames[tid];
          if (postings && postings[postings.length - 1] !== id) postings.push(id);
        }
      }
    }
  });
  const nameWeights = new Float64Array(names.length);
  names.forEach((n, i) => {
    nameWeights[i] = n.prepared.tokens.reduce((sum, t) => sum + t.weight, 0);
  });
  const scratch: Scratch = {
    acc: new Float64Array(names.length),
    best: new Float64Array(names.length),
    stamp: new Int32Array(names.length),
    touchedNames: [],
    round: 0,
  };
  return { entries, names, vocabulary, tokenNames, keys, nameWeights, nameTokens, scratch, memo: new Map() };
}

// Vocabulary tokens similar to one query token (one edit away, same Double Metaphone code, same Korean
// variant group, or the same initial), with their similarity.
function similarVocabulary(index: NameIndex, token: PreparedToken): Map<number, number> {
  const memoized = index.memo.get(token.text);
  if (memoized !== undefined) return memoized;
  const out = new Map<number, number>();
  const consider = (id: number) => {
    if (out.has(id)) return;
    const candidate = index.vocabulary[id];
    if (candidate === undefined) return;
    const { similarity } = compareTokens(token, candidate);
    if (similarity >= MIN_TOKEN_SIMILARITY) out.set(id, similarity);
  };
  for (const code of token.metaphone) {
    if (code.length < 2) continue;
    for (const id of index.keys.get(`m${code}`) ?? []) consider(id);
  }
  for (const group of token.korean) for (const id of index.keys.get(`k${group}`) ?? []) consider(id);
  // an initial reaches only the same initial (every token starting with it would be too many)
  if (token.text.length === 1) for (const id of index.keys.get(`i${token.text}`) ?? []) consider(id);
  for (const key of deletionKeys(token.text)) for (const id of index.keys.get(key) ?? []) consider(id);
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
  index.memo.set(token.text, out);
  return out;
}

// Minimum share of the query's token weight that must be matched for a name to be able to reach minScore
// (an unmatched query token costs at least half its weight: score ≤ r / (r + 0.5 (1 - r))), with slack.
function requiredShare(minScore: number): number {
  return ((0.5 * minScore) / (1 - 0.5 * minScore)) * 0.85;
}

const MAX_CANDIDATES = 300;
// Below the scorer's extra-list-token penalty (0.35), as slack for joined tokens and averaged weights.
const EXTRA_LIST_SLACK = 0.25;

// A weak alias (UN "Low" quality, OFAC weak a.k.a.) ranks below a strong name scoring nearly as well.
const WEAK_ALIAS_HANDICAP = 0.05;

function bestPerEntry(
  index: NameIndex,
  scored: { nameId: number; score: NameScore }[],
  limit: number,
): SearchHit[] {
  const rankOf = (s: { nameId: number; score: NameScore }) =>
    s.score.score - (index.names[s.nameId]?.quality === 'weak' ? WEAK_ALIAS_HANDICAP : 0);
  scored.sort((a, b) => rankOf(b) - rankOf(a));
  const seen = new Set<number>();
  const hits: SearchHit[] = [];
  for (const s of scored) {
    const name = index.names[s.nameId];
    if (name === undefined || seen.has(name.entry)) continue;
    const entry = index.entries[name.entry];
    if (entry === undefined) continue;
    seen.add(name.entry);
    hits.push({ entry, matchedName: name.name, quality: name.quality, score: s.score });
    if (hits.length >= limit) break;
  }
  return hits;
}

/** Search the index for list entries whose names match the query (best name per entry). */
export function search(index: NameIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.7;
  const scored: { nameId: number; score: NameScore }[] = [];
  for (const prepared of prepareName(query)) {
    const tokens = [...prepared.tokens];
    const totalWeight = tokens.reduce((sum, t) => sum + t.weight, 0);
    if (totalWeight === 0) continue;
    for (let i = 0; i + 1 < prepared.tokens.length; i++) {
      const a = prepared.tokens[i] as PreparedToken;
      const b = prepared.tokens[i + 1] as PreparedToken;
      const joined = prepareToken(a.text + b.text);
      joined.weight = a.weight + b.weight;
      tokens.push(joined);
    }
    const { acc, best, stamp, touchedNames } = index.scratch;
    const floor = requiredShare(minScore) * totalWeight;
    // Prefix filtering: a name reaching `floor` must match one of the rarest query tokens whose weights
    // sum past totalWeight - floor, so only those tokens' postings generate candidates; the common
    // tokens ("kim", "mohammed") are then checked on the candidates' own few tokens.
    const similar = tokens.map((token) => {
      const map = similarVocabulary(index, token);
      let cost = 0;
      for (const id of map.keys()) cost += index.tokenNames[id]?.length ?? 0;
      return {
        token,
        map,
        cost,
        joined: token.text.length > 0 && tokens.indexOf(token) >= prepared.tokens.length,
      };
    });
    const single = similar.filter((x) => !x.joined).sort((a, b) => a.cost - b.cost);
    const generators = similar.filter((x) => x.joined);
    const checked: typeof similar = [];
    let covered = 0;
    for (const x of single) {
      if (covered <= totalWeight - floor + 1e-9) {
        generators.push(x);
        covered += x.token.weight;
      } else checked.push(x);
    }
    for (const { token, map } of generators) {
      const round = ++index.scratch.round;
      const reached: number[] = [];
      for (const [id, similarity] of map) {
        for (const nameId of index.tokenNames[id] ?? []) {
          if (stamp[nameId] !== round) {
            stamp[nameId] = round;
            best[nameId] = similarity;
            reached.push(nameId);
          } else if ((best[nameId] ?? 0) < similarity) best[nameId] = similarity;
        }
      }
      for (const nameId of reached) {
        if (acc[nameId] === 0) touchedNames.push(nameId);
        acc[nameId] = (acc[nameId] ?? 0) + (best[nameId] ?? 0) * token.weight;
      }
    }
    const candidates: [number, number][] = [];
    for (const nameId of touchedNames) {
      let matched = acc[nameId] ?? 0;
      acc[nameId] = 0;
      for (const { token, map } of checked) {
        let top = 0;
        for (const id of index.nameTokens[nameId] ?? []) top = Math.max(top, map.get(id) ?? 0);
        matched += top * token.weight;
      }
      if (matched < floor) continue;
      // Upper bound on the final score: list tokens beyond what the query can match cost at least a third.
      const listWeight = index.nameWeights[nameId] ?? 0;
      const bound = matched / (matched + EXTRA_LIST_SLACK * Math.max(0, listWeight - matched));
      if (bound >= minScore) candidates.push([nameId, matched]);
    }
    touchedNames.length = 0;
    candidates.sort((a, b) => b[1] - a[1]);
    for (const [nameId] of candidates.slice(0, MAX_CANDIDATES)) {
      const name = index.names[nameId];
      if (name === undefined) continue;
      const score = scoreNames(prepared, name.prepared);
      if (score.score >= minScore) scored.push({ nameId, score });
    }
  }
  return bestPerEntry(index, scored, limit);
}

/** The same search by scoring every indexed name (the baseline the bench compares against). */
export function searchBruteForce(index: NameIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.7;
  const scored: { nameId: number; score: NameScore }[] = [];
  for (const prepared of prepareName(query)) {
    index.names.forEach((name, nameId) => {
      const score = scoreNames(prepared, name.prepared);
      if (score.score >= minScore) scored.push({ nameId, score });
    });
  }
  return bestPerEntry(index, scored, limit);
}

export type ScreeningResult = SearchHit & { corroboration: Corroboration; classification: MatchClass };

/**
 * Screen a person or company: name search, then corroboration against each hit's entry and the
 * severity. A match on a weak alias alone stays at most `medium`. Results without a severity are dropped.
 */
export function screenName(
  index: NameIndex,
  query: string,
  facts: CandidateFacts = {},
  options: SearchOptions = {},
): ScreeningResult[] {
  const results: ScreeningResult[] = [];
  for (const hit of search(index, query, options)) {
    const corroboration = corroborate(facts, {
      datesOfBirth: hit.entry.datesOfBirth,
      nationalities: hit.entry.nationalities,
      documents: hit.entry.documents,
      addresses: hit.entry.addresses,
      wallets: hit.entry.wallets ?? [],
    });
    let classification = classifyMatch(hit.score.score, corroboration);
    if (
      hit.quality === 'weak' &&
      classification.severity !== null &&
      classification.severity !== 'critical'
    ) {
      classification = {
        severity: 'medium',
        reasons: [...classification.reasons, `matched a weak alias ("${hit.matchedName}"): at most medium`],
      };
    }
    if (classification.severity === null) continue;
    results.push({ ...hit, corroboration, classification });
  }
  const rank = { critical: 3, high: 2, medium: 1 } as const;
  return results.sort(
    (a, b) =>
      rank[b.classification.severity ?? 'medium'] - rank[a.classification.severity ?? 'medium'] ||
      b.score.score - a.score.score,
  );
}
