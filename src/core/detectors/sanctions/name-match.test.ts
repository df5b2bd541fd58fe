import { beforeAll, describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { fixtureIntel } from '../../../../test/sanctions-fixture.ts';
import { dismissalKey, type ScreeningMatch } from '../../intel/sanctions.ts';
import type { IntelLookups } from '../../types.ts';
import { nameMatch } from './name-match.ts';

let intel: IntelLookups;
beforeAll(async () => {
  intel = await fixtureIntel();
});

// UN KPi.001: YUN HO-JIN, born 1944-10-13, DPRK national.
const listed = { name: 'Yun Ho Jin', dateOfBirth: '1944-10-13' };

describe('sanctions.name-match (real engine, UN list)', () => {
  it('is not evaluated without lists', () => {
    expect(summarize(runDetector(nameMatch, { subject: listed }))).toBe('not_evaluated');
  });

  it('exact UN name + date of birth + DPRK passport nationality: critical, corroborated', () => {
    const outcome = runDetector(
      nameMatch,
      {
        subject: listed,
        documents: [{ type: 'passport', fields: { nationality: 'KP', number: 'X1' } }],
      },
      { intel },
    );
    const signal = firstSignal(outcome);
    expect(signal.severity).toBe('critical');
    const matches = signal.data?.matches as (ScreeningMatch & { path: string })[];
    expect(matches[0]?.entryId).toBe('KPi.001');
    expect(matches[0]?.corroborated.map((c) => `${c.field}:${c.status}`)).toEqual([
      'dateOfBirth:agrees',
      'nationality:agrees',
    ]);
    expect(matches[0]?.listTitle).toBe('UN Security Council Consolidated List (2026-02-27)');
  });

  it('exact UN name + date of birth: high', () => {
    expect(summarize(runDetector(nameMatch, { subject: listed }, { intel }))).toBe('high');
  });

  it('the same name with a different date of birth: lower (no match)', () => {
    const outcome = runDetector(
      nameMatch,
      { subject: { name: 'Yun Ho Jin', dateOfBirth: '1990-05-05' } },
      { intel },
    );
    expect(summarize(outcome)).toBe('none');
  });

  it('a common name alone ("Kim Chol") is at most medium', () => {
    const outcome = runDetector(nameMatch, { subject: { name: 'Kim Chol' } }, { intel });
    expect(summarize(outcome)).toBe('medium');
    const signal = firstSignal(outcome);
    expect(signal.data?.count).toBeGreaterThan(1);
  });

  it('a dismissed match is skipped, and comes back when the entry version changes', () => {
    const first = firstSignal(runDetector(nameMatch, { subject: listed }, { intel }));
    const top = ((first.data?.matches ?? []) as ScreeningMatch[])[0];
    if (!top) throw new Error('expected a match');
    const dismissed = new Map([['cand-0001', new Set([dismissalKey(top)])]]);
    const subject = { ...listed, id: 'cand-0001' };
    expect(summarize(runDetector(nameMatch, { subject }, { intel, dismissals: dismissed }))).toBe('none');
    const stale = new Map([['cand-0001', new Set([dismissalKey({ ...top, entryVersion: 'older' })])]]);
    expect(summarize(runDetector(nameMatch, { subject }, { intel, dismissals: stale }))).toBe('high');
  });
});
