import { describe, expect, it } from 'vitest';
import { ASN_CLASSES, classifyNetwork, classifyOrg } from './classify.ts';

describe('classifyNetwork', () => {
  it.each([
    [
      { asn: 16509, org: 'Amazon.com, Inc.' },
      { kind: 'hosting', provider: 'Amazon Web Services', by: 'asn-class' },
    ],
    [
      { asn: 15169, org: 'Google LLC' },
      { kind: 'hosting', provider: 'Google', by: 'asn-class' },
    ],
    [
      { asn: 136787, org: 'PacketHub S.A.' },
      { kind: 'vpn', provider: 'NordVPN', by: 'asn-class' },
    ],
    [
      { asn: 39351, org: '31173 Services AB' },
      { kind: 'vpn', provider: 'Mullvad VPN', by: 'asn-class' },
    ],
    [
      { asn: 209854, org: 'Cyberzone S.A.' },
      { kind: 'vpn', provider: 'Surfshark', by: 'asn-class' },
    ],
    [
      { asn: 36183, org: 'Akamai Technologies, Inc.' },
      { kind: 'relay', provider: 'iCloud Private Relay', by: 'asn-class' },
    ],
    [
      { asn: 21928, org: 'T-Mobile USA, Inc.' },
      { kind: 'mobile', provider: 'T-Mobile US', by: 'asn-class' },
    ],
    [{ asn: 60729 }, { kind: 'tor', provider: 'Tor', by: 'asn-class' }],
    [
      { asn: 812, org: 'Rogers Communications Canada Inc.' },
      { kind: 'isp', by: 'asn' },
    ],
    [
      { asn: 4134, org: 'Chinanet' },
      { kind: 'isp', by: 'asn' },
    ],
    [
      { asn: 64500, org: 'Astrill Systems Corp' },
      { kind: 'vpn', provider: 'Astrill VPN', by: 'asn-org' },
    ],
    [
      { asn: 64501, org: 'Example Hosting Ltd' },
      { kind: 'hosting', by: 'asn-org' },
    ],
    [
      { asn: 64502, org: 'Rackspace Hosting' },
      { kind: 'hosting', by: 'asn-org' },
    ],
    [
      { asn: 64503, org: 'Acme Mobile Communications' },
      { kind: 'mobile', by: 'asn-org' },
    ],
    [
      { asn: 263097, org: 'VPN INFRAESTRUTURA DE REDES LTDA.' },
      { kind: 'isp', by: 'asn-class' },
    ],
    [{}, { kind: 'unknown', by: 'none' }],
  ])('%j → %j', (input, expected) => {
    expect(classifyNetwork(input)).toEqual(expected);
  });

  it('does not take a name that merely contains "astrill" for Astrill', () => {
    expect(classifyOrg('ALLASTRILLA ENTERPRISES')).toBeUndefined();
    expect(classifyOrg('Astrill VPN')).toEqual({ kind: 'vpn', provider: 'Astrill VPN' });
  });

  it('names each ASN in at most one row, and every row has a source', () => {
    const seen = new Map<number, string>();
    for (const row of ASN_CLASSES) {
      expect(row.source.length).toBeGreaterThan(5);
      for (const asn of row.asns) {
        expect(seen.get(asn), `AS${asn} in two rows`).toBeUndefined();
        seen.set(asn, row.provider ?? row.kind);
      }
    }
    expect(seen.size).toBeGreaterThan(150);
  });
});
