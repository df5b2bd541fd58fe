import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyEntry } from './model.ts';
import {
  DEFAULT_DATA_DIR,
  diffSnapshots,
  entryVersion,
  loadDefaultSnapshot,
  loadSnapshot,
  type SnapshotManifest,
} from './snapshot.ts';

describe('loadDefaultSnapshot', () => {
  it('loads every shipped list with its source, date, checksum and count', async () => {
    const snapshot = await loadDefaultSnapshot();
    expect(snapshot.lists.map((l) => [l.list, l.publishedAt, l.entries])).toEqual([
      ['ofac-sdn', '2024-05-03', 14965],
      ['ofac-cons', '2025-12-19', 442],
      ['un', '2026-02-27', 1003],
      ['ca-sema', '2020-04-15', 1369],
    ]);
    expect(snapshot.lists.every((l) => /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
    expect(snapshot.entries).toHaveLength(14965 + 442 + 1003 + 1369);
    const lazarus = snapshot.wallets.find((w) => w.address === '0x098B716B8Aaf21512996dC57EB0615e2383E2f96');
    expect(lazarus).toMatchObject({
      chain: 'ETH',
      entityName: 'LAZARUS GROUP',
      entryId: '27307',
      programs: ['DPRK3'],
    });
    // The same address listed by two lists appears once.
    const keys = snapshot.wallets.map((w) => `${w.chain}:${w.address.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await loadDefaultSnapshot()).toBe(snapshot);
  });
});

describe('loadSnapshot', () => {
  it('refuses a file whose sha256 does not match the manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatecheck-snapshot-'));
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SnapshotManifest;
    writeFileSync(join(dir, 'ca-sema/sema-lmes_2020-04-15.xml'), '<data-set></data-set>');
    await expect(loadSnapshot(dir)).rejects.toThrow(
      new RegExp(
        `sema-lmes_2020-04-15.xml: sha256 mismatch: manifest.json says ${manifest.lists[3]?.files[0]?.sha256}`,
      ),
    );
  });
});

describe('diffSnapshots', () => {
  it('lists added, removed and changed entry ids per list', () => {
    const a = emptyEntry('un', 'KPi.001', 'individual', 'YUN HO-JIN');
    const b = emptyEntry('un', 'KPi.002', 'individual', 'RI JE-SON');
    const c = emptyEntry('ofac-sdn', '42498', 'individual', 'SIM, Hyon Sop');
    const changed = { ...a, aliases: [{ name: 'Yun Ho-chin', quality: 'strong' as const }] };
    const d = emptyEntry('un', 'KPe.001', 'entity', 'KOREA MINING DEVELOPMENT TRADING CORPORATION');
    expect(diffSnapshots({ entries: [a, b, c] }, { entries: [changed, d, c] })).toEqual({
      lists: [
        { list: 'ofac-sdn', added: [], removed: [], changed: [] },
        { list: 'un', added: ['KPe.001'], removed: ['KPi.002'], changed: ['KPi.001'] },
      ],
    });
  });
});

describe('entryVersion', () => {
  it('changes with the content, not with key order', () => {
    const a = emptyEntry('un', 'KPi.001', 'individual', 'YUN HO-JIN');
    const reordered = { ...a, remarks: 'x', name: 'YUN HO-JIN' };
    const { name, ...rest } = a;
    const same = { remarks: 'x', ...rest, name };
    expect(entryVersion(reordered)).toBe(entryVersion(same));
    expect(entryVersion(reordered)).not.toBe(entryVersion(a));
    expect(entryVersion(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
