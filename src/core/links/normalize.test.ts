import { describe, expect, it } from 'vitest';
import {
  isValidAbaRouting,
  normalizeAddress,
  normalizeBankAccount,
  normalizeDevice,
  normalizeDomain,
  normalizeEmail,
  normalizeGithub,
  normalizeIp,
  normalizePhone,
  normalizeWallet,
} from './normalize.ts';

const key = (s: Parameters<typeof normalizeAddress>[0]) => normalizeAddress(s)?.key;

describe('normalizeAddress', () => {
  it.each([
    [
      'CA',
      [
        'Apt 4, 123 Main Street, Toronto, ON M5H 1A1, Canada',
        '123 main st. #4 toronto on m5h1a1',
        '4-123 Main St, Toronto ON M5H 1A1',
        '123 MAIN STREET UNIT 4, TORONTO, ONTARIO, M5H-1A1',
      ],
    ],
    [
      'US',
      [
        '1600 Pennsylvania Avenue NW, Washington, DC 20500-0003',
        '1600 Pennsylvania Ave. N.W., Washington DC 20500',
        '1600 pennsylvania ave northwest washington dc 20500',
      ],
    ],
    ['US ordinals', ['350 Fifth Avenue, New York, NY 10118', '350 5th Ave, New York NY 10118-0110']],
    [
      'GB',
      [
        'Flat 3, 10 Downing Street, London SW1A 2AA, United Kingdom',
        '10 downing st flat 3 london sw1a2aa',
        '10 Downing St., Flat 3, London, SW1A 2AA, UK',
      ],
    ],
  ])('%s variants of one dwelling compare equal', (_, variants) => {
    const keys = variants.map((v) => key(v));
    // A full key (country|postcode|number|street|unit), not a null that every variant shares.
    expect(keys[0]).toMatch(/^(CA|US|GB)\|[^|]+\|\d+\|[a-z0-9 ]+\|/);
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it.each([
    ['another unit', 'Apt 4, 123 Main St, Toronto ON M5H 1A1', 'Apt 5, 123 Main St, Toronto ON M5H 1A1'],
    [
      'another number',
      '1600 Pennsylvania Ave NW, Washington DC 20500',
      '1601 Pennsylvania Ave NW, Washington DC 20500',
    ],
    ['another postcode', '10 Downing St, London SW1A 2AA', '10 Downing St, London SW1A 2AB'],
    ['another street type', '123 Main St, Toronto ON M5H 1A1', '123 Main Ave, Toronto ON M5H 1A1'],
    ['another directional', '100 Queen St W, Toronto ON M5H 2N2', '100 Queen St E, Toronto ON M5H 2N2'],
  ])('near misses stay apart: %s', (_, a, b) => {
    // Both read as full keys (two nulls would also differ from nothing), and they differ.
    for (const k of [key(a), key(b)]) expect(k).toMatch(/^(CA|US|GB)\|[^|]+\|\d+\|[a-z0-9 ]+\|/);
    expect(key(a)).not.toBe(key(b));
  });

  it('reads objects, keeps the ZIP+4 apart from the key, formats postal codes', () => {
    const ca = normalizeAddress({
      line1: '123 Main Street',
      line2: 'Apt 4',
      city: 'Toronto',
      postalCode: 'm5h1a1',
      country: 'Canada',
    });
    expect(ca).toMatchObject({ key: 'CA|M5H 1A1|123|main st|4', postalCode: 'M5H 1A1', unit: '4' });
    expect(ca?.key).toBe(key('Apt 4, 123 Main Street, Toronto, ON M5H 1A1, Canada'));
    const us = normalizeAddress({
      line1: '1600 Pennsylvania Ave NW',
      city: 'Washington',
      postalCode: '20500-0003',
      country: 'US',
    });
    expect(us).toMatchObject({ postalCode: '20500', zip4: '0003' });
    expect(
      normalizeAddress({ line1: 'Flat 3', line2: '10 Downing Street', postalCode: 'sw1a2aa', country: 'GB' })
        ?.key,
    ).toBe(key('Flat 3, 10 Downing Street, London SW1A 2AA'));
  });

  it('reads a US address of someone whose default country is Canada (the postal code decides)', () => {
    expect(normalizeAddress('350 Fifth Avenue, New York, NY 10118', 'CA')?.key).toBe('US|10118|350|5th ave|');
    expect(normalizeAddress('123 Main St, Toronto ON M5H 1A1', 'US')?.key).toBe('CA|M5H 1A1|123|main st|');
    // A stated country is believed: a Canadian-looking code in a US address is not read as Canadian.
    expect(normalizeAddress({ line1: '1 Main St', postalCode: 'M5H 1A1', country: 'US' })).toBeNull();
  });

  it('refuses what cannot tell dwellings apart', () => {
    expect(normalizeAddress('123 Main St')).toBeNull();
    expect(normalizeAddress('Toronto, Canada')).toBeNull();
    expect(normalizeAddress('')).toBeNull();
    expect(normalizeAddress({ city: 'Toronto' })).toBeNull();
  });
});

describe('normalizeBankAccount', () => {
  it.each([
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819', 'GB'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', 'DE'],
    ['iban: fr14 2004 1010 0505 0001 3m02 606', 'FR1420041010050500013M02606', 'FR'],
    ['NL91ABNA0417164300', 'NL91ABNA0417164300', 'NL'],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957', 'CH'],
  ])('IBAN registry example %s is valid', (input, iban, country) => {
    expect(normalizeBankAccount(input)).toEqual({ kind: 'iban', key: iban, country });
  });

  it('refuses IBANs that fail the checksum or the country length', () => {
    expect(normalizeBankAccount('GB29NWBK60161331926818')).toBeNull();
    expect(normalizeBankAccount('DE89370400440532013001')).toBeNull();
    expect(normalizeBankAccount('DE8937040044053201300')).toBeNull();
  });

  it('checks ABA routing numbers', () => {
    for (const r of ['021000021', '026009593', '011000015', '121000358', '322271627'])
      expect(isValidAbaRouting(r)).toBe(true);
    for (const r of ['021000022', '123456789', '000000000', '02100002'])
      expect(isValidAbaRouting(r)).toBe(false);
    expect(normalizeBankAccount('021000021 000123456789')).toEqual({
      kind: 'us',
      key: '021000021-123456789',
      country: 'US',
    });
    expect(normalizeBankAccount({ routingNumber: '021000021', accountNumber: '123456789' })?.key).toBe(
      '021000021-123456789',
    );
    expect(normalizeBankAccount('021000022 123456789')).toBeNull();
  });

  it('reads Canadian transit, institution and account', () => {
    const k = { kind: 'ca', key: '004-12345-9876543', country: 'CA' };
    expect(normalizeBankAccount('12345-004-9876543')).toEqual(k);
    expect(normalizeBankAccount({ transit: '12345', institution: '004', accountNumber: '9876543' })).toEqual(
      k,
    );
    expect(normalizeBankAccount('000412345 9876543', 'CA')).toEqual(k);
  });

  it('keeps other accounts comparable and refuses junk', () => {
    expect(normalizeBankAccount({ accountNumber: '40 1234 5678', bic: 'HDFCINBBXXX' })).toEqual({
      kind: 'other',
      key: 'HDFCINBB:4012345678',
      country: 'IN',
    });
    expect(normalizeBankAccount('0000000')).toBeNull();
    expect(normalizeBankAccount('123')).toBeNull();
  });
});

describe('contact and technical identifiers', () => {
  it('emails: case, Gmail dots, plus-tags where the provider delivers them', () => {
    expect(normalizeEmail('John.Doe+jobs@GoogleMail.com')).toBe('johndoe@gmail.com');
    expect(normalizeEmail('a.b+x@Outlook.com')).toBe('a.b@outlook.com');
    expect(normalizeEmail('a+b@example.com')).toBe('a+b@example.com');
    expect(normalizeEmail('x@bücher.de')).toBe('x@xn--bcher-kva.de');
    expect(normalizeEmail('not an email')).toBeNull();
  });

  it('phones to E.164', () => {
    expect(normalizePhone('(416) 555-0134', 'CA')).toBe('+14165550134');
    expect(normalizePhone('+1 416 555 0134')).toBe('+14165550134');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('12345')).toBeNull();
  });

  it('wallets validated per chain', () => {
    expect(normalizeWallet('0x52908400098527886E0F7030069857D2E4169EE7')).toEqual({
      chain: 'eth',
      address: '0x52908400098527886e0f7030069857d2e4169ee7',
    });
    expect(normalizeWallet('0x52908400098527886e0F7030069857D2E4169EE7')).toBeNull();
    expect(normalizeWallet('bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=1')).toEqual({
      chain: 'btc',
      address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    });
    expect(normalizeWallet('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toBeNull();
    expect(normalizeWallet('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ')?.address).toBe(
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    );
  });

  it('IPs, domains, GitHub accounts and devices', () => {
    expect(normalizeIp('::ffff:8.8.8.8')).toBe('8.8.8.8');
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('10.1')).toBeNull();
    expect(normalizeDomain('https://Bücher.DE./shop')).toBe('xn--bcher-kva.de');
    expect(normalizeDomain('Example.COM.')).toBe('example.com');
    expect(normalizeGithub('https://github.com/Octo-Cat/repo')).toBe('octo-cat');
    expect(normalizeGithub('@torvalds')).toBe('torvalds');
    expect(normalizeGithub('github.com/settings')).toBeNull();
    expect(normalizeDevice(' DESKTOP-7QK2ABC.corp.example.com ')).toBe('desktop-7qk2abc');
    expect(normalizeDevice('MacBook-Pro')).toBeNull();
    expect(normalizeDevice('To be filled by O.E.M.')).toBeNull();
  });
});
