// links.duplicate-resume — this subject's resume is a near-duplicate of another subject's, under another
// name: persona farms reuse one resume, editing the name, contact details, dates, employers and a few
// phrases. Texts are compared after normalisation (the person's names, their employers and schools as
// listed in the bundle, emails, phones, links, dates and numbers become placeholders) on word 3-grams that
// are not only common vocabulary, so a shared skills list and the usual headings are not a match
// (src/core/links/resume-similarity.ts). An LSH index over the population, built once per population array
// (WeakMap memo), finds candidates; each is checked exactly (Jaccard ≥ DUPLICATE_MIN_JACCARD).
// Not counted: the same person again (names that are the same or variants of each other) and declared
// household members. The explanation quotes the longest passages both resumes share.
import type { CaseBundle } from '../../bundle/schema.ts';
import { pairKey } from '../../links/population.ts';
import {
  DUPLICATE_MIN_JACCARD,
  type NormalizeOptions,
  type ResumeFeatures,
  ResumeLshIndex,
  resumeFeatures,
  type SharedPassage,
  sharedPassages,
} from '../../links/resume-similarity.ts';
import type { Detector } from '../../types.ts';
import { compareNames } from '../consistency/names.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, normalizeText, quote } from '../util.ts';

const def = requireSignal('links.duplicate-resume');

/** Below this many informative shingles a resume is too short to call a copy. */
export const MIN_SHINGLES = 25;
/** Matches reported per subject (most similar first). */
const MAX_MATCHES = 5;

type ResumeIndex = {
  lsh: ResumeLshIndex<CaseBundle>;
  features: Map<CaseBundle, ResumeFeatures>;
  households: Set<string>;
};

const indexes = new WeakMap<readonly CaseBundle[], ResumeIndex>();

/** What normalisation removes for this subject: their names, employers and schools. */
export function normalizeOptions(bundle: CaseBundle): NormalizeOptions {
  const s = bundle.subject;
  const names = [s.name, ...(s.aliases ?? []), bundle.resume?.contact?.name];
  const orgs = [
    ...(bundle.employment ?? []).map((e) => e.employer),
    ...(bundle.education ?? []).map((e) => e.institution),
  ];
  return {
    names: names.filter((n): n is string => typeof n === 'string'),
    organizations: orgs.filter((n): n is string => typeof n === 'string'),
  };
}

function featuresOf(bundle: CaseBundle): ResumeFeatures | undefined {
  const text = bundle.resume?.text;
  if (!text || text.trim() === '') return undefined;
  return resumeFeatures(text, normalizeOptions(bundle));
}

function indexFor(population: readonly CaseBundle[]): ResumeIndex {
  let index = indexes.get(population);
  if (index) return index;
  const features = new Map<CaseBundle, ResumeFeatures>();
  const households = new Set<string>();
  for (const bundle of population) {
    for (const m of bundle.subject.household ?? []) {
      if (m.subjectId) households.add(pairKey(bundle.subject.id, m.subjectId));
    }
    const f = featuresOf(bundle);
    if (!f || f.shingles.length < MIN_SHINGLES) continue;
    features.set(bundle, f);
  }
  const lsh = new ResumeLshIndex(Array.from(features, ([value, f]) => ({ value, features: f })));
  index = { lsh, features, households };
  indexes.set(population, index);
  return index;
}

/** Whether two subjects go by one name (the same person re-applying is not this signal). */
export function sameName(a: CaseBundle, b: CaseBundle): boolean {
  const x = a.subject.name;
  const y = b.subject.name;
  if (!x || !y) return false;
  if (normalizeText(x) === normalizeText(y)) return true;
  const verdict = compareNames(x, y, [...(a.subject.aliases ?? []), ...(b.subject.aliases ?? [])]).verdict;
  return verdict === 'same' || verdict === 'variant';
}

const subjectName = (b: CaseBundle) => `${b.subject.name ?? 'unnamed'} (${b.subject.id})`;
const percent = (x: number) => Math.round(x * 100);

type Match = { other: CaseBundle; jaccard: number; containment: number; passages: SharedPassage[] };

export const duplicateResume: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const index = indexFor(ctx.population);
    const mine = index.features.get(bundle) ?? featuresOf(bundle);
    if (!mine) return notEvaluated('no resume text');
    if (mine.shingles.length < MIN_SHINGLES) {
      return notEvaluated('the resume is too short to compare with others');
    }
    const selfId = bundle.subject.id;
    const matches: Match[] = [];
    const household: string[] = [];
    for (const hit of index.lsh.query(mine, DUPLICATE_MIN_JACCARD)) {
      const other = hit.value;
      if (other === bundle || other.subject.id === selfId || sameName(bundle, other)) continue;
      if (index.households.has(pairKey(selfId, other.subject.id))) {
        household.push(subjectName(other));
        continue;
      }
      const otherFeatures = index.features.get(other)!;
      matches.push({
        other,
        jaccard: hit.similarity.jaccard,
        containment: hit.similarity.containment,
        passages: sharedPassages(
          { text: bundle.resume!.text!, tokens: mine.tokens },
          { text: other.resume!.text!, tokens: otherFeatures.tokens },
        ),
      });
    }
    if (matches.length === 0) return nothing();
    const shown = matches.slice(0, MAX_MATCHES);
    const first = shown[0]!;
    const signal = fire(
      def,
      'high',
      ['resume.text'],
      {
        count: matches.length,
        threshold: DUPLICATE_MIN_JACCARD,
        matches: shown.map((m) => ({
          subject: m.other.subject.id,
          name: m.other.subject.name ?? null,
          similarity: Math.round(m.jaccard * 100) / 100,
          containment: Math.round(m.containment * 100) / 100,
          passages: m.passages.map((p) => ({ words: p.words, text: p.a, otherText: p.b })),
        })),
        householdSubjects: household,
      },
      { similarity: percent(first.jaccard), other: subjectName(first.other) },
    );
    const sentences: string[] = [];
    if (first.passages.length > 0) {
      sentences.push(
        `Passages both resumes share word for word: ${first.passages.map((p) => quote(p.a, 160)).join('; ')}.`,
      );
    }
    if (shown.length > 1) {
      sentences.push(
        `Also similar: ${listText(shown.slice(1).map((m) => `${subjectName(m.other)} (${percent(m.jaccard)}%)`))}${matches.length > shown.length ? ` and ${matches.length - shown.length} more` : ''}.`,
      );
    }
    if (household.length > 0) {
      sentences.push(
        `Similar resumes of declared household members (${listText(household)}) are not counted.`,
      );
    }
    sentences.push(
      'Names, contact details, dates, numbers and employers are left out of the comparison, and a shared skills list alone never matches.',
    );
    return found({ ...signal, explanation: `${signal.explanation} ${sentences.join(' ')}` });
  },
};
