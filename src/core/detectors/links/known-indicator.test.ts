import { describe, expect, it } from 'vitest';
import { FIXED_NOW, firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { saltedSha256 } from '../../../intel/indicators/hashed.ts';
import { parseIndicatorFile } from '../../../intel/indicators/parse.ts';
import { buildIndicatorIndex } from '../../../intel/indicators/runtime.ts';
import type { IntelLookups } from '../../types.ts';
import { knownIndicator } from './known-indicator.ts';

// Indicators as another company would share them, read by the real importer (CSV) into the real index.
const CSV = `type,value,source,description,valid_until
email,j.smith.dev+jobs@gmail.com,Acme Security,DPRK IT worker persona,
phone,+1 (415) 555-0132,Acme Security,,
wallet,0x52908400098527886E0F7030069857D2E4169EE7,Acme Security,payroll wallet,
domain,fastdev-solutions.example,Acme Security,front company,
github,https://github.com/Shadow-Coder,Acme Security,,
ip,203.0.113.77,Acme Security,laptop farm egress,
email,old.persona@example.org,Acme Security,expired,2026-05-01
`;

function intelOf(csv: string, salts: string[] = []): IntelLookups {
  const parsed = parseIndicatorFile(csv, { now: new Date('2026-04-01T00:00:00Z'), defaultSource: 'test' });
  const index = buildIndicatorIndex(
    parsed.indicators.map((x, i) => ({
      id: `i${i}`,
      importId: 'imp-1',
      kind: x.kind,
      value: x.value,
      source: x.source,
      labels: x.labels,
      description: x.description ?? null,
      validFrom: x.validFrom ?? null,
      validUntil: x.validUntil ?? null,
      stixId: null,
      importedAt: '2026-04-01T00:00:00Z',
    })),
    salts,
  );
  return { available: new Set(['indicators']), indicators: index };
}

const intel = intelOf(CSV);

describe('links.known-indicator', () => {
  it.each([
    [
      'email written differently (dots, +tag)',
      { subject: { email: 'JSmithDev@googlemail.com' } },
      'subject.email',
    ],
    [
      'phone in another format',
      { subject: { phone: '415-555-0132', claimedLocation: { country: 'US' } } },
      'subject.phone',
    ],
    [
      'wallet as payment destination (lower case)',
      { payments: [{ kind: 'request' as const, destination: '0x52908400098527886e0f7030069857d2e4169ee7' }] },
      'payments[0].destination',
    ],
    ['email domain', { subject: { email: 'alex@fastdev-solutions.example' } }, 'subject.email'],
    [
      'GitHub profile',
      { subject: { profiles: [{ kind: 'github', url: 'https://github.com/shadow-coder' }] } },
      'subject.profiles[0].url',
    ],
    ['application IP', { application: { ip: '203.0.113.77' } }, 'application.ip'],
    [
      'sign-in IP (IPv4-mapped IPv6)',
      { logins: [{ at: '2026-05-01T10:00:00Z', ip: '::ffff:203.0.113.77' }] },
      'logins[0].ip',
    ],
  ])('%s: critical, citing where', (_name, overrides, path) => {
    const signal = firstSignal(runDetector(knownIndicator, overrides, { intel }));
    expect(signal.severity).toBe('critical');
    expect(signal.evidence).toContain(path);
    expect(signal.explanation).toContain('shared by Acme Security');
  });

  it('names the identifier and the source in plain words', () => {
    const signal = firstSignal(
      runDetector(knownIndicator, { subject: { email: 'jsmithdev@gmail.com' } }, { intel }),
    );
    expect(signal.explanation).toBe(
      'The email address jsmithdev@gmail.com matches a known threat indicator (shared by Acme Security).',
    );
    expect(signal.data).toMatchObject({ count: 1, sources: ['Acme Security'] });
  });

  it('an unrelated subject is evaluated with nothing', () => {
    expect(
      summarize(
        runDetector(
          knownIndicator,
          {
            subject: { email: 'alex.doe@example.com', phone: '+1 416 555 0199' },
            application: { ip: '198.51.100.1' },
          },
          { intel },
        ),
      ),
    ).toBe('none');
  });

  it('an expired indicator no longer counts (valid_until before the assessment time)', () => {
    expect(FIXED_NOW.toISOString() > '2026-05-01').toBe(true);
    expect(
      summarize(runDetector(knownIndicator, { subject: { email: 'old.persona@example.org' } }, { intel })),
    ).toBe('none');
  });

  it('not evaluated without indicators (none imported, or the capability missing)', () => {
    expect(summarize(runDetector(knownIndicator, { subject: { email: 'jsmithdev@gmail.com' } }))).toBe(
      'not_evaluated',
    );
    const empty: IntelLookups = { available: new Set(['indicators']), indicators: buildIndicatorIndex([]) };
    expect(
      summarize(runDetector(knownIndicator, { subject: { email: 'jsmithdev@gmail.com' } }, { intel: empty })),
    ).toBe('not_evaluated');
  });

  describe('shared as salted hashes', () => {
    const SALT = 'acme-and-friends-2026-salt';
    // What the other company sends: hashes of its normal forms, never the values.
    const HASHED = `type,value,source
email-sha256,${saltedSha256(SALT, 'jsmithdev@gmail.com')},Acme Security
phone-sha256,${saltedSha256(SALT, '+14155550132')},Acme Security
`;

    it('an email or phone whose salted hash is listed matches, and the evidence says it was a hash', () => {
      const hashedIntel = intelOf(HASHED, ['another-groups-salt-value', SALT]);
      const signal = firstSignal(
        runDetector(
          knownIndicator,
          {
            subject: {
              email: 'J.Smith.Dev+x@gmail.com',
              phone: '(415) 555-0132',
              claimedLocation: { country: 'US' },
            },
          },
          { intel: hashedIntel },
        ),
      );
      expect(signal.severity).toBe('critical');
      expect(signal.evidence).toEqual(['subject.email', 'subject.phone']);
      expect(signal.explanation).toContain('as a salted hash');
      expect(signal.explanation).toContain('import imp-1');
      const data = signal.data as {
        matches: { kind: string; indicators: { hashed?: boolean; importId: string }[] }[];
      };
      expect(data.matches.map((m) => m.kind)).toEqual(['email', 'phone']);
      for (const m of data.matches)
        expect(m.indicators).toEqual([expect.objectContaining({ hashed: true, importId: 'imp-1' })]);
    });

    it('without the salt, or with another salt, hashed indicators match nothing', () => {
      for (const salts of [[], ['a-different-salt-entirely']]) {
        expect(
          summarize(
            runDetector(
              knownIndicator,
              { subject: { email: 'jsmithdev@gmail.com' } },
              { intel: intelOf(HASHED, salts) },
            ),
          ),
        ).toBe('none');
      }
    });

    it('a hash is not mistaken for a value: plain indicators still match as before beside hashed ones', () => {
      const both = intelOf(`${HASHED}email,ana@example.com,Beta Inc\n`, [SALT]);
      const signal = firstSignal(
        runDetector(knownIndicator, { subject: { email: 'ana@example.com' } }, { intel: both }),
      );
      expect(signal.explanation).toBe(
        'The email address ana@example.com matches a known threat indicator (shared by Beta Inc).',
      );
    });
  });
});
