// DB-IP Lite has no accuracy radius, so Gatecheck estimates one (reasoning in docs/adr/0003-ip-data.md):
// - the level the record resolves to: a city (50 km), only a region (250 km) or only a country (1,000 km);
// - the size of the block that shares the record (the mmdb prefix length): one city for a whole /12 is a
//   provider's head office more often than where its customers are, so big blocks widen the radius;
// - mobile carriers route many cities through a few gateways: at least 200 km (applied by the runtime).

export const CITY_KM = 50;
export const REGION_KM = 250;
export const COUNTRY_KM = 1000;
export const MOBILE_MIN_KM = 200;

/** How much a block of this size widens the radius (1 for a block the size of a customer network). */
export function prefixFactor(prefix: number, version: 4 | 6): number {
  if (version === 4) {
    if (prefix >= 20) return 1;
    if (prefix >= 16) return 1.5;
    if (prefix >= 12) return 2;
    return 3;
  }
  if (prefix >= 48) return 1;
  if (prefix >= 40) return 1.5;
  if (prefix >= 32) return 2;
  return 3;
}

export function estimateAccuracyKm(input: {
  city?: string | undefined;
  region?: string | undefined;
  prefix: number;
  version: 4 | 6;
}): number {
  if (input.city) return Math.round(CITY_KM * prefixFactor(input.prefix, input.version));
  if (input.region) return Math.round(REGION_KM * prefixFactor(input.prefix, input.version));
  return COUNTRY_KM;
}
