// The tunable parts of detection and scoring, validated with zod. Missing fields take the defaults,
// so `parsePolicy({})` is the default policy; bad input is reported with a path per problem.
import { z } from 'zod';
import { isCountryCode } from './bundle/formats.ts';
import { formatPath, type Problem } from './bundle/validate.ts';
import { getSignal } from './catalog/signals.ts';
import { checklistPolicySchema, DEFAULT_CHECKLIST_POLICY } from './checklist/checklist.ts';
import { type NetworkPolicy, type Policy, SEVERITIES, type Severity } from './types.ts';

/** Network detection defaults (docs/network-detection.md explains each). */
export const DEFAULT_NETWORK_POLICY: NetworkPolicy = {
  countryWindowDays: 14,
  minCountries: 3,
  minCountriesWithForeign: 2,
  maxTravelKmh: 1000,
  minTravelKm: 100,
  mismatchShare: 0.5,
  mismatchMinLogins: 5,
  anonymizerRepeatLogins: 3,
  advisoryVpnProviders: ['Astrill'],
  highRiskCountries: {
    KP: { severity: 'critical', exceptWhenClaimed: false },
    CN: { severity: 'high', exceptWhenClaimed: true },
    RU: { severity: 'high', exceptWhenClaimed: true },
  },
  sharedEgressWindowDays: 30,
  sharedEgressMaxSubjects: 20,
  alwaysOnHours: 24,
  inputLatencyMaxMs: 150,
  inputLatencyMinSamples: 5,
  approvedRemoteTools: [],
};

export const DEFAULT_POLICY: Policy = {
  bands: { elevated: 15, high: 55, critical: 85 },
  overrides: {},
  inPersonWindowDays: 30,
  lowRateRatio: 0.6,
  bankChangeWindowDays: 30,
  shippingChangeWindowDays: 14,
  documentOverdueGraceDays: 1,
  network: DEFAULT_NETWORK_POLICY,
  checklist: DEFAULT_CHECKLIST_POLICY,
};

const score = z.number().int({ error: 'expected a whole number from 1 to 100' }).min(1).max(100);
const days = (max: number) => z.number().finite().nonnegative().max(max);
const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const count = (min: number, max: number) =>
  z.number().int({ error: 'expected a whole number' }).min(min).max(max);
const names = z.array(z.string().trim().min(1).max(100)).max(200);
const N = DEFAULT_NETWORK_POLICY;

const networkSchema = z
  .object({
    countryWindowDays: days(365).gt(0).default(N.countryWindowDays),
    minCountries: count(2, 50).default(N.minCountries),
    minCountriesWithForeign: count(2, 50).default(N.minCountriesWithForeign),
    maxTravelKmh: z.number().finite().min(100).max(100_000).default(N.maxTravelKmh),
    minTravelKm: z.number().finite().nonnegative().max(5000).default(N.minTravelKm),
    mismatchShare: z.number().gt(0).lt(1).default(N.mismatchShare),
    mismatchMinLogins: count(1, 100_000).default(N.mismatchMinLogins),
    anonymizerRepeatLogins: count(1, 100_000).default(N.anonymizerRepeatLogins),
    advisoryVpnProviders: names.default(N.advisoryVpnProviders),
    highRiskCountries: z
      .record(
        z.string().refine(isCountryCode),
        z.object({ severity, exceptWhenClaimed: z.boolean().default(true) }).strict(),
      )
      .default(N.highRiskCountries),
    sharedEgressWindowDays: days(3650).default(N.sharedEgressWindowDays),
    sharedEgressMaxSubjects: count(2, 100_000).default(N.sharedEgressMaxSubjects),
    alwaysOnHours: z
      .number()
      .finite()
      .min(1)
      .max(24 * 365)
      .default(N.alwaysOnHours),
    inputLatencyMaxMs: z.number().finite().min(1).max(60_000).default(N.inputLatencyMaxMs),
    inputLatencyMinSamples: count(1, 100_000).default(N.inputLatencyMinSamples),
    approvedRemoteTools: names.default(N.approvedRemoteTools),
  })
  .strict()
  .default(N);

export const policySchema = z
  .object({
    bands: z
      .object({
        elevated: score.default(DEFAULT_POLICY.bands.elevated),
        high: score.default(DEFAULT_POLICY.bands.high),
        critical: score.default(DEFAULT_POLICY.bands.critical),
      })
      .default(DEFAULT_POLICY.bands)
      .refine((b) => b.elevated < b.high && b.high < b.critical, {
        error: 'band thresholds must increase: elevated < high < critical',
      }),
    overrides: z
      .record(
        z.string().refine((id) => getSignal(id) !== undefined),
        z.object({
          severity: severity.optional(),
          disabled: z.boolean().optional(),
        }),
      )
      .default({})
      .superRefine((overrides, ctx) => {
        for (const id of Object.keys(overrides)) {
          if (!getSignal(id))
            ctx.addIssue({ code: 'custom', path: [id], message: `"${id}" is not a signal id` });
        }
      }),
    inPersonWindowDays: days(365).default(DEFAULT_POLICY.inPersonWindowDays),
    lowRateRatio: z.number().gt(0).lt(1).default(DEFAULT_POLICY.lowRateRatio),
    bankChangeWindowDays: days(365).default(DEFAULT_POLICY.bankChangeWindowDays),
    shippingChangeWindowDays: days(365).default(DEFAULT_POLICY.shippingChangeWindowDays),
    documentOverdueGraceDays: days(90).default(DEFAULT_POLICY.documentOverdueGraceDays),
    network: networkSchema,
    checklist: checklistPolicySchema,
  })
  .strict();

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: Problem[] };

/** Validates a policy (e.g. from PUT /policy or a config file); every problem has its path. */
export function parsePolicy(value: unknown): PolicyParse {
  const result = policySchema.safeParse(value ?? {});
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      // zod reports a refused record key as "Invalid key in record"; say which key and why.
      message: issue.code === 'invalid_key' ? invalidKeyMessage(issue.path) : issue.message,
    })),
  };
}

function invalidKeyMessage(path: readonly PropertyKey[]): string {
  const key = `"${String(path.at(-1))}"`;
  return path[0] === 'network'
    ? `${key} is not an ISO 3166-1 alpha-2 country code (e.g. KP, CN)`
    : `${key} is not a signal id`;
}
