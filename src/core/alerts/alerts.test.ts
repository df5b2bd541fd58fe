import { describe, expect, it } from 'vitest';
import type { Signal } from '../types.ts';
import {
  decideAlert,
  dedupeText,
  formatSignatureHeader,
  MAX_ATTEMPTS,
  nextAttemptAt,
  parseSignatureHeader,
} from './alerts.ts';

const sig = (id: string, severity: Signal['severity']): Signal => ({
  id,
  severity,
  explanation: id,
  evidence: [],
  sources: [],
});

describe('decideAlert', () => {
  const prev = { band: 'elevated' as const, signals: ['a'], criticalSignals: [] };
  it.each([
    ['first assessment', null, 'critical', [], null],
    ['same band', prev, 'elevated', [sig('a', 'high')], null],
    ['band fell', { ...prev, band: 'high' as const }, 'elevated', [sig('a', 'high')], null],
    ['elevated → high', prev, 'high', [sig('b', 'high'), sig('a', 'high')], 'band-rise'],
    ['low → critical', { ...prev, band: 'low' as const }, 'critical', [sig('x', 'critical')], 'band-rise'],
    [
      'new critical, same band',
      { ...prev, band: 'critical' as const },
      'critical',
      [sig('x', 'critical')],
      'critical-signal',
    ],
  ] as const)('%s', (_name, previous, band, signals, kind) => {
    const d = decideAlert(previous, { band, signals: [...signals] });
    expect(d?.kind ?? null).toBe(kind);
  });

  it('lists sorted signals and only critical signals the previous assessment lacked', () => {
    const d = decideAlert(
      { band: 'high', signals: ['k'], criticalSignals: ['k'] },
      { band: 'critical', signals: [sig('z', 'high'), sig('k', 'critical'), sig('m', 'critical')] },
    );
    expect(d).toEqual({
      kind: 'band-rise',
      previousBand: 'high',
      band: 'critical',
      signals: ['k', 'm', 'z'],
      newCritical: ['m'],
    });
  });

  it('gives the same dedupe text for the same signal set in any order', () => {
    expect(dedupeText('s', 'high', ['b', 'a'])).toBe(dedupeText('s', 'high', ['a', 'b']));
    expect(dedupeText('s', 'high', ['a'])).not.toBe(dedupeText('s', 'critical', ['a']));
  });
});

describe('retry schedule', () => {
  it('waits 1, 3, 9 … minutes and gives up after the eighth try (about 18 hours in all)', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5, 6, 7].map(
      (n) => ((nextAttemptAt(n, t0)?.getTime() ?? 0) - t0.getTime()) / 60_000,
    );
    expect(waits).toEqual([1, 3, 9, 27, 81, 243, 729]);
    expect(nextAttemptAt(MAX_ATTEMPTS, t0)).toBeNull();
    expect(waits.reduce((a, b) => a + b, 0) / 60).toBeCloseTo(18.2, 1);
  });
});

describe('signature header', () => {
  it('round-trips and rejects malformed headers', () => {
    const v1 = 'a'.repeat(64);
    expect(parseSignatureHeader(formatSignatureHeader(1700000000, v1))).toEqual({ t: 1700000000, v1 });
    expect(parseSignatureHeader('t=abc,v1=00')).toBeNull();
    expect(parseSignatureHeader(`v1=${v1}`)).toBeNull();
  });
});
