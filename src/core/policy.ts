// The tunable parts of detection and scoring, validated with zod. Missing fields take the defaults,
// so `parsePolicy({})` is the default policy; bad input is reported with a path per problem.
import { z } from 'zod';
import { formatPath, type Problem } from './bundle/validate.ts';
import { getSignal } from './catalog/signals.ts';
import { type Policy, SEVERITIES, type Severity } from './types.ts';

export const DEFAULT_POLICY: Policy = {
  bands: { elevated: 15, high: 55, critical: 85 },
  overrides: {},
  inPersonWindowDays: 30,
  lowRateRatio: 0.6,
  bankChangeWindowDays: 30,
  shippingChangeWindowDays: 14,
  documentOverdueGraceDays: 1,
};

const score = z.number().int({ error: 'expected a whole number from 1 to 100' }).min(1).max(100);
const days = (max: number) => z.number().finite().nonnegative().max(max);

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
          severity: z.enum(SEVERITIES as [Severity, ...Severity[]]).optional(),
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
      message:
        issue.code === 'invalid_key' ? `"${String(issue.path.at(-1))}" is not a signal id` : issue.message,
    })),
  };
}
