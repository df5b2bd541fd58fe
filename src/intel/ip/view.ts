// The JSON shape of one lookup for the CLI (`gatecheck ip --json`) and the API (`GET /ip/{address}`):
// every field present, unknown values null.
import type { IpInfo, NetworkKind } from '../../core/intel/ip.ts';

export type IpView = {
  ip: string;
  country: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  accuracyKm: number | null;
  asn: number | null;
  org: string | null;
  kind: NetworkKind;
  provider: string | null;
  allowListed: { list: string; label: string } | null;
  sources: string[];
};

export function toIpView(info: IpInfo): IpView {
  return {
    ip: info.ip,
    country: info.country ?? null,
    region: info.region ?? null,
    city: info.city ?? null,
    lat: info.lat ?? null,
    lon: info.lon ?? null,
    accuracyKm: info.accuracyKm ?? null,
    asn: info.asn ?? null,
    org: info.org ?? null,
    kind: info.kind,
    provider: info.provider ?? null,
    allowListed: info.allowListed ? { list: info.allowListed.list, label: info.allowListed.label } : null,
    sources: [...info.sources],
  };
}
