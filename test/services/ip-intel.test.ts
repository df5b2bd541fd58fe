// IP intelligence through the services and the store, on both dialects: importing the REAL Tor and X4BNet
// lists, allow-lists, precedence, bad lines, atomic re-import, removal, audit and permissions; and the
// repository itself.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, verifyAuditChain } from '../../src/adapters/db/audit.ts';
import {
  deleteIpList as deleteRow,
  findIpList,
  ipListsFingerprint,
  listIpLists,
  listIpListsWithContent,
  replaceIpList,
} from '../../src/adapters/db/repositories/ip-lists.repository.ts';
import { createIpRuntime } from '../../src/intel/ip/runtime.ts';
import type { AppContext } from '../../src/services/context.ts';
import { deleteIpList } from '../../src/services/delete-ip-list.ts';
import { importIpList } from '../../src/services/import-ip-list.ts';
import { listIpIntel } from '../../src/services/list-ip-intel.ts';
import { lookupIp } from '../../src/services/lookup-ip.ts';
import { dialects } from '../db.ts';
import { attachIpIntel, IP_INTEL_DIR } from '../ip-fixture.ts';
import { admin, createTestApp, investigator, type TestApp, viewer } from './helpers.ts';

const file = (name: string) => new Uint8Array(readFileSync(`${IP_INTEL_DIR}/${name}`));
const TOR = 'tor_secops_institute_2024-02-27/tor-exit-nodes.lst';
const VPN_V4 = 'x4bnet_lists_vpn_2026-08-22/output_vpn_ipv4.txt';
const VPN_V6 = 'x4bnet_lists_vpn_2026-08-22/output_vpn_ipv6.txt';

describe.each(dialects)('IP intelligence services (%s)', (dialect) => {
  let t: TestApp;
  let app: AppContext;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    attachIpIntel(t.app);
    app = t.app;
  });
  afterAll(() => t.close());

  it('looks up an address for a viewer; rejects a non-address', async () => {
    expect(await lookupIp(app, viewer, '8.8.8.8')).toMatchObject({
      ip: '8.8.8.8',
      country: 'US',
      asn: 15169,
      org: 'Google LLC',
      kind: 'hosting',
      provider: 'Google',
      allowListed: null,
    });
    await expect(lookupIp(app, viewer, 'not-an-ip')).rejects.toMatchObject({ code: 'validation' });
  });

  it('imports the real Tor exit list: its addresses become tor', async () => {
    const exit = '101.99.92.179';
    expect((await lookupIp(app, viewer, exit)).kind).not.toBe('tor');
    const result = await importIpList(
      app,
      admin,
      { name: 'tor-exits', kind: 'tor', provider: 'Tor', content: file(TOR) },
      { reassess: false },
    );
    expect(result.list).toMatchObject({ name: 'tor-exits', kind: 'tor', provider: 'Tor', entries: 1746 });
    expect(result.problemCount).toBe(0);
    expect(result.replaced).toBeNull();
    expect(await lookupIp(app, viewer, exit)).toMatchObject({
      kind: 'tor',
      provider: 'Tor',
      sources: expect.arrayContaining(['list:tor-exits']),
    });
    const v6exit = readFileSync(`${IP_INTEL_DIR}/${TOR}`, 'utf8')
      .split('\n')
      .find((l) => l.includes(':'));
    expect(v6exit).toBeDefined();
    expect((await lookupIp(app, viewer, v6exit ?? '')).kind).toBe('tor');
  });

  it('imports the X4BNet VPN lists (v4 and v6): their addresses become vpn, tor still wins', async () => {
    await importIpList(
      app,
      admin,
      { name: 'x4b-vpn', kind: 'vpn', content: file(VPN_V4) },
      { reassess: false },
    );
    await importIpList(
      app,
      admin,
      { name: 'x4b-vpn6', kind: 'vpn', content: file(VPN_V6) },
      { reassess: false },
    );
    // 2.26.157.0/24 is the first block of the X4BNet VPN list; 2001:ac8::/32 is in the IPv6 one.
    expect(await lookupIp(app, viewer, '2.26.157.9')).toMatchObject({
      kind: 'vpn',
      sources: expect.arrayContaining(['list:x4b-vpn']),
    });
    expect((await lookupIp(app, viewer, '2001:ac8:1::1')).kind).toBe('vpn');
    expect((await lookupIp(app, viewer, '101.99.92.179')).kind).toBe('tor');
  });

  it('an allow-list marks the address and keeps its kind', async () => {
    const result = await importIpList(
      app,
      admin,
      {
        name: 'corp-egress',
        kind: 'allow',
        label: 'Corporate VPN egress',
        content: '# our egress\n2.26.157.0/24\n70.49.1.1\n',
      },
      { reassess: false },
    );
    expect(result.list.entries).toBe(2);
    expect(await lookupIp(app, viewer, '2.26.157.9')).toMatchObject({
      kind: 'vpn',
      allowListed: { list: 'corp-egress', label: 'Corporate VPN egress' },
    });
    expect(await lookupIp(app, viewer, '70.49.1.1')).toMatchObject({
      kind: 'isp',
      allowListed: { list: 'corp-egress', label: 'Corporate VPN egress' },
    });
  });

  it('reports bad lines by number and imports the rest; rejects a file with nothing valid', async () => {
    const result = await importIpList(
      app,
      admin,
      { name: 'mixed', kind: 'proxy', content: '9.9.9.9\nnot an ip\n1.2.3.4-1.2.3.1\nAS64512\n' },
      { reassess: false },
    );
    expect(result.list.entries).toBe(2);
    expect(result.lines).toBe(4);
    expect(result.problems).toEqual([
      { line: 2, message: '"not an ip": one address, block, range or ASN per line' },
      { line: 3, message: '"1.2.3.4-1.2.3.1": the range ends before it starts' },
    ]);
    expect((await lookupIp(app, viewer, '9.9.9.9')).kind).toBe('proxy');
    const before = await listIpLists(app.database.db);
    await expect(
      importIpList(app, admin, { name: 'junk', kind: 'vpn', content: 'a\nb\n' }),
    ).rejects.toMatchObject({
      code: 'validation',
      problems: [
        { path: 'line 1', message: '"a" is not an IP address, CIDR block, range or ASN' },
        { path: 'line 2', message: '"b" is not an IP address, CIDR block, range or ASN' },
      ],
    });
    expect(await listIpLists(app.database.db)).toEqual(before);
  });

  it('rejects bad names, kinds and labels before storing anything', async () => {
    for (const input of [
      { name: '../etc', kind: 'vpn' },
      { name: '', kind: 'vpn' },
      { name: 'ok', kind: 'isp' },
      { name: 'ok', kind: 'vpn', label: 'bad\u0000label' },
      { name: 'ok', kind: 'vpn', provider: 'x'.repeat(201) },
    ]) {
      await expect(importIpList(app, admin, { ...input, content: '1.1.1.1\n' })).rejects.toMatchObject({
        code: 'validation',
      });
    }
    expect(await findIpList(app.database.db, 'ok')).toBeUndefined();
  });

  it('re-importing a name replaces the list atomically', async () => {
    const second = await importIpList(
      app,
      admin,
      { name: 'mixed', kind: 'hosting', provider: 'Example Host', content: '8.8.4.0/24\n' },
      { reassess: false },
    );
    expect(second.replaced).toMatchObject({ entries: 2, kind: 'proxy' });
    expect((await lookupIp(app, viewer, '9.9.9.9')).kind).not.toBe('proxy');
    expect(await lookupIp(app, viewer, '8.8.4.4')).toMatchObject({
      kind: 'hosting',
      provider: 'Example Host',
    });
    const rows = await listIpLists(app.database.db);
    expect(rows.filter((r) => r.name === 'mixed')).toHaveLength(1);
  });

  it('lists databases and lists; removes a list; all of it audited', async () => {
    const view = await listIpIntel(app, viewer);
    expect(view.databases.map((d) => d.id)).toEqual(['dbip-city', 'asn']);
    expect(view.lists.map((l) => [l.name, l.kind, l.entries])).toEqual([
      ['corp-egress', 'allow', 2],
      ['mixed', 'hosting', 1],
      ['tor-exits', 'tor', 1746],
      ['x4b-vpn', 'vpn', 10862],
      ['x4b-vpn6', 'vpn', 498],
    ]);
    const removed = await deleteIpList(app, admin, 'corp-egress');
    expect(removed.reassessJobId).toEqual(expect.any(String));
    expect((await lookupIp(app, viewer, '70.49.1.1')).allowListed).toBeNull();
    await expect(deleteIpList(app, admin, 'corp-egress')).rejects.toMatchObject({ code: 'not_found' });
    const actions = (await listAuditEntries(app.database.db, { targetType: 'ip_list' })).map(
      (e) => `${e.action} ${e.targetId}`,
    );
    expect(actions.sort()).toEqual(
      [
        'ip_list.imported tor-exits',
        'ip_list.imported x4b-vpn',
        'ip_list.imported x4b-vpn6',
        'ip_list.imported corp-egress',
        'ip_list.imported mixed',
        'ip_list.replaced mixed',
        'ip_list.removed corp-egress',
      ].sort(),
    );
    expect((await verifyAuditChain(app.database.db)).ok).toBe(true);
  });

  it('only admins import or remove lists; viewers look up and list', async () => {
    await expect(
      importIpList(app, investigator, { name: 'x', kind: 'vpn', content: '1.1.1.1\n' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteIpList(app, investigator, 'mixed')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listIpIntel(app, viewer)).lists.length).toBe(4);
  });

  it('two imports of one new name at once: one list, the loser (if any) told to try again', async () => {
    const results = await Promise.allSettled(
      ['1.1.1.1\n', '2.2.2.2\n'].map((content) =>
        importIpList(app, admin, { name: 'race', kind: 'proxy', content }, { reassess: false }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
    expect((await listIpLists(app.database.db)).filter((l) => l.name === 'race')).toHaveLength(1);
    await deleteIpList(app, admin, 'race', { reassess: false });
  });

  it('a second runtime on the same store sees the lists another one imported', async () => {
    const other = createIpRuntime({ db: t.db.db });
    await other.ready();
    expect(other.lookup.lookup('101.99.92.179')?.kind).toBe('tor');
  });
});

describe.each(dialects)('ip-lists repository (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('replaces, finds, lists, fingerprints and deletes', async () => {
    const db = t.db.db;
    const who = { kind: 'user' as const, id: 'u1', name: 'Ada' };
    const row = {
      name: 'l1',
      kind: 'vpn',
      provider: null,
      label: 'L',
      entries: 1,
      importedAt: '2026-01-01T00:00:00.000Z',
      importedBy: who,
      content: '1.1.1.1\n',
    };
    expect(await ipListsFingerprint(db)).toBe('');
    expect(await replaceIpList(db, row)).toBeUndefined();
    const first = await ipListsFingerprint(db);
    expect(first).toBe('l1@2026-01-01T00:00:00.000Z');
    const previous = await replaceIpList(db, {
      ...row,
      entries: 2,
      importedAt: '2026-01-02T00:00:00.000Z',
      content: '1.1.1.1\n2.2.2.2\n',
    });
    expect(previous).toMatchObject({ entries: 1, importedBy: who });
    expect(await findIpList(db, 'l1')).toEqual({
      name: 'l1',
      kind: 'vpn',
      provider: null,
      label: 'L',
      entries: 2,
      importedAt: '2026-01-02T00:00:00.000Z',
      importedBy: who,
    });
    expect((await listIpListsWithContent(db))[0]?.content).toBe('1.1.1.1\n2.2.2.2\n');
    expect(await ipListsFingerprint(db)).not.toBe(first);
    expect(await deleteRow(db, 'l1')).toBe(true);
    expect(await deleteRow(db, 'l1')).toBe(false);
    expect(await listIpLists(db)).toEqual([]);
  });
});
