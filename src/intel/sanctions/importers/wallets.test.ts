import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.ts';
import { importSanctionsFiles } from './index.ts';
import { CRYPTO, SANCTIONS, writeTemp } from './test-helpers.ts';
import { importWalletList } from './wallets.ts';

const B10C = `${CRYPTO}/0xB10C_lists_2024-09-27`;

describe('importWalletList', () => {
  it('reads the 0xB10C per-chain lists in both forms (654 addresses each)', async () => {
    const files = readdirSync(B10C);
    for (const ext of ['txt', 'json'] as const) {
      let total = 0;
      for (const name of files.filter((f) => f.endsWith(`.${ext}`))) {
        const { wallets, skipped } = await importWalletList(
          `${B10C}/${name}`,
          ext === 'txt' ? 'wallet-txt' : 'wallet-json',
        );
        expect(skipped).toEqual([]);
        total += wallets.length;
      }
      expect(total).toBe(654);
    }
    const { wallets } = await importWalletList(`${B10C}/sanctioned_addresses_XBT.txt`, 'wallet-txt');
    expect(wallets).toHaveLength(435);
    expect(wallets.every((w) => w.chain === 'XBT')).toBe(true);
  });

  it('labels ultrasoundmoney Ethereum addresses with their SDN entity', async () => {
    const { wallets } = await importWalletList(
      `${CRYPTO}/ultrasoundmoney_eth_2026-06-25/ofac_eth_addresses_with_entity.csv`,
      'wallet-csv',
    );
    expect(wallets).toHaveLength(97);
    expect(wallets).toContainEqual({
      chain: 'ETH',
      address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
      entityName: 'LAZARUS GROUP',
      source: 'ofac_eth_addresses_with_entity.csv',
    });
  });

  it('reads the ent_num/currency CSV and leaves out addresses cut off in truncated remarks', async () => {
    const { wallets, skipped } = await importWalletList(
      `${CRYPTO}/ofac_sdn_digital_currency_addresses_with_entity.csv`,
      'wallet-csv',
    );
    expect(wallets.length + skipped.length).toBe(308);
    expect(skipped.length).toBe(5);
    expect(skipped[0]?.reason).toMatch(/not a digital-currency address: "1Gq"/);
    const tian = wallets.find((w) => w.address === '134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak');
    expect(tian).toMatchObject({
      chain: 'XBT',
      entityName: 'TIAN, Yinyin',
      entryId: '28263',
      programs: ['DPRK3', 'CYBER2'],
    });
    expect(wallets.filter((w) => w.programs?.some((p) => p.startsWith('DPRK')))).toHaveLength(69);
  });

  it('refuses a JSON list that is not an array', async () => {
    const file = writeTemp('sanctioned_addresses_XBT.json', '{"a": 1}');
    await expect(importWalletList(file, 'wallet-json')).rejects.toThrow(/expected a JSON array/);
  });
});

describe('detectFormat and importSanctionsFiles', () => {
  it('sniffs each kind of file from its first bytes', async () => {
    expect(await detectFormat(`${SANCTIONS}/ofac/mini_fixture_csv/sdn.csv`)).toBe('ofac-csv-primary');
    expect(await detectFormat(`${SANCTIONS}/ofac/mini_fixture_csv/add.csv`)).toBe('ofac-csv-add');
    expect(await detectFormat(`${SANCTIONS}/ofac/mini_fixture_csv/alt.csv`)).toBe('ofac-csv-alt');
    expect(await detectFormat(`${SANCTIONS}/ofac/mini_fixture_csv/sdn_comments.csv`)).toBe(
      'ofac-csv-comments',
    );
    expect(await detectFormat(`${SANCTIONS}/ofac/consolidated_nonsdn_xml_2024-02-23/consolidated.xml`)).toBe(
      'ofac-xml',
    );
    expect(await detectFormat(`${SANCTIONS}/un/UN_consolidated_2026-02-27.xml`)).toBe('un-xml');
    expect(await detectFormat(`${SANCTIONS}/canada/sema-lmes_2020-04-15.xml`)).toBe('ca-sema-xml');
    expect(await detectFormat(`${B10C}/sanctioned_addresses_ETH.txt`)).toBe('wallet-txt');
    expect(await detectFormat(`${B10C}/sanctioned_addresses_ETH.json`)).toBe('wallet-json');
    expect(await detectFormat(`${CRYPTO}/ofac_sdn_digital_currency_addresses_with_entity.csv`)).toBe(
      'wallet-csv',
    );
  });

  it('joins an OFAC CSV set given as separate files, and honours an explicit format', async () => {
    const dir = `${SANCTIONS}/ofac/mini_fixture_csv`;
    const result = await importSanctionsFiles(
      ['alt.csv', 'sdn.csv', 'add.csv', 'sdn_comments.csv'].map((f) => `${dir}/${f}`),
    );
    expect(result.entries).toHaveLength(17);
    expect(result.files.map((f) => f.format).sort()).toEqual([
      'ofac-csv-add',
      'ofac-csv-alt',
      'ofac-csv-comments',
      'ofac-csv-primary',
    ]);
    const renamed = writeTemp('addresses.dat', '0x098B716B8Aaf21512996dC57EB0615e2383E2f96\n');
    await expect(importSanctionsFiles([renamed])).rejects.toThrow(/cannot tell the chain/);
    const explicit = await importSanctionsFiles([renamed], {
      formats: { [renamed]: 'wallet-txt' },
      chain: 'ETH',
    });
    expect(explicit.wallets).toEqual([
      { chain: 'ETH', address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', source: 'addresses.dat' },
    ]);
  });

  it('refuses add/alt files without their sdn.csv', async () => {
    await expect(importSanctionsFiles([`${SANCTIONS}/ofac/mini_fixture_csv/add.csv`])).rejects.toThrow(
      /without their primary/,
    );
  });
});
