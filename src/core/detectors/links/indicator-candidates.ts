// The identifiers of a subject that can be matched against (or shared as) threat indicators, in normal
// form, each with where it was found and what to call it: emails and phones (subject, resume), the domains
// of those emails and of profile links, GitHub accounts (profiles and resume links of kind github, or
// github.com links), profile and resume URLs, payment wallets, and the IP addresses of the application and
// the sign-ins. Household members are not involved: these are the subject's own identifiers.
import type { CaseBundle } from '../../bundle/schema.ts';
import { normalizeIndicatorValue } from '../../intel/indicator-values.ts';
import type { IndicatorKind } from '../../intel/indicators.ts';
import { findWallets } from '../payments/wallets.ts';

export type IndicatorCandidate = {
  kind: IndicatorKind;
  /** Normal form. */
  value: string;
  /** Evidence paths in the bundle where the value appears. */
  paths: string[];
  /** Plain words for the explanation, e.g. "email address", "GitHub account". */
  what: string;
};

const WHAT: Record<IndicatorKind, string> = {
  email: 'email address',
  phone: 'phone number',
  wallet: 'payment wallet',
  domain: 'domain',
  github: 'GitHub account',
  ip: 'IP address',
  url: 'web address',
};

/** Caps keep a bundle with thousands of sign-ins or links linear and bounded. */
const MAX_CANDIDATES = 5000;

export function indicatorCandidates(bundle: CaseBundle): IndicatorCandidate[] {
  const byKey = new Map<string, IndicatorCandidate>();
  const country = bundle.subject.claimedLocation?.country;
  const add = (kind: IndicatorKind, raw: unknown, path: string): string | null => {
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    const value = normalizeIndicatorValue(kind, raw, country);
    if (value === null) return null;
    const key = `${kind}\u0000${value}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.paths.includes(path) && existing.paths.length < 20) existing.paths.push(path);
    } else if (byKey.size < MAX_CANDIDATES) byKey.set(key, { kind, value, paths: [path], what: WHAT[kind] });
    return value;
  };
  const addEmail = (raw: unknown, path: string) => {
    const email = add('email', raw, path);
    if (email) add('domain', email.slice(email.lastIndexOf('@') + 1), path);
  };
  const addLink = (kind: unknown, url: unknown, path: string) => {
    if (typeof url !== 'string') return;
    const isGithub =
      (typeof kind === 'string' && kind.toLowerCase() === 'github') || /github\.com\//i.test(url);
    if (isGithub) add('github', url, path);
    const normalUrl = add('url', url, path);
    if (normalUrl) add('domain', new URL(normalUrl).hostname, path);
    else if (!isGithub) add('domain', url, path);
  };

  const s = bundle.subject;
  addEmail(s.email, 'subject.email');
  add('phone', s.phone, 'subject.phone');
  (s.profiles ?? []).forEach((p, i) => {
    addLink(p.kind, p.url, `subject.profiles[${i}].url`);
  });
  const contact = bundle.resume?.contact;
  (contact?.emails ?? []).forEach((e, i) => {
    addEmail(e, `resume.contact.emails[${i}]`);
  });
  (contact?.phones ?? []).forEach((p, i) => {
    add('phone', p, `resume.contact.phones[${i}]`);
  });
  (contact?.links ?? []).forEach((l, i) => {
    addLink(l.kind, l.url, `resume.contact.links[${i}].url`);
  });
  (bundle.payments ?? []).forEach((p, i) => {
    if (p.destination) add('wallet', p.destination, `payments[${i}].destination`);
    for (const w of findWallets(p.text ?? '')) add('wallet', w.address, `payments[${i}].text`);
  });
  add('ip', bundle.application?.ip, 'application.ip');
  (bundle.logins ?? []).forEach((l, i) => {
    add('ip', l.ip, `logins[${i}].ip`);
  });
  return [...byKey.values()];
}
