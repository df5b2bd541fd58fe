// The candidate's own contact details wherever the bundle holds them: the subject record and the contact
// block read from the resume (`resume.contact`, written when a resume is imported or supplied by an
// integration). Detectors that look at a phone number, an email address or a name read them from here, so a
// detail that only appears on the resume is seen too. Each value keeps its evidence path.
import type { CaseBundle } from '../../bundle/schema.ts';
import { isObject } from '../util.ts';

export type ContactValue = {
  value: string;
  /** Evidence path: `subject.phone`, `resume.contact.phones[0]`. */
  path: string;
  source: 'subject' | 'resume';
};

const MAX_VALUES = 20;

function resumeContact(bundle: CaseBundle): Record<string, unknown> | undefined {
  const contact = bundle.resume?.contact;
  return isObject(contact) ? contact : undefined;
}

function resumeList(bundle: CaseBundle, key: 'phones' | 'emails'): ContactValue[] {
  const list = resumeContact(bundle)?.[key];
  if (!Array.isArray(list)) return [];
  const out: ContactValue[] = [];
  list.slice(0, MAX_VALUES).forEach((item, i) => {
    // Strings as stored by the resume import; { e164 } / { number } / { email } objects from integrations.
    const value =
      typeof item === 'string'
        ? item
        : isObject(item)
          ? [item.e164, item.number, item.email, item.value].find((v) => typeof v === 'string')
          : undefined;
    if (typeof value === 'string' && value.trim() !== '')
      out.push({ value: value.trim(), path: `resume.contact.${key}[${i}]`, source: 'resume' });
  });
  return out;
}

/** The subject's phone and the resume's phone numbers (resume numbers equal to an earlier one left out by `same`). */
export function candidatePhones(
  bundle: CaseBundle,
  same?: (a: string, b: string) => boolean,
): ContactValue[] {
  const out: ContactValue[] = [];
  const phone = bundle.subject.phone?.trim();
  if (phone) out.push({ value: phone, path: 'subject.phone', source: 'subject' });
  for (const p of resumeList(bundle, 'phones')) {
    if (!out.some((o) => (same ? same(o.value, p.value) : o.value === p.value))) out.push(p);
  }
  return out;
}

/** The subject's email address and the resume's, compared case-insensitively for repeats. */
export function candidateEmails(bundle: CaseBundle): ContactValue[] {
  const out: ContactValue[] = [];
  const email = bundle.subject.email?.trim();
  if (email) out.push({ value: email, path: 'subject.email', source: 'subject' });
  for (const e of resumeList(bundle, 'emails')) {
    if (!out.some((o) => o.value.toLowerCase() === e.value.toLowerCase())) out.push(e);
  }
  return out;
}

/** The name at the top of the resume, when one was read. */
export function resumeName(bundle: CaseBundle): string | undefined {
  const name = resumeContact(bundle)?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

/** The location line of the resume's contact block ("Winnipeg, MB"), when one was read. */
export function resumeLocation(bundle: CaseBundle): string | undefined {
  const location = resumeContact(bundle)?.location;
  return typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
}
