import { describe, expect, it } from 'vitest';
import { CHALLENGE_KINDS, createChallengePlan, STEP_WINDOW_MAX_MS, STEP_WINDOW_MIN_MS } from './types.ts';

/** A seeded generator (mulberry32), so plans are reproducible in tests. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = new Date('2026-11-25T12:00:00Z');

describe('createChallengePlan', () => {
  it('includes every kind once, in order positions 0..n-1, with windows in range and a hex nonce', () => {
    const plan = createChallengePlan(seeded(1), NOW, 'sess-1');
    expect(plan.sessionId).toBe('sess-1');
    expect(plan.issuedAt).toBe('2026-11-25T12:00:00.000Z');
    expect(plan.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect([...plan.steps.map((s) => s.kind)].sort()).toEqual([...CHALLENGE_KINDS].sort());
    expect(plan.steps.map((s) => s.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(plan.steps.map((s) => s.id)).size).toBe(8);
    for (const s of plan.steps) {
      expect(s.windowMs).toBeGreaterThanOrEqual(STEP_WINDOW_MIN_MS);
      expect(s.windowMs).toBeLessThanOrEqual(STEP_WINDOW_MAX_MS);
      expect(s.flashColor !== undefined).toBe(s.kind === 'flash');
    }
  });

  it('differs between random sources: order and nonce are not predictable', () => {
    const a = createChallengePlan(seeded(1), NOW, 's');
    const b = createChallengePlan(seeded(2), NOW, 's');
    expect(a.nonce).not.toBe(b.nonce);
    const orders = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        createChallengePlan(seeded(seed), NOW, 's')
          .steps.map((s) => s.kind)
          .join(','),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps only the requested kinds, once each', () => {
    const plan = createChallengePlan(seeded(3), NOW, 's', { kinds: ['blink', 'turn_left', 'blink'] });
    expect(plan.steps.map((s) => s.kind).sort()).toEqual(['blink', 'turn_left']);
  });
});
