// Korean romanisation variant groups: one group per Hangul syllable (or surname), listing how the same
// sound is written under McCune–Reischauer (MR, the DPRK's usage: apostrophes and breves dropped,
// e.g. ch'ŏl → chol), Revised Romanization (RR, South Korea since 2000), and the customary spellings
// that passports and official lists carry (Lee, Park, Choi, Rhee, Young, …).
// Source rule: MR/RR tables (Korean Ministry of Culture 2000 notice; McCune & Reischauer 1939) applied to
// each syllable, plus the common surname spellings in the National Institute of Korean Language's
// 2009 surname-romanisation survey, checked against the spellings in the UN and OFAC DPRK entries
// (../shared/datasets/name-matching/dprk_name_variants_from_official_lists.json).
// A token may belong to several groups (e.g. "chon" is both 전 and 천).
import { MR_VOWEL, RR_INITIAL, RR_VOWEL } from './hangul-tables.ts';

/** Customary spellings of the same Korean family name (the surname rows of KOREAN_VARIANT_GROUPS). */
export const KOREAN_SURNAME_GROUPS: readonly (readonly string[])[] = [
  ['kim', 'gim', 'ghim'],
  ['pak', 'park', 'bak', 'bahk', 'pack'],
  ['ri', 'lee', 'yi', 'rhee', 'i', 'li', 'rie', 'yee', 'rhi'],
  ['choe', 'choi', 'choy', 'chwe', 'choe', 'chey'],
  ['jong', 'jeong', 'chong', 'chung', 'joung', 'jung', 'cheong', 'jeung'],
  ['kang', 'gang'],
  ['kwon', 'gwon', 'kwun'],
  ['han', 'hahn'],
  ['jo', 'cho', 'joe'],
  ['jon', 'jeon', 'chon', 'chun', 'jun', 'cheon'],
  ['jang', 'chang'],
  ['yun', 'yoon', 'youn'],
  ['o', 'oh'],
  ['u', 'woo', 'wu'],
  ['ryu', 'yu', 'yoo', 'ryoo', 'you'],
  ['ro', 'no', 'roh', 'noh'],
  ['rim', 'im', 'lim', 'yim'],
  ['ryang', 'yang'],
  ['mun', 'moon', 'moun'],
  ['son', 'sohn'],
  ['sin', 'shin'],
  ['so', 'seo', 'suh', 'sou'],
  ['paek', 'baek', 'baik', 'paik', 'back'],
  ['hwang', 'whang'],
  ['kye', 'gye'],
  ['hyon', 'hyun', 'hyeon'],
  ['ko', 'go', 'koh'],
  ['ku', 'gu', 'koo', 'goo'],
  ['sung', 'song', 'seong'],
  ['nam'],
  ['chae', 'chai'],
  ['yom', 'yeom', 'yum'],
  ['ok', 'ock'],
  ['tak', 'tahk'],
  ['pyon', 'byun', 'byeon', 'pyun'],
  ['myong', 'myung', 'myeong'],
];

export const KOREAN_VARIANT_GROUPS: readonly (readonly string[])[] = [
  // surnames
  ...KOREAN_SURNAME_GROUPS,
  // frequent given-name syllables
  ['un', 'eun', 'eun'],
  ['chol', 'cheol', 'chul', 'cheul'],
  ['yong', 'young', 'ryong', 'ryeong', 'yeong'],
  ['sok', 'seok', 'suk', 'sork'],
  ['hyok', 'hyeok', 'hyuk'],
  ['il'],
  ['ho'],
  ['kyong', 'gyong', 'kyung', 'gyeong', 'kyeong'],
  ['kwang', 'gwang'],
  ['kuk', 'guk', 'gook', 'kook'],
  ['tong', 'dong'],
  ['tae', 'dae'],
  ['hak'],
  ['chin', 'jin'],
  ['sun', 'soon'],
  ['hui', 'hee', 'hi', 'heui'],
  ['pong', 'bong'],
  ['kil', 'gil'],
  ['ki', 'gi', 'kee'],
  ['tu', 'du', 'doo'],
  ['to', 'do', 'doh'],
  ['kyu', 'gyu', 'kyoo'],
  ['pu', 'bu', 'boo'],
  ['su', 'soo'],
  ['min'],
  ['su', 'soo', 'sue'],
  ['chun', 'choon', 'jun'],
  ['hyong', 'hyeong', 'hyung'],
  ['nyo', 'nyeo', 'yeo', 'yo'],
  ['ok', 'ock'],
  ['song', 'seong', 'sung'],
  ['chan', 'chahn'],
  ['chu', 'ju', 'joo', 'choo'],
  ['tok', 'deok', 'duk', 'dok'],
  ['pom', 'beom', 'bum'],
  ['pyong', 'pyeong', 'pyung'],
  ['ryol', 'ryeol', 'yeol', 'yol'],
  ['ryon', 'ryeon', 'yeon', 'yon'],
  ['chi', 'ji'],
  ['chang', 'jang'],
  ['chae', 'jae'],
  ['ching', 'jing'],
  ['kum', 'geum', 'gum', 'keum'],
  ['kun', 'geun', 'gun', 'keun'],
  ['kon', 'geon', 'gun', 'kun'],
  ['kil', 'gil'],
  ['wol', 'weol', 'wel'],
  ['won', 'weon'],
  ['kap', 'gap'],
  ['chang', 'chahng'],
];

// Generated groups: for every Hangul syllable, its RR spelling and the MR spellings (ŏ → o, ŭ → u, with
// ch or j for ㅈ), e.g. 제 → je / che, 선 → seon / son, 은 → eun / un. Voicing (MR k/t/p/ch vs RR g/d/b/j)
// is generated only for syllables with a Korean-looking vowel (y- or w- glides, eo, eu, ae, oe, ui:
// kyu / gyu, pyong / byong); for plain vowels it is left to the hand-written table, because generating it
// links unrelated Western names (Dan/Tan, Bin/Pin).

const FINALS = ['', 'k', 'n', 'l', 'm', 'p', 'ng', 't'];
const VOICELESS: Record<string, string> = { g: 'k', d: 't', b: 'p' };
const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function generatedGroups(): string[][] {
  const groups: string[][] = [];
  for (const initial of RR_INITIAL) {
    RR_VOWEL.forEach((vowel, v) => {
      for (const final of FINALS) {
        const rr = `${initial}${vowel}${final}`;
        const voiceless = VOICELESS[initial];
        const koreanVowel = !PLAIN_VOWELS.has(vowel);
        const mrInitials =
          initial === 'j' ? ['j', 'ch'] : voiceless && koreanVowel ? [initial, voiceless] : [initial];
        const forms = new Set([rr, ...mrInitials.map((i) => `${i}${MR_VOWEL[v] ?? vowel}${final}`)]);
        if (forms.size > 1) groups.push([...forms]);
      }
    });
  }
  return groups;
}

function indexGroups(groups: readonly (readonly string[])[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  groups.forEach((group, index) => {
    for (const token of group) {
      const list = map.get(token) ?? [];
      if (!list.includes(index)) list.push(index);
      map.set(token, list);
    }
  });
  return map;
}

const groupsByToken = indexGroups([...KOREAN_VARIANT_GROUPS, ...generatedGroups()]);
const surnameGroupsByToken = indexGroups(KOREAN_SURNAME_GROUPS);

function shareGroup(map: Map<string, number[]>, a: string, b: string): boolean {
  if (a === b) return true;
  const ga = map.get(a);
  if (ga === undefined) return false;
  const gb = map.get(b);
  if (gb === undefined) return false;
  return ga.some((g) => gb.includes(g));
}

/** The variant groups a romanised token belongs to (empty when it is in none). */
export function koreanVariantGroups(token: string): readonly number[] {
  return groupsByToken.get(token) ?? [];
}

/** True when two romanised tokens spell the same Korean syllable under MR, RR or customary usage. */
export function areKoreanVariants(a: string, b: string): boolean {
  return shareGroup(groupsByToken, a, b);
}

/** True when two romanised tokens are customary spellings of the same Korean family name (Lee = Yi = Rhee). */
export function areKoreanSurnameVariants(a: string, b: string): boolean {
  return shareGroup(surnameGroupsByToken, a, b);
}
