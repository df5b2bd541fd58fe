import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { countryOfAnswer, placeCountries, sameClockZone, zoneCountries } from '../../places/places.ts';
import { TABLE_INTEL } from '../network/testing.ts';
import { location } from './location.ts';

const run = (bundle: BundleOverrides) => runDetector(location, bundle, { intel: TABLE_INTEL });
const application = (ip: string) => ({ application: { submittedAt: '2026-01-05T14:03:00-05:00', ip } });
const liveness = (ip: string, inResult = true) => ({
  verifications: [
    inResult
      ? { kind: 'liveness', at: '2026-01-20T15:00:00Z', status: 'completed', result: { passed: true, ip } }
      : { kind: 'liveness', at: '2026-01-20T15:00:00Z', status: 'completed', result: { passed: true }, ip },
  ],
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing to compare (only the claimed time zone, which agrees): not evaluated', {}, 'not_evaluated'],
  [
    'no claimed country: not evaluated',
    { subject: { claimedLocation: {} }, ...application('42.84.10.67') },
    'not_evaluated',
  ],
  ['application from Toronto, claiming Canada: nothing', application('99.224.0.1'), 'none'],
  ['application from Shenyang, claiming Canada: medium', application('42.84.10.67'), 'medium'],
  ['liveness session from Pyongyang (in the result): medium', liveness('175.45.176.1'), 'medium'],
  ['liveness session from Pyongyang (on the session): medium', liveness('175.45.176.1', false), 'medium'],
  ['application through the allow-listed corporate VPN: nothing', application('198.51.100.10'), 'none'],
  [
    'application through a US VPN exit: nothing (the location is hidden)',
    application('45.131.195.2'),
    'none',
  ],
  ['application from an address nobody can place: not evaluated', application('10.0.0.5'), 'not_evaluated'],
];

describe('consistency.location (IP part)', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names each address, where it is, and says when a VPN hides one', () => {
    const s = firstSignal(run({ ...application('45.131.195.2'), ...liveness('175.45.176.1') }));
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the liveness session IP 175.45.176.1 (Pyongyang, KP). ' +
        'The application IP 45.131.195.2 goes through Astrill VPN, which hides the location.',
    );
    expect(s.evidence).toEqual(['verifications[0].result.ip']);
    expect(s.data).toEqual({
      claimed: 'CA',
      mismatches: [
        {
          kind: 'ip',
          what: 'the liveness session IP',
          path: 'verifications[0].result.ip',
          ip: '175.45.176.1',
          country: 'KP',
        },
      ],
      hidden: [
        { what: 'the application IP', path: 'application.ip', ip: '45.131.195.2', via: 'Astrill VPN' },
      ],
      agreeing: [],
    });
  });

  it('is not evaluated without IP intelligence', () => {
    expect(runDetector(location, application('42.84.10.67'))).toEqual({
      status: 'not_evaluated',
      reason:
        'IP intelligence is not loaded, so the application and verification IP addresses cannot be located',
    });
  });
});

const GB_MOBILE = '+44 7400 123456';
const CN_MOBILE = '+86 138 0013 8000';
const US_NUMBER = '+1 201 555 0123';
const CA_NUMBER = '+1 506 234 5678';
const JM_NUMBER = '+1 876 555 0123';
const toronto = { city: 'Toronto', region: 'ON', country: 'CA', timezone: 'America/Toronto' };
const newYork = { city: 'New York', region: 'NY', country: 'US', timezone: 'America/New_York' };
const claim = (claimedLocation: Record<string, string>, extra: BundleOverrides = {}): BundleOverrides => ({
  ...extra,
  subject: { ...extra.subject, claimedLocation },
});
const phone = (p: string, extra: BundleOverrides = {}): BundleOverrides => ({
  ...extra,
  subject: { ...extra.subject, phone: p },
});
const home = (country: string, city: string, at = '2026-01-19T10:00:00-05:00') => ({
  at,
  field: 'home_address' as const,
  to: { line1: '1 Main St', city, country },
});
const resumeContact = (contact: Record<string, unknown>): BundleOverrides => ({ resume: { contact } });

const sourceCases: [string, BundleOverrides, Expectation][] = [
  // Phone numbers
  ['a Canadian number, claiming Canada: nothing', phone(CA_NUMBER), 'none'],
  ['a US number, claiming Canada (+1 shared): nothing', phone(US_NUMBER), 'none'],
  ['a Canadian number, claiming the US (+1 shared): nothing', phone(CA_NUMBER, claim(newYork)), 'none'],
  ['a Jamaican +1 number, claiming the US: medium', phone(JM_NUMBER, claim(newYork)), 'medium'],
  ['a UK mobile, claiming Canada: medium', phone(GB_MOBILE), 'medium'],
  ['a Chinese mobile on the resume only: medium', resumeContact({ phones: [CN_MOBILE] }), 'medium'],
  ['a national number says nothing: not evaluated', phone('(416) 555-0134'), 'not_evaluated'],
  [
    'a toll-free number is ignored: not evaluated',
    phone('+1 800 555 0123', claim({ country: 'GB' })),
    'not_evaluated',
  ],
  ['a UK VoIP number is ignored: not evaluated', phone('+44 56 1234 5678'), 'not_evaluated'],
  ['00 as the international prefix: medium', phone('0044 7400 123456'), 'medium'],
  // Addresses
  ['home address in Toronto: nothing', { changes: [home('CA', 'Toronto')] }, 'none'],
  ['home address in Shenyang: medium', { changes: [home('CN', 'Shenyang')] }, 'medium'],
  [
    'moved from Seoul to Toronto (the latest home address counts): nothing',
    {
      changes: [
        home('CA', 'Toronto', '2026-02-01T10:00:00-05:00'),
        home('KR', 'Seoul', '2025-06-01T10:00:00+09:00'),
      ],
    },
    'none',
  ],
  [
    'an application address in Lyon, France: medium',
    { application: { answers: { address: '4 rue de la République, Lyon, France' } } },
    'medium',
  ],
  [
    'country of residence China in the application: medium',
    { application: { answers: { countryOfResidence: 'China' } } },
    'medium',
  ],
  ['the resume says Shenzhen, China: medium', resumeContact({ location: 'Shenzhen, China' }), 'medium'],
  ['the resume says Edmonton, AB: nothing', resumeContact({ location: 'Edmonton, AB' }), 'none'],
  ['"San Francisco, CA" may mean Canada: nothing', resumeContact({ location: 'San Francisco, CA' }), 'none'],
  ['a city alone names no country: not evaluated', resumeContact({ location: 'Remote' }), 'not_evaluated'],
  [
    'home address and phone both in China: medium',
    phone(CN_MOBILE, { changes: [home('CN', 'Dalian')] }),
    'medium',
  ],
  // Time zone
  ['Toronto with Asia/Shanghai: medium', claim({ ...toronto, timezone: 'Asia/Shanghai' }), 'medium'],
  [
    'Toronto with America/New_York (the same clock) and a Canadian phone: nothing',
    claim({ ...toronto, timezone: 'America/New_York' }, phone(CA_NUMBER)),
    'none',
  ],
  [
    'Liechtenstein with Europe/Zurich (the same clock): not evaluated',
    claim({ country: 'LI', timezone: 'Europe/Zurich' }),
    'not_evaluated',
  ],
  ['Liechtenstein with Asia/Tokyo: medium', claim({ country: 'LI', timezone: 'Asia/Tokyo' }), 'medium'],
  ['Etc/UTC says nothing: not evaluated', claim({ ...toronto, timezone: 'Etc/UTC' }), 'not_evaluated'],
  // Nationality and citizenship are never a location
  [
    'nationality, citizenship and the passport are not places: nothing beyond the phone',
    phone(CA_NUMBER, {
      application: { answers: { nationality: 'KP', citizenship: 'North Korea', workAuthorization: 'visa' } },
      documents: [{ kind: 'passport', fields: { nationality: 'KP' } }],
    }),
    'none',
  ],
  [
    'nationality alone: not evaluated',
    { application: { answers: { nationality: 'CN', citizenship: 'CN' } } },
    'not_evaluated',
  ],
];

describe('consistency.location (phone, address, time zone)', () => {
  it.each(sourceCases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('an expat phone with a home address and time zone that agree: medium, neutral, names both', () => {
    const s = firstSignal(run(phone(GB_MOBILE, { changes: [home('CA', 'Toronto')] })));
    expect(s.severity).toBe('medium');
    expect(s.evidence).toEqual(['subject.phone']);
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the phone number +44 7400 123456 (GB). ' +
        'The address agrees with the claimed country. ' +
        'A phone number from another country is common for people who moved recently or keep a number from home; on its own it is a question to ask, not a finding.',
    );
    expect(s.explanation).not.toMatch(/fraud|suspicious|fake/i);
    expect(s.data).toEqual({
      claimed: 'CA',
      mismatches: [
        { kind: 'phone', what: 'the phone number', path: 'subject.phone', ip: null, country: 'GB' },
      ],
      hidden: [],
      agreeing: [
        { kind: 'address', what: 'the home address', path: 'changes[0].to', ip: null, country: 'CA' },
      ],
    });
  });

  it('an address from abroad alone is explained neutrally too', () => {
    const s = firstSignal(run({ changes: [home('KR', 'Seoul')] }));
    expect(s.severity).toBe('medium');
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the home address in Seoul, KR. ' +
        'An address from another country is common for people who moved recently or are about to; on its own it is a question to ask, not a finding.',
    );
  });

  it('names every disagreeing source in plain words, medium when several kinds disagree', () => {
    const s = firstSignal(
      run({
        subject: { phone: CN_MOBILE, claimedLocation: { ...toronto, timezone: 'Asia/Shanghai' } },
        changes: [home('CN', 'Dalian')],
        resume: { contact: { phones: [CN_MOBILE, '+86 139 0013 9000'], location: 'Dalian, China' } },
      }),
    );
    expect(s.severity).toBe('medium');
    expect(s.evidence).toEqual([
      'subject.phone',
      'resume.contact.phones[1]',
      'changes[0].to',
      'resume.contact.location',
      'subject.claimedLocation.timezone',
    ]);
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the phone number +86 138 0013 8000 (CN), ' +
        'the phone number on the resume +86 139 0013 9000 (CN), the home address in Dalian, CN, ' +
        'the location on the resume "Dalian, China" (CN) and the claimed time zone Asia/Shanghai (CN).',
    );
  });

  it('an IP mismatch with a phone that agrees says so', () => {
    const s = firstSignal(run({ ...application('42.84.10.67'), subject: { phone: CA_NUMBER } }));
    expect(s.severity).toBe('medium');
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the application IP 42.84.10.67 (Shenyang, CN). The phone number agrees with the claimed country.',
    );
  });

  it('says why it is not evaluated', () => {
    expect(run({})).toEqual({
      status: 'not_evaluated',
      reason:
        'no phone number, address, application or verification IP address to compare with (a time zone that agrees with the claimed country is no comparison on its own)',
    });
  });
});

describe('places (for consistency.location)', () => {
  it('reads the country of a written place, accepting every country it may mean', () => {
    const countries = (t: string) => placeCountries(t)?.countries;
    expect(countries('Winnipeg, MB')).toEqual(['CA']);
    expect(countries('Toronto, ON M5H 1A1')).toEqual(['CA']);
    expect(countries('Phoenix, AZ 85018')).toEqual(['US', 'AZ']);
    expect(countries('Edmonton, CA')).toEqual(['US', 'CA']);
    expect(countries('Austin, Texas')).toEqual(['US']);
    expect(countries('Lyon, France')).toEqual(['FR']);
    expect(countries('London, UK')).toEqual(['GB']);
    expect(countries('Paris, FRA')).toEqual(['FR']);
    expect(countries('Canada')).toEqual(['CA']);
    expect(countries('Toronto')).toBeUndefined();
    expect(countries('Remote')).toBeUndefined();
    expect(countries('x'.repeat(10_000))).toBeUndefined();
    expect(countryOfAnswer('canada')).toBe('CA');
    expect(countryOfAnswer('CAN')).toBe('CA');
    expect(countryOfAnswer('Georgia')).toBeUndefined(); // the country or the state
  });

  it('knows which countries use a time zone and which keep the same clock', () => {
    expect(zoneCountries('Asia/Shanghai')).toEqual(['CN']);
    expect(zoneCountries('America/Montreal')).toEqual(['CA']); // a link to America/Toronto
    expect(zoneCountries('Asia/Kolkata')).toEqual(['IN']);
    expect(zoneCountries('Etc/UTC')).toEqual([]);
    expect(zoneCountries('Not/AZone')).toEqual([]);
    const now = new Date('2026-06-01T00:00:00Z');
    expect(sameClockZone('Europe/Zurich', 'LI', now)).toBe('Europe/Vaduz');
    expect(sameClockZone('Asia/Shanghai', 'CA', now)).toBeUndefined();
    // Bogotá keeps UTC-5 all year; no US zone does.
    expect(sameClockZone('America/Bogota', 'US', now)).toBeUndefined();
  });
});
