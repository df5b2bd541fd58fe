// Test factories: bundles with overrides, a fixed clock, and a detector runner.
import type { CaseBundle, Interview } from '../src/core/bundle/schema.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import type {
  Detector,
  DetectorContext,
  DetectorOutcome,
  Policy,
  Severity,
  Signal,
} from '../src/core/types.ts';

/** The fixed clock of the tests: 2026-06-01T00:00:00Z. */
export const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

type Subject = CaseBundle['subject'];
export type BundleOverrides = Omit<Partial<CaseBundle>, 'subject'> & { subject?: Partial<Subject> };

/** A minimal valid bundle (Toronto candidate, nothing else recorded) with overrides applied. */
export function buildBundle(overrides: BundleOverrides = {}): CaseBundle {
  const { subject, ...rest } = overrides;
  return {
    format: 'gatecheck.case-bundle/v1',
    ...rest,
    subject: {
      id: 'cand-0001',
      kind: 'candidate',
      name: 'Alex Doe',
      claimedLocation: { city: 'Toronto', region: 'ON', country: 'CA', timezone: 'America/Toronto' },
      ...subject,
    },
  };
}

export function buildPolicy(overrides: Partial<Policy> = {}): Policy {
  return { ...DEFAULT_POLICY, ...overrides };
}

export function buildContext(overrides: Partial<DetectorContext> = {}): DetectorContext {
  return {
    now: FIXED_NOW,
    policy: DEFAULT_POLICY,
    intel: { available: new Set<string>() },
    population: [],
    ...overrides,
  };
}

/** A held video interview with the camera on, plus overrides. */
export function buildInterview(overrides: Partial<Interview> = {}): Interview {
  return {
    at: '2026-01-10T10:00:00-05:00',
    plannedMode: 'video',
    actualMode: 'video',
    status: 'held',
    cameraOn: true,
    ...overrides,
  };
}

export function runDetector(
  detector: Detector,
  overrides: BundleOverrides = {},
  ctx: Partial<DetectorContext> = {},
): DetectorOutcome {
  return detector.detect(buildBundle(overrides), buildContext(ctx));
}

/** What a table row expects: a severity when it fires, 'none' when evaluated with nothing, 'not_evaluated'. */
export type Expectation = Severity | 'none' | 'not_evaluated';

export function summarize(outcome: DetectorOutcome): Expectation {
  if (outcome.status === 'not_evaluated') return 'not_evaluated';
  return outcome.signals[0]?.severity ?? 'none';
}

export function firstSignal(outcome: DetectorOutcome): Signal {
  if (outcome.status !== 'evaluated' || outcome.signals.length === 0)
    throw new Error('expected a fired signal');
  return outcome.signals[0]!;
}
