import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { phoneInfo } from './phone.ts';
import { voipPhone } from './voip-phone.ts';

// Example numbers from libphonenumber's PhoneNumberMetadata.xml (the <exampleNumber> of each type).
const GB_VOIP = '+44 56 1234 5678';
const JP_VOIP = '+81 50 1234 5678';
const GB_MOBILE = '+44 7400 123456';
const US_FIXED = '+1 201 555 0123';
const CA_FIXED = '+1 506 234 5678';
const GB_PERSONAL = '+44 70 1234 5678';

const phone = (p: string, country?: string): BundleOverrides => ({
  subject: country ? { phone: p, claimedLocation: { country } } : { phone: p },
});

const resume = (phones: string[], subjectPhone?: string): BundleOverrides => ({
  ...(subjectPhone ? { subject: { phone: subjectPhone } } : {}),
  resume: { contact: { phones } },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no phone recorded: not evaluated', {}, 'not_evaluated'],
  ['blank phone: not evaluated', phone('   '), 'not_evaluated'],
  ['not a number: not evaluated', phone('call me maybe'), 'not_evaluated'],
  ['invalid range: not evaluated', phone('+1 555 555 0123'), 'not_evaluated'],
  ['hostile long input: not evaluated', phone('+1'.padEnd(10_000, '2')), 'not_evaluated'],
  ['UK VoIP (056): low', phone(GB_VOIP), 'low'],
  ['Japanese VoIP (050): low', phone(JP_VOIP), 'low'],
  ['national format read in the claimed country (JP 050): low', phone('050-1234-5678', 'JP'), 'low'],
  ['UK mobile: nothing', phone(GB_MOBILE), 'none'],
  ['US landline or mobile: nothing', phone(US_FIXED), 'none'],
  ['Canadian landline or mobile: nothing', phone(CA_FIXED), 'none'],
  ['national format in Canada: nothing', phone('(506) 234-5678', 'CA'), 'none'],
  ['UK personal forwarding number is not VoIP: nothing', phone(GB_PERSONAL), 'none'],
  ['a VoIP number only on the resume: low', resume([JP_VOIP]), 'low'],
  ['no subject phone, a mobile on the resume: nothing', resume([GB_MOBILE]), 'none'],
  [
    'an invalid subject phone and a valid resume phone: evaluated',
    { subject: { phone: '12345' }, resume: { contact: { phones: [CA_FIXED] } } },
    'none',
  ],
  ['only unreadable resume phones: not evaluated', resume(['call me']), 'not_evaluated'],
];

describe('contact.voip-phone', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(voipPhone, bundle))).toBe(expected);
  });

  it('reads number types from the max metadata', () => {
    expect(phoneInfo(GB_VOIP)).toEqual({
      input: GB_VOIP,
      e164: '+445612345678',
      international: '+44 56 1234 5678',
      country: 'GB',
      type: 'VOIP',
      typeText: 'VoIP',
    });
    expect(phoneInfo(GB_MOBILE)?.type).toBe('MOBILE');
    expect(phoneInfo(CA_FIXED)).toMatchObject({ country: 'CA', type: 'FIXED_LINE_OR_MOBILE' });
    expect(phoneInfo('+1 800 555 0123')?.type).toBe('TOLL_FREE');
    expect(phoneInfo('(506) 234-5678', 'CA')).toMatchObject({ country: 'CA', assumedCountry: 'CA' });
    expect(phoneInfo('(506) 234-5678')).toBeUndefined();
  });

  it('explains number, country and type, and notes a country other than the claimed one', () => {
    const s = firstSignal(runDetector(voipPhone, phone(GB_VOIP)));
    expect(s.severity).toBe('low');
    expect(s.evidence).toEqual(['subject.phone']);
    expect(s.explanation).toBe(
      'The phone number +44 56 1234 5678 (GB) is an internet (VoIP) number, not tied to a place.',
    );
    // The default subject claims Toronto, CA: noted, not a separate signal.
    expect(s.data).toEqual({
      phone: '+44 56 1234 5678',
      e164: '+445612345678',
      country: 'GB',
      type: 'VOIP',
      typeText: 'VoIP',
      path: 'subject.phone',
      claimedCountry: 'CA',
      countryDiffersFromClaimed: true,
    });
  });

  it('a number read in the claimed country does not count as agreeing with it', () => {
    const s = firstSignal(runDetector(voipPhone, phone('050-1234-5678', 'JP')));
    expect(s.data).toMatchObject({ country: 'JP', assumedCountry: 'JP' });
    expect(s.data).not.toHaveProperty('countryDiffersFromClaimed');
  });

  it('says why an invalid number is not evaluated', () => {
    expect(runDetector(voipPhone, phone('12345'))).toEqual({
      status: 'not_evaluated',
      reason: expect.stringContaining('"12345" is not a valid number'),
    });
  });

  it('reads the resume phones too, names where each number was found, and does not repeat a number', () => {
    const s = firstSignal(runDetector(voipPhone, resume(['+445612345678', JP_VOIP], GB_VOIP)));
    expect(s.evidence).toEqual(['subject.phone', 'resume.contact.phones[1]']);
    expect(s.explanation).toBe(
      'The phone number +44 56 1234 5678 (GB) is an internet (VoIP) number, not tied to a place. So is +81 50 1234 5678 (JP, on the resume).',
    );
    expect(s.data).toMatchObject({
      path: 'subject.phone',
      others: [
        { phone: '+81 50 1234 5678', e164: '+815012345678', country: 'JP', path: 'resume.contact.phones[1]' },
      ],
    });
  });

  it('a VoIP number only on the resume points at the resume', () => {
    const s = firstSignal(runDetector(voipPhone, resume([GB_MOBILE, GB_VOIP], CA_FIXED)));
    expect(s.evidence).toEqual(['resume.contact.phones[1]']);
    expect(s.explanation).toBe(
      'The phone number +44 56 1234 5678 (GB, on the resume) is an internet (VoIP) number, not tied to a place.',
    );
  });
});
