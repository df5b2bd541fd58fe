import { beforeAll, describe, expect, it } from 'vitest';
import { runDetector, summarize } from '../../../../test/factories.ts';
import { fixtureIntel } from '../../../../test/sanctions-fixture.ts';
import type { IntelLookups } from '../../types.ts';
import { entityMatch } from './entity-match.ts';

let intel: IntelLookups;
beforeAll(async () => {
  intel = await fixtureIntel();
});

describe('sanctions.entity-match (real engine, UN list)', () => {
  it('nothing to screen: not evaluated', () => {
    expect(summarize(runDetector(entityMatch, {}, { intel }))).toBe('not_evaluated');
  });

  it('a past employer that is a listed DPRK bank (KPe.025) fires', () => {
    const outcome = runDetector(
      entityMatch,
      { employment: [{ employer: 'Korea Kwangson Banking Corporation', title: 'Developer' }] },
      { intel },
    );
    expect(['medium', 'high', 'critical']).toContain(summarize(outcome));
  });

  it('an ordinary employer does not', () => {
    const outcome = runDetector(
      entityMatch,
      { employment: [{ employer: 'Shopify Inc.', title: 'Developer' }] },
      { intel },
    );
    expect(summarize(outcome)).toBe('none');
  });
});
