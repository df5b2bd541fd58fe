import { describe, expect, it } from 'vitest';
import { buildBundle, buildContext, firstSignal, summarize } from '../../../../test/factories.ts';
import type { CaseBundle } from '../../bundle/schema.ts';
import { referralChain } from './referral-chain.ts';

const at = '2026-03-01T09:00:00Z';
const assess = (population: CaseBundle[]) => {
  const ctx = buildContext({ population });
  return population.map((b) => referralChain.detect(b, ctx));
};
const referred = (id: string, by: string) =>
  buildBundle({
    subject: { id, name: `Person ${id}` },
    application: { source: { channel: 'referral', referredBy: by } },
  });

describe('links.referral-chain', () => {
  it('fires medium when the referrer shares a bank account with a third person', () => {
    const referrer = buildBundle({
      subject: { id: 'r1', name: 'Rita Roe', email: 'rita@example.com' },
      changes: [{ at, field: 'bank_account', to: 'DE89370400440532013000' }],
    });
    const third = buildBundle({
      subject: { id: 't1', name: 'Tom Poe' },
      changes: [{ at, field: 'bank_account', to: 'DE89 3704 0044 0532 0130 00' }],
    });
    const byEmail = referred('c1', 'Rita@Example.com');
    const byName = referred('c2', 'rita roe');
    const [r, , a, b] = assess([referrer, third, byEmail, byName]);
    const s = firstSignal(a!);
    expect(s.severity).toBe('medium');
    expect(s.explanation).toBe('Referred by Rita Roe (r1), who shares a bank account with Tom Poe (t1).');
    expect(s.evidence).toEqual(['application.source.referredBy']);
    expect(summarize(b!)).toBe('medium');
    // The referrer referred flagged people? c1 and c2 are not flagged themselves.
    expect(summarize(r!)).toBe('none');
  });

  it('fires for the referrer of someone with an incident; not for a clean referrer', () => {
    const clean = buildBundle({ subject: { id: 'r1', name: 'Rita Roe' } });
    const bad = buildBundle({
      subject: { id: 'c1', name: 'Carl' },
      application: { source: { referredBy: 'r1' } },
      incidents: [{ kind: 'exfiltration' }],
    });
    const [r, c] = assess([clean, bad]);
    expect(firstSignal(r!).explanation).toBe(
      'Referred Carl (c1), who has an incident on file (exfiltration).',
    );
    expect(summarize(c!)).toBe('none');
  });

  it('ignores a link only to this subject, an ambiguous name and unknown referrers', () => {
    const referrer = buildBundle({ subject: { id: 'r1', name: 'Rita Roe', phone: '+1 416 555 0134' } });
    const me = buildBundle({
      subject: { id: 'c1', name: 'Me', phone: '416 555 0134', claimedLocation: { country: 'CA' } },
      application: { source: { referredBy: 'r1' } },
    });
    expect(summarize(assess([referrer, me])[1]!)).toBe('none');
    const twin = buildBundle({
      subject: { id: 'r2', name: 'Rita Roe' },
      incidents: [{ kind: 'exfiltration' }],
    });
    expect(summarize(assess([referrer, twin, referred('c2', 'Rita Roe')])[2]!)).toBe('none');
    expect(summarize(assess([referrer, referred('c3', 'Nobody Known')])[1]!)).toBe('none');
  });
});
