import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { textOnlyPreference } from './text-only-preference.ts';

const msg = (text: string, direction: 'inbound' | 'outbound' = 'inbound') => ({
  at: '2026-01-10T10:00:00-05:00',
  channel: 'email',
  direction,
  text,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  ['video interview: nothing', { interviews: [iv()] }, 'none'],
  [
    'moved to chat by the interviewer: nothing',
    { interviews: [iv({ actualMode: 'chat', observations: ['Our video tool failed, we used chat'] })] },
    'none',
  ],
  [
    'moved to Slack at his request: low',
    { interviews: [iv({ actualMode: 'chat', observations: ['Moved to Slack chat at his request'] })] },
    'low',
  ],
  [
    'asks for chat interview by email: low',
    { communications: [msg('Can we do interview by chat? My camera is broken.')] },
    'low',
  ],
  [
    'prefers email over a call: low',
    { communications: [msg('I would prefer to answer the questions by email instead of a call.')] },
    'low',
  ],
  [
    'our own message proposing chat does not count',
    { communications: [msg('Can we do the interview by chat?', 'outbound')] },
    'none',
  ],
  [
    'a normal email mentioning a meeting: nothing',
    { communications: [msg('Thanks, see you at the meeting on Tuesday.')] },
    'none',
  ],
];

describe('interview.text-only-preference', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(textOnlyPreference, bundle))).toBe(expected);
  });

  it('names the channels and counts occasions', () => {
    const s = firstSignal(
      runDetector(textOnlyPreference, {
        interviews: [iv({ actualMode: 'chat', observations: ['Moved to Slack chat at his request'] })],
        communications: [msg('Could we do the interview over Telegram?')],
      }),
    );
    expect(s.evidence).toEqual(['interviews[0]', 'communications[0]']);
    expect(s.explanation).toContain('slack, telegram');
    expect(s.explanation).toContain('twice');
  });
});
