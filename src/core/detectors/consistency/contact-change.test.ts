import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { contactChange } from './contact-change.ts';

type Field = 'email' | 'phone' | 'home_address';
const change = (at: string, field: Field, from: string | null, to: string) => ({ at, field, from, to });
const employee = { kind: 'employee' as const, startDate: '2026-03-01' };

const cases: [string, BundleOverrides, Expectation][] = [
  ['no change history: not evaluated', {}, 'not_evaluated'],
  [
    'employee without start date: not evaluated',
    { subject: { kind: 'employee' }, changes: [] },
    'not_evaluated',
  ],
  [
    'first email recorded is not a change',
    { changes: [change('2026-01-01T10:00:00Z', 'email', null, 'a@x.example')] },
    'none',
  ],
  [
    'candidate changes email: low',
    { changes: [change('2026-01-05T10:00:00Z', 'email', 'a@x.example', 'b@y.example')] },
    'low',
  ],
  [
    'employee changed phone before start: low',
    {
      subject: employee,
      changes: [change('2026-02-05T10:00:00Z', 'phone', '+1 416 555 0101', '+1 416 555 0199')],
    },
    'low',
  ],
  [
    'employee changed phone after start: nothing',
    {
      subject: employee,
      changes: [change('2026-04-05T10:00:00Z', 'phone', '+1 416 555 0101', '+1 416 555 0199')],
    },
    'none',
  ],
  [
    'address changes do not count',
    { changes: [change('2026-01-05T10:00:00Z', 'home_address', 'a', 'b')] },
    'none',
  ],
];

describe('consistency.contact-change', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(contactChange, bundle))).toBe(expected);
  });

  it('names the fields and counts', () => {
    const s = firstSignal(
      runDetector(contactChange, {
        changes: [
          change('2026-01-05T10:00:00Z', 'email', 'a@x.example', 'b@y.example'),
          change('2026-01-06T10:00:00Z', 'phone', '1', '2'),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'The candidate changed email address and phone number twice during the hiring process.',
    );
    expect(s.evidence).toEqual(['changes[0]', 'changes[1]']);
  });
});
