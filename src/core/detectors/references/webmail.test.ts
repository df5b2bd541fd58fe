import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { Reference } from './reference.ts';
import { isPersonalRelationship } from './reference.ts';
import { referencesWebmail } from './webmail.ts';
import { webmailProvider } from './webmail-domains.ts';

const ref = (email: string | undefined, extra: Partial<Reference> = {}): Reference => ({
  name: 'Jane Roe',
  relationship: 'former manager',
  organization: 'Shopwise Inc.',
  ...(email ? { email } : {}),
  ...extra,
});
const refs = (...r: Reference[]): BundleOverrides => ({ references: r });

const cases: [string, BundleOverrides, Expectation][] = [
  ['no references: not evaluated', {}, 'not_evaluated'],
  ['no reference email: not evaluated', refs(ref(undefined, { phone: '+1 416 555 0134' })), 'not_evaluated'],
  [
    'only a friend with gmail: not evaluated',
    refs(ref('jane@gmail.com', { relationship: 'friend' })),
    'not_evaluated',
  ],
  [
    'no organisation: not evaluated',
    refs(ref('jane@gmail.com', { organization: undefined })),
    'not_evaluated',
  ],
  ['manager on gmail: low', refs(ref('jane.roe@gmail.com')), 'low'],
  ['colleague on hotmail.co.uk: low', refs(ref('jr@Hotmail.co.uk', { relationship: 'colleague' })), 'low'],
  ['manager on qq.com: low', refs(ref('123456@qq.com')), 'low'],
  ['manager on proton.me: low', refs(ref('jr@proton.me')), 'low'],
  ['manager on yandex.ru: low', refs(ref('jr@yandex.ru')), 'low'],
  ['manager on the company domain: nothing', refs(ref('jane.roe@shopwise.com')), 'none'],
  [
    'personal reference on gmail, manager on work mail: nothing',
    refs(ref('j@gmail.com', { relationship: 'personal reference' }), ref('jane@shopwise.com')),
    'none',
  ],
  [
    'someone at Yahoo using yahoo.com: nothing',
    refs(ref('jr@yahoo.com', { organization: 'Yahoo Inc.' })),
    'none',
  ],
  [
    'a business partner is professional: low',
    refs(ref('jr@gmail.com', { relationship: 'business partner' })),
    'low',
  ],
  ['hostile long email: nothing', refs(ref(`${'a'.repeat(100_000)}@gmail.com`)), 'none'],
];

describe('references.webmail', () => {
  it.each(cases)('%s', (_n, bundle, expected) => {
    expect(summarize(runDetector(referencesWebmail, bundle))).toBe(expected);
  });

  it('explains the organisation, the address and who gave it', () => {
    const s = firstSignal(
      runDetector(
        referencesWebmail,
        refs(
          ref('jane@shopwise.com'),
          ref('Jane.Roe@Gmail.com', { name: 'Sam Poe', organization: 'Acme Corp' }),
        ),
      ),
    );
    expect(s.explanation).toBe(
      "The reference for Acme Corp uses a free webmail address (Jane.Roe@Gmail.com) instead of the organisation's own domain. Reference: Sam Poe (former manager, Acme Corp): Jane.Roe@Gmail.com.",
    );
    expect(s.evidence).toEqual(['references[1].email']);
    expect(s.data).toEqual({
      count: 1,
      references: [{ index: 1, organization: 'Acme Corp', email: 'Jane.Roe@Gmail.com', domain: 'gmail.com' }],
    });
  });

  it('knows providers under country domains but not look-alikes', () => {
    expect(webmailProvider('yahoo.co.jp')).toBe('yahoo');
    expect(webmailProvider('outlook.de')).toBe('outlook');
    expect(webmailProvider('163.com')).toBe('163');
    expect(webmailProvider('mail.ru')).toBe('mail');
    expect(webmailProvider('yahoo.example.org')).toBeUndefined();
    expect(webmailProvider('gmail.company.com')).toBeUndefined();
    expect(webmailProvider('shopwise.com')).toBeUndefined();
    expect(isPersonalRelationship('Friend from university')).toBe(true);
    expect(isPersonalRelationship('sister')).toBe(true);
    expect(isPersonalRelationship('partner at the firm')).toBe(false);
    expect(isPersonalRelationship('team lead')).toBe(false);
  });
});
