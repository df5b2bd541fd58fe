import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { environment } from './environment.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  ['camera never on: not evaluated', { interviews: [iv({ cameraOn: false })] }, 'not_evaluated'],
  ['camera on, nothing noted: nothing', { interviews: [iv()] }, 'none'],
  [
    'normal environment value: nothing',
    { interviews: [iv({ checks: { environment: 'home_office' } })] },
    'none',
  ],
  ['virtual background: low', { interviews: [iv({ checks: { environment: 'virtual_background' } })] }, 'low'],
  [
    'call-centre noise in a note: low',
    { interviews: [iv({ observations: ['Lots of voices in the background, like a call center'] })] },
    'low',
  ],
  [
    'refused to show the room: low',
    { interviews: [iv({ observations: ['Refused to show the room when asked'] })] },
    'low',
  ],
];

describe('interview.environment', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(environment, bundle))).toBe(expected);
  });

  it('says what was unusual', () => {
    const s = firstSignal(
      runDetector(environment, { interviews: [iv({ checks: { environment: 'virtual_background' } })] }),
    );
    expect(s.explanation).toBe(
      'The call environment was hidden or unusual in 1 interview: virtual background.',
    );
  });
});
