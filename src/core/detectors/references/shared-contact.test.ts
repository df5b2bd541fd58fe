import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildBundle,
  buildContext,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { emailKey, phoneKey } from './contact-keys.ts';
import type { Reference } from './reference.ts';
import { referencesSharedContact } from './shared-contact.ts';

const ref = (extra: Partial<Reference> = {}): Reference => ({
  name: 'Jane Roe',
  relationship: 'former manager',
  organization: 'Shopwise Inc.',
  ...extra,
});
const me = { email: 'alex.doe@gmail.com', phone: '+1 416 555 0134' };
const bundle = (references: Reference[], extra: BundleOverrides = {}): BundleOverrides => ({
  ...extra,
  subject: { ...me, ...extra.subject },
  references,
});
const HOME = { line1: '12 King St W', city: 'Toronto', region: 'ON', postalCode: 'M5H 1A1', country: 'CA' };
const moved: BundleOverrides = {
  changes: [{ at: '2026-01-05T10:00:00-05:00', field: 'home_address', to: HOME }],
};

const cases: [string, BundleOverrides, Expectation][] = [
  ['no references: not evaluated', bundle([]), 'not_evaluated'],
  [
    'references without contact details: not evaluated',
    bundle([ref(), ref({ phone: '12' })]),
    'not_evaluated',
  ],
  [
    'own contacts differ: nothing',
    bundle([ref({ email: 'jane@shopwise.com', phone: '+1 613 555 0199' })]),
    'none',
  ],
  [
    "reference phone is the candidate's, written nationally: high",
    bundle([ref({ phone: '(416) 555-0134' })]),
    'high',
  ],
  [
    "reference email is the candidate's with dots and a +tag: high",
    bundle([ref({ email: 'AlexDoe+refs@googlemail.com' })]),
    'high',
  ],
  [
    "reference lives at the candidate's home address: high",
    bundle([ref({ address: '12 King St. W, Toronto, ON M5H 1A1, CA' } as Partial<Reference>)], moved),
    'high',
  ],
  [
    "a sister at the candidate's address is expected: nothing",
    bundle(
      [ref({ relationship: 'sister', address: '12 King St W, Toronto ON M5H1A1 CA' } as Partial<Reference>)],
      moved,
    ),
    'none',
  ],
  [
    'a declared household member as reference at the same address: nothing',
    bundle([ref({ name: 'Priya Raman', address: HOME } as Partial<Reference>)], {
      ...moved,
      subject: { household: [{ name: 'Priya Raman', relationship: 'spouse' }] },
    }),
    'none',
  ],
  [
    'two references share one phone: high',
    bundle([ref({ phone: '+44 7400 123456' }), ref({ name: 'Sam Poe', phone: '+447400123456' })]),
    'high',
  ],
  [
    "a sister sharing the candidate's phone still counts: high",
    bundle([ref({ relationship: 'sister', phone: '416-555-0134' })]),
    'high',
  ],
];

describe('references.shared-contact', () => {
  it.each(cases)('%s', (_n, b, expected) => {
    expect(summarize(runDetector(referencesSharedContact, b))).toBe(expected);
  });

  it('explains which value and with whom', () => {
    const s = firstSignal(
      runDetector(
        referencesSharedContact,
        bundle([ref({ email: 'jane@shopwise.com' }), ref({ name: 'Sam Poe', phone: '(416) 555-0134' })]),
      ),
    );
    expect(s.explanation).toBe(
      "A reference shares the phone number +1 416 555 0134 with the candidate. Sam Poe (former manager, Shopwise Inc.) gives the phone number +1 416 555 0134, also the candidate's own.",
    );
    expect(s.evidence).toEqual(['references[1].phone', 'subject.phone']);
    expect(s.data).toEqual({
      count: 1,
      shared: [
        {
          reference: 1,
          kind: 'phone',
          value: '+14165550134',
          withCandidate: true,
          withSubject: null,
          withReference: null,
        },
      ],
    });
  });

  it("a reference using the candidate's phone or email from the resume", () => {
    const s = firstSignal(
      runDetector(
        referencesSharedContact,
        bundle([ref({ phone: '+44 7400 123456' }), ref({ name: 'Sam Poe', email: 'alex.dev@proton.me' })], {
          resume: {
            contact: { emails: ['alex.doe@gmail.com', 'Alex.Dev@proton.me'], phones: ['+447400123456'] },
          },
        }),
      ),
    );
    expect(s.evidence).toEqual([
      'references[0].phone',
      'resume.contact.phones[0]',
      'references[1].email',
      'resume.contact.emails[1]',
    ]);
    expect(s.explanation).toBe(
      "A reference shares the phone number +44 7400 123456 with the candidate. Jane Roe (former manager, Shopwise Inc.) gives the phone number +44 7400 123456, also the candidate's own. Sam Poe (former manager, Shopwise Inc.) gives the email address alex.dev@proton.me, also the candidate's own.",
    );
  });

  it('resume contacts count across the population too', () => {
    const candidate = buildBundle({
      subject: { id: 'cand-1', name: 'Alex Doe' },
      resume: { contact: { phones: ['+447400123456'] } },
    });
    const other = buildBundle({
      subject: { id: 'cand-2', name: 'Sam Poe' },
      references: [ref({ phone: '07400 123456' })],
    });
    const population = [candidate, other];
    const out = referencesSharedContact.detect(other, buildContext({ population }));
    expect(summarize(out)).toBe('none'); // read in CA, 07400 123456 is not the UK number
    const otherGb = buildBundle({
      subject: { id: 'cand-2', name: 'Sam Poe', claimedLocation: { country: 'GB' } },
      references: [ref({ phone: '07400 123456' })],
    });
    const s = firstSignal(
      referencesSharedContact.detect(otherGb, buildContext({ population: [candidate, otherGb] })),
    );
    expect(s.explanation).toContain('also given by another subject, Alex Doe (cand-1)');
  });

  it('normalises emails and phones', () => {
    expect(emailKey(' J.Doe+x@GoogleMail.com ')?.key).toBe('jdoe@gmail.com');
    expect(emailKey('j.doe+x@shopwise.com')?.key).toBe('j.doe@shopwise.com');
    expect(phoneKey('0044 7400 123456', undefined)?.key).toBe('+447400123456');
    expect(phoneKey('07400 123456', 'GB')?.key).toBe('+447400123456');
    expect(phoneKey('555-0100-9999', undefined)?.key).toBe('digits:55501009999');
    expect(phoneKey('123', 'CA')).toBeUndefined();
  });

  describe('across the population', () => {
    const person = (
      id: string,
      name: string,
      country: string,
      references: Reference[],
      household?: string[],
    ): CaseBundle =>
      buildBundle({
        subject: {
          id,
          name,
          claimedLocation: { country },
          ...(household ? { household: household.map((subjectId) => ({ subjectId })) } : {}),
        },
        references,
      });
    const assess = (population: CaseBundle[]) => {
      const ctx = buildContext({ population });
      return population.map((b) => referencesSharedContact.detect(b, ctx));
    };

    it('two candidates whose references share one phone written differently both fire', () => {
      const alex = person('cand-0001', 'Alex Doe', 'US', [
        ref({ name: 'John Smith', organization: 'Acme Corp', phone: '(201) 555-0123' }),
      ]);
      const bob = person('cand-0002', 'Bob Roe', 'GB', [
        ref({ name: 'Jim Smyth', organization: 'Beta Ltd', phone: '+1 201.555.0123' }),
      ]);
      const carol = person('cand-0003', 'Carol Poe', 'US', [ref({ phone: '(201) 555-0199' })]);
      const [a, b, c] = assess([alex, bob, carol]);
      const s = firstSignal(a!);
      expect(s.severity).toBe('high');
      expect(s.explanation).toBe(
        "A reference shares the phone number +1 201 555 0123 with Bob Roe (cand-0002)'s reference Jim Smyth (former manager, Beta Ltd). " +
          "John Smith (former manager, Acme Corp) gives the phone number +1 201 555 0123, also given by Bob Roe (cand-0002)'s reference Jim Smyth (former manager, Beta Ltd).",
      );
      expect(s.data).toMatchObject({
        shared: [{ kind: 'phone', value: '+12015550123', withSubject: 'cand-0002', withReference: 0 }],
      });
      expect(firstSignal(b!).data).toMatchObject({ shared: [{ withSubject: 'cand-0001' }] });
      expect(summarize(c!)).toBe('none');
    });

    it('a reference who is another subject, by email', () => {
      const alex = person('cand-0001', 'Alex Doe', 'CA', [ref({ email: 'b.roe@outlook.com' })]);
      const bob = buildBundle({ subject: { id: 'emp-0009', name: 'Bob Roe', email: 'B.Roe@Outlook.com' } });
      const [a, b] = assess([alex, bob]);
      expect(firstSignal(a!).explanation).toContain('with another subject, Bob Roe (emp-0009)');
      expect(summarize(b!)).toBe('not_evaluated');
    });

    it('declared household members do not count against each other', () => {
      const alex = person('cand-0001', 'Alex Doe', 'US', [ref({ phone: '(201) 555-0123' })], ['cand-0002']);
      const bob = person('cand-0002', 'Bob Roe', 'US', [ref({ phone: '201 555 0123' })]);
      expect(assess([alex, bob]).map(summarize)).toEqual(['none', 'none']);
    });

    it('the same subject twice in the population is not a match with itself', () => {
      const alex = person('cand-0001', 'Alex Doe', 'US', [ref({ phone: '(201) 555-0123' })]);
      const again = structuredClone(alex);
      expect(assess([alex, again]).map(summarize)).toEqual(['none', 'none']);
    });
  });
});
