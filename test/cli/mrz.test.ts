// `gatecheck mrz` as a user runs it: a real process, real exit codes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function gatecheck(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/gatecheck.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// PRADO FIN-BO-12001 (valid) and the ICAO TD3 specimen (check digits pass, UTO is no country).
const FIN = [
  'I<FINXA10000585010195<112X<<<<',
  '9501016F2803135FIN<<<<<<<<<<<7',
  'SPECIMEN<TRAVEL<<VILMA<SOFIA<<',
];
const UTO = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('gatecheck mrz', () => {
  it('a valid TD1 card: exit 0 with the fields', () => {
    const run = gatecheck(['mrz', ...FIN]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('MRZ valid\n');
    expect(run.stdout).toContain('  format        TD1 (ID card, 3 × 30)\n');
    expect(run.stdout).toContain('  last name     SPECIMEN TRAVEL\n');
    expect(run.stdout).toContain('  birth date    1995-01-01\n');
  });

  it('--json prints the parse result only; a UTO specimen is invalid (exit 1) with the checks apart', () => {
    const run = gatecheck(['mrz', ...UTO, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      format: 'TD3',
      valid: false,
      checkDigitsValid: true,
      issuingStateValid: false,
      specimen: true,
      fields: { documentNumber: 'L898902C3', lastName: 'ERIKSSON', birthDate: '1974-08-12', sex: 'F' },
    });
  });

  it('a wrong check digit: exit 1 naming the digit', () => {
    const run = gatecheck(['mrz', FIN[0]!, FIN[1]!.replace('9501016', '9501017'), FIN[2]!]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('problem       Birth date check digit: invalid check digit: 7. Must be 6');
  });

  it('usage errors exit 2: no lines, or more than three', () => {
    expect(gatecheck(['mrz']).code).toBe(2);
    const four = gatecheck(['mrz', ...FIN, FIN[0]!]);
    expect(four.code).toBe(2);
    expect(four.stderr).toBe('gatecheck: an MRZ has 1 to 3 lines, got 4\n');
  });
});
