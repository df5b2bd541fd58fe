// contact.voip-phone — a phone number of the candidate (the subject record's, or one on the resume) is in a
// VoIP range according to libphonenumber's max metadata. Where the metadata has no separate VoIP ranges (the
// US and Canada list numbers as "landline or mobile", so Google Voice or TextNow cannot be told apart
// offline), nothing fires. A phone country different from the claimed one is noted in the data but is
// consistency.location's to flag.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, quote } from '../util.ts';
import { candidatePhones } from './candidate-contact.ts';
import { type PhoneInfo, phoneInfo } from './phone.ts';

const def = requireSignal('contact.voip-phone');

const described = (info: PhoneInfo, onResume: boolean) => {
  const where = [info.country, onResume ? 'on the resume' : undefined].filter(Boolean).join(', ');
  return `${info.international}${where ? ` (${where})` : ''}`;
};

export const voipPhone: Detector = {
  signal: def.id,
  detect(bundle) {
    const claimed = bundle.subject.claimedLocation?.country;
    const read = (p: string) => phoneInfo(p, claimed);
    const phones = candidatePhones(bundle, (a, b) => (read(a)?.e164 ?? a) === (read(b)?.e164 ?? b));
    if (phones.length === 0) return notEvaluated('no phone number recorded');
    const valid = phones.flatMap((p) => {
      const info = read(p.value);
      return info ? [{ ...p, info }] : [];
    });
    if (valid.length === 0) {
      return notEvaluated(
        `the phone number ${quote(phones[0]?.value ?? '', 40)} is not a valid number (numbers are read with their country code, e.g. +1 416 555 0123, or in the claimed country)`,
      );
    }
    const voip = valid.filter((p) => p.info.type === 'VOIP');
    const [first, ...more] = voip;
    if (!first) return nothing();
    const info = first.info;
    const data: Record<string, unknown> = {
      phone: info.international,
      e164: info.e164,
      country: info.country ?? null,
      type: info.type,
      typeText: info.typeText,
      path: first.path,
    };
    if (info.assumedCountry) data.assumedCountry = info.assumedCountry;
    if (claimed && info.country && !info.assumedCountry) {
      data.claimedCountry = claimed;
      data.countryDiffersFromClaimed = info.country !== claimed;
    }
    if (more.length > 0) {
      data.others = more.map((p) => ({
        phone: p.info.international,
        e164: p.info.e164,
        country: p.info.country ?? null,
        path: p.path,
      }));
    }
    const signal = fire(
      def,
      'low',
      voip.map((p) => p.path),
      data,
      { phone: described(info, first.source === 'resume') },
    );
    if (more.length === 0) return found(signal);
    const also = listText(more.map((p) => described(p.info, p.source === 'resume')));
    return found({
      ...signal,
      explanation: `${signal.explanation} ${more.length === 1 ? 'So is' : 'So are'} ${also}.`,
    });
  },
};
