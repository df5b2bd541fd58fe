// network.impossible-travel — consecutive successful sign-ins whose great-circle distance, less both
// places' accuracy radii, over the time between them exceeds policy.network.maxTravelKmh (1000 km/h).
// Allow-listed addresses and anonymizer hops (VPN, proxy, Tor, hosting, relay) are left out — a VPN
// exit's place is not the person's, and the anonymizer signal reports it — and distances under
// policy.network.minTravelKm (after the allowance) never count.
import type { Detector, DetectorOutcome, NetworkPolicy } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { plural } from '../util.ts';
import type { LoginFindings, TravelEnd, TravelPair } from './analyzer.ts';
import { isOutcome, locatedOrNot } from './bundle-analysis.ts';
import { fireDetailed, loginEvidence } from './explain.ts';
import { addressText, formatDuration, formatNumber, formatUtc, isoTime, roundForDisplay } from './geo.ts';

const def = requireSignal('network.impossible-travel');

function endData(e: TravelEnd) {
  return {
    ip: e.ip ?? null,
    at: isoTime(e.at),
    city: e.city ?? null,
    country: e.country ?? null,
    lat: e.lat,
    lon: e.lon,
    accuracyKm: e.accuracyKm,
  };
}

/** "203.0.113.7 (Toronto, CA) at 2026-03-02 09:02 UTC then 175.45.178.1 (Pyongyang, KP) at …: 10,400 km in 1 h 13 min ≈ 8,550 km/h" */
export function pairText(p: TravelPair): string {
  const margin =
    p.marginKm >= 1
      ? ` (at least ${formatNumber(roundForDisplay(p.km - p.marginKm))} km allowing ${formatNumber(p.marginKm)} km for location accuracy)`
      : '';
  const ms = p.hours * 3_600_000;
  const duration = ms < 60_000 ? `${formatDuration(ms)} (counted as 1 min)` : formatDuration(ms);
  return (
    `${addressText(p.from)} at ${formatUtc(p.from.at)} then ${addressText(p.to)} at ${formatUtc(p.to.at)}: ` +
    `${formatNumber(roundForDisplay(p.km))} km${margin} in ${duration} ≈ ${formatNumber(roundForDisplay(p.kmh))} km/h`
  );
}

export function impossibleTravelOutcome(findings: LoginFindings, policy: NetworkPolicy): DetectorOutcome {
  const { travel } = findings;
  if (travel.pairs.length === 0) return nothing();
  const fastest = travel.pairs.reduce((a, b) => (b.kmh > a.kmh ? b : a));
  const sentences = [`${travel.pairs.map(pairText).join('; ')}.`];
  if (travel.total > travel.pairs.length)
    sentences.push(`${travel.total - travel.pairs.length} more such pairs are not listed.`);
  sentences.push(`The limit is ${formatNumber(policy.maxTravelKmh)} km/h.`);
  if (travel.skippedAnonymized > 0)
    sentences.push(
      `${plural(travel.skippedAnonymized, 'sign-in')} through VPN, proxy, Tor, hosting or relay addresses ${travel.skippedAnonymized === 1 ? 'was' : 'were'} left out (their place is the server's; see the anonymizer signal).`,
    );
  if (travel.skippedAllowListed > 0)
    sentences.push(
      `${plural(travel.skippedAllowListed, 'sign-in')} from allow-listed addresses ${travel.skippedAllowListed === 1 ? 'was' : 'were'} left out.`,
    );
  return found(
    fireDetailed(
      def,
      'medium',
      loginEvidence(travel.pairs.flatMap((p) => [p.from.index, p.to.index])),
      {
        count: travel.total,
        pairs: travel.pairs.map((p) => ({
          from: endData(p.from),
          to: endData(p.to),
          km: Math.round(p.km),
          marginKm: Math.round(p.marginKm),
          hours: Math.round(p.hours * 1000) / 1000,
          kmh: Math.round(p.kmh),
        })),
        maxKmh: policy.maxTravelKmh,
        skippedAnonymized: travel.skippedAnonymized,
        skippedAllowListed: travel.skippedAllowListed,
      },
      {
        km: formatNumber(roundForDisplay(fastest.km)),
        minutes: formatNumber(Math.max(1, Math.round(fastest.hours * 60))),
      },
      sentences.join(' '),
    ),
  );
}

export const impossibleTravel: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const analysis = locatedOrNot(bundle, ctx);
    if (isOutcome(analysis)) return analysis;
    const { counts } = analysis.findings;
    if (counts.withCoords === 0 && counts.located > 0)
      return notEvaluated('the sign-in addresses are located by country only, without coordinates');
    return impossibleTravelOutcome(analysis.findings, ctx.policy.network);
  },
};
