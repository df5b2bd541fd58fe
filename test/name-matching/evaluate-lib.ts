// Quality evaluation of the name matcher on the peer projects' labelled cases, next to a plain baseline
// (fuzzball token_set_ratio at its best threshold per source), and a false-positive screen of common names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { token_set_ratio } from 'fuzzball';
import { buildNameIndex, type NameIndex, screenName } from '../../src/intel/sanctions/matching/index.ts';
import { NAME_MATCH_THRESHOLD, scoreNameStrings } from '../../src/intel/sanctions/matching/score.ts';
import { CULTURES } from './common-names.ts';
import { DATASETS, readUnEntries } from './un-list.ts';

const DIR = path.join(DATASETS, 'name-matching');

export type Pair = { a: string; b: string; match: boolean };
export type Metrics = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
export type SourceRow = {
  source: string;
  pairs: number;
  positives: number;
  ours: Metrics;
  /** ours at its own best-F1 threshold on this source (like-for-like with the baseline) */
  oursBest: Metrics & { threshold: number };
  baseline: Metrics & { threshold: number };
};

function metrics(scores: number[], pairs: Pair[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    const actual = pairs[i]?.match === true;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  });
  // With no predicted positives precision is undefined; report 1 (no false alarm) only if there were none to find.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), tp, fp, fn };
}

function bestBaseline(scores: number[], pairs: Pair[]): Metrics & { threshold: number } {
  let best: Metrics & { threshold: number } = { ...metrics(scores, pairs, 1.01), threshold: 1.01 };
  const score = (m: Metrics) => (pairs.some((p) => p.match) ? m.f1 : -m.fp);
  for (let t = 0.3; t <= 1.0001; t += 0.01) {
    const m = metrics(scores, pairs, t);
    if (score(m) > score(best)) best = { ...m, threshold: Math.round(t * 100) / 100 };
  }
  return best;
}

function evaluatePairs(source: string, pairs: Pair[]): SourceRow {
  const ours = pairs.map((p) => scoreNameStrings(p.a, p.b).score);
  const base = pairs.map((p) => token_set_ratio(p.a, p.b) / 100);
  return {
    source,
    pairs: pairs.length,
    positives: pairs.filter((p) => p.match).length,
    ours: metrics(ours, pairs, NAME_MATCH_THRESHOLD),
    oursBest: bestBaseline(ours, pairs),
    baseline: bestBaseline(base, pairs),
  };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function nomenklaturaNamePairs(): Pair[] {
  const lines = readFileSync(path.join(DIR, 'nomenklatura_name_bench_cases.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1);
  return lines
    .filter((l) => l.trim().length > 0)
    .map(parseCsvLine)
    .map((c) => ({ a: c[2] ?? '', b: c[3] ?? '', match: c[4] === 'true' }));
}

type EntityName = {
  name?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  fatherName?: string;
};
function entityName(e: EntityName): string {
  return e.name ?? [e.firstName, e.middleName, e.fatherName, e.lastName].filter(Boolean).join(' ');
}

export function nomenklaturaEntityPairs(): Pair[] {
  const data = readJson('nomenklatura_entity_bench_checks.json') as {
    checks: { match: boolean; query: EntityName; candidate: EntityName }[];
  };
  return data.checks.map((c) => ({ a: entityName(c.query), b: entityName(c.candidate), match: c.match }));
}

type Raw = string | { raw: string };
const rawText = (v: Raw): string => (typeof v === 'string' ? v : v.raw);

export function watchmanPairs(): Pair[] {
  const data = readJson('watchman_name_scoring_cases.json') as {
    sections: { test?: string; cases?: Record<string, unknown>[] }[];
  };
  const pairs: Pair[] = [];
  for (const s of data.sections) {
    for (const c of s.cases ?? []) {
      if (s.test === 'TestBestPairsJaroWinkler__FalsePositives/TruePositives') {
        pairs.push({
          a: rawText(c.query as Raw),
          b: rawText(c.indexed as Raw),
          match: c.kind === 'true_positive',
        });
      } else if (s.test === 'TestCompareName') {
        pairs.push({
          a: rawText(c.query as Raw),
          b: rawText(c.indexed as Raw),
          match: c.should_match === true,
        });
      } else if (s.test === 'TestSoundexMatch') {
        pairs.push({ a: String(c.a), b: String(c.b), match: c.should_match === true });
      }
    }
  }
  const khamis = readJson('watchman_vs_ofac_portal_khamis_al.json') as {
    cases: { query: string; ofac_sdn_name: string }[];
  };
  for (const c of khamis.cases) pairs.push({ a: c.query, b: c.ofac_sdn_name, match: false });
  return pairs;
}

export function crossScriptPairs(): Pair[] {
  return readFileSync(path.join(DIR, 'watchman_cross_script_pairs.csv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0 && !l.startsWith('#'))
    .map(parseCsvLine)
    .map((c) => ({ a: c[0] ?? '', b: c[1] ?? '', match: true }));
}

export function npmOfacPairs(): Pair[] {
  const data = readJson('npm_ofac_search_cases.json') as {
    cases: { query?: { firstName?: string; lastName?: string } }[];
  };
  const recordNames = ['Helmer HERRERA BUITRAGO', 'Helmer PACHO', 'Helmer H7'];
  const pairs: Pair[] = [];
  for (const c of data.cases) {
    if (!c.query?.lastName) continue;
    const q = `${c.query.firstName ?? ''} ${c.query.lastName}`.trim();
    const match = c.query.lastName !== 'XX';
    // the package matches when any record name matches: keep the best-scoring record name
    const best = recordNames.reduce((a, b) =>
      scoreNameStrings(q, b).score > scoreNameStrings(q, a).score ? b : a,
    );
    pairs.push({ a: q, b: best, match });
  }
  return pairs;
}

type Group = { name: string; aliases: { name: string }[]; inline_aliases_from_remarks?: { name: string }[] };
export function dprkVariantPairs(): Pair[] {
  const data = readJson('dprk_name_variants_from_official_lists.json') as { un: Group[]; ofac: Group[] };
  const pairs: Pair[] = [];
  for (const groups of [data.un, data.ofac]) {
    groups.forEach((g, i) => {
      for (const alias of [...g.aliases, ...(g.inline_aliases_from_remarks ?? [])]) {
        if (alias.name && alias.name !== g.name) pairs.push({ a: g.name, b: alias.name, match: true });
      }
      // negatives: this designee against another designee of the same list (deterministic offset)
      const other = groups[(i + 37) % groups.length];
      if (other && other !== g) pairs.push({ a: g.name, b: other.name, match: false });
    });
  }
  return pairs;
}

export function rigourPutinPairs(): Pair[] {
  const variants = readFileSync(path.join(DIR, 'rigour_putin_name_variants.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  const samples = readFileSync(path.join(DIR, 'rigour_sample_names.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => parseCsvLine(l)[0] ?? '')
    .filter((l) => l.trim().length > 0 && !/putin/i.test(l));
  return [
    ...variants.map((v) => ({ a: v, b: 'Vladimir Putin', match: true })),
    ...samples.map((s) => ({ a: s, b: 'Vladimir Putin', match: false })),
  ];
}

export function evaluateSources(): SourceRow[] {
  return [
    evaluatePairs('nomenklatura name_bench', nomenklaturaNamePairs()),
    evaluatePairs('nomenklatura entity_bench (names)', nomenklaturaEntityPairs()),
    evaluatePairs('watchman labelled pairs + Khamis Al', watchmanPairs()),
    evaluatePairs('watchman cross-script (all true)', crossScriptPairs()),
    evaluatePairs('npm ofac name cases', npmOfacPairs()),
    evaluatePairs('DPRK official variants', dprkVariantPairs()),
    evaluatePairs('rigour Putin variants vs samples', rigourPutinPairs()),
  ];
}

export type CommonPerson = { name: string; culture: string; dateOfBirth: string; nationality: string };

/** ≥ 2,000 common names: given × surname per culture, a deterministic spread, with a seeded DOB. */
export function commonPeople(perCulture = 250): CommonPerson[] {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out: CommonPerson[] = [];
  for (const c of CULTURES) {
    const combos: string[] = [];
    for (const g of c.given)
      for (const s of c.surnames)
        combos.push(
          c.culture === 'Korean' || c.culture === 'Chinese' || c.culture === 'Vietnamese'
            ? `${s} ${g}`
            : `${g} ${s}`,
        );
    const step = Math.max(1, Math.floor(combos.length / perCulture));
    for (
      let i = 0;
      i < combos.length && out.filter((p) => p.culture === c.culture).length < perCulture;
      i += step
    ) {
      const year = 1955 + Math.floor(rand() * 50);
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      out.push({
        name: combos[i] ?? '',
        culture: c.culture,
        nationality: c.nationality,
        dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      });
    }
  }
  return out;
}

export type FalsePositiveRow = {
  list: string;
  screened: number;
  /** with name, DOB and nationality: people with any high/critical result */
  highOrCritical: number;
  highOrCriticalRate: number;
  /** with name, DOB and nationality: people whose best result is medium */
  medium: number;
  mediumRate: number;
  /** name only: people with any possible match (always medium at most) */
  nameOnlyMedium: number;
  nameOnlyMediumRate: number;
  examples: string[];
};

export function screenCommonNames(index: NameIndex, list: string, people = commonPeople()): FalsePositiveRow {
  let high = 0;
  let medium = 0;
  let nameOnly = 0;
  const examples: string[] = [];
  for (const p of people) {
    const full = screenName(index, p.name, { dateOfBirth: p.dateOfBirth, nationalities: [p.nationality] });
    const top = full[0]?.classification.severity;
    if (top === 'high' || top === 'critical') {
      high++;
      if (examples.length < 5) examples.push(`${p.name} → ${full[0]?.matchedName} (${top})`);
    } else if (top === 'medium') medium++;
    if (screenName(index, p.name).length > 0) nameOnly++;
  }
  const rate = (n: number) => Math.round((n / people.length) * 10000) / 10000;
  return {
    list,
    screened: people.length,
    highOrCritical: high,
    highOrCriticalRate: rate(high),
    medium,
    mediumRate: rate(medium),
    nameOnlyMedium: nameOnly,
    nameOnlyMediumRate: rate(nameOnly),
    examples,
  };
}

export function evaluateFalsePositives(): FalsePositiveRow[] {
  return [
    screenCommonNames(buildNameIndex(readUnEntries(true)), 'UN DPRK'),
    screenCommonNames(buildNameIndex(readUnEntries(false)), 'UN all programs'),
  ];
}
