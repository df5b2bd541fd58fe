// Name normalisation: script → Latin, Unicode NFKC, diacritics, case, punctuation, honorifics, and company
// legal forms kept apart as a flag. Token order is not fixed here: the scorer aligns tokens.
import { romanizeName } from '../../../core/names/transliterate.ts';

export type NormalizedName = {
  /** The input as given. */
  original: string;
  /** Lower-case ASCII-ish tokens, legal forms and honorifics removed, in input order. */
  tokens: string[];
  /** Legal forms found ("ltd", "llc", "jsc", …) in canonical spelling. */
  legalForms: string[];
  /** Honorifics and titles removed from the front ("mr", "dr", "gen", …). */
  honorifics: string[];
  /** True when a legal form was found: the name is a company's. */
  isOrganization: boolean;
};

// Titles dropped from the front of a name (after case folding, diacritics and dots removed).
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'gen',
  'col',
  'colonel',
  'maj',
  'capt',
  'lt',
  'sgt',
  'adm',
  'admiral',
  'hon',
  'rev',
  'sheikh',
  'shaykh',
  'sheik',
  'haji',
  'hajji',
  'mullah',
  'president',
  'presidente',
  'prasident',
  'presidentti',
  'herr',
  'frau',
  'senor',
  'sr',
  'sra',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'comrade',
  'marshal',
]);

// Company legal forms, canonical spelling → the token sequences that write it. Matched at the end of the
// name (repeatedly: "Co., Ltd."), and at the start for forms written first (OOO "Romashka", 주식회사 …).
const LEGAL_FORMS: Record<string, string[][]> = {
  'co ltd': [
    ['co', 'ltd'],
    ['company', 'limited'],
    ['co', 'limited'],
    ['company', 'ltd'],
  ],
  ltd: [['ltd'], ['limited']],
  llc: [['llc'], ['l', 'l', 'c']],
  llp: [['llp']],
  inc: [['inc'], ['incorporated']],
  corp: [['corp'], ['corporation']],
  co: [['co'], ['company']],
  plc: [['plc']],
  gmbh: [['gmbh'], ['gesellschaft', 'mit', 'beschrankter', 'haftung']],
  ag: [['ag'], ['aktiengesellschaft']],
  sa: [['sa'], ['s', 'a']],
  'sa de cv': [
    ['sa', 'de', 'cv'],
    ['s', 'a', 'de', 'c', 'v'],
  ],
  srl: [['srl']],
  spa: [['spa']],
  sarl: [['sarl']],
  bv: [['bv']],
  nv: [['nv']],
  jsc: [
    ['open', 'joint', 'stock', 'company'],
    ['public', 'joint', 'stock', 'company'],
    ['closed', 'joint', 'stock', 'company'],
    ['jsc'],
    ['ojsc'],
    ['pjsc'],
    ['cjsc'],
    ['joint', 'stock', 'company'],
    ['oao'],
    ['zao'],
    ['pao'],
    ['ao'],
  ],
  ooo: [['ooo'], ['tov'], ['limited', 'liability', 'company']],
  'pte ltd': [['pte', 'ltd'], ['pte']],
  pty: [['pty', 'ltd'], ['pty']],
  'sdn bhd': [['sdn', 'bhd'], ['bhd']],
  fze: [['fze'], ['fzco'], ['fzc'], ['fz', 'llc']],
};
// Forms that are also written before the name.
const PREFIX_LEGAL_FORMS = new Set(['jsc', 'ooo']);
// CJK legal forms are removed before romanisation (they have no spaces around them).
const CJK_LEGAL_FORMS: [RegExp, string][] = [
  [/股份有限公司|有限责任公司|有限責任公司|有限公司|公司$/u, 'co ltd'],
  [/株式会社|有限会社/u, 'co ltd'],
  [/주식회사|\(주\)|㈜|유한회사/u, 'co ltd'],
];

const FORM_SEQUENCES: { form: string; tokens: string[] }[] = Object.entries(LEGAL_FORMS)
  .flatMap(([form, seqs]) => seqs.map((tokens) => ({ form, tokens })))
  .sort((a, b) => b.tokens.length - a.tokens.length);

/** Lower-case, NFKC, diacritics removed, apostrophes dropped, other punctuation → space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/['’‘ʼʻ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function endsWith(tokens: string[], seq: string[]): boolean {
  if (seq.length >= tokens.length) return false;
  const start = tokens.length - seq.length;
  return seq.every((t, i) => tokens[start + i] === t);
}

function startsWith(tokens: string[], seq: string[]): boolean {
  if (seq.length >= tokens.length) return false;
  return seq.every((t, i) => tokens[i] === t);
}

function stripLegalForms(tokens: string[], forms: string[]): string[] {
  let rest = tokens;
  let changed = true;
  while (changed) {
    changed = false;
    for (const { form, tokens: seq } of FORM_SEQUENCES) {
      if (endsWith(rest, seq)) {
        rest = rest.slice(0, rest.length - seq.length);
        if (rest.at(-1) === 'and') rest = rest.slice(0, -1); // "X and Co"
        forms.push(form);
        changed = true;
        break;
      }
      if (PREFIX_LEGAL_FORMS.has(form) && startsWith(rest, seq)) {
        rest = rest.slice(seq.length);
        forms.push(form);
        changed = true;
        break;
      }
    }
  }
  return rest;
}

function stripHonorifics(tokens: string[], found: string[]): string[] {
  let i = 0;
  while (i < tokens.length - 1 && HONORIFICS.has(tokens[i] ?? '')) {
    found.push(tokens[i] ?? '');
    i++;
  }
  return tokens.slice(i);
}

/** Normalise one name written in any script; `romanization` picks the variant from romanizeName(). */
export function normalizeName(raw: string, romanization = 0): NormalizedName {
  const legalForms: string[] = [];
  let text = raw;
  for (const [re, form] of CJK_LEGAL_FORMS) {
    if (re.test(text)) {
      text = text.replace(re, ' ');
      legalForms.push(form);
    }
  }
  const forms = romanizeName(text.trim());
  const latin = forms[Math.min(romanization, forms.length - 1)] ?? text;
  const folded = foldText(latin);
  const honorifics: string[] = [];
  let tokens = folded.length > 0 ? folded.split(' ') : [];
  tokens = stripHonorifics(tokens, honorifics);
  tokens = stripLegalForms(tokens, legalForms);
  tokens = tokens.filter((t, i) => tokens.indexOf(t) === i); // "Sergey Sergey Shoigu": a repeated token adds nothing
  return { original: raw, tokens, legalForms, honorifics, isOrganization: legalForms.length > 0 };
}

/** Every romanisation of a name, normalised (one entry for Latin input). */
export function normalizeNameVariants(raw: string): NormalizedName[] {
  const count = romanizeName(raw).length;
  const out: NormalizedName[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const n = normalizeName(raw, i);
    const key = n.tokens.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}
