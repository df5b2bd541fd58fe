// The JSON shape of one lookup for the CLI (`gatecheck ip --json`) and the API (`GET /ip/{address}`):
// every field present, unknown values null.
import type { IpInfo, IpView } from '../../core/intel/ip.ts';

export type { IpView };

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
