// Romanisation of non-Latin input: Hangul (by hand, arithmetic syllable decomposition), Cyrillic (tables for
// two common systems), Greek (a table) and Chinese (pinyin-pro, which ships its dictionary offline).
// Not covered yet: Arabic, Hebrew, Japanese kana, Thai, Georgian, Armenian (they pass through unchanged).
import { pinyin } from 'pinyin-pro';
import { MR_VOWEL, RR_INITIAL, RR_VOWEL } from './hangul-tables.ts';

// Hangul syllables U+AC00..U+D7A3 = 0xAC00 + (initial * 21 + vowel) * 28 + final.
const HANGUL_BASE = 0xac00;
const HANGUL_LAST = 0xd7a3;

// Revised Romanization (2000), syllable by syllable (the rule for personal names: no sound changes).

// Final consonants, the same under RR and McCune–Reischauer (as written here, without MR's sound changes).
const FINAL = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];
// McCune–Reischauer with breves and apostrophes dropped, as lists and passports write it (ch'ŏl → chol).
// Word-initial plain stops are voiceless (k, t, p, ch); ㄹ at the start of a syllable is r (DPRK usage).
const MR_INITIAL = [
  'k',
  'kk',
  'n',
  't',
  'tt',
  'r',
  'm',
  'p',
  'pp',
  's',
  'ss',
  '',
  'ch',
  'tch',
  'ch',
  'k',
  't',
  'p',
  'h',
];
// Two-syllable Korean surnames, so "남궁민" splits as "namgung min".
const COMPOUND_SURNAMES = new Set(['남궁', '선우', '제갈', '황보', '독고', '사공', '서문', '동방']);

export type HangulSystem = 'rr' | 'mr';

function romanizeSyllable(code: number, system: HangulSystem): string {
  const offset = code - HANGUL_BASE;
  const initial = Math.floor(offset / (21 * 28));
  const vowel = Math.floor((offset % (21 * 28)) / 28);
  const final = offset % 28;
  const [i, v, f] = system === 'rr' ? [RR_INITIAL, RR_VOWEL, FINAL] : [MR_INITIAL, MR_VOWEL, FINAL];
  return `${i[initial] ?? ''}${v[vowel] ?? ''}${f[final] ?? ''}`;
}

function isHangulSyllable(code: number): boolean {
  return code >= HANGUL_BASE && code <= HANGUL_LAST;
}

/**
 * Romanise one Hangul word. A lone word of 2–4 syllables is read as a Korean personal name and comes back
 * as space-separated syllables (surname first), which the scorer re-joins as needed ("kim jong un" =
 * "kim jongun"); in a multi-word phrase each word stays joined (a transcribed foreign name).
 */
export function romanizeHangulWord(word: string, system: HangulSystem, asPersonalName: boolean): string {
  const syllables: string[] = [];
  let out = '';
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (isHangulSyllable(code)) {
      const s = romanizeSyllable(code, system);
      syllables.push(s);
      out += s;
    } else {
      out += ch;
    }
  }
  if (asPersonalName && syllables.length >= 2 && syllables.length <= 4 && syllables.join('') === out) {
    if (surnameSyllables([...word]) === 2) {
      return [`${syllables[0]}${syllables[1]}`, ...syllables.slice(2)].join(' ');
    }
    return syllables.join(' ');
  }
  return out;
}

/** How many syllables the family name takes in a Korean name of Hangul syllables (2 for 남궁민, else 1). */
function surnameSyllables(hangul: readonly string[]): 1 | 2 {
  return hangul.length >= 3 && COMPOUND_SURNAMES.has(hangul.slice(0, 2).join('')) ? 2 : 1;
}

/**
 * A Korean personal name word in Hangul as [family name, given name], each run together (김민준 → gim, minjun;
 * 남궁민수 → namgung, minsu); characters other than Hangul syllables are dropped, a lone syllable is [syllable].
 */
export function romanizeKoreanName(word: string, system: HangulSystem): string[] {
  const hangul = [...word].filter((ch) => isHangulSyllable(ch.codePointAt(0) ?? 0));
  const syllables = hangul.map((ch) => romanizeSyllable(ch.codePointAt(0) ?? 0, system));
  if (syllables.length < 2) return syllables;
  const cut = surnameSyllables(hangul);
  return [syllables.slice(0, cut).join(''), syllables.slice(cut).join('')];
}

// Cyrillic: BGN/PCGN-like primary table, and a second common system (German/French-influenced and
// ICAO-passport spellings: х → h, й → i, ю → iu, я → ia). Russian, Ukrainian, Belarusian letters.
const CYRILLIC_PRIMARY: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};
const CYRILLIC_ALTERNATIVE: Record<string, string> = {
  ...CYRILLIC_PRIMARY,
  х: 'h',
  й: 'i',
  ю: 'iu',
  я: 'ia',
  ё: 'yo',
  щ: 'sch',
  ж: 'j',
};

function romanizeCyrillicWord(word: string, table: Record<string, string>, finalIy: string): string {
  const lower = word.toLowerCase().replace(/ий$/u, `\u0000`).replace(/ый$/u, `\u0000`);
  let out = '';
  for (const ch of lower) {
    if (ch === '\u0000') out += finalIy;
    else out += table[ch] ?? ch;
  }
  return out;
}

// Greek (ELOT 743-like, simplified): Αλέξανδρος → alexandros.
const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

function romanizeGreekWord(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()) out += GREEK[ch] ?? ch;
  return out;
}

const GREEK_RE = /\p{Script=Greek}/u;
const HANGUL_RE = /\p{Script=Hangul}/u;
const CYRILLIC_RE = /\p{Script=Cyrillic}/u;
const HAN_RE = /\p{Script=Han}/u;

export type ScriptName = 'latin' | 'hangul' | 'cyrillic' | 'han' | 'greek';

/** The non-Latin scripts present in a string (latin when none). */
export function detectScripts(text: string): ScriptName[] {
  const scripts: ScriptName[] = [];
  if (HANGUL_RE.test(text)) scripts.push('hangul');
  if (CYRILLIC_RE.test(text)) scripts.push('cyrillic');
  if (HAN_RE.test(text)) scripts.push('han');
  if (GREEK_RE.test(text)) scripts.push('greek');
  return scripts.length > 0 ? scripts : ['latin'];
}

/** Toneless pinyin syllables of a Chinese name (surname readings for the first character, ü as v). */
function hanSyllables(word: string): string[] {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', surname: 'head', v: true });
  return syllables.map((s) => s.replace(/[^a-z]/g, ''));
}

/** A Chinese name word as [family name, given name] in toneless pinyin (王小明 → wang, xiaoming). */
export function romanizeChineseName(word: string): string[] {
  const syllables = hanSyllables(word);
  if (syllables.length < 2) return syllables;
  return [syllables[0] ?? '', syllables.slice(1).join('')];
}

function romanizeHan(word: string): string {
  const clean = hanSyllables(word);
  if (clean.length >= 2 && clean.length <= 4) {
    // Chinese personal names: surname, then the given name written as one word (Xi Jinping).
    return `${clean[0]} ${clean.slice(1).join('')}`;
  }
  return clean.join('');
}

/**
 * Romanisations of a name: the first is the primary form (RR for Hangul, BGN/PCGN for Cyrillic, pinyin for
 * Han); the rest are variants under other systems (McCune–Reischauer; a second Cyrillic system).
 * Latin input comes back unchanged as the only form.
 */
export function romanizeName(text: string): string[] {
  const scripts = detectScripts(text);
  if (scripts.length === 1 && scripts[0] === 'latin') return [text];
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  const personal = words.length === 1;
  const forms: string[] = [];
  const variants: ((w: string) => string)[] = [
    (w) => romanizeWord(w, 'rr', CYRILLIC_PRIMARY, 'iy', personal),
    (w) => romanizeWord(w, 'mr', CYRILLIC_ALTERNATIVE, 'y', personal),
  ];
  for (const variant of variants) {
    const form = words.map(variant).join(' ');
    if (!forms.includes(form)) forms.push(form);
  }
  return forms;
}

function romanizeWord(
  word: string,
  system: HangulSystem,
  cyrillic: Record<string, string>,
  finalIy: string,
  personal: boolean,
): string {
  if (HANGUL_RE.test(word)) return romanizeHangulWord(word, system, personal);
  if (CYRILLIC_RE.test(word)) return romanizeCyrillicWord(word, cyrillic, finalIy);
  if (HAN_RE.test(word)) return romanizeHan(word);
  if (GREEK_RE.test(word)) return romanizeGreekWord(word);
  return word;
}
