// network.location-mismatch — most sign-ins (more than policy.network.mismatchShare of at least
// policy.network.mismatchMinLogins located ones) come from one country that is not the claimed one.
// VPN, proxy, Tor and hosting sign-ins do not count (their country is a server's); a privacy relay keeps
// the country and counts.
import type { Detector, DetectorOutcome, NetworkPolicy } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { plural } from '../util.ts';
import type { LoginFindings } from './analyzer.ts';
import { isOutcome, locatedOrNot } from './bundle-analysis.ts';
import { type Claimed, claimedText, fireDetailed, loginEvidence, sampleText } from './explain.ts';
import { formatUtc } from './geo.ts';

const def = requireSignal('network.location-mismatch');

/** Whether there are enough located sign-ins to judge; the reason when not. */
export function mismatchGap(findings: LoginFindings, policy: NetworkPolicy): string | undefined {
  const { physical, located, allowListed } = findings.counts;
  if (physical === 0 && located === 0 && allowListed > 0)
    return 'every sign-in came from allow-listed addresses, which say nothing about where the person is';
  if (physical === 0 && located > 0)
    return 'every located sign-in came through a VPN, proxy, Tor or hosting network, which hides the country';
  if (physical < policy.mismatchMinLogins)
    return `only ${plural(physical, 'located sign-in')}; at least ${policy.mismatchMinLogins} needed`;
  return undefined;
}

export function locationMismatchOutcome(
  findings: LoginFindings,
  policy: NetworkPolicy,
  claimed: Claimed,
): DetectorOutcome {
  const claimedCountry = claimed.country;
  const top = findings.countries[0];
  const total = findings.counts.physical;
  if (!claimedCountry || !top || total === 0 || top.country === claimedCountry) return nothing();
  const share = top.logins / total;
  if (share <= policy.mismatchShare || total < policy.mismatchMinLogins) return nothing();
  const home = findings.countries.find((c) => c.country === claimedCountry);
  const where = top.cities.length > 0 ? ` (${top.cities.join(', ')})` : '';
  const detail =
    `Addresses in ${top.country}${where}: ${sampleText(top.ips, top.ips.length, 5)}, ` +
    `from ${formatUtc(top.firstAt)} to ${formatUtc(top.lastAt)}. ` +
    (home
      ? `${plural(home.logins, 'sign-in')} came from ${claimedCountry}.`
      : `None came from ${claimedCountry}.`) +
    ' Sign-ins through VPN, proxy, Tor or hosting networks are not counted.';
  return found(
    fireDetailed(
      def,
      'high',
      loginEvidence(top.indexes),
      {
        count: top.logins,
        total,
        claimed: claimedCountry,
        top: { country: top.country, share: Math.round(share * 1000) / 1000 },
        countries: findings.countries.map((c) => ({ country: c.country, logins: c.logins })),
      },
      { country: top.country, claimed: claimedText(claimed) ?? claimedCountry },
      detail,
    ),
  );
}

export const locationMismatch: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const claimed = bundle.subject.claimedLocation ?? {};
    if (!claimed.country) return notEvaluated('no claimed country to compare with');
    const analysis = locatedOrNot(bundle, ctx);
    if (isOutcome(analysis)) return analysis;
    const gap = mismatchGap(analysis.findings, ctx.policy.network);
    if (gap) return notEvaluated(gap);
    return locationMismatchOutcome(analysis.findings, ctx.policy.network, claimed);
  },
};
