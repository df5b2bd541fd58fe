// contact.disposable-email — the subject's email address uses a disposable-mail domain (see
// email-domain.ts for the list). The domain is compared case-insensitively, subdomains included.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';
import { DISPOSABLE_LIST_NAME, disposableDomain, emailDomain } from './email-domain.ts';

const def = requireSignal('contact.disposable-email');

export const disposableEmail: Detector = {
  signal: def.id,
  detect(bundle) {
    const email = bundle.subject.email;
    if (!email?.trim()) return notEvaluated('no email address recorded');
    const domain = emailDomain(email);
    if (!domain) {
      return notEvaluated(`${quote(email, 60)} is not an email address with a domain`);
    }
    const match = disposableDomain(domain);
    if (!match) return nothing();
    const shown = match === domain ? domain : `${domain}, under ${match}`;
    return found(
      fire(
        def,
        'medium',
        ['subject.email'],
        { email: email.trim(), domain, listedDomain: match, list: DISPOSABLE_LIST_NAME },
        { domain: `${shown}, on the ${DISPOSABLE_LIST_NAME} list` },
      ),
    );
  },
};
