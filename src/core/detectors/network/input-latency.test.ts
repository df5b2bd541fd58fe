import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import type { Login } from '../../bundle/schema.ts';
import { inputLatency } from './input-latency.ts';
import { IP, march, signIn } from './testing.ts';

const sessions = (latencies: number[]): Login[] =>
  latencies.map((ms, i) => signIn(march(2 + i, 14), IP.toronto, { inputLatencyMs: ms }));

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  [
    'no latency measured: not evaluated',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto)] },
    'not_evaluated',
  ],
  ['4 slow samples: not evaluated (5 needed)', { logins: sessions([300, 310, 290, 320]) }, 'not_evaluated'],
  ['local typing (20–35 ms): nothing', { logins: sessions([20, 28, 18, 22, 35, 31]) }, 'none'],
  ['same-continent remote work (~110 ms): nothing', { logins: sessions([95, 120, 110, 130, 105]) }, 'none'],
  ['one slow day among fast ones: nothing (median)', { logins: sessions([22, 25, 400, 30, 21]) }, 'none'],
  [
    'control from another continent (~280 ms): medium',
    { logins: sessions([260, 290, 310, 275, 240, 30]) },
    'medium',
  ],
];

describe('network.input-latency', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(inputLatency, bundle))).toBe(expected);
  });

  it('gives the median, the ceiling and the slow sessions with time and address', () => {
    const s = firstSignal(runDetector(inputLatency, { logins: sessions([260, 290, 310, 275, 240, 30]) }));
    expect(s.explanation).toBe(
      'Input latency averaged 268 ms, far above what working from Toronto, CA allows. ' +
        'That is the median of 6 measurements (highest 310 ms); a person at the keyboard, even working remotely ' +
        'within one continent, stays under 150 ms. Slow sessions: 260 ms at 2026-03-02 14:00 UTC from 99.224.0.1; ' +
        '290 ms at 2026-03-03 14:00 UTC from 99.224.0.1; 310 ms at 2026-03-04 14:00 UTC from 99.224.0.1; ' +
        '275 ms at 2026-03-05 14:00 UTC from 99.224.0.1; 240 ms at 2026-03-06 14:00 UTC from 99.224.0.1.',
    );
    expect(s.data).toEqual({ medianMs: 268, expectedMaxMs: 150, samples: 6, maxMs: 310 });
    expect(s.evidence).toEqual(['logins[0]', 'logins[1]', 'logins[2]', 'logins[3]', 'logins[4]']);
  });
});
