import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIpAddress, isIsoDateTimeWithOffset, isPartialDate, isTimeZone } from './formats.ts';
import { parseBundleText, validateBundle } from './validate.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../../shared/examples');
const minimal = { format: 'gatecheck.case-bundle/v1', subject: { id: 'cand-1' } };

describe('the invalid example (04)', () => {
  it('is rejected with every problem the examples README lists, each at its path', () => {
    const result = parseBundleText(readFileSync(path.join(EXAMPLES, '04-invalid.json'), 'utf8'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(
      [
        'subject.id',
        'subject.kind',
        'subject.dateOfBirth',
        'subject.phone',
        'subject.claimedLocation.country',
        'subject.startDate',
        'application.submittedAt',
        'application.ip',
        'application.askedRate.amount',
        'employment[0].start',
        'employment[0].source',
        'interviews[0].actualMode',
        'interviews[0].cameraOn',
        'logins[0].at',
        'logins[0].sessionMinutes',
        'logins[1].sessionMinutes',
        'payments[0].method',
        'payments[0].amount',
        'payments[0].currency',
        'changes',
      ].sort(),
    );
    const byPath = new Map(result.problems.map((p) => [p.path, p.message]));
    expect(byPath.get('subject.id')).toBe('missing (required)');
    expect(byPath.get('subject.kind')).toContain('"contractor"');
    expect(byPath.get('subject.phone')).toBe('a number (4165550101); expected a string');
    expect(byPath.get('logins[0].at')).toContain('no UTC offset');
    expect(byPath.get('changes')).toContain('expected an array');
  });
});

describe('hostile input', () => {
  it('rejects prototype-pollution keys at any depth, naming the path', () => {
    const text =
      '{"format":"gatecheck.case-bundle/v1","subject":{"id":"x"},"logins":[{"at":"2026-01-01T00:00:00Z","constructor":{"prototype":{"polluted":true}}}]}';
    const result = parseBundleText(text);
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'logins[0].constructor', message: 'the key "constructor" is not allowed' }],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const proto = parseBundleText(
      '{"format":"gatecheck.case-bundle/v1","subject":{"id":"x"},"__proto__":{"a":1}}',
    );
    expect(proto.ok).toBe(false);
  });

  it('rejects deeply nested JSON without overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = parseBundleText(
      `{"format":"gatecheck.case-bundle/v1","subject":{"id":"x"},"extra":${deep}}`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain('nested deeper than');
  });

  it('rejects an oversized bundle before parsing it', () => {
    const result = parseBundleText(`{"pad":"${'x'.repeat(2000)}"}`, { maxBytes: 1000 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toMatch(/bytes; the limit is 1000 bytes/);
  });

  it('names what is wrong with text that is not a bundle object', () => {
    expect(parseBundleText('not json')).toMatchObject({ ok: false, problems: [{ path: '(root)' }] });
    expect(parseBundleText('[1,2]')).toMatchObject({
      ok: false,
      problems: [{ path: '(root)', message: 'an array; expected a case-bundle object' }],
    });
    expect(validateBundle({ format: 'other/v9', subject: { id: 'x' } })).toMatchObject({
      ok: false,
      problems: [
        { path: 'format', message: '"other/v9" is not a known format; expected gatecheck.case-bundle/v1' },
      ],
    });
  });
});

describe('valid bundles', () => {
  it('accepts the minimal bundle and keeps unknown fields for the round trip', () => {
    const result = validateBundle({ ...minimal, custom: { atsId: 42 }, subject: { id: 'c', extra: 'kept' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle).toMatchObject({ custom: { atsId: 42 }, subject: { extra: 'kept' } });
  });

  it('accepts the three valid examples', () => {
    for (const name of ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous']) {
      expect(parseBundleText(readFileSync(path.join(EXAMPLES, `${name}.json`), 'utf8')).ok).toBe(true);
    }
  });
});

describe('formats', () => {
  it.each([
    ['2026-01-05T14:03:00-05:00', true],
    ['2026-01-05T14:03Z', true],
    ['2026-01-05T14:03:00.123+09:00', true],
    ['2026-01-05T14:03:00', false],
    ['2026-02-30T10:00:00Z', false],
    ['2026-01-05 14:03:00Z', false],
    ['2026-01-05T24:00:00Z', false],
  ])('date-time %s → %s', (value, ok) => expect(isIsoDateTimeWithOffset(value)).toBe(ok));

  it.each([
    ['2019', true],
    ['2019-04', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2019-13', false],
    ['19-04', false],
  ])('partial date %s → %s', (value, ok) => expect(isPartialDate(value)).toBe(ok));

  it.each([
    ['203.0.113.7', true],
    ['203.0.113.300', false],
    ['2001:db8::1', true],
    ['::ffff:192.0.2.1', true],
    ['2001:db8:::1', false],
    ['1:2:3:4:5:6:7:8:9', false],
    ['gggg::1', false],
  ])('ip %s → %s', (value, ok) => expect(isIpAddress(value)).toBe(ok));

  it('knows IANA zones', () => {
    expect(isTimeZone('America/Toronto')).toBe(true);
    expect(isTimeZone('Asia/Pyongyang')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
