import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy } from './policy.ts';

describe('policy', () => {
  it('an empty policy is the default', () => {
    expect(parsePolicy({})).toEqual({ ok: true, policy: DEFAULT_POLICY });
    expect(parsePolicy(undefined)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('keeps valid values and fills the rest', () => {
    const r = parsePolicy({
      inPersonWindowDays: 45,
      overrides: { 'interview.environment': { disabled: true } },
    });
    expect(r.ok && r.policy.inPersonWindowDays).toBe(45);
    expect(r.ok && r.policy.lowRateRatio).toBe(0.6);
    expect(r.ok && r.policy.overrides).toEqual({ 'interview.environment': { disabled: true } });
  });

  it('reports every problem with its path', () => {
    const r = parsePolicy({
      bands: { elevated: 60, high: 50, critical: 85 },
      overrides: { 'interview.nope': { disabled: true }, 'payments.crypto-request': { severity: 'huge' } },
      lowRateRatio: 2,
      inPersonWindowDays: -1,
      extra: true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bands',
        'overrides.interview.nope',
        'overrides.payments.crypto-request.severity',
        'lowRateRatio',
        'inPersonWindowDays',
        '(root)',
      ]),
    );
    expect(r.problems.find((p) => p.path === 'overrides.interview.nope')?.message).toContain(
      'not a signal id',
    );
  });

  it('rejects a non-object', () => {
    expect(parsePolicy('strict').ok).toBe(false);
  });

  it('has a network section with defaults, and checks its values and country codes', () => {
    const ok = parsePolicy({
      network: {
        maxTravelKmh: 900,
        highRiskCountries: { KP: { severity: 'critical' }, IR: { severity: 'high' } },
      },
    });
    expect(ok.ok && ok.policy.network.maxTravelKmh).toBe(900);
    expect(ok.ok && ok.policy.network.countryWindowDays).toBe(14);
    expect(ok.ok && ok.policy.network.highRiskCountries).toEqual({
      KP: { severity: 'critical', exceptWhenClaimed: true },
      IR: { severity: 'high', exceptWhenClaimed: true },
    });
    expect(DEFAULT_POLICY.network.highRiskCountries.KP).toEqual({
      severity: 'critical',
      exceptWhenClaimed: false,
    });
    const bad = parsePolicy({
      network: {
        maxTravelKmh: 5,
        mismatchShare: 1.5,
        highRiskCountries: { XX: { severity: 'high' } },
        nope: 1,
      },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'network.maxTravelKmh',
        'network.mismatchShare',
        'network.highRiskCountries.XX',
        'network',
      ]),
    );
    expect(bad.problems.find((p) => p.path === 'network.highRiskCountries.XX')?.message).toBe(
      '"XX" is not an ISO 3166-1 alpha-2 country code (e.g. KP, CN)',
    );
  });
});
