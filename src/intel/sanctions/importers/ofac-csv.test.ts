import { describe, expect, it } from 'vitest';
import { SanctionsImportError } from './errors.ts';
import { importOfacCsv } from './ofac-csv.ts';
import { parseOfacDate, parseOfacRemarks } from './ofac-remarks.ts';
import { SANCTIONS, writeTemp } from './test-helpers.ts';

const OFAC = `${SANCTIONS}/ofac`;

describe('parseOfacRemarks', () => {
  it('splits the Remarks column into fields', () => {
    const parsed = parseOfacRemarks(
      "DOB 12 Jan 1970; alt. DOB 1971; POB Pyongyang, North Korea; nationality Korea, North; Passport 1234 (Korea, North) expires 2 Feb 2025; Digital Currency Address - XBT 1abcdefghijkmnopqrstuvwxyz; a.k.a. 'KIM, Chol'.",
    );
    expect(parsed.datesOfBirth).toEqual(['1970-01-12', '1971']);
    expect(parsed.placesOfBirth).toEqual(['Pyongyang, North Korea']);
    expect(parsed.nationalities).toEqual(['KP']);
    expect(parsed.documents).toEqual([{ type: 'Passport', number: '1234', country: 'KP' }]);
    expect(parsed.wallets).toEqual([{ chain: 'XBT', address: '1abcdefghijkmnopqrstuvwxyz' }]);
    expect(parsed.aliases).toEqual([{ name: 'KIM, Chol', quality: 'strong' }]);
  });

  it('ignores the cut-off last part of a truncated remark', () => {
    const parsed = parseOfacRemarks(
      'Digital Currency Address - XBT 1abcdefghijkmnopqrstuvwxyz; alt. Digital Currency Address - XBT 1Gq',
      {
        truncated: true,
      },
    );
    expect(parsed.wallets.map((w) => w.address)).toEqual(['1abcdefghijkmnopqrstuvwxyz']);
  });

  it('reads OFAC date forms', () => {
    expect(parseOfacDate('Jan 1970')).toEqual(['1970-01']);
    expect(parseOfacDate('circa 1962')).toEqual(['1962']);
    expect(parseOfacDate('1962 to 1964')).toEqual(['1962', '1963', '1964']);
    expect(parseOfacDate('02/23/2024')).toEqual(['2024-02-23']);
  });
});

describe('importOfacCsv', () => {
  it('imports the consistent 2021 set: every add/alt/comment resolves', async () => {
    const dir = `${OFAC}/legacy_csv_2021-07-07`;
    const { entries, stats } = await importOfacCsv(
      {
        primary: `${dir}/sdn.csv`,
        add: `${dir}/add.csv`,
        alt: `${dir}/alt.csv`,
        comments: `${dir}/sdn_comments.csv`,
      },
      'ofac-sdn',
    );
    expect(entries).toHaveLength(8976);
    expect(stats.rows).toEqual({ primary: 8976, add: 13837, alt: 11910, comments: 5 });
    expect(stats.unresolved).toEqual({ add: 0, alt: 0, comments: 0 });
    // SOURCE.md says 421 DPRK*; the Program column holds DPRK for 414 rows (Python's csv agrees).
    expect(entries.filter((e) => e.programs.some((p) => p.startsWith('DPRK')))).toHaveLength(414);
    expect(entries.filter((e) => e.programs.some((p) => p.startsWith('CYBER')))).toHaveLength(161);
  });

  it('parses a DPRK individual with a wallet from the 2024 sdn.csv', async () => {
    const { entries, stats } = await importOfacCsv(
      { primary: `${OFAC}/sdn_csv_2024-05-03/sdn.csv` },
      'ofac-sdn',
    );
    expect(entries).toHaveLength(14965);
    expect(stats.truncatedRemarks).toBe(17);
    expect(entries.filter((e) => e.programs.some((p) => p.startsWith('CYBER')))).toHaveLength(243);
    expect(entries.filter((e) => e.programs.some((p) => p.startsWith('DPRK')))).toHaveLength(484);
    expect(entries.filter((e) => e.wallets.length > 0)).toHaveLength(55);
    const sim = entries.find((e) => e.entryId === '42498');
    expect(sim).toMatchObject({
      kind: 'individual',
      name: 'SIM, Hyon Sop',
      programs: ['NPWMD'],
      datesOfBirth: ['1983-11-25'],
      placesOfBirth: ['Pyongyang, North Korea'],
      nationalities: ['KP'],
      documents: [{ type: 'Passport', number: '109484100', country: 'KP' }],
    });
    expect(sim?.wallets).toContainEqual({
      chain: 'ETH',
      address: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c',
    });
    const lazarus = entries.find((e) => e.name === 'LAZARUS GROUP');
    expect(lazarus?.programs).toEqual(['DPRK3']);
    expect(lazarus?.wallets).toContainEqual({
      chain: 'ETH',
      address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    });
    expect(lazarus?.aliases.map((a) => a.name)).toContain('HIDDEN COBRA');
    // 'WHOIS HACKIN…' is cut off at 1,000 characters and must not become an alias.
    expect(lazarus?.aliases.map((a) => a.name)).not.toContain('WHOIS HACKIN');
  });

  it('joins spill-over comments in the mini fixture (cyber entity wallets)', async () => {
    const dir = `${OFAC}/mini_fixture_csv`;
    const { entries, stats } = await importOfacCsv(
      {
        primary: `${dir}/sdn.csv`,
        add: `${dir}/add.csv`,
        alt: `${dir}/alt.csv`,
        comments: `${dir}/sdn_comments.csv`,
      },
      'ofac-sdn',
    );
    expect(entries).toHaveLength(17);
    expect(stats.rows.comments).toBe(1);
    const suex = entries.find((e) => e.entryId === '33151');
    expect(suex?.programs).toEqual(['CYBER2']);
    // The address split across sdn.csv and sdn_comments.csv is whole again.
    expect(suex?.wallets).toContainEqual({
      chain: 'ETH',
      address: '0x2f389ce8bd8ff92de3402ffce4691d17fc4f6535',
    });
    expect(suex?.wallets.some((w) => w.address.endsWith('aa35MVkf7sDjuGUYAP5izQt7Qi'))).toBe(true);
    const aircraft = entries.find((e) => e.entryId === '20540');
    expect(aircraft).toMatchObject({ kind: 'aircraft', programs: ['DPRK3'] });
  });

  it('imports the consolidated non-SDN CSV set', async () => {
    const dir = `${OFAC}/consolidated_nonsdn_csv_2025-12-19`;
    const { entries, stats } = await importOfacCsv(
      {
        primary: `${dir}/cons_prim.csv`,
        add: `${dir}/cons_add.csv`,
        alt: `${dir}/cons_alt.csv`,
        comments: `${dir}/cons_comments.csv`,
      },
      'ofac-cons',
    );
    expect(entries).toHaveLength(442);
    expect(stats.rows).toEqual({ primary: 442, add: 574, alt: 1073, comments: 10 });
    expect(entries.every((e) => e.list === 'ofac-cons')).toBe(true);
  });

  it('names the file and line of a malformed row', async () => {
    const file = writeTemp(
      'sdn.csv',
      '1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n2,"B",-0- ,"SDGT"\r\n',
    );
    const error = await importOfacCsv({ primary: file }, 'ofac-sdn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SanctionsImportError);
    expect((error as SanctionsImportError).line).toBe(2);
    expect((error as SanctionsImportError).message).toBe(`${file}:2: expected 12 columns, found 4`);
  });

  it('reports broken quoting with the line', async () => {
    const file = writeTemp(
      'sdn.csv',
      '1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,"B"x,-0-\n',
    );
    const error = await importOfacCsv({ primary: file }, 'ofac-sdn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SanctionsImportError);
    expect((error as SanctionsImportError).line).toBe(2);
    expect((error as SanctionsImportError).message).toContain('malformed CSV');
  });

  it('refuses a file over the size limit', async () => {
    const file = writeTemp('sdn.csv', '1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n');
    await expect(importOfacCsv({ primary: file }, 'ofac-sdn', { maxBytes: 10 })).rejects.toThrow(
      /over the limit of 10/,
    );
  });
});
