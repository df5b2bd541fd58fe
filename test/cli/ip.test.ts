// `gatecheck ip` and `gatecheck intel ip …` as a user runs them: a real process, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOGLE_DNS_VIEW, TOR_EXITS, VPN_ASNS } from '../ip-fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'gc-cli-ip-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function gatecheck(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', NO_COLOR: '1' };
  delete env.GATECHECK_JSON;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gatecheck ip', () => {
  const empty = path.join(tmp, 'no-store');

  it('--json prints exactly the issue-4 fields plus allowListed and sources', () => {
    const run = gatecheck(['ip', '8.8.8.8', '--json', '--data-dir', empty]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(GOOGLE_DNS_VIEW);
  });

  it('prints a readable answer with the DB-IP attribution', () => {
    const run = gatecheck(['ip', '175.45.176.1', '--data-dir', empty]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Pyongyang, KP');
    expect(run.stdout).toContain('AS131279 Star Joint Venture Co. Ltd.');
    expect(run.stdout).toContain('IP Geolocation by DB-IP (https://db-ip.com)');
  });

  it('exits 1 for something that is not an address, 2 without one', () => {
    const bad = gatecheck(['ip', 'example.com', '--data-dir', empty]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"example.com" is not an IPv4 or IPv6 address');
    expect(gatecheck(['ip']).code).toBe(2);
  });
});

describe('gatecheck intel ip', () => {
  const store = path.join(tmp, 'store');
  /** `gatecheck intel ip import <file> --kind <kind> --name <name> [...more] --data-dir <store>` */
  const importList = (file: string, kind: string, name: string, ...more: string[]) =>
    gatecheck(['intel', 'ip', 'import', file, '--kind', kind, '--name', name, ...more, '--data-dir', store]);

  it('imports the Tor exit list; `gatecheck ip` then uses it', () => {
    const run = importList(TOR_EXITS, 'tor', 'tor-exits', '--provider', 'Tor');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('tor-exits (tor, Tor): 1746 entries from 1746 lines');
    const ip = JSON.parse(gatecheck(['ip', '101.99.92.179', '--json', '--data-dir', store]).stdout) as Record<
      string,
      unknown
    >;
    expect(ip).toMatchObject({
      kind: 'tor',
      provider: 'Tor',
      sources: ['dbip-city', 'asn', 'list:tor-exits'],
    });
  });

  it('imports an ASN list (X4BNet input_vpn_ASN.txt) and an allow-list with --json', () => {
    const asn = importList(VPN_ASNS, 'vpn', 'x4b-vpn-asn', '--json');
    expect(asn.code).toBe(0);
    expect(JSON.parse(asn.stdout)).toMatchObject({
      list: { name: 'x4b-vpn-asn', kind: 'vpn', entries: 15 },
      problemCount: 0,
    });
    const allowFile = path.join(tmp, 'corp.txt');
    writeFileSync(allowFile, '# office\r\n70.49.1.0/24\r\nnot-an-ip\r\n');
    const allow = importList(allowFile, 'allow', 'office', '--label', 'Toronto office');
    expect(allow.code).toBe(0);
    expect(allow.stderr).toContain('line 3: "not-an-ip" is not an IP address, CIDR block, range or ASN');
    const ip = JSON.parse(gatecheck(['ip', '70.49.1.1', '--json', '--data-dir', store]).stdout) as Record<
      string,
      unknown
    >;
    expect(ip).toMatchObject({ kind: 'isp', allowListed: { list: 'office', label: 'Toronto office' } });
  });

  it('lists and removes lists', () => {
    const list = JSON.parse(gatecheck(['intel', 'ip', 'list', '--json', '--data-dir', store]).stdout) as {
      lists: { name: string }[];
    };
    expect(list.lists.map((l) => l.name)).toEqual(['office', 'tor-exits', 'x4b-vpn-asn']);
    expect(gatecheck(['intel', 'ip', 'remove', 'office', '--data-dir', store]).code).toBe(0);
    const missing = gatecheck(['intel', 'ip', 'remove', 'office', '--data-dir', store]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('IP list "office" was not found');
  });

  it('rejects a file with no valid entry (exit 1) and a missing --kind (exit 2)', () => {
    const junk = path.join(tmp, 'junk.txt');
    writeFileSync(junk, 'hello\nworld\n');
    const run = importList(junk, 'vpn', 'junk');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The list has no valid entry (2 bad lines); nothing was imported');
    expect(gatecheck(['intel', 'ip', 'import', junk, '--name', 'junk', '--data-dir', store]).code).toBe(2);
  });
});
