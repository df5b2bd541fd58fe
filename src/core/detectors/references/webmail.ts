// references.webmail — a reference who speaks for an organisation (a former manager or colleague at a
// company) gives a free webmail address (gmail.com, outlook.com, qq.com, mail.ru… see webmail-domains.ts)
// instead of the organisation's own domain. Personal references (friend, relative, "personal reference")
// are not expected to use a work address and are not checked; neither is a reference without an
// organisation, nor one who works for the webmail provider itself. Low, as in the catalog.
import type { Detector } from '../../types.ts';
import { emailDomain } from '../contact/email-domain.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';
import { isPersonalRelationship, referenceLabel } from './reference.ts';
import { webmailProvider } from './webmail-domains.ts';

const def = requireSignal('references.webmail');

type Hit = {
  index: number;
  label: string;
  organization: string;
  email: string;
  domain: string;
  provider: string;
};

export const referencesWebmail: Detector = {
  signal: def.id,
  detect(bundle) {
    const refs = bundle.references ?? [];
    if (refs.length === 0) return notEvaluated('no references recorded');
    const withEmail = refs.flatMap((ref, index) => (ref.email?.trim() ? [{ ref, index }] : []));
    if (withEmail.length === 0) return notEvaluated('no reference has an email address');
    const professional = withEmail.filter(
      ({ ref }) => ref.organization?.trim() && !isPersonalRelationship(ref.relationship),
    );
    if (professional.length === 0) {
      return notEvaluated(
        'no reference with an email address speaks for an organisation (personal references are not checked)',
      );
    }
    const hits: Hit[] = [];
    for (const { ref, index } of professional) {
      const email = ref.email!.trim();
      const domain = emailDomain(email);
      if (!domain) continue;
      const provider = webmailProvider(domain);
      if (!provider) continue;
      const organization = ref.organization!.trim();
      // Someone at Yahoo or Yandex may well use the provider's own mail.
      if (
        normalizeText(organization)
          .split(/[^\p{L}\p{N}]+/u)
          .includes(provider)
      )
        continue;
      hits.push({ index, label: referenceLabel(ref, index), organization, email, domain, provider });
    }
    if (hits.length === 0) return nothing();
    const first = hits[0]!;
    const signal = fire(
      def,
      'low',
      hits.map((h) => `references[${h.index}].email`),
      {
        count: hits.length,
        references: hits.map((h) => ({
          index: h.index,
          organization: h.organization,
          email: h.email,
          domain: h.domain,
        })),
      },
      {
        organization: quote(first.organization, 60).slice(1, -1),
        email: quote(first.email, 80).slice(1, -1),
      },
    );
    const who = hits.map((h) => `${h.label}: ${quote(h.email, 80).slice(1, -1)}`).join('; ');
    const explanation =
      hits.length === 1
        ? `${signal.explanation} Reference: ${who}.`
        : `${signal.explanation} ${hits.length} references for organisations use free webmail: ${who}.`;
    return found({ ...signal, explanation });
  },
};
