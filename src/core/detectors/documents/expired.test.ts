import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { documentsExpired } from './expired.ts';

const passport = (expiry: string | undefined, receivedAt?: string) => ({
  kind: 'passport' as const,
  receivedAt,
  fields: expiry ? { expiry } : {},
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no documents: not evaluated', {}, 'not_evaluated'],
  [
    'no expiry recorded: not evaluated',
    { documents: [passport(undefined, '2026-01-10T10:00:00Z')] },
    'not_evaluated',
  ],
  ['valid when received: nothing', { documents: [passport('2030-01-01', '2026-01-10T10:00:00Z')] }, 'none'],
  [
    'expires on the day it is received: nothing',
    { documents: [passport('2026-01-10', '2026-01-10T10:00:00Z')] },
    'none',
  ],
  [
    'expired before it was received: medium',
    { documents: [passport('2025-12-31', '2026-01-10T10:00:00Z')] },
    'medium',
  ],
  ['not received, expired before now: medium', { documents: [passport('2026-05-01')] }, 'medium'],
  ['not received, valid now: nothing', { documents: [passport('2027-05-01')] }, 'none'],
  [
    'no printed expiry: the MRZ expiry (2023-01-14) counts',
    {
      documents: [
        {
          kind: 'passport',
          receivedAt: '2026-01-10T10:00:00Z',
          mrz: [
            'P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<',
            'ZE000509<9CAN8501019F2301147<<<<<<<<<<<<<<08',
          ],
        },
      ],
    },
    'medium',
  ],
  [
    'an MRZ with a broken check digit gives no expiry (mrz-invalid reports it)',
    {
      documents: [
        {
          kind: 'passport',
          receivedAt: '2026-01-10T10:00:00Z',
          mrz: [
            'P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<',
            'ZE000509<9CAN8501019F2301148<<<<<<<<<<<<<<08',
          ],
        },
      ],
    },
    'not_evaluated',
  ],
  [
    'an old diploma is not an identity document',
    { documents: [{ kind: 'diploma', fields: { expiry: '2020-01-01' } }] },
    'not_evaluated',
  ],
];

describe('documents.expired', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(documentsExpired, bundle))).toBe(expected);
  });

  it('gives both dates', () => {
    const s = firstSignal(
      runDetector(documentsExpired, { documents: [passport('2025-12-31', '2026-01-10T10:00:00Z')] }),
    );
    expect(s.explanation).toBe('The passport expired on 2025-12-31, before it was presented on 2026-01-10.');
  });
});
