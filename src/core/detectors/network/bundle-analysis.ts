// Runs the login analyzer over one bundle's sign-ins (sorted by time), once per assessment: the seven
// sign-in detectors all read the same findings, and the address lookups are cached per distinct IP.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { DetectorContext, DetectorOutcome } from '../../types.ts';
import { notEvaluated } from '../signal.ts';
import { createLoginAnalyzer, type LoginFindings } from './analyzer.ts';
import { type CachedIpLookup, cacheIpLookup, type ResolvedLogin, resolveLogin } from './resolve.ts';

export type BundleLogins = {
  findings: LoginFindings;
  /** The bundle's sign-ins resolved, in bundle order. */
  resolved: ResolvedLogin[];
  lookup: CachedIpLookup;
  /** Whether an IP lookup was available to this assessment. */
  intel: boolean;
};

const memo = new WeakMap<CaseBundle, { ctx: DetectorContext; result: BundleLogins }>();
const lookups = new WeakMap<DetectorContext, CachedIpLookup>();

/** The cached address lookup of one assessment context (shared by every subject it assesses). */
export function contextLookup(ctx: DetectorContext): CachedIpLookup {
  let lookup = lookups.get(ctx);
  if (!lookup) {
    lookup = cacheIpLookup(ctx.intel.ip);
    lookups.set(ctx, lookup);
  }
  return lookup;
}

/** The sign-in findings of a bundle under a context; computed once per (bundle, context). */
export function analyzeBundleLogins(bundle: CaseBundle, ctx: DetectorContext): BundleLogins {
  const hit = memo.get(bundle);
  if (hit && hit.ctx === ctx) return hit.result;
  const lookup = contextLookup(ctx);
  const logins = bundle.logins ?? [];
  const resolved = logins.map((l) => resolveLogin(l, lookup));
  const order = resolved.map((_, i) => i).filter((i) => !Number.isNaN(resolved[i]!.at));
  order.sort((a, b) => resolved[a]!.at - resolved[b]!.at || a - b);
  const claimedCountry = bundle.subject.claimedLocation?.country;
  const analyzer = createLoginAnalyzer(
    ctx.policy.network,
    claimedCountry === undefined ? {} : { claimedCountry },
  );
  for (const i of order) analyzer.add(resolved[i]!, i);
  const result: BundleLogins = {
    findings: analyzer.finish(),
    resolved,
    lookup,
    intel: ctx.intel.ip !== undefined,
  };
  memo.set(bundle, { ctx, result });
  return result;
}

export const NO_LOGINS = 'no sign-in records';
export const NO_SUCCESSFUL = 'no successful sign-ins';

/** Why the sign-ins could not be placed: no intel loaded, or nothing found for their addresses. */
export function noLocationReason(intel: boolean): string {
  return intel
    ? 'none of the sign-in addresses could be located'
    : 'the sign-in records carry no country and IP intelligence is not loaded';
}

/** The common gate of the location-based detectors: sign-ins present, some successful, some located. */
export function locatedOrNot(bundle: CaseBundle, ctx: DetectorContext): BundleLogins | DetectorOutcome {
  if (!bundle.logins || bundle.logins.length === 0) return notEvaluated(NO_LOGINS);
  const analysis = analyzeBundleLogins(bundle, ctx);
  const { counts } = analysis.findings;
  if (counts.successful === 0) return notEvaluated(NO_SUCCESSFUL);
  if (counts.located === 0 && counts.allowListed < counts.successful)
    return notEvaluated(noLocationReason(analysis.intel));
  return analysis;
}

export function isOutcome(value: BundleLogins | DetectorOutcome): value is DetectorOutcome {
  return 'status' in value;
}
