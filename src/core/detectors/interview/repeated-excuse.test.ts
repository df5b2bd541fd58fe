import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { excuseFamilies, repeatedExcuse } from './repeated-excuse.ts';

const msg = (text: string) => ({ at: '2026-01-10T10:00:00-05:00', direction: 'inbound' as const, text });

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  [
    'one excuse: nothing',
    { interviews: [iv({ excuse: 'laptop camera broken', cameraOn: false }), iv()] },
    'none',
  ],
  [
    'camera broken / laptop camera broken / my camera is broken: same family',
    {
      interviews: [iv({ excuse: 'camera broken' }), iv({ excuse: 'laptop camera broken' })],
      communications: [msg('My camera is broken.')],
    },
    'medium',
  ],
  [
    'different families: nothing',
    { interviews: [iv({ excuse: 'camera broken' }), iv({ excuse: 'bad internet connection' })] },
    'none',
  ],
  [
    'connection twice: medium',
    { interviews: [iv({ excuse: 'bad internet connection' }), iv({ excuse: 'wifi is unstable today' })] },
    'medium',
  ],
  [
    'interviewer note of a working camera is not an excuse',
    {
      interviews: [
        iv({ excuse: 'camera broken' }),
        iv({ observations: ['Camera on (external webcam); solid answers'] }),
      ],
    },
    'none',
  ],
  [
    'a message that mentions the camera without a problem is not an excuse',
    {
      interviews: [iv({ excuse: 'camera broken' })],
      communications: [msg('I bought a new camera, see you tomorrow!')],
    },
    'none',
  ],
];

describe('interview.repeated-excuse', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(repeatedExcuse, bundle))).toBe(expected);
  });

  it.each([
    ['camera broken', ['camera']],
    ['laptop camera broken', ['camera']],
    ['My webcam stopped working', ['camera']],
    ['micro not working', []],
    ['my mic is dead', ['microphone']],
    ['power outage in my area', ['power']],
  ])('families of %j', (text, families) => {
    expect(excuseFamilies(text, true)).toEqual(families);
  });

  it('counts each occasion once and quotes examples', () => {
    const s = firstSignal(
      runDetector(repeatedExcuse, {
        interviews: [iv({ excuse: 'camera broken' }), iv({ excuse: 'camera broken' })],
      }),
    );
    expect(s.data).toMatchObject({ family: 'camera', count: 2 });
    expect(s.explanation).toBe('The same kind of excuse (camera) was given 2 times: "camera broken".');
  });
});
