// The shipped IP databases, with the licence and attribution their terms require (shown on the About page
// and in `GET /intel/ip`). DB-IP's CC BY 4.0 terms ask for a link "IP Geolocation by DB-IP" to
// https://db-ip.com on pages that show its results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASN_PACKAGE, asnPackageDir } from './asn.ts';
import { CITY_PACKAGE, cityPackageDir } from './city.ts';

export type IpSource = {
  id: string;
  title: string;
  licence: string;
  url: string;
  attribution: string;
  /** When the data was built (ISO 8601), if known. */
  builtAt: string | null;
};

export const DBIP_ATTRIBUTION = 'IP Geolocation by DB-IP';
export const DBIP_URL = 'https://db-ip.com';

/** ip-location-db versions end in the build time: 2.3.2026060513 → 2026-06-05T13:00:00Z. */
export function builtAtFromVersion(version: string): string | null {
  const m = /\.(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(version);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:00:00.000Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function packageVersion(dir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '';
  } catch {
    return '';
  }
}

/** `cityBuiltAt`: the build time read from a loaded mmdb (more exact than the package version). */
export function ipDatabases(cityBuiltAt?: string): IpSource[] {
  const cityVersion = packageVersion(cityPackageDir());
  const asnVersion = packageVersion(asnPackageDir());
  return [
    {
      id: 'dbip-city',
      title: `DB-IP IP to City Lite (${CITY_PACKAGE} ${cityVersion})`,
      licence: 'CC BY 4.0',
      url: DBIP_URL,
      attribution: `${DBIP_ATTRIBUTION} (${DBIP_URL}). The free IP to City Lite database by DB-IP is licensed under a Creative Commons Attribution 4.0 International License.`,
      builtAt: cityBuiltAt ?? builtAtFromVersion(cityVersion),
    },
    {
      id: 'asn',
      title: `IP to ASN: RouteViews, NRO/RIR delegations and DB-IP IP to ASN Lite (${ASN_PACKAGE} ${asnVersion})`,
      licence: 'CC BY 4.0',
      url: 'https://github.com/sapics/ip-location-db',
      attribution:
        'AS numbers from RouteViews (https://www.routeviews.org) and the NRO/RIR delegation statistics (https://www.nro.net); organisation names from the IP to ASN Lite database by DB-IP (https://db-ip.com). Each licensed under a Creative Commons Attribution 4.0 International License.',
      builtAt: builtAtFromVersion(asnVersion),
    },
  ];
}
