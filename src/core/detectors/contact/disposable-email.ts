// contact.disposable-email — an email address of the candidate (the subject record's, or one on the resume)
// uses a disposable-mail domain (see email-domain.ts for the list). The domain is compared
// case-insensitively, subdomains included.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, quote } from '../util.ts';
import { candidateEmails } from './candidate-contact.ts';
import { DISPOSABLE_LIST_NAME, disposableDomain, emailDomain } from './email-domain.ts';

const def = requireSignal('contact.disposable-email');

export const disposableEmail: Detector = {
  signal: def.id,
  detect(bundle) {
    const emails = candidateEmails(bundle);
    if (emails.length === 0) return notEvaluated('no email address recorded');
    const read = emails.flatMap((e) => {
      const domain = emailDomain(e.value);
      return domain ? [{ ...e, domain }] : [];
    });
    if (read.length === 0) {
      return notEvaluated(`${quote(emails[0]?.value ?? '', 60)} is not an email address with a domain`);
    }
    const hits = read.flatMap((e) => {
      const listed = disposableDomain(e.domain);
      return listed ? [{ ...e, listed }] : [];
    });
    const [first, ...more] = hits;
    if (!first) return nothing();
    const shown = (h: typeof first) => {
      const domain = h.listed === h.domain ? h.domain : `${h.domain}, under ${h.listed}`;
      return h.source === 'resume' ? `${domain}, on the resume` : domain;
    };
    const data: Record<string, unknown> = {
      email: first.value,
      domain: first.domain,
      listedDomain: first.listed,
      list: DISPOSABLE_LIST_NAME,
      path: first.path,
    };
    if (more.length > 0)
      data.others = more.map((h) => ({
        email: h.value,
        domain: h.domain,
        listedDomain: h.listed,
        path: h.path,
      }));
    const signal = fire(
      def,
      'medium',
      hits.map((h) => h.path),
      data,
      { domain: `${shown(first)}, on the ${DISPOSABLE_LIST_NAME} list` },
    );
    if (more.length === 0) return found(signal);
    return found({
      ...signal,
      explanation: `${signal.explanation} So ${more.length === 1 ? 'does' : 'do'} ${listText(more.map((h) => `${quote(h.value, 60)} (${shown(h)})`))}.`,
    });
  },
};
