import { describe, expect, it } from 'vitest';
import { formatIPv4, isReserved, parseIPv4, parseIp } from './address.ts';

describe('parseIPv4', () => {
  it.each([
    ['8.8.8.8', 134744072],
    ['0.0.0.0', 0],
    ['255.255.255.255', 4294967295],
    ['175.45.176.1', 2939006977],
  ])('%s → %d and back', (text, value) => {
    expect(parseIPv4(text)).toBe(value);
    expect(formatIPv4(value)).toBe(text);
  });

  it.each([
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.',
    '.1.2.3',
    '1..2.3',
    '1.2.3.4 ',
    'a.b.c.d',
    '',
    '1.2.3.-4',
  ])('rejects %j', (text) => {
    expect(parseIPv4(text)).toBeUndefined();
  });
});

describe('parseIp', () => {
  it('reads IPv4 (trimmed) and IPv6 in canonical form', () => {
    expect(parseIp(' 8.8.8.8\n')).toEqual({ version: 4, value: 134744072, text: '8.8.8.8' });
    const v6 = parseIp('2001:4860:4860:0:0:0:0:8888');
    expect(v6).toEqual({
      version: 6,
      words: [0x20014860, 0x48600000, 0, 0x8888],
      text: '2001:4860:4860::8888',
    });
    expect(parseIp('2001:DB8::1')?.text).toBe('2001:db8::1');
  });

  it('looks up an IPv4-mapped IPv6 address as IPv4', () => {
    expect(parseIp('::ffff:8.8.8.8')).toEqual({ version: 4, value: 134744072, text: '::ffff:8.8.8.8' });
  });

  it('ignores an IPv6 zone', () => {
    expect(parseIp('fe80::1%eth0')?.text).toBe('fe80::1');
  });

  it.each(['nope', '8.8.8.8:443', '[::1]', '1.2.3.4/24', '2001:db8::g', ':::', 'x'.repeat(65), '12345'])(
    'rejects %j',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );
});

describe('reserved addresses', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['127.0.0.1', true],
    ['169.254.1.1', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['203.0.113.5', true],
    ['8.8.8.8', false],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['2001:db8::1', true],
    ['2001:4860:4860::8888', false],
    ['2a00:1450:4001::1', false],
  ])('%s reserved: %s', (text, reserved) => {
    const ip = parseIp(text);
    expect(ip).toBeDefined();
    if (ip) expect(isReserved(ip)).toBe(reserved);
  });
});
