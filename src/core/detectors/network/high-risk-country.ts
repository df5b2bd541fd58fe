// network.high-risk-country — successful sign-ins whose address is in a country of
// policy.network.highRiskCountries: by default KP (critical, always) and CN/RU (high, only when the person
// claims to be somewhere else). This is about where the connection comes from, never about nationality:
// a person who says they live in CN is not flagged for connecting from CN. Allow-listed addresses never count.
import type { Detector, DetectorOutcome, NetworkPolicy, Severity } from '../../types.ts';
import { SEVERITIES } from '../../types.ts';
import { found, nothing, requireSignal } from '../signal.ts';
import { listText, plural } from '../util.ts';
import type { HighRiskStat, LoginFindings } from './analyzer.ts';
import { isOutcome, locatedOrNot } from './bundle-analysis.ts';
import { type Claimed, claimedText, fireDetailed, loginEvidence, sampleText } from './explain.ts';
import { formatUtc, isoTime } from './geo.ts';

const def = requireSignal('network.high-risk-country');

const NOT_RECORDED = 'a place not recorded in the case';

function statText(s: HighRiskStat): string {
  const where = s.cities.length > 0 ? ` (${s.cities.join(', ')})` : '';
  const when =
    s.firstAt === s.lastAt
      ? `at ${formatUtc(s.firstAt)}`
      : `between ${formatUtc(s.firstAt)} and ${formatUtc(s.lastAt)}`;
  const hidden = (s.kinds.vpn ?? 0) + (s.kinds.hosting ?? 0) + (s.kinds.proxy ?? 0) + (s.kinds.tor ?? 0);
  const via = hidden > 0 ? `, ${hidden} of them through VPN, proxy or hosting addresses located there` : '';
  return `${plural(s.logins, 'sign-in')} from ${s.country}${where} at ${sampleText(s.ips, s.ips.length, 5)} ${when}${via}`;
}

export function highRiskCountryOutcome(
  findings: LoginFindings,
  policy: NetworkPolicy,
  claimed: Claimed,
): DetectorOutcome {
  const fired: { stat: HighRiskStat; severity: Severity }[] = [];
  for (const stat of findings.highRisk) {
    const rule = policy.highRiskCountries[stat.country];
    if (!rule) continue;
    if (rule.exceptWhenClaimed && (claimed.country === undefined || claimed.country === stat.country))
      continue;
    fired.push({ stat, severity: rule.severity });
  }
  if (fired.length === 0) return nothing();
  const severity = fired.reduce<Severity>(
    (max, f) => (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(max) ? f.severity : max),
    'low',
  );
  return found(
    fireDetailed(
      def,
      severity,
      loginEvidence(fired.flatMap((f) => f.stat.indexes)),
      {
        claimed: claimed.country ?? null,
        countries: fired.map(({ stat, severity }) => ({
          country: stat.country,
          severity,
          logins: stat.logins,
          ips: stat.ips,
          firstAt: isoTime(stat.firstAt),
          lastAt: isoTime(stat.lastAt),
        })),
      },
      {
        country: listText(fired.map((f) => f.stat.country)),
        claimed: claimedText(claimed) ?? NOT_RECORDED,
        detail: fired.map((f) => statText(f.stat)).join('; '),
      },
      '',
    ),
  );
}

export const highRiskCountry: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const analysis = locatedOrNot(bundle, ctx);
    if (isOutcome(analysis)) return analysis;
    return highRiskCountryOutcome(
      analysis.findings,
      ctx.policy.network,
      bundle.subject.claimedLocation ?? {},
    );
  },
};
