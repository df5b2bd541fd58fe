import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal, summarize } from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { sharedAddress } from './shared-address.ts';

const at = '2026-03-01T09:00:00Z';
const shipTo = (id: string, name: string, to: unknown, household?: string[]): CaseBundle =>
  buildBundle({
    subject: { id, name, ...(household ? { household: household.map((subjectId) => ({ subjectId })) } : {}) },
    changes: [{ at, field: 'shipping_address', to }],
  });
const assess = (population: CaseBundle[]) => {
  const ctx = buildContext({ population });
  return population.map((b) => sharedAddress.detect(b, ctx));
};

describe('logistics.shared-address', () => {
  it('fires high for two people at one dwelling written differently, not for the flat next door', () => {
    const a = shipTo('c1', 'Alex Doe', 'Apt 4, 123 Main Street, Toronto, ON M5H 1A1, Canada');
    const b = shipTo('c2', 'Bob Roe', {
      line1: '4-123 Main St',
      city: 'Toronto',
      postalCode: 'm5h1a1',
      country: 'CA',
    });
    const c = shipTo('c3', 'Carol Poe', 'Apt 5, 123 Main Street, Toronto, ON M5H 1A1');
    const [ra, rb, rc] = assess([a, b, c]);
    const s = firstSignal(ra!);
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'The address Apt 4, 123 Main Street, Toronto, ON M5H 1A1, Canada is also used by Bob Roe (c2).',
    );
    expect(s.evidence).toEqual(['changes[0].to']);
    expect(s.data).toMatchObject({ people: 2, subjects: ['c2'] });
    expect(summarize(rb!)).toBe('high');
    expect(summarize(rc!)).toBe('none');
  });

  it('is critical when three or more people share an address', () => {
    const farm = ['c1', 'c2', 'c3', 'c4'].map((id, i) =>
      shipTo(id, `Person ${i}`, `${i % 2 ? '10 Downing St' : '10 Downing Street'}, London SW1A 2AA`),
    );
    const s = firstSignal(assess(farm)[0]!);
    expect(s.severity).toBe('critical');
    expect(s.explanation).toContain('4 people share');
  });

  it('does not fire for a declared household, and says so when others share too', () => {
    const a = shipTo('c1', 'Alex Doe', '350 Fifth Avenue, New York, NY 10118', ['c2']);
    const b = shipTo('c2', 'Sam Doe', '350 5th Ave, New York NY 10118-0110');
    expect(assess([a, b]).map(summarize)).toEqual(['none', 'none']);
    const c = shipTo('c3', 'Eve Poe', '350 5th Ave., New York, NY 10118');
    const s = firstSignal(assess([a, b, c])[0]!);
    expect(s.severity).toBe('high');
    expect(s.explanation).toContain('is also used by Eve Poe (c3).');
    expect(s.explanation).toContain('Sam Doe (c2) also lives at');
  });
});
