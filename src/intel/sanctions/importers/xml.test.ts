import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCanadaXml } from './canada-xml.ts';
import { SanctionsImportError } from './errors.ts';
import { importOfacXml } from './ofac-xml.ts';
import { SANCTIONS, writeTemp } from './test-helpers.ts';
import { importUnXml } from './un-xml.ts';

const CANADA_CURRENT = fileURLToPath(new URL('./fixtures/canada-current.xml', import.meta.url));

describe('importUnXml', () => {
  it('imports the UN consolidated list of 2026-02-27', async () => {
    const { entries, publishedAt } = await importUnXml(`${SANCTIONS}/un/UN_consolidated_2026-02-27.xml`);
    expect(publishedAt).toBe('2026-02-27');
    expect(entries.filter((e) => e.kind === 'individual')).toHaveLength(730);
    expect(entries.filter((e) => e.kind === 'entity')).toHaveLength(273);
    const dprk = entries.filter((e) => e.programs.includes('DPRK'));
    expect(dprk.filter((e) => e.kind === 'individual')).toHaveLength(80);
    expect(dprk.filter((e) => e.kind === 'entity')).toHaveLength(75);
    expect(new Set(entries.map((e) => e.entryId)).size).toBe(1003);
    expect(entries.find((e) => e.entryId === 'KPi.001')).toMatchObject({
      name: 'YUN HO-JIN',
      kind: 'individual',
      programs: ['DPRK'],
      datesOfBirth: ['1944-10-13'],
      nationalities: ['KP'],
      aliases: [{ name: 'Yun Ho-chin', quality: 'strong' }],
      listedOn: '2009-07-16',
    });
    const weak = entries.flatMap((e) => e.aliases).filter((a) => a.quality === 'weak');
    expect(weak).toHaveLength(615);
    const withPassport = entries.find((e) => e.documents.some((d) => d.number === 'OB 0243318'));
    expect(withPassport?.documents).toContainEqual({ type: 'Passport', number: 'OB 0243318', country: 'CD' });
  });
});

describe('importOfacXml', () => {
  it('imports the classic sdnList consolidated.xml', async () => {
    const result = await importOfacXml(
      `${SANCTIONS}/ofac/consolidated_nonsdn_xml_2024-02-23/consolidated.xml`,
      'ofac-cons',
    );
    expect(result.entries).toHaveLength(444);
    expect(result.recordCount).toBe(444);
    expect(result.publishedAt).toBe('2024-02-23');
    expect(result.entries.find((e) => e.entryId === '9639')).toMatchObject({
      name: 'HANIYA, Ismail Abdul Salah',
      kind: 'individual',
      programs: ['NS-PLC'],
      datesOfBirth: ['1962'],
      placesOfBirth: ['Shati'],
    });
    const swift = result.entries.flatMap((e) => e.documents).find((d) => d.number === 'CKLBCNBJ');
    expect(swift?.type).toBe('SWIFT/BIC');
  });

  it('reads weak akas, wallets and nationality', async () => {
    const file = writeTemp(
      'sdn.xml',
      `<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>1</Record_Count></publshInformation>
<sdnEntry><uid>42498</uid><firstName>Hyon Sop</firstName><lastName>SIM</lastName><sdnType>Individual</sdnType>
<programList><program>NPWMD</program></programList>
<idList><id><uid>1</uid><idType>Digital Currency Address - ETH</idType><idNumber>0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c</idNumber></id>
<id><uid>2</uid><idType>Passport</idType><idNumber>109484100</idNumber><idCountry>Korea, North</idCountry></id></idList>
<akaList><aka><uid>3</uid><type>a.k.a.</type><category>weak</category><lastName>SIM</lastName><firstName>Hyo'n-so'p</firstName></aka></akaList>
<nationalityList><nationality><uid>4</uid><country>Korea, North</country><mainEntry>true</mainEntry></nationality></nationalityList>
<dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>25 Nov 1983</dateOfBirth></dateOfBirthItem></dateOfBirthList>
</sdnEntry></sdnList>`,
    );
    const { entries } = await importOfacXml(file, 'ofac-sdn');
    expect(entries).toEqual([
      {
        list: 'ofac-sdn',
        entryId: '42498',
        kind: 'individual',
        name: 'SIM, Hyon Sop',
        aliases: [{ name: "SIM, Hyo'n-so'p", quality: 'weak' }],
        programs: ['NPWMD'],
        datesOfBirth: ['1983-11-25'],
        placesOfBirth: [],
        nationalities: ['KP'],
        documents: [{ type: 'Passport', number: '109484100', country: 'KP' }],
        addresses: [],
        wallets: [{ chain: 'ETH', address: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c' }],
      },
    ]);
  });
});

describe('importCanadaXml', () => {
  it('imports the 2020 list in the old element names', async () => {
    const { entries, schema } = await importCanadaXml(`${SANCTIONS}/canada/sema-lmes_2020-04-15.xml`);
    expect(schema).toBe('old');
    expect(entries).toHaveLength(1369);
    expect(new Set(entries.map((e) => e.entryId)).size).toBe(1369);
    expect(entries.filter((e) => e.programs[0]?.startsWith('Syria'))).toHaveLength(281);
    expect(entries.find((e) => e.name === 'Than Shwe')).toMatchObject({
      kind: 'individual',
      datesOfBirth: ['1933-02-02'],
      programs: ['Burma / Birmanie'],
    });
    expect(entries.find((e) => e.name === 'Air Bagan')?.aliases.map((a) => a.name)).toEqual([
      'Air Bagan Holdings Pte. Ltd.',
      'Air Bagan Limited',
    ]);
  });

  it('imports the current element names (EntityOrShip, DateOfBirthOrShipBuildDate, ShipIMONumber, …)', async () => {
    const { entries, schema } = await importCanadaXml(CANADA_CURRENT);
    expect(schema).toBe('current');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      kind: 'individual',
      name: 'Yong Nam Kim',
      datesOfBirth: ['1928-02-04'],
      listedOn: '2017-08-11',
      remarks: 'Former President of the Presidium',
      aliases: [
        { name: 'Kim Yong-nam', quality: 'strong' },
        { name: 'Kim Yong Nam', quality: 'strong' },
      ],
    });
    expect(entries[1]).toMatchObject({
      kind: 'entity',
      name: 'Korea Mining Development Trading Corporation',
    });
    expect(entries[2]).toMatchObject({
      kind: 'vessel',
      name: 'Example Tanker',
      documents: [{ type: 'IMO', number: '9321172' }],
      datesOfBirth: [],
    });
  });
});

describe('XML safety', () => {
  it('refuses a DOCTYPE with an entity declaration', async () => {
    const file = writeTemp(
      'evil.xml',
      '<?xml version="1.0"?><!DOCTYPE data-set [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><data-set><record><Entity>&xxe;</Entity></record></data-set>',
    );
    const error = await importCanadaXml(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SanctionsImportError);
    expect((error as SanctionsImportError).message).toMatch(/DOCTYPE is not allowed/);
  });

  it('refuses a billion-laughs style internal entity', async () => {
    const file = writeTemp(
      'lol.xml',
      '<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>',
    );
    await expect(importUnXml(file)).rejects.toThrow(/DOCTYPE is not allowed/);
  });

  it('fails clearly on a truncated file', async () => {
    const file = writeTemp(
      'cut.xml',
      '<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>KIM</FIRST_NAME><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER>',
    );
    const error = await importUnXml(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SanctionsImportError);
    expect((error as SanctionsImportError).file).toBe(file);
    expect((error as SanctionsImportError).line).toBe(4);
    expect((error as SanctionsImportError).message).toMatch(/unclosed tag|truncated/);
  });

  it('fails with the line of a broken tag', async () => {
    const file = writeTemp('bad.xml', '<data-set>\n<record>\n<Entity>X</Entiti>\n</record>\n</data-set>');
    const error = await importCanadaXml(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SanctionsImportError);
    expect((error as SanctionsImportError).line).toBe(3);
  });

  it('refuses a document of another kind', async () => {
    const file = writeTemp('other.xml', '<html><body/></html>');
    await expect(importUnXml(file)).rejects.toThrow(/not a UN consolidated list/);
  });
});
