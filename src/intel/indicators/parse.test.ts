// STIX 2.1 patterns and bundles written as in the OASIS STIX 2.1 specification's examples, bad and hostile
// input, and the CSV format.
import { describe, expect, it } from 'vitest';
import { INDICATOR_FILE_LIMITS, IndicatorFileError, parseIndicatorFile } from './parse.ts';
import { PATTERN_LIMITS, PatternError, parseStixPattern, patternIdentifiers } from './stix-pattern.ts';

const now = new Date('2026-06-01T00:00:00Z');
const opts = { now, defaultSource: 'upload.json' };

describe('STIX 2.1 patterns', () => {
  it.each([
    ["[email-addr:value = 'jdoe@example.com']", [{ kind: 'email', value: 'jdoe@example.com' }]],
    ["[ipv4-addr:value = '198.51.100.7']", [{ kind: 'ip', value: '198.51.100.7' }]],
    ["[ipv6-addr:value = '2001:db8::7']", [{ kind: 'ip', value: '2001:db8::7' }]],
    [
      "[domain-name:value = 'example.com' OR domain-name:value = 'example.net']",
      [
        { kind: 'domain', value: 'example.com' },
        { kind: 'domain', value: 'example.net' },
      ],
    ],
    ["[url:value = 'http://example.com/foo']", [{ kind: 'url', value: 'http://example.com/foo' }]],
    [
      "[user-account:account_login = 'jsmith' AND user-account:account_type = 'github']",
      [{ kind: 'github', value: 'jsmith' }],
    ],
    [
      "[cryptocurrency-wallet:value = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT']",
      [{ kind: 'wallet', value: '1BoatSLRHtKNngkdXEeobR76b53LETtpyT' }],
    ],
    ["[x-phone:value = '+14155550132']", [{ kind: 'phone', value: '+14155550132' }]],
    [
      "[email-addr:value IN ('a@example.com', 'b@example.com')]",
      [
        { kind: 'email', value: 'a@example.com' },
        { kind: 'email', value: 'b@example.com' },
      ],
    ],
    [
      "[ipv4-addr:value = '198.51.100.1'] OR [ipv4-addr:value = '203.0.113.33']",
      [
        { kind: 'ip', value: '198.51.100.1' },
        { kind: 'ip', value: '203.0.113.33' },
      ],
    ],
    ["([email-addr:value = 'it\\'s@example.com'])", [{ kind: 'email', value: "it's@example.com" }]],
  ])('%s', (pattern, expected) => {
    expect(patternIdentifiers(pattern)).toEqual(expected);
  });

  it('parses the whole grammar, including what it then refuses (spec examples)', () => {
    for (const pattern of [
      "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_port = 443]",
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo\\\\Bar'] FOLLOWEDBY [process:name = 'x']",
      "[file:name = 'foo.dll'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
      "[file:created > t'2016-01-01T00:00:00Z'] START t'2016-01-01T00:00:00Z' STOP t'2017-01-01T00:00:00Z'",
      "[artifact:payload_bin MATCHES '^Zm9vYmFy'] AND [file:content_ref.payload_bin = b'Zm9vYmFy']",
      "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
      "[email-message:from_ref.value LIKE '%@example.com' AND email-message:is_multipart NOT = true]",
    ])
      expect(() => parseStixPattern(pattern)).not.toThrow();
  });

  it.each([
    ["[file:hashes.'SHA-256' = 'abc']", 'the object type file is not supported'],
    ["[email-addr:value LIKE '%@evil.example']", 'only ='],
    ["[email-addr:value != 'a@b.com']", 'only ='],
    ["[email-addr:value NOT = 'a@b.com']", 'only ='],
    ["[email-addr:display_name = 'Bob']", 'property email-addr:display_name is not supported'],
    ["[email-addr:value = 'a@b.com'] AND [ipv4-addr:value = '1.2.3.4']", 'AND between observations'],
    ["[email-addr:value = 'a@b.com'] FOLLOWEDBY [ipv4-addr:value = '1.2.3.4']", 'FOLLOWEDBY'],
    ["[email-addr:value = 'a@b.com'] WITHIN 300 SECONDS", 'qualifiers'],
    ["[email-addr:value = 'a@b.com' AND ipv4-addr:value = '1.2.3.4']", 'AND across object types'],
    ["[email-addr:value = 'a@b.com' AND email-addr:value = 'c@d.com']", 'never'],
    ["[user-account:account_login = 'x']", 'needs account_type'],
    ["[user-account:account_login = 'x' AND user-account:account_type = 'unix']", "'unix' is not supported"],
    ['[ipv4-addr:value = 12]', 'must compare with a string'],
    ["[email-addr:value = 'unterminated]", 'unterminated string'],
    ["[email-addr:value = 'a'", 'expected ]'],
    ["email-addr:value = 'a'", 'expected [ or ('],
    ["[email-addr:value = 'a'] garbage", 'unexpected'],
    ["[Email:value = 'a']", 'not a valid object type'],
    ["[email-addr:value = 'a\\x']", 'escaped'],
    ['', 'empty'],
    ["[email-addr:value = 'a'] OR", 'the pattern ends'],
  ])('refuses %s', (pattern, message) => {
    expect(() => patternIdentifiers(pattern)).toThrow(PatternError);
    expect(() => patternIdentifiers(pattern)).toThrow(message);
  });

  it('hostile input is refused quickly and never loops: deep nesting, huge patterns, huge OR/AND products', () => {
    expect(() => parseStixPattern(`${'('.repeat(5000)}[email-addr:value = 'a']${')'.repeat(5000)}`)).toThrow(
      'longer than',
    );
    expect(() => parseStixPattern(`${'('.repeat(40)}[email-addr:value = 'a']${')'.repeat(40)}`)).toThrow(
      `nested more than ${PATTERN_LIMITS.maxDepth}`,
    );
    const many = Array.from({ length: 300 }, () => "email-addr:value = 'a'").join(' OR ');
    expect(() => parseStixPattern(`[${many}]`)).toThrow('comparisons');
    // (a OR b) AND (c OR d) AND … would explode in normal form: bounded.
    const product = Array.from(
      { length: 12 },
      () => "(email-addr:value = 'a@x.io' OR email-addr:value = 'b@x.io')",
    ).join(' AND ');
    expect(() => patternIdentifiers(`[${product}]`)).toThrow('too many alternatives');
    expect(() => parseStixPattern('\u0000')).toThrow('unexpected character');
  });
});

const bundle = (objects: unknown[]) =>
  JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects });
const acme = {
  type: 'identity',
  spec_version: '2.1',
  id: 'identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name: 'Acme Corp Security',
  identity_class: 'organization',
};
const indicator = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  created_by_ref: acme.id,
  name: 'DPRK IT worker persona',
  indicator_types: ['malicious-activity'],
  pattern,
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('STIX 2.1 bundles', () => {
  it('reads indicators and SCOs; source from the identity; values in normal form; other objects ignored', () => {
    const result = parseIndicatorFile(
      bundle([
        acme,
        indicator("[email-addr:value = 'J.Smith.Dev+x@gmail.com']", { labels: ['dprk-it-worker'] }),
        indicator("[user-account:account_login = 'Shadow-Coder' AND user-account:account_type = 'github']"),
        {
          type: 'ipv4-addr',
          spec_version: '2.1',
          id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
          value: '203.0.113.77',
        },
        {
          type: 'domain-name',
          id: 'domain-name--dd686e37-6889-53bd-8ae1-b1a503452613',
          value: 'FastDev-Solutions.example',
        },
        { type: 'malware', id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b', name: 'x', is_family: false },
        { type: 'relationship', id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad' },
      ]),
      opts,
    );
    expect(result.format).toBe('stix');
    expect(result.indicators).toEqual([
      expect.objectContaining({
        kind: 'email',
        value: 'jsmithdev@gmail.com',
        source: 'Acme Corp Security',
        labels: ['dprk-it-worker', 'malicious-activity'],
        description: 'DPRK IT worker persona',
        validFrom: '2026-01-01T00:00:00.000Z',
        stixId: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      }),
      expect.objectContaining({ kind: 'github', value: 'shadow-coder' }),
      expect.objectContaining({ kind: 'ip', value: '203.0.113.77', source: 'upload.json' }),
      expect.objectContaining({ kind: 'domain', value: 'fastdev-solutions.example' }),
    ]);
    expect(result.ignoredObjects).toBe(3); // identity, malware, relationship
    expect(result.problemCount).toBe(0);
  });

  it('STIX 2.0 observed-data with embedded objects', () => {
    const result = parseIndicatorFile(
      bundle([
        {
          type: 'observed-data',
          id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
          objects: { '0': { type: 'email-addr', value: 'x@evil.example' } },
        },
      ]),
      opts,
    );
    expect(result.indicators.map((i) => i.value)).toEqual(['x@evil.example']);
  });

  it('leaves out expired and revoked indicators; reports each bad object by index and id, never throws', () => {
    const result = parseIndicatorFile(
      bundle([
        acme,
        indicator("[email-addr:value = 'old@evil.example']", { valid_until: '2026-02-01T00:00:00Z' }),
        indicator("[email-addr:value = 'gone@evil.example']", { revoked: true }),
        indicator("[file:hashes.MD5 = 'abc']"),
        indicator("[email-addr:value = 'not an email']"),
        indicator('x', { pattern_type: 'sigma' }),
        indicator("[email-addr:value = 'a@evil.example']", { valid_from: 'yesterday' }),
        { type: 'email-addr' },
        42,
        indicator("[email-addr:value = 'ok@evil.example']"),
      ]),
      opts,
    );
    expect(result.indicators.map((i) => i.value)).toEqual(['ok@evil.example']);
    expect(result.expired).toBe(1);
    expect(result.revoked).toBe(1);
    expect(result.problems.map((p) => p.where.slice(0, 10))).toEqual([
      'objects[3]',
      'objects[4]',
      'objects[5]',
      'objects[6]',
      'objects[7]',
      'objects[8]',
    ]);
    expect(result.problems[0]?.message).toContain('file is not supported');
    expect(result.problems[1]?.message).toContain('not a valid email');
    expect(result.problems[2]?.message).toContain('sigma');
    expect(result.problems[3]?.message).toContain('valid_from');
  });

  it('refuses what is not a bundle, or too large, as a whole', () => {
    expect(() => parseIndicatorFile('{"type": "bundle"}', opts)).toThrow(IndicatorFileError);
    expect(() => parseIndicatorFile('{"type": "bundle", "objects": [', opts)).toThrow('not valid JSON');
    expect(() => parseIndicatorFile('{}', opts)).toThrow('Expected a STIX 2.1 bundle');
    expect(() => parseIndicatorFile(new Uint8Array([0x7b, 0xff, 0xfe]), opts)).toThrow('UTF-8');
    expect(() => parseIndicatorFile('x'.repeat(INDICATOR_FILE_LIMITS.maxBytes + 1), opts)).toThrow('larger');
    expect(() => parseIndicatorFile('   ', opts)).toThrow('empty');
  });

  it('a hostile bundle (many bad objects, deep JSON) is reported, bounded, and does not crash', () => {
    const objects = Array.from({ length: 5000 }, (_, i) => indicator(`[${'('.repeat(i % 50)}`));
    const result = parseIndicatorFile(bundle(objects), opts);
    expect(result.indicators).toEqual([]);
    expect(result.problemCount).toBe(5000);
    expect(result.problems).toHaveLength(INDICATOR_FILE_LIMITS.maxProblems);
  });
});

describe('CSV', () => {
  it('reads type,value,source,description,valid_until with per-line problems', () => {
    const csv = [
      'type,value,source,description,valid_until',
      'email,jdoe@evil.example,Acme,"persona, reused",',
      'phone,+1 415 555 0132,,,2027-01-01',
      '# a comment',
      '',
      'wallet,0x52908400098527886E0F7030069857D2E4169EE7,Acme,,',
      'fax,123,Acme,,',
      'email,old@evil.example,Acme,,2026-01-01',
      'ip,999.1.1.1,Acme,,',
      'domain,evil.example,Acme,,not-a-date',
      'github,@octocat,Acme,,',
    ].join('\n');
    const result = parseIndicatorFile(csv, opts);
    expect(result.format).toBe('csv');
    expect(result.indicators.map((i) => [i.kind, i.value, i.source])).toEqual([
      ['email', 'jdoe@evil.example', 'Acme'],
      ['phone', '+14155550132', 'upload.json'],
      ['wallet', '0x52908400098527886e0f7030069857d2e4169ee7', 'Acme'],
      ['github', 'octocat', 'Acme'],
    ]);
    expect(result.indicators[0]?.description).toBe('persona, reused');
    expect(result.indicators[1]?.validUntil).toBe('2027-01-01T00:00:00.000Z');
    expect(result.expired).toBe(1);
    expect(result.problems).toEqual([
      { where: 'line 7', message: expect.stringContaining('unknown type "fax"') },
      { where: 'line 9', message: expect.stringContaining('not a valid ip') },
      { where: 'line 10', message: expect.stringContaining('not a date') },
    ]);
  });

  it('refuses a CSV without type and value columns, or that cannot be read', () => {
    expect(() => parseIndicatorFile('kind,val\nemail,a@b.com', opts)).toThrow('type and value');
    expect(() => parseIndicatorFile('type,value\nemail,"a@b.com', opts)).toThrow('cannot be read');
  });

  it('the same indicator twice in one file is stored once', () => {
    const result = parseIndicatorFile('type,value\nemail,a@evil.example\nemail,A@Evil.example', opts);
    expect(result.indicators).toHaveLength(1);
  });
});

describe('hashed indicators (salted SHA-256 of emails and phones, as the hashed export writes them)', () => {
  const H1 = 'a'.repeat(64);
  const H2 = `${'0123456789ABCDEF'.repeat(4)}`;
  const hashedPattern = (kind: string, sha: string) =>
    `[x-gatecheck-hashed-identifier:kind = '${kind}' AND x-gatecheck-hashed-identifier:sha256 = '${sha}']`;

  it('reads the custom STIX pattern; the hash is stored as sha256:<lower-case hex>', () => {
    expect(patternIdentifiers(hashedPattern('email', H1))).toEqual([
      { kind: 'email', value: H1, hashed: true },
    ]);
    const result = parseIndicatorFile(
      JSON.stringify({
        type: 'bundle',
        objects: [
          {
            type: 'indicator',
            id: 'indicator--1',
            pattern: hashedPattern('email', H1),
            pattern_type: 'stix',
          },
          {
            type: 'indicator',
            id: 'indicator--2',
            pattern: hashedPattern('PHONE', H2),
            pattern_type: 'stix',
          },
        ],
      }),
      opts,
    );
    expect(result.problems).toEqual([]);
    expect(result.indicators.map((i) => [i.kind, i.value, i.hashed])).toEqual([
      ['email', `sha256:${H1}`, true],
      ['phone', `sha256:${H2.toLowerCase()}`, true],
    ]);
  });

  it('refuses other kinds, missing parts, and what is not a SHA-256, each with its reason', () => {
    expect(() => patternIdentifiers(hashedPattern('wallet', H1))).toThrow('not supported (email, phone)');
    expect(() => patternIdentifiers(`[x-gatecheck-hashed-identifier:sha256 = '${H1}']`)).toThrow(
      'needs both',
    );
    expect(() =>
      patternIdentifiers(
        `[x-gatecheck-hashed-identifier:kind = 'email' AND x-gatecheck-hashed-identifier:md5 = 'x']`,
      ),
    ).toThrow('not supported (kind, sha256)');
    const result = parseIndicatorFile(
      JSON.stringify({
        type: 'bundle',
        objects: [{ type: 'indicator', pattern: hashedPattern('email', 'abc'), pattern_type: 'stix' }],
      }),
      opts,
    );
    expect(result.problems[0]?.message).toContain('is not a SHA-256');
  });

  it('reads the CSV types email-sha256 and phone-sha256; a hash is never read as a plain value', () => {
    const result = parseIndicatorFile(
      `type,value,source\nemail-sha256,${H1},Acme\nphone-sha256,sha256:${H2},Acme\nemail-sha256,not-a-hash,Acme\nemail,${H1},Acme\n`,
      opts,
    );
    expect(result.indicators.map((i) => [i.kind, i.value, i.hashed])).toEqual([
      ['email', `sha256:${H1}`, true],
      ['phone', `sha256:${H2.toLowerCase()}`, true],
    ]);
    expect(result.problems.map((p) => p.where)).toEqual(['line 4', 'line 5']);
    expect(result.problems[0]?.message).toContain('not a SHA-256');
    expect(result.problems[1]?.message).toContain('not a valid email');
  });
});
