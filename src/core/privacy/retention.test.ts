import { describe, expect, it } from 'vitest';
import type { CaseBundle } from '../bundle/schema.ts';
import { pruneBundle } from './prune-bundle.ts';
import { defaultRetentionPolicy, isPastRetention, parseRetentionPolicy, retainUntil } from './retention.ts';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('retention policy', () => {
  const base = defaultRetentionPolicy(200);

  it('uses the document days for documents and resume files; biometrics short', () => {
    expect(base).toEqual({
      biometrics: 30,
      documents: 200,
      resumes: 200,
      signIns: 365,
      changes: 365,
      closedCases: 730,
    });
  });

  it.each([
    [{ biometrics: 0 }, 'biometrics', /outside 1–3650/],
    [{ documents: 3651 }, 'documents', /outside/],
    [{ signIns: 1.5 }, 'signIns', /not a whole number/],
    [{ changes: '30' }, 'changes', /not a whole number/],
    [{ faces: 3 }, 'faces', /not a kind of data/],
  ])('refuses %j naming %s', (value, path, message) => {
    const parsed = parseRetentionPolicy(value, base);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems.map((p) => p.path)).toEqual([path]);
      expect(parsed.problems[0]?.message).toMatch(message);
    }
  });

  it('keeps the kinds left out and refuses a non-object', () => {
    expect(parseRetentionPolicy({ biometrics: 7 }, base)).toEqual({
      ok: true,
      policy: { ...base, biometrics: 7 },
    });
    expect(parseRetentionPolicy([], base).ok).toBe(false);
  });

  it('dates: due at exactly the end of the period; undated items are kept', () => {
    expect(retainUntil('2026-01-01T00:00:00.000Z', 30)).toBe('2026-01-31T00:00:00.000Z');
    expect(isPastRetention(daysAgo(30), NOW, 30)).toBe(true);
    expect(isPastRetention(daysAgo(29.9), NOW, 30)).toBe(false);
    expect(isPastRetention(undefined, NOW, 1)).toBe(false);
    expect(isPastRetention('not a date', NOW, 1)).toBe(false);
  });
});

describe('pruneBundle', () => {
  const policy = { ...defaultRetentionPolicy(), signIns: 90, changes: 60, biometrics: 30 };
  const bundle = {
    format: 'gatecheck.case-bundle/v1',
    subject: { id: 's1' },
    logins: [{ at: daysAgo(91) }, { at: daysAgo(89) }],
    changes: [
      { at: daysAgo(61), field: 'bank_account' },
      { at: daysAgo(1), field: 'bank_account' },
    ],
    payments: [{ at: daysAgo(61) }, { amount: 5 }],
    documents: [{ kind: 'passport', receivedAt: daysAgo(40), faceEmbedding: [1, 2, 3] }, { kind: 'diploma' }],
  } as unknown as CaseBundle;

  it('removes exactly the items past their period and says how many', () => {
    const pruned = pruneBundle(bundle, NOW, policy, null);
    expect(pruned.removed).toEqual({ signIns: 1, changes: 1, payments: 1, faceData: 1 });
    expect(pruned.bundle.logins).toEqual([{ at: daysAgo(89) }]);
    expect(pruned.bundle.payments).toEqual([{ amount: 5 }]);
    expect(pruned.bundle.documents).toEqual([
      { kind: 'passport', receivedAt: daysAgo(40) },
      { kind: 'diploma' },
    ]);
    expect(bundle.logins).toHaveLength(2);
  });

  it('keeps face measurements within the period of the last verification', () => {
    const pruned = pruneBundle(bundle, NOW, policy, daysAgo(10));
    expect(pruned.removed.faceData).toBe(0);
    expect(pruned.bundle.documents?.[0]).toHaveProperty('faceEmbedding');
  });

  it('changes nothing when nothing is due', () => {
    const pruned = pruneBundle(bundle, new Date(daysAgo(100)), policy, null);
    expect(pruned.changed).toBe(false);
    expect(pruned.bundle).toBe(bundle);
  });
});
