import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { referencesContradicts } from './contradicts.ts';
import type { Reference } from './reference.ts';
import { referencesUnverifiable } from './unverifiable.ts';

const ref = (outcome: Reference['outcome'], extra: Partial<Reference> = {}): Reference => ({
  name: 'Jane Roe',
  relationship: 'former manager',
  organization: 'Shopwise Inc.',
  ...(outcome ? { outcome } : {}),
  ...extra,
});
const refs = (...r: Reference[]): BundleOverrides => ({ references: r });

describe('references.unverifiable', () => {
  const cases: [string, BundleOverrides, Expectation][] = [
    ['no references: not evaluated', {}, 'not_evaluated'],
    ['only pending checks: not evaluated', refs(ref('pending'), ref(undefined)), 'not_evaluated'],
    ['all verified: nothing', refs(ref('verified')), 'none'],
    ['a contradiction is not this signal', refs(ref('contradicts')), 'none'],
    ['one unverifiable: medium', refs(ref('unverifiable')), 'medium'],
    ['one unverifiable, one verified: medium', refs(ref('unverifiable'), ref('verified')), 'medium'],
    [
      'two unverifiable, one pending: high',
      refs(ref('unverifiable'), ref('unverifiable'), ref('pending')),
      'high',
    ],
    [
      'two unverifiable, one verified: medium',
      refs(ref('unverifiable'), ref('unverifiable'), ref('verified')),
      'medium',
    ],
  ];
  it.each(cases)('%s', (_n, bundle, expected) => {
    expect(summarize(runDetector(referencesUnverifiable, bundle))).toBe(expected);
  });

  it('explains who, the relationship, the organisation and the notes', () => {
    const s = firstSignal(
      runDetector(
        referencesUnverifiable,
        refs(
          ref('verified', { name: 'Sam Poe' }),
          ref('unverifiable', { notes: 'phone disconnected; company has no record of the number' }),
        ),
      ),
    );
    expect(s.explanation).toBe(
      'A reference could not be verified: Jane Roe (former manager, Shopwise Inc.), noting "phone disconnected; company has no record of the number" (1 other reference was verified).',
    );
    expect(s.evidence).toEqual(['references[1]']);
    expect(s.data).toMatchObject({
      count: 1,
      verified: 1,
      references: [{ index: 1, organization: 'Shopwise Inc.' }],
    });
  });

  it('names every unverifiable reference', () => {
    const s = firstSignal(
      runDetector(
        referencesUnverifiable,
        refs(
          ref('unverifiable'),
          ref('unverifiable', { name: undefined, organization: undefined, relationship: undefined }),
        ),
      ),
    );
    expect(s.explanation).toBe(
      '2 references could not be verified: Jane Roe (former manager, Shopwise Inc.); reference 2.',
    );
  });
});

describe('references.contradicts', () => {
  const cases: [string, BundleOverrides, Expectation][] = [
    ['no references: not evaluated', {}, 'not_evaluated'],
    ['only pending: not evaluated', refs(ref('pending')), 'not_evaluated'],
    ['verified and unverifiable: nothing', refs(ref('verified'), ref('unverifiable')), 'none'],
    ['a contradiction: high', refs(ref('verified'), ref('contradicts')), 'high'],
  ];
  it.each(cases)('%s', (_n, bundle, expected) => {
    expect(summarize(runDetector(referencesContradicts, bundle))).toBe(expected);
  });

  it('quotes what the reference said', () => {
    const s = firstSignal(
      runDetector(
        referencesContradicts,
        refs(
          ref('contradicts', { notes: 'Only worked here 4 months in 2021, as a contractor, not a lead.' }),
        ),
      ),
    );
    expect(s.explanation).toBe(
      'A reference contradicted the candidate: Jane Roe (former manager, Shopwise Inc.), who said "Only worked here 4 months in 2021, as a contractor, not a lead.".',
    );
    expect(s.evidence).toEqual(['references[0]']);
  });
});
