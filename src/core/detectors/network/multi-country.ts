// network.multi-country — successful sign-ins from 3 or more countries within 14 days, or 2 when one of
// them is not the claimed country (policy.network.countryWindowDays / minCountries / minCountriesWithForeign).
// Sign-ins through VPNs, proxies, Tor or hosting networks do not count: their country is a server's.
import type { Detector, DetectorOutcome, NetworkPolicy } from '../../types.ts';
import { found, nothing, requireSignal } from '../signal.ts';
import { listText, plural } from '../util.ts';
import type { LoginFindings } from './analyzer.ts';
import { isOutcome, locatedOrNot } from './bundle-analysis.ts';
import { fireDetailed, loginEvidence } from './explain.ts';
import { addressText, formatDuration, formatUtc, isoTime } from './geo.ts';

const def = requireSignal('network.multi-country');

export function multiCountryOutcome(findings: LoginFindings, policy: NetworkPolicy): DetectorOutcome {
  const window = findings.multiCountry;
  if (!window) return nothing();
  const stats = new Map(findings.countries.map((c) => [c.country, c]));
  const countries = window.entries.map((e) => {
    const s = stats.get(e.country);
    return {
      country: e.country,
      logins: s?.logins ?? 1,
      firstAt: isoTime(s?.firstAt ?? e.at),
      lastAt: isoTime(s?.lastAt ?? e.at),
      ips: s?.ips ?? [],
    };
  });
  const places = window.entries.map((e) => {
    const total = stats.get(e.country)?.logins ?? 1;
    return `${addressText({ ...e, country: e.country })} at ${formatUtc(e.at)} (${plural(total, 'sign-in')} from ${e.country} in all)`;
  });
  const detail = `Within ${formatDuration(window.end - window.start)}: ${places.join('; ')}.`;
  return found(
    fireDetailed(
      def,
      'medium',
      loginEvidence(window.entries.map((e) => e.index)),
      {
        count: countries.length,
        countries,
        windowDays: policy.countryWindowDays,
        windowStart: isoTime(window.start),
        windowEnd: isoTime(window.end),
        ...(findings.claimedCountry ? { claimed: findings.claimedCountry } : {}),
      },
      { countries: listText(countries.map((c) => c.country)) },
      detail,
    ),
  );
}

export const multiCountry: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const analysis = locatedOrNot(bundle, ctx);
    if (isOutcome(analysis)) return analysis;
    return multiCountryOutcome(analysis.findings, ctx.policy.network);
  },
};
