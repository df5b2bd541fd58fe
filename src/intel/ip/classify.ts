// Network kind from the autonomous system: a table of well-known ASNs (kept as data, each row with where
// the attribution comes from), then organisation-name patterns as a weaker fallback. Everything else that
// has an ASN is an ordinary ISP; no ASN (private, reserved, unrouted) is `unknown`.
//
// "ASN data" below means the organisation name the shipped @ip-location-db/asn table gives for that ASN
// (checked 2026-06). Imported range lists (src/intel/ip/lists.ts) are more precise and take precedence
// over this table for the kinds they name (see runtime.ts).
//
// Astrill VPN, the provider the FBI and RCMP advisories on DPRK IT workers name, has no ASN of its own in
// the shipped data (no organisation there is named Astrill): its exits are address blocks registered to
// "Astrill Systems Corp" inside hosting providers' networks, found through whois/RDAP registrations rather
// than BGP (see the Astrill note of github.com/mthcht/awesome-lists issue #41 "ASN Astrill Systems Corp."
// and LevelBlue SpiderLabs' 2025 write-up of an Entra ID login "from an IP address from the Astrill VPN").
// So Astrill is recognised by name — an organisation or provider name from the identity provider (Okta's
// securityContext.asOrg/isp) or from a range list imported with `--provider "Astrill VPN"` — and the
// hosting networks it rents from classify as `hosting`, which is already an anonymizer.
import type { NetworkKind } from '../../core/intel/ip.ts';

export type AsnClass = {
  asns: readonly number[];
  kind: NetworkKind;
  provider?: string;
  /** Where the attribution comes from. */
  source: string;
};

const ASN_DATA = 'ASN data';
const X4B = 'X4BNet/lists_vpn input_vpn_ASN.txt (2026-08-22)';

export const ASN_CLASSES: readonly AsnClass[] = [
  // --- Commercial VPNs -------------------------------------------------------------------------------
  {
    asns: [136787, 141039, 147049, 207137, 272096],
    kind: 'vpn',
    provider: 'NordVPN',
    source: `${X4B}: "NordVPN (TEFINCOM S.A.)", "Packethub (NordVPN)"; ${ASN_DATA}: PacketHub S.A.`,
  },
  {
    asns: [209854],
    kind: 'vpn',
    provider: 'Surfshark',
    source: `${X4B}: "Surfshark"; ${ASN_DATA}: Cyberzone S.A.`,
  },
  {
    asns: [62371, 208172, 199218, 209103],
    kind: 'vpn',
    provider: 'Proton VPN',
    source: `${X4B}: "ProtonVPN" (AS208172); ${ASN_DATA}: Proton AG`,
  },
  {
    asns: [39351, 49399, 214813, 216025],
    kind: 'vpn',
    provider: 'Mullvad VPN',
    source: `${ASN_DATA}: 31173 Services AB (Mullvad's server company), Mullvad VPN AB`,
  },
  {
    asns: [46253],
    kind: 'vpn',
    provider: 'IPVanish',
    source: `${ASN_DATA}: Mudhook Marketing Inc (IPVanish)`,
  },
  { asns: [397540], kind: 'vpn', provider: 'Windscribe', source: `${ASN_DATA}: Windscribe` },
  { asns: [203619], kind: 'vpn', provider: 'IVPN', source: `${ASN_DATA}: IVPN Limited` },
  { asns: [208765], kind: 'vpn', provider: 'Bullet Proof VPN', source: `${ASN_DATA}: Bullet Proof VPN Ltd` },
  {
    asns: [213163],
    kind: 'vpn',
    provider: 'Free Unlimited VPN',
    source: `${ASN_DATA}: FREE UNLIMITED VPN LTD`,
  },
  { asns: [62635], kind: 'vpn', provider: 'VPNWholesaler', source: `${ASN_DATA}: VPNWholesaler.com` },
  { asns: [397282], kind: 'vpn', provider: 'Castle VPN', source: `${ASN_DATA}: Castle VPN` },
  { asns: [20448], kind: 'vpn', provider: 'VPNtranet', source: `${X4B}: "VPNtranet, LLC."` },
  // --- Tor -----------------------------------------------------------------------------------------
  {
    asns: [60729],
    kind: 'tor',
    provider: 'Tor',
    source: `${X4B}: "Tor Servers (Tor exit nodes)"; ${ASN_DATA}: Stiftung Erneuerbare Freiheit`,
  },
  // --- Privacy relays ------------------------------------------------------------------------------
  {
    asns: [36183],
    kind: 'relay',
    provider: 'iCloud Private Relay',
    source: "Akamai's AS36183 carries Apple iCloud Private Relay egress (Apple's egress-ip-ranges.csv)",
  },
  // --- Secure web gateways and anycast proxies (corporate egress: allow-list your own) ----------------
  {
    asns: [13335],
    kind: 'proxy',
    provider: 'Cloudflare',
    source: `${ASN_DATA}: Cloudflare, Inc. — client traffic from it is WARP, Zero Trust or Private Relay egress`,
  },
  {
    asns: [22616, 53444, 53813, 62044, 62907],
    kind: 'proxy',
    provider: 'Zscaler',
    source: `${ASN_DATA}: Zscaler`,
  },
  { asns: [55256], kind: 'proxy', provider: 'Netskope', source: `${ASN_DATA}: Netskope Inc` },
  {
    asns: [54538],
    kind: 'proxy',
    provider: 'Palo Alto Prisma Access',
    source: `${ASN_DATA}: PALO ALTO NETWORKS`,
  },
  { asns: [62654], kind: 'proxy', provider: 'Menlo Security', source: `${ASN_DATA}: MENLO SECURITY, INC.` },
  {
    asns: [36692, 25605],
    kind: 'proxy',
    provider: 'Cisco Umbrella',
    source: `${ASN_DATA}: Cisco OpenDNS, LLC`,
  },
  // --- Cloud and hosting -------------------------------------------------------------------------------
  {
    asns: [16509, 14618, 7224, 8987, 9059, 38895],
    kind: 'hosting',
    provider: 'Amazon Web Services',
    source: `${ASN_DATA}: Amazon.com, Inc. / Amazon Data Services`,
  },
  {
    asns: [396982],
    kind: 'hosting',
    provider: 'Google Cloud',
    source: `${ASN_DATA}: Google LLC (Google Cloud)`,
  },
  {
    asns: [15169, 19527, 36040, 36492, 43515, 139070, 16550],
    kind: 'hosting',
    provider: 'Google',
    source: `${ASN_DATA}: Google LLC / Google Ireland / Google Asia Pacific`,
  },
  {
    asns: [8075, 8068, 8069, 12076],
    kind: 'hosting',
    provider: 'Microsoft Azure',
    source: `${ASN_DATA}: Microsoft Corporation`,
  },
  { asns: [14061], kind: 'hosting', provider: 'DigitalOcean', source: `${ASN_DATA}: DigitalOcean, LLC` },
  { asns: [16276, 35540], kind: 'hosting', provider: 'OVHcloud', source: `${ASN_DATA}: OVH SAS` },
  {
    asns: [24940, 213230, 212317],
    kind: 'hosting',
    provider: 'Hetzner',
    source: `${ASN_DATA}: Hetzner Online GmbH`,
  },
  {
    asns: [63949],
    kind: 'hosting',
    provider: 'Akamai (Linode)',
    source: `${ASN_DATA}: Akamai Technologies (formerly Linode)`,
  },
  {
    asns: [20940, 16625],
    kind: 'hosting',
    provider: 'Akamai',
    source: `${ASN_DATA}: Akamai Technologies / Akamai International`,
  },
  {
    asns: [20473],
    kind: 'hosting',
    provider: 'Vultr',
    source: `${ASN_DATA}: The Constant Company, LLC (Vultr, formerly Choopa)`,
  },
  {
    asns: [9009],
    kind: 'hosting',
    provider: 'M247',
    source: `${ASN_DATA}: M247 Europe SRL; ${X4B}: "M247 (NordVPN)"`,
  },
  {
    asns: [60781, 16265, 28753, 30633, 19148, 59253, 7203, 395954, 32613],
    kind: 'hosting',
    provider: 'Leaseweb',
    source: `${ASN_DATA}: LeaseWeb / Leaseweb USA / Deutschland / Singapore / Canada`,
  },
  {
    asns: [51167, 40021, 141995],
    kind: 'hosting',
    provider: 'Contabo',
    source: `${ASN_DATA}: Contabo GmbH / Inc. / Asia`,
  },
  {
    asns: [45102, 37963, 134963],
    kind: 'hosting',
    provider: 'Alibaba Cloud',
    source: `${ASN_DATA}: Alibaba (US) / Hangzhou Alibaba / Alibaba Cloud (Singapore)`,
  },
  {
    asns: [45090, 132203],
    kind: 'hosting',
    provider: 'Tencent Cloud',
    source: `${ASN_DATA}: Shenzhen Tencent Computer Systems`,
  },
  { asns: [31898], kind: 'hosting', provider: 'Oracle Cloud', source: `${ASN_DATA}: Oracle Corporation` },
  { asns: [36351], kind: 'hosting', provider: 'IBM Cloud', source: `${ASN_DATA}: IBM Cloud (SoftLayer)` },
  { asns: [12876], kind: 'hosting', provider: 'Scaleway', source: `${ASN_DATA}: Scaleway SAS` },
  {
    asns: [136907, 55990],
    kind: 'hosting',
    provider: 'Huawei Cloud',
    source: `${ASN_DATA}: HUAWEI INTERNATIONAL / Huawei Cloud Service data center`,
  },
  { asns: [38365], kind: 'hosting', provider: 'Baidu Cloud', source: `${ASN_DATA}: Beijing Baidu Netcom` },
  { asns: [8560], kind: 'hosting', provider: 'IONOS', source: `${ASN_DATA}: IONOS SE` },
  { asns: [26496, 398101], kind: 'hosting', provider: 'GoDaddy', source: `${ASN_DATA}: GoDaddy.com, LLC` },
  { asns: [46606], kind: 'hosting', provider: 'Unified Layer', source: `${ASN_DATA}: Unified Layer` },
  {
    asns: [47583, 204915],
    kind: 'hosting',
    provider: 'Hostinger',
    source: `${ASN_DATA}: Hostinger International Limited`,
  },
  { asns: [36352], kind: 'hosting', provider: 'HostPapa (ColoCrossing)', source: `${ASN_DATA}: HostPapa` },
  { asns: [53667], kind: 'hosting', provider: 'FranTech (BuyVM)', source: `${ASN_DATA}: FranTech Solutions` },
  { asns: [62240], kind: 'hosting', provider: 'Clouvider', source: `${ASN_DATA}: Clouvider Limited` },
  {
    asns: [212238, 60068, 211612],
    kind: 'hosting',
    provider: 'Datacamp (CDN77)',
    source: `${ASN_DATA}: Datacamp Limited; ${X4B}: "Datacamp VPN?" (hosts several VPN brands)`,
  },
  {
    asns: [396356],
    kind: 'hosting',
    provider: 'Latitude.sh',
    source: `${ASN_DATA}: Latitude.sh; X4BNet/lists_vpn issue #272`,
  },
  { asns: [29802, 61317], kind: 'hosting', provider: 'Hivelocity', source: `${ASN_DATA}: HIVELOCITY, Inc.` },
  {
    asns: [46475],
    kind: 'hosting',
    provider: 'Limestone Networks',
    source: `${ASN_DATA}: Limestone Networks, Inc.`,
  },
  { asns: [13213], kind: 'hosting', provider: 'UK2', source: `${ASN_DATA}: UK-2 Limited` },
  { asns: [55286], kind: 'hosting', provider: 'ServerMania', source: `${ASN_DATA}: B2 Net Solutions Inc.` },
  { asns: [54113], kind: 'hosting', provider: 'Fastly', source: `${ASN_DATA}: Fastly, Inc.` },
  { asns: [23470], kind: 'hosting', provider: 'ReliableSite', source: `${ASN_DATA}: ReliableSite.Net LLC` },
  { asns: [3223], kind: 'hosting', provider: 'Voxility', source: `${ASN_DATA}: Voxility LLP` },
  { asns: [63473], kind: 'hosting', provider: 'HostHatch', source: `${ASN_DATA}: HostHatch, LLC` },
  { asns: [8100], kind: 'hosting', provider: 'QuadraNet', source: `${ASN_DATA}: QuadraNet Enterprises LLC` },
  { asns: [36007], kind: 'hosting', provider: 'Kamatera', source: `${ASN_DATA}: Kamatera, Inc.` },
  { asns: [197540], kind: 'hosting', provider: 'netcup', source: `${ASN_DATA}: netcup GmbH` },
  { asns: [49981], kind: 'hosting', provider: 'WorldStream', source: `${ASN_DATA}: WorldStream B.V.` },
  { asns: [40676], kind: 'hosting', provider: 'Psychz Networks', source: `${ASN_DATA}: Psychz Networks` },
  { asns: [19318], kind: 'hosting', provider: 'Interserver', source: `${ASN_DATA}: Interserver, Inc` },
  {
    asns: [42831],
    kind: 'hosting',
    provider: 'UK Dedicated Servers',
    source: `${ASN_DATA}: UK Dedicated Servers Limited`,
  },
  { asns: [9123], kind: 'hosting', provider: 'Timeweb', source: `${ASN_DATA}: JSC "TIMEWEB"` },
  { asns: [137409], kind: 'hosting', provider: 'GSL Networks', source: `${ASN_DATA}: GSL Networks Pty LTD` },
  { asns: [46562], kind: 'hosting', provider: 'Performive', source: `${ASN_DATA}: Performive LLC` },
  {
    asns: [14956],
    kind: 'hosting',
    provider: 'RouterHosting (Cloudzy)',
    source: `X4BNet/lists_vpn issue #172; ${ASN_DATA}: RouterHosting LLC`,
  },
  {
    asns: [62904],
    kind: 'hosting',
    provider: 'Eonix (Servinga)',
    source: `X4BNet/lists_vpn issue #172; ${ASN_DATA}: Eonix Corporation`,
  },
  {
    asns: [4785, 3214, 3258, 8888, 9312, 6233, 949],
    kind: 'hosting',
    provider: 'xTom',
    source: `${ASN_DATA}: xTom`,
  },
  { asns: [9370], kind: 'hosting', provider: 'Sakura Internet', source: `${ASN_DATA}: SAKURA Internet Inc.` },
  // --- Access networks whose company name contains "VPN" (kept out of the generic /vpn/ pattern) --------
  {
    asns: [263097, 27683],
    kind: 'isp',
    source: `${ASN_DATA}: VPN INFRAESTRUTURA DE REDES LTDA., VPN de Mexico S.A. de C.V. (company names, not VPN services)`,
  },
  // --- Mobile carriers (the ASNs that are mostly mobile; mixed fixed/mobile networks stay isp) ----------
  { asns: [21928], kind: 'mobile', provider: 'T-Mobile US', source: `${ASN_DATA}: T-Mobile USA, Inc.` },
  {
    asns: [22394, 6167],
    kind: 'mobile',
    provider: 'Verizon Wireless',
    source: 'AS22394/AS6167 Cellco Partnership (Verizon Wireless); ASN data: Verizon Business',
  },
  {
    asns: [20057],
    kind: 'mobile',
    provider: 'AT&T Mobility',
    source: 'AS20057 AT&T Mobility; ASN data: AT&T Enterprises',
  },
  {
    asns: [36522],
    kind: 'mobile',
    provider: 'Bell Mobility',
    source: 'AS36522 Bell Mobility; ASN data: Bell Canada',
  },
  {
    asns: [206067, 60339],
    kind: 'mobile',
    provider: 'Three UK',
    source: `${ASN_DATA}: Hutchison 3G UK Limited`,
  },
  { asns: [35228], kind: 'mobile', provider: 'O2 UK', source: `${ASN_DATA}: Telefonica UK Limited` },
  {
    asns: [55836],
    kind: 'mobile',
    provider: 'Reliance Jio',
    source: `${ASN_DATA}: Reliance Jio Infocomm Limited`,
  },
  {
    asns: [45609],
    kind: 'mobile',
    provider: 'Airtel',
    source: 'AS45609 Bharti Airtel mobility; ASN data: Bharti Airtel Limited',
  },
  {
    asns: [38266, 45271, 55410],
    kind: 'mobile',
    provider: 'Vodafone Idea',
    source: `${ASN_DATA}: Vodafone Idea Ltd. (VIL)`,
  },
  { asns: [132199, 4775], kind: 'mobile', provider: 'Globe Telecom', source: `${ASN_DATA}: Globe Telecom` },
  { asns: [9605], kind: 'mobile', provider: 'NTT Docomo', source: `${ASN_DATA}: NTT DOCOMO, INC.` },
  { asns: [138384], kind: 'mobile', provider: 'Rakuten Mobile', source: `${ASN_DATA}: Rakuten Mobile, Inc.` },
  { asns: [9644], kind: 'mobile', provider: 'SK Telecom', source: `${ASN_DATA}: SK Telecom` },
  {
    asns: [
      9808, 24400, 24444, 24445, 24547, 38019, 56040, 56041, 56042, 56044, 56045, 56046, 56047, 56048, 132525,
      134810, 138407, 139080, 141425,
    ],
    kind: 'mobile',
    provider: 'China Mobile',
    source: `${ASN_DATA}: China Mobile / China Mobile Communications Corporation (also fixed broadband)`,
  },
  { asns: [31133], kind: 'mobile', provider: 'MegaFon', source: `${ASN_DATA}: PJSC MegaFon` },
  { asns: [12958], kind: 'mobile', provider: 'T2 Mobile', source: `${ASN_DATA}: T2 Mobile LLC` },
  {
    asns: [45669],
    kind: 'mobile',
    provider: 'Jazz (Mobilink)',
    source: `${ASN_DATA}: Mobilink GSM, Pakistan Mobile Communication Ltd.`,
  },
  {
    asns: [24158],
    kind: 'mobile',
    provider: 'Taiwan Mobile',
    source: `${ASN_DATA}: Taiwan Mobile Co., Ltd.`,
  },
  {
    asns: [16135],
    kind: 'mobile',
    provider: 'Turkcell',
    source: `${ASN_DATA}: TURKCELL ILETISIM HIZMETLERI A.S.`,
  },
  {
    asns: [9790, 23655],
    kind: 'mobile',
    provider: '2degrees',
    source: `${ASN_DATA}: Two Degrees Mobile Limited`,
  },
];

export type OrgPattern = { pattern: RegExp; kind: NetworkKind; provider?: string };

/**
 * Organisation-name patterns, tried in order when the ASN is not in the table (also usable on the
 * organisation or ISP name an identity provider reports). Brand names first, generic words last.
 */
export const ORG_PATTERNS: readonly OrgPattern[] = [
  { pattern: /\bastrill\b/i, kind: 'vpn', provider: 'Astrill VPN' },
  { pattern: /\bnord ?vpn\b|\btefincom\b|\bpackethub\b/i, kind: 'vpn', provider: 'NordVPN' },
  { pattern: /\bsurfshark\b/i, kind: 'vpn', provider: 'Surfshark' },
  { pattern: /\bexpress ?vpn\b|\bexpress technologies\b/i, kind: 'vpn', provider: 'ExpressVPN' },
  { pattern: /\bproton ?vpn\b/i, kind: 'vpn', provider: 'Proton VPN' },
  { pattern: /\bmullvad\b|\b31173 services\b/i, kind: 'vpn', provider: 'Mullvad VPN' },
  {
    pattern: /\bprivate internet access\b|\blondon trust media\b/i,
    kind: 'vpn',
    provider: 'Private Internet Access',
  },
  { pattern: /\bcyberghost\b/i, kind: 'vpn', provider: 'CyberGhost' },
  { pattern: /\bpure ?vpn\b|\bgz systems\b/i, kind: 'vpn', provider: 'PureVPN' },
  { pattern: /\bhide\.me\b|\beventure\b/i, kind: 'vpn', provider: 'hide.me' },
  { pattern: /\bipvanish\b|\bmudhook\b/i, kind: 'vpn', provider: 'IPVanish' },
  { pattern: /\bwindscribe\b/i, kind: 'vpn', provider: 'Windscribe' },
  { pattern: /\btunnelbear\b/i, kind: 'vpn', provider: 'TunnelBear' },
  { pattern: /\bhotspot shield\b|\bpango\b|\banchorfree\b/i, kind: 'vpn', provider: 'Hotspot Shield' },
  { pattern: /\bvypr ?vpn\b|\bgolden frog\b/i, kind: 'vpn', provider: 'VyprVPN' },
  { pattern: /\btorguard\b/i, kind: 'vpn', provider: 'TorGuard' },
  { pattern: /\bprivado\b/i, kind: 'vpn', provider: 'PrivadoVPN' },
  { pattern: /\bicloud private relay\b/i, kind: 'relay', provider: 'iCloud Private Relay' },
  { pattern: /\btor (exit|servers?|relays?)\b/i, kind: 'tor', provider: 'Tor' },
  { pattern: /\bvpn\b/i, kind: 'vpn' },
  { pattern: /\bproxy\b/i, kind: 'proxy' },
  {
    pattern:
      /\b(hosting|hoster|host|data ?cent(er|re)s?|datacent(er|re)s?|colo(cation)?|servers?|vps|cloud|dedicated|cdn)\b/i,
    kind: 'hosting',
  },
  { pattern: /\b(mobile|cellular|gsm)\b/i, kind: 'mobile' },
];

export type Classification = {
  kind: NetworkKind;
  provider?: string;
  /** `asn-class`: the ASN is in the table; `asn-org`: an organisation-name pattern; `asn`: default isp. */
  by: 'asn-class' | 'asn-org' | 'asn' | 'none';
};

const BY_ASN: ReadonlyMap<number, AsnClass> = new Map(
  ASN_CLASSES.flatMap((row) => row.asns.map((asn) => [asn, row] as const)),
);

/** The table row of an ASN, if any. */
export function asnClass(asn: number): AsnClass | undefined {
  return BY_ASN.get(asn);
}

/** Kind and provider from an organisation name alone (brand names, then generic words). */
export function classifyOrg(org: string | undefined): { kind: NetworkKind; provider?: string } | undefined {
  if (!org) return undefined;
  for (const p of ORG_PATTERNS) {
    if (p.pattern.test(org)) return { kind: p.kind, ...(p.provider ? { provider: p.provider } : {}) };
  }
  return undefined;
}

export function classifyNetwork(input: {
  asn?: number | undefined;
  org?: string | undefined;
}): Classification {
  if (input.asn !== undefined) {
    const row = BY_ASN.get(input.asn);
    if (row) return { kind: row.kind, ...(row.provider ? { provider: row.provider } : {}), by: 'asn-class' };
  }
  const byOrg = classifyOrg(input.org);
  if (byOrg) return { ...byOrg, by: 'asn-org' };
  if (input.asn !== undefined && input.asn > 0) return { kind: 'isp', by: 'asn' };
  return { kind: 'unknown', by: 'none' };
}
