// Email domains against the disposable-mail list of the community project
// github.com/disposable-email-domains/disposable-email-domains (CC0), shipped in the npm package
// `disposable-email-domains-js` — no network. A subdomain of a listed domain counts as the listed one.
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

export const DISPOSABLE_LIST_NAME = 'disposable-email-domains (github.com/disposable-email-domains)';

let listed: Set<string> | undefined;

/** The domain of an email address, lower-case, without a trailing dot; `undefined` when it has none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 1 || email.length > 320) return undefined;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (!/^[^\s@.]+(\.[^\s@.]+)+$/u.test(domain)) return undefined;
  return domain;
}

/** The listed disposable domain a domain is or belongs to (mail.mailinator.com → mailinator.com). */
export function disposableDomain(domain: string): string | undefined {
  listed ??= disposableEmailBlocklistSet();
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    if (listed.has(candidate)) return candidate;
  }
  return undefined;
}
