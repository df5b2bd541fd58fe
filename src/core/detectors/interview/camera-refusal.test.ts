import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { cameraRefusal } from './camera-refusal.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  [
    'only phone screens planned: not evaluated',
    { interviews: [iv({ plannedMode: 'phone', actualMode: 'phone' })] },
    'not_evaluated',
  ],
  ['camera on: nothing', { interviews: [iv(), iv()] }, 'none'],
  [
    'held in person: nothing',
    { interviews: [iv({ plannedMode: 'in_person', actualMode: 'in_person', cameraOn: false })] },
    'none',
  ],
  [
    'cancelled video interview does not count',
    { interviews: [iv({ status: 'no_show', cameraOn: false })] },
    'not_evaluated',
  ],
  [
    'camera off once: medium',
    { interviews: [iv({ cameraOn: false, excuse: 'camera broken' }), iv()] },
    'medium',
  ],
  [
    'moved to phone once: medium',
    { interviews: [iv({ actualMode: 'phone', cameraOn: undefined })] },
    'medium',
  ],
  ['twice: high', { interviews: [iv({ cameraOn: false }), iv({ actualMode: 'chat' }), iv()] }, 'high'],
];

describe('interview.camera-refusal', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(cameraRefusal, bundle))).toBe(expected);
  });

  it('explains counts and excuses with evidence paths', () => {
    const s = firstSignal(
      runDetector(cameraRefusal, {
        interviews: [
          iv({ cameraOn: false, excuse: 'camera broken' }),
          iv({ actualMode: 'chat', excuse: 'camera broken' }),
          iv(),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'Camera was off or the interview was moved off video in 2 of 3 planned video or in-person interviews (excuse: camera broken).',
    );
    expect(s.evidence).toEqual(['interviews[0]', 'interviews[1]']);
    expect(s.data).toMatchObject({ count: 2, total: 3 });
  });
});
