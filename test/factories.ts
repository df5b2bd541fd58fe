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

/**
 * A stored sign-in row (`login_events`) with only what retention and linking read: who, when, from where; every
 * place, network and session column empty.
 */
export function buildLoginEventRow(id: string, subjectId: string, at: string, receivedAt = at) {
  return {
    id,
    source: 'generic',
    event_id: id,
    account: `${subjectId}@example.com`,
    account_name: null,
    subject_id: subjectId,
    at,
    ip: '203.0.113.9',
    outcome: 'success',
    event_type: null,
    app: null,
    user_agent: null,
    device: null,
    session_id: null,
    session_minutes: null,
    input_latency_ms: null,
    country: null,
    region: null,
    city: null,
    lat: null,
    lon: null,
    accuracy_km: null,
    asn: null,
    org: null,
    network_kind: null,
    provider: null,
    allow_list: null,
    allow_label: null,
    is_proxy: null,
    risk: null,
    import_id: null,
    received_at: receivedAt,
  };
}
