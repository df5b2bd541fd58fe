import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { prepayment } from './prepayment.ts';

const msg = (text: string) => ({ at: '2026-03-20T10:00:00Z', direction: 'inbound' as const, text });

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  ['ordinary payroll: nothing', { payments: [{ kind: 'payroll', method: 'bank' }] }, 'none'],
  [
    'one advance request: low',
    { payments: [{ kind: 'request', text: 'Could I get an advance on my first salary?' }] },
    'low',
  ],
  [
    'repeated requests: medium',
    {
      payments: [{ kind: 'request', text: 'Can you prepay the first month?' }],
      incidents: [{ kind: 'prepayment_request', text: 'asked again for an advance' }],
    },
    'medium',
  ],
  [
    'Russian message asking for an advance: low',
    { communications: [msg('Можно получить аванс по зарплате?')] },
    'low',
  ],
  [
    '"advance my career" is not a prepayment',
    { communications: [msg('This role would advance my career.')] },
    'none',
  ],
];

describe('payments.prepayment', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(prepayment, bundle))).toBe(expected);
  });
});
