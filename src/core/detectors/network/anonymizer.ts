// network.anonymizer — successful sign-ins through VPNs, proxies, Tor, hosting networks or privacy relays
// (kind from IP intelligence, or the identity provider's own proxy flag). Low by default; medium when
// repeated (policy.network.anonymizerRepeatLogins); high for Tor and for VPN providers named in the
// advisories (policy.network.advisoryVpnProviders: Astrill). Apple iCloud Private Relay hides the
// address but keeps the region, so relays alone stay low. Allow-listed addresses never count.
import type { NetworkKind } from '../../intel/ip.ts';
import type { Detector, DetectorOutcome, NetworkPolicy, Severity } from '../../types.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { plural } from '../util.ts';
import type { AnonymizerGroup, LoginFindings } from './analyzer.ts';
import { analyzeBundleLogins, NO_LOGINS, NO_SUCCESSFUL } from './bundle-analysis.ts';
import { fireDetailed, loginEvidence, sampleText } from './explain.ts';
import { formatUtc, isoTime } from './geo.ts';

const def = requireSignal('network.anonymizer');

/** Whether a provider is one the advisories name (case-insensitive, inside the name: "Astrill VPN"). */
export function isAdvisoryProvider(provider: string | undefined, policy: NetworkPolicy): boolean {
  if (!provider) return false;
  const p = provider.toLowerCase();
  return policy.advisoryVpnProviders.some((name) => p.includes(name.toLowerCase()));
}

const KIND_WORDS: Record<NetworkKind, string> = {
  vpn: 'VPN',
  proxy: 'proxy',
  tor: 'Tor exit',
  hosting: 'hosting/datacenter network',
  relay: 'privacy relay',
  isp: 'ISP',
  mobile: 'mobile network',
  unknown: 'network',
};

function groupLabel(g: AnonymizerGroup, policy: NetworkPolicy): string {
  if (g.kind === 'tor') return 'Tor exit nodes';
  if (g.kind === 'relay')
    return `${g.provider ?? 'a privacy relay'} (hides the address but keeps the region)`;
  const what = KIND_WORDS[g.kind];
  if (!g.provider) return g.kind === 'proxy' ? 'a proxy or anonymizer' : `a ${what}`;
  return isAdvisoryProvider(g.provider, policy)
    ? `${g.provider} (${what} named in the advisories)`
    : `${g.provider} (${what})`;
}

function groupSeverity(g: AnonymizerGroup, policy: NetworkPolicy): 'high' | undefined {
  if (g.kind === 'relay') return undefined;
  return g.kind === 'tor' || isAdvisoryProvider(g.provider, policy) ? 'high' : undefined;
}

export function anonymizerOutcome(findings: LoginFindings, policy: NetworkPolicy): DetectorOutcome {
  const { anonymizer } = findings;
  if (anonymizer.logins === 0) return nothing();
  const nonRelay = anonymizer.groups.filter((g) => g.kind !== 'relay');
  const hiddenLogins = nonRelay.reduce((sum, g) => sum + g.logins, 0);
  const named = nonRelay.filter((g) => groupSeverity(g, policy) === 'high');
  let severity: Severity = 'low';
  if (named.length > 0) severity = 'high';
  else if (hiddenLogins >= policy.anonymizerRepeatLogins) severity = 'medium';
  const parts = anonymizer.groups.map((g) => {
    const when =
      g.firstAt === g.lastAt
        ? `at ${formatUtc(g.firstAt)}`
        : `between ${formatUtc(g.firstAt)} and ${formatUtc(g.lastAt)}`;
    const ips = g.ips.length > 0 ? ` from ${sampleText(g.ips, g.ips.length)}` : '';
    return `${plural(g.logins, 'sign-in')} via ${groupLabel(g, policy)}${ips} ${when}`;
  });
  return found(
    fireDetailed(
      def,
      severity,
      loginEvidence(anonymizer.indexes),
      {
        count: anonymizer.logins,
        logins: anonymizer.logins,
        networks: anonymizer.networks.map((n) => ({
          ip: n.ip,
          kind: n.kind,
          provider: n.provider ?? null,
          logins: n.logins,
          firstAt: isoTime(n.firstAt),
          lastAt: isoTime(n.lastAt),
        })),
        named: named.map((g) => g.provider ?? KIND_WORDS[g.kind]),
      },
      { detail: parts.join('; ') },
      '',
    ),
  );
}

export const anonymizer: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    if (!bundle.logins || bundle.logins.length === 0) return notEvaluated(NO_LOGINS);
    const analysis = analyzeBundleLogins(bundle, ctx);
    const { counts } = analysis.findings;
    if (counts.successful === 0) return notEvaluated(NO_SUCCESSFUL);
    if (counts.kindKnown === 0 && counts.allowListed < counts.successful)
      return notEvaluated(
        analysis.intel
          ? 'the network kind of the sign-in addresses is unknown'
          : 'the sign-in records carry no network kind and IP intelligence is not loaded',
      );
    return anonymizerOutcome(analysis.findings, ctx.policy.network);
  },
};
