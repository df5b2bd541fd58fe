import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { byodRequest } from './byod-request.ts';

const msg = (text: string) => ({ at: '2026-02-25T10:00:00Z', direction: 'inbound' as const, text });

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  ['other incidents only: nothing', { incidents: [{ kind: 'other', text: 'late to standup' }] }, 'none'],
  [
    'byod incident: medium',
    { incidents: [{ kind: 'byod_request', text: 'Asked to use his own PC' }] },
    'medium',
  ],
  [
    'asks by email to use own laptop: medium',
    { communications: [msg('No need to ship the company laptop, I can use my own laptop instead.')] },
    'medium',
  ],
  [
    'asks for a virtual desktop: medium',
    { communications: [msg('Could I use a virtual desktop instead of the laptop?')] },
    'medium',
  ],
  [
    'mentions a personal laptop innocently: nothing',
    { communications: [msg('My personal laptop is old, happy to get the new one!')] },
    'none',
  ],
];

describe('onboarding.byod-request', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(byodRequest, bundle))).toBe(expected);
  });
});
