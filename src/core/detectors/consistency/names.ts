// Comparing two ways of writing a person's name, for the consistency detectors. Pure, no I/O.
// A name is read as words after upper/lower-casing, folding accents and hyphens ("Kim Min-jun" = "Minjun Kim"),
// in any order (family name first or last). What a legitimate difference looks like is classified and explained
// rather than counted against anyone: ICAO transliterations (Müller = Mueller), romanisations of the same Korean
// surname (Lee = Yi = Rhee), an added or left-out middle name, initials, a declared alias (married name), and a
// name in Hangul or Chinese characters romanised (Hangul in Revised Romanization, Chinese in pinyin; romanisation
// and Korean surname spellings come from src/core/names, shared with sanctions screening). A name in another
// script, or a non-Latin name whose romanisation does not match, is "uncomparable": a person compares it,
// nothing is concluded from it.
import { areKoreanSurnameVariants } from '../../names/korean-variants.ts';
import { romanizeChineseName, romanizeKoreanName } from '../../names/transliterate.ts';

export type NameVerdict = 'same' | 'variant' | 'different' | 'uncomparable';
export type NameComparison = { verdict: NameVerdict; reason: string };

// ICAO 9303 transliterations that differ from dropping the accent.
const ICAO: [RegExp, string][] = [
  [/ä/g, 'ae'],
  [/ö/g, 'oe'],
  [/ü/g, 'ue'],
  [/å/g, 'aa'],
  [/æ/g, 'ae'],
  [/ø/g, 'oe'],
  [/œ/g, 'oe'],
  [/þ/g, 'th'],
];

const HANGUL = /\p{Script=Hangul}/u;
const HAN = /\p{Script=Han}/u;

type Reading = { words: string[]; how?: string; script?: 'Hangul' | 'Chinese' };

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const splitWords = (s: string) => s.split(/[^a-z]+/).filter((w) => w !== '');

/** The ways a name may be read, each a list of lower-case a-z words; `undefined` when the script is not handled. */
export function readings(name: string): Reading[] | undefined {
  const lower = name.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
  const letters = [...lower].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return undefined;
  if (letters.some((c) => HANGUL.test(c)) || letters.some((c) => HAN.test(c))) {
    if (!letters.every((c) => HANGUL.test(c) || HAN.test(c))) return undefined;
    const hangul = letters.some((c) => HANGUL.test(c));
    const words = lower
      .split(/[\s·・]+/)
      .filter((w) => w !== '')
      .flatMap((w) => (hangul ? romanizeKoreanName(w, 'rr') : romanizeChineseName(w)));
    return [{ words, script: hangul ? 'Hangul' : 'Chinese' }];
  }
  if (!letters.every((c) => /\p{Script=Latin}/u.test(c))) return undefined;
  const out: Reading[] = [];
  const plain = fold(lower).replace(/ł/g, 'l').replace(/ø/g, 'o').replace(/đ/g, 'd');
  let icao = lower;
  for (const [re, to] of ICAO) icao = icao.replace(re, to);
  icao = fold(icao).replace(/ł/g, 'l').replace(/đ/g, 'd');
  for (const [base, how] of [
    [plain, undefined],
    [icao, 'accented letters written out (ü as ue)'],
  ] as const) {
    out.push({ words: splitWords(base.replace(/['’]/g, '')), ...(how && base !== plain ? { how } : {}) });
    out.push({ words: splitWords(base.replace(/['’-]/g, '')), ...(how && base !== plain ? { how } : {}) });
  }
  return out;
}

/** A loose sound key for comparing a romanisation with another spelling (oo/u, eo/o, k/g, l/r, ...). */
function soundKey(w: string): string {
  return w
    .replace(/eo|eu|oo|ou|u/g, 'o')
    .replace(/ee/g, 'i')
    .replace(/ch/g, 'j')
    .replace(/sh/g, 's')
    .replace(/k/g, 'g')
    .replace(/t/g, 'd')
    .replace(/p/g, 'b')
    .replace(/l/g, 'r')
    .replace(/(.)\1+/g, '$1');
}

type Match = 'exact' | 'surname' | 'sound' | 'initial';

function wordMatch(a: string, b: string, loose: boolean): Match | undefined {
  if (a === b) return 'exact';
  if (areKoreanSurnameVariants(a, b)) return 'surname';
  if (loose && soundKey(a) === soundKey(b)) return 'sound';
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 'initial';
  return undefined;
}

type Alignment = { matches: Match[]; extraA: string[]; extraB: string[] };

/** Pairs words of `a` with words of `b` in any order; a word may also equal two adjacent words run together. */
function align(a: string[], b: string[], loose: boolean): Alignment {
  const usedB = b.map(() => false);
  const matches: Match[] = [];
  const extraA: string[] = [];
  // Exact and surname matches first, initials last, so "J" does not take "John" from "John".
  const order: Match[] = ['exact', 'surname', 'sound', 'initial'];
  const pending = a.map((w, i) => ({ w, i, done: false }));
  for (const want of order) {
    for (const p of pending) {
      if (p.done) continue;
      const at = b.findIndex((x, j) => !usedB[j] && wordMatch(p.w, x, loose) === want);
      if (at >= 0) {
        usedB[at] = true;
        p.done = true;
        matches.push(want);
        continue;
      }
      if (want !== 'exact' && want !== 'sound') continue;
      const pair = b.findIndex(
        (x, j) =>
          j + 1 < b.length && !usedB[j] && !usedB[j + 1] && wordMatch(p.w, x + b[j + 1], loose) === want,
      );
      if (pair >= 0) {
        usedB[pair] = true;
        usedB[pair + 1] = true;
        p.done = true;
        matches.push(want);
      }
    }
  }
  for (const p of pending) if (!p.done) extraA.push(p.w);
  // Two words of `a` run together may be one word of `b` (Min Jun = Minjun).
  const extraB = b.filter((_, j) => !usedB[j]);
  for (let j = 0; j < extraB.length; j++) {
    const w = extraB[j] ?? '';
    for (let i = 0; i + 1 < extraA.length; i++) {
      const m = wordMatch(`${extraA[i]}${extraA[i + 1]}`, w, loose);
      if (m !== undefined && m !== 'initial') {
        extraA.splice(i, 2);
        extraB.splice(j, 1);
        matches.push(m);
        j--;
        break;
      }
    }
  }
  return { matches, extraA, extraB };
}

const RANK: Record<NameVerdict, number> = { same: 3, variant: 2, uncomparable: 1, different: 0 };

function judge(a: Reading, b: Reading, nameA: string, nameB: string): NameComparison {
  const crossScript = (a.script ?? 'Latin') !== (b.script ?? 'Latin');
  const al = align(a.words, b.words, crossScript);
  const reasons: string[] = [];
  if (a.script || b.script) {
    const s = a.script ?? b.script;
    reasons.push(
      s === 'Hangul'
        ? 'the Hangul name romanised (Revised Romanization) matches'
        : 'the Chinese name in pinyin matches',
    );
  }
  if (a.how) reasons.push(a.how);
  else if (b.how) reasons.push(b.how);
  if (al.matches.includes('surname'))
    reasons.push('the family name is another romanisation of the same Korean name');
  if (al.matches.includes('sound')) reasons.push('the spelling differs as romanisations do');
  if (al.matches.includes('initial')) reasons.push('a name is written as an initial');
  const matched = al.matches.length;
  if (al.extraA.length > 0 && al.extraB.length > 0) {
    if (crossScript)
      return {
        verdict: 'uncomparable',
        reason: `"${nameA}" and "${nameB}" are in different scripts and the romanisation does not match; a person should compare them`,
      };
    return {
      verdict: 'different',
      reason: `"${nameA}" and "${nameB}" differ (${[...al.extraA, ...al.extraB].join(', ')} not in the other)`,
    };
  }
  if (al.extraA.length > 0 || al.extraB.length > 0) {
    if (matched === 0) return { verdict: 'different', reason: `"${nameA}" and "${nameB}" share no name` };
    const longer = al.extraA.length > 0 ? nameA : nameB;
    const extra = [...al.extraA, ...al.extraB].join(' ');
    reasons.push(`"${longer}" adds ${extra} (a middle or further name)`);
  }
  if (reasons.length === 0)
    return { verdict: 'same', reason: 'the same name (case, accents, hyphens and word order aside)' };
  return { verdict: 'variant', reason: reasons.join('; ') };
}

/**
 * Compares two names. `aliases` are names the person declared (maiden or married name, former name): a name
 * matching one of them is a variant, explained as such.
 */
export function compareNames(a: string, b: string, aliases: readonly string[] = []): NameComparison {
  const ra = readings(a);
  const rb = readings(b);
  if (!ra || !rb) {
    const which = !ra ? a : b;
    return {
      verdict: 'uncomparable',
      reason: `"${which}" is in a script this version does not romanise; a person should compare the names`,
    };
  }
  let best: NameComparison | undefined;
  for (const x of ra) {
    for (const y of rb) {
      const r = judge(x, y, a, b);
      if (!best || RANK[r.verdict] > RANK[best.verdict]) best = r;
    }
  }
  const result = best ?? { verdict: 'different', reason: `"${a}" and "${b}" differ` };
  if (result.verdict !== 'different' && result.verdict !== 'uncomparable') return result;
  for (const alias of aliases) {
    for (const [name, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (alias === name) continue;
      const viaAlias = compareNames(alias, other);
      if (viaAlias.verdict === 'same' || viaAlias.verdict === 'variant') {
        return {
          verdict: 'variant',
          reason: `"${other}" matches the declared alias "${alias}" (e.g. a maiden or married name)`,
        };
      }
    }
  }
  return result;
}
