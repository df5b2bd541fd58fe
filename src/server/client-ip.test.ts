import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, trustedProxies } from './client-ip.ts';

const none = trustedProxies([]);
const edge = trustedProxies(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);

describe('clientAddress', () => {
  it('is the socket peer when nobody is trusted, whatever the headers say', () => {
    expect(clientAddress('203.0.113.9', { xForwardedFor: '198.51.100.1' }, none)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', { forwarded: 'for=198.51.100.1' }, none)).toBe('10.0.0.2');
  });

  it('ignores a spoofed X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', { xForwardedFor: '10.0.0.1, 198.51.100.1' }, edge)).toBe(
      '203.0.113.9',
    );
  });

  it('takes the client a trusted proxy names', () => {
    expect(clientAddress('10.1.2.3', { xForwardedFor: '198.51.100.1' }, edge)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.1.2.3', { xForwardedFor: '198.51.100.1' }, edge)).toBe('198.51.100.1');
  });

  it('walks a chain of trusted proxies from the right and stops at the first untrusted address', () => {
    // client → 192.0.2.7 (CDN, trusted) → 10.0.0.5 (load balancer, trusted) → Gatecheck.
    expect(clientAddress('10.0.0.5', { xForwardedFor: '198.51.100.1, 192.0.2.7' }, edge)).toBe(
      '198.51.100.1',
    );
    // The client prepended a fake address: it sits left of the real one and is never reached.
    expect(clientAddress('10.0.0.5', { xForwardedFor: '1.2.3.4, 198.51.100.1, 192.0.2.7' }, edge)).toBe(
      '198.51.100.1',
    );
    // Several headers arrive joined with commas; ports and brackets are dropped.
    expect(clientAddress('10.0.0.5', { xForwardedFor: '[2001:db8::1]:4711, 192.0.2.7:443' }, edge)).toBe(
      '2001:db8::1',
    );
  });

  it('gives the left-most entry when every hop is trusted, and the proxy itself without a header', () => {
    expect(clientAddress('10.0.0.5', { xForwardedFor: '10.9.9.9, 192.0.2.7' }, edge)).toBe('10.9.9.9');
    expect(clientAddress('10.0.0.5', {}, edge)).toBe('10.0.0.5');
  });

  it('stops at a hop that is not an address (the proxy that wrote it is the client it can name)', () => {
    expect(clientAddress('10.0.0.5', { xForwardedFor: '198.51.100.1, garbage' }, edge)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', { xForwardedFor: 'garbage, 192.0.2.7' }, edge)).toBe('192.0.2.7');
  });

  it('reads the RFC 7239 Forwarded header when there is no X-Forwarded-For', () => {
    const forwarded = 'for=198.51.100.1;proto=https, for="[2001:db8:cafe::17]:4711", for=192.0.2.7';
    expect(clientAddress('fd00::1', { forwarded }, edge)).toBe('2001:db8:cafe::17');
    expect(clientAddress('fd00::1', { forwarded: 'for=unknown' }, edge)).toBe('fd00::1');
    expect(
      clientAddress('fd00::1', { xForwardedFor: '198.51.100.2', forwarded: 'for=198.51.100.3' }, edge),
    ).toBe('198.51.100.2');
  });

  it('says unknown without a socket', () => {
    expect(clientAddress(undefined, { xForwardedFor: '198.51.100.1' }, edge)).toBe('unknown');
  });
});

describe('trustedProxies', () => {
  it('matches addresses and ranges of both families, IPv4-mapped IPv6 included', () => {
    expect(edge.has('10.255.0.1')).toBe(true);
    expect(edge.has('::ffff:10.0.0.1')).toBe(true);
    expect(edge.has('11.0.0.1')).toBe(false);
    expect(edge.has('192.0.2.8')).toBe(false);
    expect(edge.has('FD12::1')).toBe(true);
    expect(edge.has('not an address')).toBe(false);
  });

  it('refuses an entry that is not an address or range', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow(/prefix length after \/ must be 0–32/);
  });
});

describe('normalizeAddress', () => {
  it('unwraps IPv4-mapped addresses and drops zone ids', () => {
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('example.com')).toBeNull();
  });
});
