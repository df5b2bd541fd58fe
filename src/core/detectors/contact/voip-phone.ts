// contact.voip-phone — the subject's phone number is in a VoIP range according to libphonenumber's max
// metadata. Where the metadata has no separate VoIP ranges (the US and Canada list numbers as "landline or
// mobile", so Google Voice or TextNow cannot be told apart offline), nothing fires. A phone country
// different from the claimed one is noted in the data but is consistency.location's to flag.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';
import { phoneInfo } from './phone.ts';

const def = requireSignal('contact.voip-phone');

export const voipPhone: Detector = {
  signal: def.id,
  detect(bundle) {
    const phone = bundle.subject.phone;
    if (!phone?.trim()) return notEvaluated('no phone number recorded');
    const claimed = bundle.subject.claimedLocation?.country;
    const info = phoneInfo(phone, claimed);
    if (!info) {
      return notEvaluated(
        `the phone number ${quote(phone, 40)} is not a valid number (numbers are read with their country code, e.g. +1 416 555 0123, or in the claimed country)`,
      );
    }
    if (info.type !== 'VOIP') return nothing();
    const data: Record<string, unknown> = {
      phone: info.international,
      e164: info.e164,
      country: info.country ?? null,
      type: info.type,
      typeText: info.typeText,
    };
    if (info.assumedCountry) data.assumedCountry = info.assumedCountry;
    if (claimed && info.country && !info.assumedCountry) {
      data.claimedCountry = claimed;
      data.countryDiffersFromClaimed = info.country !== claimed;
    }
    const where = info.country ? ` (${info.country})` : '';
    return found(fire(def, 'low', ['subject.phone'], data, { phone: `${info.international}${where}` }));
  },
};
