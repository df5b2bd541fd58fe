// consistency.identity — the name or date of birth differs between sources: the subject record, the printed
// fields of documents, the application answers (`name`, `fullName`, `legalName`, `dateOfBirth`, `dob`) and the
// name at the top of the resume (`resume.contact.name`).
// Names are compared with names.ts: order, case, accents, hyphens, transliteration (Hangul, Chinese, ICAO),
// middle names, initials and declared aliases (married or former name) are legitimate and never fire; they are
// listed in the data as explained variants. A name in a script this version does not romanise is not counted.
// Citizenship is not compared here (nationality is never a signal on its own).
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { resumeName } from '../contact/candidate-contact.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject } from '../util.ts';
import { compareNames } from './names.ts';

const def = requireSignal('consistency.identity');

type Value = { source: string; path: string; value: string };

const NAME_ANSWERS = ['name', 'fullName', 'full_name', 'legalName', 'legal_name'];
const DOB_ANSWERS = ['dateOfBirth', 'date_of_birth', 'dob', 'birthDate'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function answer(bundle: CaseBundle, keys: readonly string[]): { key: string; value: string } | undefined {
  const answers = bundle.application?.answers;
  if (!isObject(answers)) return undefined;
  for (const key of keys) {
    const v = answers[key];
    if (typeof v === 'string' && v.trim() !== '') return { key, value: v.trim() };
  }
  return undefined;
}

/** Every name and date of birth the bundle states, with where it comes from. */
export function identityValues(bundle: CaseBundle): { names: Value[]; dobs: Value[] } {
  const names: Value[] = [];
  const dobs: Value[] = [];
  const s = bundle.subject;
  if (s.name?.trim())
    names.push({ source: 'the subject record', path: 'subject.name', value: s.name.trim() });
  if (s.dateOfBirth)
    dobs.push({ source: 'the subject record', path: 'subject.dateOfBirth', value: s.dateOfBirth });
  const an = answer(bundle, NAME_ANSWERS);
  if (an) names.push({ source: 'the application', path: `application.answers.${an.key}`, value: an.value });
  const ad = answer(bundle, DOB_ANSWERS);
  if (ad && ISO_DAY.test(ad.value))
    dobs.push({ source: 'the application', path: `application.answers.${ad.key}`, value: ad.value });
  const onResume = resumeName(bundle);
  if (onResume) names.push({ source: 'the resume', path: 'resume.contact.name', value: onResume });
  (bundle.documents ?? []).forEach((d, i) => {
    const kind = (d.kind ?? 'document').replace(/_/g, ' ');
    const name = d.fields?.name?.trim();
    if (name) names.push({ source: `the ${kind}`, path: `documents[${i}].fields.name`, value: name });
    if (d.fields?.dateOfBirth)
      dobs.push({
        source: `the ${kind}`,
        path: `documents[${i}].fields.dateOfBirth`,
        value: d.fields.dateOfBirth,
      });
  });
  return { names, dobs };
}

export const identity: Detector = {
  signal: def.id,
  detect(bundle) {
    const { names, dobs } = identityValues(bundle);
    if (names.length < 2 && dobs.length < 2)
      return notEvaluated('fewer than two sources state the name or date of birth');
    const aliases = bundle.subject.aliases ?? [];
    const differences: { field: string; a: Value; b: Value; reason: string }[] = [];
    const variants: { a: Value; b: Value; reason: string }[] = [];
    const uncompared: { a: Value; b: Value; reason: string }[] = [];
    // Each name against the first one (the subject record when it has a name).
    const [first, ...rest] = names;
    if (first) {
      for (const other of rest) {
        const c = compareNames(first.value, other.value, aliases);
        if (c.verdict === 'different')
          differences.push({ field: 'name', a: first, b: other, reason: c.reason });
        else if (c.verdict === 'variant') variants.push({ a: first, b: other, reason: c.reason });
        else if (c.verdict === 'uncomparable') uncompared.push({ a: first, b: other, reason: c.reason });
      }
    }
    const [firstDob, ...restDob] = dobs;
    if (firstDob) {
      for (const other of restDob) {
        if (other.value !== firstDob.value)
          differences.push({
            field: 'date of birth',
            a: firstDob,
            b: other,
            reason: `${firstDob.value} vs ${other.value}`,
          });
      }
    }
    if (differences.length === 0) return nothing();
    const detail = differences
      .map((d) => `${d.field} is ${d.a.value} in ${d.a.source} but ${d.b.value} in ${d.b.source}`)
      .join('; ');
    const evidence = [...new Set(differences.flatMap((d) => [d.a.path, d.b.path]))];
    return found(
      fire(
        def,
        def.defaultSeverity,
        evidence,
        {
          count: differences.length,
          differences: differences.map((d) => ({
            field: d.field,
            values: [
              { source: d.a.source, path: d.a.path, value: d.a.value },
              { source: d.b.source, path: d.b.path, value: d.b.value },
            ],
            reason: d.reason,
          })),
          explainedVariants: variants.map((v) => ({ values: [v.a.value, v.b.value], reason: v.reason })),
          notCompared: uncompared.map((v) => ({ values: [v.a.value, v.b.value], reason: v.reason })),
        },
        { detail },
      ),
    );
  },
};
