// consistency.location — the claimed location disagrees with other data about where the person is.
// Built as a list of sources, each giving what it could check and where it points:
// - IP addresses: the application's, and those of gatecheck's own verification sessions
//   (`verifications[].result.ip` or `verifications[].ip`). Allow-listed addresses say nothing; an address
//   behind a VPN, proxy, Tor or a hosting network hides the location, which the explanation says instead of
//   claiming a mismatch.
// - Phone numbers: the subject's and the resume's (`resume.contact.phones`), written with their country code
//   (a national number is read in the claimed country and so says nothing). Non-geographic numbers (VoIP,
//   toll-free, premium, shared-cost, personal, UAN) are left out; the US and Canada share +1 and are accepted
//   for each other.
// - Addresses: the latest home address from HR changes (`changes[].to` of `home_address`; an older one is
//   just where someone used to live), `subject.address`, an address or country of residence in the
//   application answers, and the location on the resume (`resume.contact.location`).
// - Time zone: the claimed time zone agrees when the claimed country uses it or has a zone that keeps the
//   same clock all year (places.ts).
// Fairness: nationality and citizenship are never a location source. A phone number or an address from
// another country on its own is common for people who moved recently or keep a number from home: alone it
// fires low and says so; IP addresses, the time zone, or two kinds of data disagreeing make it medium.
import type { CaseBundle } from '../../bundle/schema.ts';
import { countryOfAnswer, placeCountries, sameClockZone, zoneCountries } from '../../places/places.ts';
import type { Detector, DetectorContext, Severity } from '../../types.ts';
import { candidatePhones, resumeLocation } from '../contact/candidate-contact.ts';
import { phoneInfo } from '../contact/phone.ts';
import { contextLookup } from '../network/bundle-analysis.ts';
import { fireDetailed } from '../network/explain.ts';
import { addressText, placeText } from '../network/geo.ts';
import { hidesCountry, type ResolvedLogin, resolveLogin } from '../network/resolve.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject, listText, quote, stringField, toMs } from '../util.ts';

const def = requireSignal('consistency.location');

export type LocationKind = 'ip' | 'phone' | 'address' | 'timezone';

/** One piece of data about where the person is, compared with the claimed country. */
export type LocationFact = {
  kind: LocationKind;
  /** What it is, in words: "the application IP", "the phone number on the resume". */
  what: string;
  /** Evidence path, e.g. `application.ip`. */
  path: string;
  /** The country it points to, when it points to one (the likeliest when it may mean several). */
  country?: string;
  /** Every country it agrees with (default: just `country`): +1 numbers accept US and CA. */
  accepts?: string[];
  /** How it reads after `what` in an explanation: "175.45.178.1 (Pyongyang, KP)". */
  text: string;
  /** The fact cannot tell the country (anonymizer) — said, never counted as a mismatch. */
  hidden?: string;
  ip?: string;
};

/** A source of location facts; `undefined` when the bundle has nothing of its kind. */
export type LocationSource = (bundle: CaseBundle, ctx: DetectorContext) => LocationFact[] | undefined;

function ipFact(
  ip: string,
  what: string,
  path: string,
  ctx: DetectorContext,
  at?: string,
): LocationFact | undefined {
  const r: ResolvedLogin = resolveLogin({ at: at ?? '1970-01-01T00:00:00Z', ip }, contextLookup(ctx));
  if (r.allowListed !== undefined) return undefined;
  const fact: LocationFact = { kind: 'ip', what, path, ip, text: addressText(r) };
  if (hidesCountry(r)) {
    fact.hidden = `${r.provider ?? r.kind}${r.kind === 'hosting' ? ' hosting network' : ''}`;
    return fact;
  }
  if (r.country) fact.country = r.country;
  return fact;
}

/** The application's IP address. */
const applicationIp: LocationSource = (bundle, ctx) => {
  const ip = bundle.application?.ip;
  if (!ip) return undefined;
  const fact = ipFact(ip, 'the application IP', 'application.ip', ctx, bundle.application?.submittedAt);
  return fact ? [fact] : [];
};

/** The IP addresses of verification sessions (liveness, identity document checks). */
const verificationIps: LocationSource = (bundle, ctx) => {
  const facts: LocationFact[] = [];
  let any = false;
  (bundle.verifications ?? []).forEach((v, i) => {
    const fromResult = isObject(v.result) ? stringField(v.result, 'ip') : undefined;
    const own = stringField(v, 'ip');
    const ip = fromResult ?? own;
    if (!ip) return;
    any = true;
    const path = fromResult ? `verifications[${i}].result.ip` : `verifications[${i}].ip`;
    const fact = ipFact(ip, `the ${v.kind ?? 'verification'} session IP`, path, ctx, v.at);
    if (fact) facts.push(fact);
  });
  return any ? facts : undefined;
};

/** Number types that are not tied to a place. */
const NON_GEOGRAPHIC = new Set([
  'VOIP',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PERSONAL_NUMBER',
  'UAN',
  'PAGER',
  'VOICEMAIL',
]);
/** Countries that share a calling code and are accepted for each other. */
const SHARED_CODES: readonly (readonly string[])[] = [['US', 'CA']];

/** The subject's phone number and the resume's, by the country of their range. */
const phoneCountries: LocationSource = (bundle) => {
  // No default country: a number written without its country code says nothing about the country.
  const parsed = new Map<string, ReturnType<typeof phoneInfo>>();
  const read = (value: string) => {
    if (!parsed.has(value)) parsed.set(value, phoneInfo(value.replace(/^\s*00(?=[1-9])/, '+')));
    return parsed.get(value);
  };
  const phones = candidatePhones(bundle, (a, b) => (read(a)?.e164 ?? a) === (read(b)?.e164 ?? b));
  if (phones.length === 0) return undefined;
  const facts: LocationFact[] = [];
  for (const p of phones) {
    const info = read(p.value);
    if (!info?.country || (info.type && NON_GEOGRAPHIC.has(info.type))) continue;
    const country = info.country;
    facts.push({
      kind: 'phone',
      what: p.source === 'resume' ? 'the phone number on the resume' : 'the phone number',
      path: p.path,
      country,
      accepts: [...(SHARED_CODES.find((group) => group.includes(country)) ?? [country])],
      text: `${info.international} (${country})`,
    });
  }
  return facts.length > 0 ? facts : undefined;
};

const ADDRESS_ANSWERS = [
  'address',
  'homeAddress',
  'home_address',
  'currentAddress',
  'current_address',
  'residentialAddress',
  'residential_address',
];
// Where someone lives, never their nationality or citizenship.
const RESIDENCE_ANSWERS = [
  'countryOfResidence',
  'country_of_residence',
  'residenceCountry',
  'residence_country',
  'currentCountry',
  'current_country',
];

/** An address as an object ({ city, country }) or as text ("Winnipeg, MB"); `undefined` when it names no country. */
function placeFact(value: unknown, what: string, path: string): LocationFact | undefined {
  if (isObject(value)) {
    const country = typeof value.country === 'string' ? value.country.trim().toUpperCase() : '';
    const city = typeof value.city === 'string' ? value.city : undefined;
    if (!/^[A-Z]{2}$/.test(country)) return undefined;
    return { kind: 'address', what, path, country, text: `in ${placeText({ city, country })}` };
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const place = placeCountries(value);
  const [country] = place?.countries ?? [];
  if (!place || !country) return undefined;
  return {
    kind: 'address',
    what,
    path,
    country,
    accepts: place.countries,
    text: `${quote(value, 80)} (${place.countries.join(' or ')})`,
  };
}

/** The latest home address, subject.address, application answers and the resume's location line. */
const addresses: LocationSource = (bundle) => {
  const facts: LocationFact[] = [];
  const take = (value: unknown, what: string, path: string) => {
    const fact = placeFact(value, what, path);
    if (fact) facts.push(fact);
  };
  let latest: { i: number; ms: number } | undefined;
  (bundle.changes ?? []).forEach((c, i) => {
    if (c.field !== 'home_address' || c.to === undefined || c.to === null) return;
    const ms = toMs(c.at);
    if (!latest || !(ms < latest.ms)) latest = { i, ms };
  });
  if (latest) take(bundle.changes?.[latest.i]?.to, 'the home address', `changes[${latest.i}].to`);
  take((bundle.subject as Record<string, unknown>).address, 'the address', 'subject.address');
  const answers = bundle.application?.answers;
  if (isObject(answers)) {
    const key = ADDRESS_ANSWERS.find((k) => answers[k] !== undefined && answers[k] !== null);
    if (key) take(answers[key], 'the address in the application', `application.answers.${key}`);
    const residence = RESIDENCE_ANSWERS.find((k) => typeof answers[k] === 'string');
    const country = residence ? countryOfAnswer(answers[residence] as string) : undefined;
    if (residence && country)
      facts.push({
        kind: 'address',
        what: 'the country of residence in the application',
        path: `application.answers.${residence}`,
        country,
        text: `(${country})`,
      });
  }
  const onResume = resumeLocation(bundle);
  if (onResume) take(onResume, 'the location on the resume', 'resume.contact.location');
  return facts.length > 0 ? facts : undefined;
};

/** The claimed time zone against the claimed country. */
const timeZone: LocationSource = (bundle, ctx) => {
  const claimed = bundle.subject.claimedLocation;
  const zone = claimed?.timezone;
  if (!zone || !claimed?.country) return undefined;
  const used = zoneCountries(zone);
  if (used.length === 0) return undefined; // UTC, Etc/GMT+5: no country
  const what = 'the claimed time zone';
  const path = 'subject.claimedLocation.timezone';
  const text = `${zone} (${listText(used)})`;
  const agreeing =
    used.includes(claimed.country) || sameClockZone(zone, claimed.country, ctx.now) !== undefined;
  const [country] = used;
  if (!country) return undefined;
  return [
    {
      kind: 'timezone',
      what,
      path,
      country: agreeing ? claimed.country : country,
      accepts: agreeing ? [claimed.country, ...used] : used,
      text,
    },
  ];
};

/** The sources compared with the claimed country. */
export const LOCATION_SOURCES: readonly LocationSource[] = [
  applicationIp,
  verificationIps,
  phoneCountries,
  addresses,
  timeZone,
];

const agrees = (f: LocationFact, claimed: string) => (f.accepts ?? [f.country]).includes(claimed);

const NEUTRAL: Record<'phone' | 'address', string> = {
  phone:
    'A phone number from another country is common for people who moved recently or keep a number from home; on its own it is a question to ask, not a finding.',
  address:
    'An address from another country is common for people who moved recently or are about to; on its own it is a question to ask, not a finding.',
};

const KIND_WORDS: Record<LocationKind, string> = {
  ip: 'the IP addresses',
  phone: 'the phone number',
  address: 'the address',
  timezone: 'the time zone',
};

export const location: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const claimed = bundle.subject.claimedLocation;
    if (!claimed?.country) return notEvaluated('no claimed country to compare with');
    const country = claimed.country;
    const facts: LocationFact[] = [];
    let checked = false;
    for (const source of LOCATION_SOURCES) {
      const got = source(bundle, ctx);
      if (got === undefined) continue;
      // The claimed time zone is part of the claim: agreeing with it is no comparison with other data.
      if (got.length === 0 || got.some((f) => f.kind !== 'timezone' || !agrees(f, country))) checked = true;
      facts.push(...got);
    }
    if (!checked)
      return notEvaluated(
        'no phone number, address, application or verification IP address to compare with (a time zone that agrees with the claimed country is no comparison on its own)',
      );
    const others = facts.filter((f) => f.kind !== 'timezone');
    const zoneDisagrees = facts.some((f) => f.kind === 'timezone' && !agrees(f, country));
    const located = others.filter((f) => f.country !== undefined || f.hidden !== undefined);
    // Only IP addresses can fail to be placed (phone and address facts always carry a country).
    if (!zoneDisagrees && located.length === 0 && others.length > 0)
      return notEvaluated(
        ctx.intel.ip
          ? 'the application and verification IP addresses could not be located'
          : 'IP intelligence is not loaded, so the application and verification IP addresses cannot be located',
      );
    const mismatches = facts.filter((f) => f.country !== undefined && !agrees(f, country));
    if (mismatches.length === 0) return nothing();
    const kinds = new Set(mismatches.map((f) => f.kind));
    const alone = kinds.size === 1 && (kinds.has('phone') || kinds.has('address'));
    // The catalog severity is medium whatever disagrees; a phone or address alone gets a neutral note instead.
    const severity: Severity = 'medium';
    // What agrees, for context (the claimed time zone is part of the claim, so it is not listed).
    const agreeing = facts.filter(
      (f) => f.kind !== 'timezone' && f.country !== undefined && agrees(f, country) && !kinds.has(f.kind),
    );
    const hidden = facts.filter((f) => f.hidden !== undefined);
    const sentences: string[] = [];
    if (hidden.length > 0)
      sentences.push(
        `${listText(hidden.map((f) => `${f.what} ${f.ip} goes through ${f.hidden}, which hides the location`))}.`,
      );
    const agreeingKinds = [...new Set(agreeing.map((f) => KIND_WORDS[f.kind]))];
    if (agreeingKinds.length > 0)
      sentences.push(
        `${listText(agreeingKinds)} ${agreeingKinds.length === 1 && agreeingKinds[0] !== 'the IP addresses' ? 'agrees' : 'agree'} with the claimed country.`,
      );
    if (alone) sentences.push(NEUTRAL[kinds.has('phone') ? 'phone' : 'address']);
    const detail = sentences.map((s) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`).join(' ');
    const describe = (f: LocationFact) => ({
      kind: f.kind,
      what: f.what,
      path: f.path,
      ip: f.ip ?? null,
      country: f.country,
    });
    return found(
      fireDetailed(
        def,
        severity,
        mismatches.map((f) => f.path),
        {
          claimed: country,
          mismatches: mismatches.map(describe),
          hidden: hidden.map((f) => ({ what: f.what, path: f.path, ip: f.ip ?? null, via: f.hidden })),
          agreeing: agreeing.map(describe),
        },
        {
          claimed: placeText(claimed),
          detail: listText(mismatches.map((f) => `${f.what} ${f.text}`)),
        },
        detail,
      ),
    );
  },
};
