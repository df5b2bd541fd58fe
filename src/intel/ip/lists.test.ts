// Range-list parsing with the real lists from ../shared/datasets/signin-logs/ip-intel and hostile input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IpListError, LIST_LIMITS, normalizedContent, parseIpList, parseListLine } from './lists.ts';

const INTEL = '/work/shared/datasets/signin-logs/ip-intel';
const read = (file: string) => new Uint8Array(readFileSync(`${INTEL}/${file}`));

function rejects(input: Uint8Array | string, message: RegExp, limits = LIST_LIMITS): IpListError {
  try {
    parseIpList(input, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(IpListError);
    expect((error as Error).message).toMatch(message);
    return error as IpListError;
  }
  throw new Error('expected the list to be rejected');
}

describe('real lists', () => {
  it.each([
    ['tor_secops_institute_2024-02-27/tor-exit-nodes.lst', 1127, 619, 0],
    ['tor_secops_institute_2024-02-27/tor-nodes.lst', 5631, 2423, 0],
    ['x4bnet_lists_vpn_2026-08-22/output_vpn_ipv4.txt', 10862, 0, 0],
    ['x4bnet_lists_vpn_2026-08-22/output_vpn_ipv6.txt', 0, 498, 0],
    ['x4bnet_lists_vpn_2026-08-22/output_datacenter_ipv4.txt', 42566, 0, 0],
    ['x4bnet_lists_vpn_2026-08-22/output_datacenter_ipv6.txt', 0, 8752, 0],
    ['x4bnet_lists_vpn_2026-08-22/input_vpn_ASN.txt', 0, 0, 15],
  ])('%s imports completely (%d v4, %d v6, %d ASNs)', (file, v4, v6, asns) => {
    const list = parseIpList(read(file));
    expect(list.problemCount).toBe(0);
    expect([list.v4.length, list.v6.length, list.asns.length]).toEqual([v4, v6, asns]);
    expect(list.entries.length).toBe(v4 + v6 + asns);
  });

  it('reads the X4BNet ASN lists with their provider comments (UTF-8 included)', () => {
    const vpn = parseIpList(read('x4bnet_lists_vpn_2026-08-22/input_vpn_ASN.txt'));
    expect(vpn.asns.slice(0, 4)).toEqual([9009, 20448, 209854, 136787]);
    const dc = parseIpList(read('x4bnet_lists_vpn_2026-08-22/input_datacenter_ASN.txt'));
    expect(dc.asns.length).toBeGreaterThan(850);
    expect(dc.asns).toContain(45090);
  });

  it('normalizes entries and keeps them in a form that parses to the same list', () => {
    const list = parseIpList(read('x4bnet_lists_vpn_2026-08-22/output_vpn_ipv6.txt'));
    expect(list.entries[0]).toBe('2001:550:1d05::/48');
    const again = parseIpList(normalizedContent(list));
    expect(again.entries).toEqual(list.entries);
    expect(again.v6).toEqual(list.v6);
  });
});

describe('line forms', () => {
  it('reads addresses, blocks, ranges and ASNs with comments, BOM and CRLF', () => {
    const text =
      '\uFEFF# header\r\n1.2.3.4\r\n\r\n10.0.0.0/8 ; private\r\n5.6.7.8 - 5.6.7.20\r\nAS9009 # M247\r\n2001:db8::/32\r\n' +
      'as 13335\r\n8.8.8.9/24\r\n::ffff:9.9.9.9\r\n2001:db8::1-2001:db8::ff\r\nExitNode 0011\r\nExitAddress 4.4.4.4 2024-02-27 00:00:00\r\n' +
      '172.224.224.0/27,GB,GB-EN,London,\r\n';
    const list = parseIpList(text);
    expect(list.problems).toEqual([]);
    expect(list.entries).toEqual([
      '1.2.3.4',
      '10.0.0.0/8',
      '5.6.7.8-5.6.7.20',
      'AS9009',
      '2001:db8::/32',
      'AS13335',
      '8.8.8.0/24',
      '9.9.9.9',
      '2001:db8::1-2001:db8::ff',
      '4.4.4.4',
      '172.224.224.0/27',
    ]);
    expect(list.v4[1]).toEqual({ start: 167772160, end: 184549375 });
    expect(list.lines).toBe(14);
  });

  it('reports bad lines by number and keeps the good ones', () => {
    const list = parseIpList(
      '1.2.3.4\nhello\n1.2.3.300\n5.6.7.8\n1.2.3.9-1.2.3.1\n0.0.0.0/0\n2001:db8::/8\n1.2.3.4 5.6.7.8\n1.2.3.4-2001:db8::1\n1.2.3.0/33\nAS0\n',
    );
    expect(list.entries).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(list.problemCount).toBe(9);
    expect(list.problems.map((p) => p.line)).toEqual([2, 3, 5, 6, 7, 8, 9, 10, 11]);
    expect(list.problems[0]?.message).toBe('"hello" is not an IP address, CIDR block, range or ASN');
    expect(list.problems[2]?.message).toBe('"1.2.3.9-1.2.3.1": the range ends before it starts');
    expect(list.problems[3]?.message).toMatch(/too broad/);
    expect(list.problems[6]?.message).toBe('"1.2.3.4-2001:db8::1": a range must not mix IPv4 and IPv6');
  });

  it('counts duplicates once', () => {
    expect(parseIpList('1.2.3.4\n1.2.3.4\n1.2.3.4/32\n').entries).toEqual(['1.2.3.4']);
  });

  it('leaves blank and comment-only lines alone', () => {
    expect(parseListLine('   # nothing')).toBeUndefined();
    expect(parseListLine('')).toBeUndefined();
  });
});

describe('whole-file rejections', () => {
  it('rejects a list with no valid entry, with its problems', () => {
    const error = rejects('foo\nbar\n', /no valid entry \(2 bad lines\)/);
    expect(error.problems).toEqual([
      { line: 1, message: '"foo" is not an IP address, CIDR block, range or ASN' },
      { line: 2, message: '"bar" is not an IP address, CIDR block, range or ASN' },
    ]);
  });

  it('rejects an empty or comment-only file', () => {
    rejects('', /empty/);
    rejects('# only a comment\n\n', /empty/);
  });

  it('rejects UTF-16, binary and invalid UTF-8', () => {
    rejects(new Uint8Array([0xff, 0xfe, 0x31, 0x00]), /UTF-16/);
    rejects(new Uint8Array([0x31, 0x2e, 0x00, 0x32]), /NUL/);
    rejects(new Uint8Array([0x31, 0x2e, 0xc3, 0x28]), /not valid UTF-8/);
  });

  it('enforces the size, line and entry limits', () => {
    const small = { ...LIST_LIMITS, maxBytes: 10, maxLines: 3, maxEntries: 2, maxLineChars: 20 };
    rejects(new TextEncoder().encode('1.2.3.4\n5.6.7.8\n'), /larger than the limit of 10 bytes/, small);
    rejects('1.1.1.1\n\n\n# four\n', /more than 3 lines/, { ...small, maxBytes: 1000 });
    expect(parseIpList('1.1.1.1\n\n# three\n', { ...small, maxBytes: 1000 }).lines).toBe(3);
    rejects('1.1.1.1\n2.2.2.2\n3.3.3.3\n', /more than 2 entries/, { ...small, maxBytes: 1000, maxLines: 10 });
    const long = parseIpList(`${'1'.repeat(30)}\n1.1.1.1\n`, { ...small, maxBytes: 1000, maxLines: 10 });
    expect(long.problems).toEqual([{ line: 1, message: 'the line is longer than 20 characters' }]);
  });

  it('keeps the first problems and counts them all', () => {
    const text = `${'x\n'.repeat(150)}1.1.1.1\n`;
    const list = parseIpList(text);
    expect(list.problems.length).toBe(100);
    expect(list.problemCount).toBe(150);
  });
});
