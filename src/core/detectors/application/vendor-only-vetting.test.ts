import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildInterview,
  type Expectation,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { vendorOnlyVetting } from './vendor-only-vetting.ts';

const viaVendor = { application: { source: { channel: 'vendor' as const, vendor: 'TalentBridge Ltd' } } };

const cases: [string, BundleOverrides, Expectation][] = [
  ['source unknown: not evaluated', {}, 'not_evaluated'],
  ['job board: nothing', { application: { source: { channel: 'job_board' } } }, 'none'],
  ['vendor and nothing else: low', viaVendor, 'low'],
  ['vendor but camera-on video interview: nothing', { ...viaVendor, interviews: [buildInterview()] }, 'none'],
  [
    'vendor, interview with camera off: low',
    { ...viaVendor, interviews: [buildInterview({ cameraOn: false })] },
    'low',
  ],
  [
    'vendor but passport received: nothing',
    { ...viaVendor, documents: [{ kind: 'passport', receivedAt: '2026-01-01T10:00:00Z' }] },
    'none',
  ],
  [
    'vendor but in-person check done: nothing',
    { ...viaVendor, onboarding: { inPersonVerifiedAt: '2026-01-01T10:00:00Z' } },
    'none',
  ],
];

describe('application.vendor-only-vetting', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(vendorOnlyVetting, bundle))).toBe(expected);
  });
});
