// Domain types shared by every layer. Pure data: no I/O, no clock.
import type { CaseBundle } from './bundle/schema.ts';
import type { ChecklistPolicy } from './checklist/checklist.ts';
import type { IndicatorLookup } from './intel/indicators.ts';
import type { IpLookup } from './intel/ip.ts';
import type { SanctionsLookup } from './intel/sanctions.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type Band = 'low' | 'elevated' | 'high' | 'critical';
export const BANDS: readonly Band[] = ['low', 'elevated', 'high', 'critical'];

/** Keys of the advisories a signal cites (see signals.md). */
export type SourceKey = 'seed' | 'ca-2025' | 'us-2022' | 'us-2023' | 'fbi-2025' | 'uk-2024' | 'research';

export type SignalFamily =
  | 'interview'
  | 'documents'
  | 'consistency'
  | 'application'
  | 'contact'
  | 'references'
  | 'network'
  | 'payments'
  | 'logistics'
  | 'links'
  | 'sanctions'
  | 'liveness'
  | 'onboarding'
  | 'employment';

/** One catalog entry: the stable, documented meaning of a signal id. */
export type SignalDefinition = {
  id: string;
  family: SignalFamily;
  title: string;
  /** When it fires, in plain language (from signals.md). */
  firesWhen: string;
  defaultSeverity: Severity;
  /** The highest severity a detector may raise it to with repetition or corroboration. */
  maxSeverity: Severity;
  /** Plain-language explanation template; `{placeholders}` are filled from the signal's data. */
  explanation: string;
  sources: SourceKey[];
  /** What a person should do to confirm or clear it. */
  howToVerify: string;
  /** Check id (see checks.ts) this signal belongs to. */
  check: string;
};

/** A fired signal: what fired, on which evidence, why, citing whom. */
export type Signal = {
  id: string;
  severity: Severity;
  explanation: string;
  /** JSON paths into the bundle, e.g. `interviews[0]`, `logins[3].ip`. */
  evidence: string[];
  sources: SourceKey[];
  /** The numbers that made it fire (counts, ratios, dates), kept so UIs and reports render, not recompute. */
  data?: Record<string, unknown>;
};

/** A check that could not be run, and the due-diligence step that would fill the gap. */
export type NotEvaluated = {
  check: string;
  reason: string;
  step: string;
};

/** The tunable parts of detection and scoring. Parsed by policySchema in core/policy.ts. */
export type Policy = {
  /** Score at or above which each band starts. */
  bands: { elevated: number; high: number; critical: number };
  /** Per-signal overrides: change severity or turn a signal off. */
  overrides: Record<string, { severity?: Severity; disabled?: boolean }>;
  inPersonWindowDays: number;
  lowRateRatio: number;
  /** Days around start/first payroll within which a bank change counts as suspicious. */
  bankChangeWindowDays: number;
  /** Days before shipping/start within which a shipping change counts as suspicious. */
  shippingChangeWindowDays: number;
  documentOverdueGraceDays: number;
  /** Sign-in and network detection (see docs/network-detection.md). */
  network: NetworkPolicy;
  /** The due-diligence checklist (see docs/checklists.md). */
  checklist: ChecklistPolicy;
};

/** How one high-risk country counts: its severity, and whether a person claiming to live there is exempt. */
export type HighRiskCountry = { severity: Severity; exceptWhenClaimed: boolean };

/** The tunable thresholds of the network detectors. */
export type NetworkPolicy = {
  /** network.multi-country: the sliding window and how many countries inside it fire. */
  countryWindowDays: number;
  minCountries: number;
  /** Fewer countries suffice when one of them is not the claimed country. */
  minCountriesWithForeign: number;
  /** network.impossible-travel: speed above which two consecutive sign-ins cannot be one person travelling. */
  maxTravelKmh: number;
  /** Distances (after subtracting both accuracy radii) below this are never travel. */
  minTravelKm: number;
  /** network.location-mismatch: share of located sign-ins the top foreign country must exceed. */
  mismatchShare: number;
  mismatchMinLogins: number;
  /** network.anonymizer: anonymised sign-ins from which use counts as repeated (medium). */
  anonymizerRepeatLogins: number;
  /** VPN providers named in the advisories: high. Matched case-insensitively inside the provider name. */
  advisoryVpnProviders: string[];
  /** network.high-risk-country: ISO 3166-1 alpha-2 code → severity and exemption. */
  highRiskCountries: Record<string, HighRiskCountry>;
  /** network.shared-egress: two subjects count as sharing an address when their uses are this close. */
  sharedEgressWindowDays: number;
  /** Addresses used by more subjects than this are offices or public gateways, not a shared home. */
  sharedEgressMaxSubjects: number;
  /** network.always-on: a session this long or longer. */
  alwaysOnHours: number;
  /** network.input-latency: the median above which input is too slow for a local keyboard. */
  inputLatencyMaxMs: number;
  inputLatencyMinSamples: number;
  /** network.remote-access: tools the organisation deploys itself (matched inside the tool name). */
  approvedRemoteTools: string[];
};

/** Reference-data lookups that detectors may use; each capability fills its part. */
export interface IntelLookups {
  /** Registered capabilities, e.g. 'sanctions', 'ip'. Detectors needing a missing one report not evaluated. */
  readonly available: ReadonlySet<string>;
  /** Sanctions screening over the active list snapshot (see core/intel/sanctions.ts). */
  readonly sanctions?: SanctionsLookup;
  /** IP geolocation and network kind over the shipped databases and imported lists (see core/intel/ip.ts). */
  readonly ip?: IpLookup;
  /** Threat indicators imported from other organisations (STIX 2.1, CSV; see core/intel/indicators.ts). */
  readonly indicators?: IndicatorLookup;
}

export type DetectorContext = {
  /** The moment the assessment is made for (`--at`). */
  now: Date;
  policy: Policy;
  intel: IntelLookups;
  /** Every subject of the population, including this one; for detectors that compare people. */
  population: readonly CaseBundle[];
  /** Matches an investigator dismissed as not this person, per subject id (keys from dismissalKey). */
  dismissals?: ReadonlyMap<string, ReadonlySet<string>>;
};

export type DetectorOutcome =
  | { status: 'evaluated'; signals: Signal[] }
  | { status: 'not_evaluated'; reason: string };

/** One detector per signal id. Pure function of bundle + context. */
export type Detector = {
  signal: string;
  detect(bundle: CaseBundle, ctx: DetectorContext): DetectorOutcome;
};

export type Assessment = {
  subject: string;
  score: number;
  band: Band;
  signals: Signal[];
  /** Check ids that had no data (see checks.ts). */
  notEvaluated: string[];
};

/** Assessment plus the reasoning a person can follow; stored and shown by the UI. */
export type DetailedAssessment = Assessment & {
  assessedAt: string;
  gaps: NotEvaluated[];
  /** How the score was built: one line per family with its contribution after caps. */
  breakdown: { family: SignalFamily; contribution: number; capped: boolean; signals: string[] }[];
  /** Human-readable reasons for the band, most important first. */
  reasons: string[];
};
