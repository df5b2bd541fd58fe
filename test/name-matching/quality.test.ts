// Quality floors the matcher reaches today on the peer projects' cases (see docs/name-matching.md).
// They sit just under the measured values so that a regression fails the test.
import { describe, expect, it } from 'vitest';
import { evaluateFalsePositives, evaluateSources } from './evaluate-lib.ts';

describe('name matching quality', () => {
  const rows = evaluateSources();
  const row = (source: string) => {
    const r = rows.find((x) => x.source === source);
    if (!r) throw new Error(`no source ${source}`);
    return r;
  };

  it('beats the fuzzball baseline on the nomenklatura name bench', () => {
    const r = row('nomenklatura name_bench');
    expect(r.ours.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.ours.recall).toBeGreaterThanOrEqual(0.73);
    expect(r.ours.f1).toBeGreaterThan(r.baseline.f1);
  });

  it('keeps precision on the watchman cases and the Khamis Al over-matches', () => {
    const r = row('watchman labelled pairs + Khamis Al');
    expect(r.ours.precision).toBeGreaterThanOrEqual(0.75);
    expect(r.ours.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('romanises Hangul, Cyrillic, Chinese and Greek input', () => {
    expect(row('watchman cross-script (all true)').ours.recall).toBeGreaterThanOrEqual(0.5);
  });

  it('never confuses two different DPRK designees and finds the romanisation variants', () => {
    const r = row('DPRK official variants');
    expect(r.ours.precision).toBeGreaterThanOrEqual(0.99);
    expect(r.ours.recall).toBeGreaterThanOrEqual(0.47);
  });

  it('matches the npm ofac name cases', () => {
    const r = row('npm ofac name cases');
    expect(r.ours.recall).toBe(1);
    expect(r.ours.fp).toBe(0);
  });

  it('gives no high or critical result to 2,500 common names from ten cultures', () => {
    for (const fp of evaluateFalsePositives()) {
      expect(fp.screened).toBeGreaterThanOrEqual(2000);
      expect(fp.highOrCritical).toBe(0);
      expect(fp.mediumRate).toBeLessThanOrEqual(0.01);
      expect(fp.nameOnlyMediumRate).toBeLessThanOrEqual(0.05);
    }
  });
});
