// logistics.address-mismatch — the equipment shipping address is in another country than the home address (or,
// without one, the claimed location), or in another region/province/state of the same country. Distance within
// a region is not measured: no city coordinates ship with Gatecheck (the bundled IP-city database places IP
// addresses, not postal addresses), so a shipping address across town and one 500 km away in the same province
// look alike. Household members may live elsewhere; a declared one is named in the explanation.
import type { Address } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { asAddress, describeAddress } from '../changes.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isTime, toMs } from '../util.ts';

const def = requireSignal('logistics.address-mismatch');

// Canadian provinces/territories and US states written out → their postal codes, so "Ontario" = "ON".
const REGION_NAMES: Record<string, string> = {
  alberta: 'AB',
  'british columbia': 'BC',
  manitoba: 'MB',
  'new brunswick': 'NB',
  'newfoundland and labrador': 'NL',
  'nova scotia': 'NS',
  ontario: 'ON',
  'prince edward island': 'PE',
  quebec: 'QC',
  saskatchewan: 'SK',
  'northwest territories': 'NT',
  nunavut: 'NU',
  yukon: 'YT',
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  'district of columbia': 'DC',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  'puerto rico': 'PR',
};

function regionKey(region: string | undefined): string | undefined {
  if (!region) return undefined;
  const folded = region
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.\s]+/g, ' ')
    .trim();
  if (folded === '') return undefined;
  return REGION_NAMES[folded] ?? folded.toUpperCase();
}

type Place = { address: Address; path: string; label: string };

/** The latest value of an address field (the enrolment counts: it is where things go now). */
function latest(changes: NonNullable<import('../../bundle/schema.ts').CaseBundle['changes']>, field: string) {
  let best: { index: number; at: number; address: Address } | undefined;
  changes.forEach((c, index) => {
    if (c.field !== field) return;
    const at = toMs(c.at);
    const address = asAddress(c.to);
    if (!address || !isTime(at)) return;
    if (!best || at >= best.at) best = { index, at, address };
  });
  return best;
}

export const addressMismatch: Detector = {
  signal: def.id,
  detect(bundle) {
    const changes = bundle.changes ?? [];
    const shipping = latest(changes, 'shipping_address');
    if (!shipping) return notEvaluated('no shipping address recorded');
    const home = latest(changes, 'home_address');
    const claimed = bundle.subject.claimedLocation;
    const ref: Place | undefined = home
      ? { address: home.address, path: `changes[${home.index}]`, label: 'home address' }
      : claimed?.country
        ? {
            address: { city: claimed.city, region: claimed.region, country: claimed.country },
            path: 'subject.claimedLocation',
            label: 'claimed location',
          }
        : undefined;
    if (!ref) return notEvaluated('no home address or claimed location to compare with');
    const to = shipping.address;
    const toCountry = to.country?.toUpperCase();
    const refCountry = ref.address.country?.toUpperCase();
    if (!toCountry || !refCountry) return notEvaluated('the shipping or home address has no country');
    let level: 'country' | 'region' | undefined;
    if (toCountry !== refCountry) level = 'country';
    else {
      const a = regionKey(to.region);
      const b = regionKey(ref.address.region);
      if (a && b && a !== b) level = 'region';
    }
    if (!level) return nothing();
    const household = (bundle.subject.household ?? []).map((h) => h.name).filter(Boolean);
    const note =
      household.length > 0
        ? `; a declared household member (${household.join(', ')}) may live there — ask before concluding`
        : '';
    return found(
      fire(
        def,
        'medium',
        [`changes[${shipping.index}]`, ref.path],
        { level, shippingCountry: toCountry, homeCountry: refCountry, reference: ref.label },
        {
          shipping: `${describeAddress(to)}, another ${level === 'country' ? 'country' : 'region'}`,
          home: `${ref.label}: ${describeAddress(ref.address)}${note}`,
        },
      ),
    );
  },
};
