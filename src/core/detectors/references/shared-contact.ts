// references.shared-contact — a reference's email, phone or address is also the candidate's own (the subject
// record's, or one on the resume: resume.contact.emails / phones), another
// reference's of the same candidate, or belongs to another subject of the population (their own contact
// details or one of their references'). Values are compared normalised (contact-keys.ts), so
// "+1 (416) 555-0134" and "416 555 0134" read in Canada are one number.
// Expected and not counted: a personal reference (a relative, a declared household member) living at the
// candidate's address, and contacts shared with a declared household member of the population.
// The index of the population's contact values is built once per population array (WeakMap memo).
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { candidateEmails, candidatePhones } from '../contact/candidate-contact.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, normalizeText, quote } from '../util.ts';
import {
  type ContactKey,
  emailKey,
  kindWords,
  phoneKey,
  referenceAddress,
  subjectAddresses,
} from './contact-keys.ts';
import { isPersonalRelationship, type Reference, referenceLabel } from './reference.ts';

const def = requireSignal('references.shared-contact');

/** Owners kept per value: a value used by more is reported with the first ones only. */
const MAX_OWNERS = 20;

type Owner = {
  bundle: CaseBundle;
  /** undefined: the subject's own contact; otherwise the position of their reference. */
  reference?: number;
};

type ContactIndex = { byKey: Map<string, Owner[]>; households: Set<string> };

const indexes = new WeakMap<readonly CaseBundle[], ContactIndex>();
const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const mapKey = (k: ContactKey) => `${k.kind}:${k.key}`;

/** Every contact value of a bundle: the subject's and each reference's, with where it was found. */
function contactsOf(bundle: CaseBundle): { key: ContactKey; path: string; reference?: number }[] {
  const country = bundle.subject.claimedLocation?.country;
  const out: { key: ContactKey; path: string; reference?: number }[] = [];
  // The subject record's email and phone, then the resume's (resume.contact.emails[i], .phones[i]).
  for (const e of candidateEmails(bundle)) {
    const k = emailKey(e.value);
    if (k) out.push({ key: k, path: e.path });
  }
  for (const p of candidatePhones(bundle)) {
    const k = phoneKey(p.value, country);
    if (k) out.push({ key: k, path: p.path });
  }
  out.push(...subjectAddresses(bundle));
  (bundle.references ?? []).forEach((ref, i) => {
    for (const r of referenceContacts(ref, i, country)) out.push({ ...r, reference: i });
  });
  return out;
}

function referenceContacts(ref: Reference, i: number, country: string | undefined) {
  const out: { key: ContactKey; path: string }[] = [];
  const e = emailKey(ref.email);
  if (e) out.push({ key: e, path: `references[${i}].email` });
  const p = phoneKey(ref.phone, country);
  if (p) out.push({ key: p, path: `references[${i}].phone` });
  const a = referenceAddress(ref);
  if (a) out.push({ key: a, path: `references[${i}].address` });
  return out;
}

function buildIndex(population: readonly CaseBundle[]): ContactIndex {
  const index: ContactIndex = { byKey: new Map(), households: new Set() };
  for (const bundle of population) {
    for (const m of bundle.subject.household ?? []) {
      if (m.subjectId) index.households.add(pairKey(bundle.subject.id, m.subjectId));
    }
    const seen = new Set<string>();
    for (const c of contactsOf(bundle)) {
      const k = `${mapKey(c.key)}\u0000${c.reference ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const owners = index.byKey.get(mapKey(c.key));
      const owner: Owner = c.reference === undefined ? { bundle } : { bundle, reference: c.reference };
      if (!owners) index.byKey.set(mapKey(c.key), [owner]);
      else if (owners.length < MAX_OWNERS) owners.push(owner);
    }
  }
  return index;
}

function indexFor(population: readonly CaseBundle[]): ContactIndex {
  let index = indexes.get(population);
  if (!index) {
    index = buildIndex(population);
    indexes.set(population, index);
  }
  return index;
}

const subjectName = (b: CaseBundle) => `${b.subject.name ?? 'unnamed'} (${b.subject.id})`;

type Hit = {
  reference: number;
  key: ContactKey;
  path: string;
  /** Who else has the value, in words, and the paths or ids for the data. */
  with: string;
  withPath?: string;
  withSubject?: string;
  withReference?: number;
};

export const referencesSharedContact: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const refs = bundle.references ?? [];
    if (refs.length === 0) return notEvaluated('no references recorded');
    const country = bundle.subject.claimedLocation?.country;
    const perRef = refs.map((ref, i) => referenceContacts(ref, i, country));
    if (perRef.every((c) => c.length === 0)) {
      return notEvaluated('no reference has a usable email address, phone number or address');
    }
    const own = contactsOf(bundle).filter((c) => c.reference === undefined);
    const householdNames = new Set(
      (bundle.subject.household ?? []).flatMap((m) => (m.name ? [normalizeText(m.name)] : [])),
    );
    const index = ctx.population.length > 0 ? indexFor(ctx.population) : undefined;
    const selfId = bundle.subject.id;

    const hits: Hit[] = [];
    const expected: string[] = [];
    refs.forEach((ref, i) => {
      const personal =
        isPersonalRelationship(ref.relationship) ||
        (ref.name !== undefined && householdNames.has(normalizeText(ref.name)));
      for (const c of perRef[i]!) {
        // The candidate's own details.
        const mine = own.find((o) => mapKey(o.key) === mapKey(c.key));
        if (mine) {
          if (c.key.kind === 'address' && personal) {
            expected.push(
              `${referenceLabel(ref, i)} lives at the candidate's address, which is expected for a personal reference and not counted`,
            );
          } else {
            hits.push({ reference: i, ...c, with: "the candidate's own", withPath: mine.path });
          }
        }
        // Other references of the same candidate.
        refs.forEach((other, j) => {
          if (j <= i) return;
          const same = perRef[j]!.find((o) => mapKey(o.key) === mapKey(c.key));
          if (same) {
            hits.push({
              reference: i,
              ...c,
              with: `another reference of this candidate, ${referenceLabel(other, j)}`,
              withPath: same.path,
              withSubject: selfId,
              withReference: j,
            });
          }
        });
        // Other subjects of the population, and their references.
        for (const owner of index?.byKey.get(mapKey(c.key)) ?? []) {
          const other = owner.bundle;
          if (other === bundle || other.subject.id === selfId) continue;
          if (index?.households.has(pairKey(selfId, other.subject.id))) continue;
          const otherRef = owner.reference === undefined ? undefined : other.references?.[owner.reference];
          const hit: Hit = {
            reference: i,
            ...c,
            with: otherRef
              ? `${subjectName(other)}'s reference ${referenceLabel(otherRef, owner.reference!)}`
              : `another subject, ${subjectName(other)}`,
            withSubject: other.subject.id,
          };
          if (owner.reference !== undefined) hit.withReference = owner.reference;
          hits.push(hit);
        }
      }
    });
    if (hits.length === 0) return nothing();

    const shown = (h: Hit) =>
      h.key.kind === 'address'
        ? `${kindWords.address} ${quote(h.key.shown, 100)}`
        : `${kindWords[h.key.kind]} ${h.key.shown}`;
    const withText = (h: Hit) => (h.with === "the candidate's own" ? 'the candidate' : h.with);
    const sentences = hits.map(
      (h) =>
        `${referenceLabel(refs[h.reference]!, h.reference)} gives ${shown(h)}, also ${h.with === "the candidate's own" ? "the candidate's own" : `given by ${h.with}`}.`,
    );
    if (expected.length > 0) sentences.push(`${listText(expected)}.`);
    const first = hits[0]!;
    const evidence = [...new Set(hits.flatMap((h) => (h.withPath ? [h.path, h.withPath] : [h.path])))];
    const signal = fire(
      def,
      'high',
      evidence,
      {
        count: hits.length,
        shared: hits.map((h) => ({
          reference: h.reference,
          kind: h.key.kind,
          value: h.key.key,
          withCandidate: h.with === "the candidate's own",
          withSubject: h.withSubject ?? null,
          withReference: h.withReference ?? null,
        })),
      },
      { what: shown(first), other: withText(first) },
    );
    return found({ ...signal, explanation: `${signal.explanation} ${sentences.join(' ')}` });
  },
};
