import { describe, expect, it } from 'vitest';
import { estimateAccuracyKm } from './accuracy.ts';

describe('estimateAccuracyKm', () => {
  it.each([
    [{ city: 'Toronto', region: 'Ontario', prefix: 24, version: 4 as const }, 50],
    [{ city: 'Toronto', region: 'Ontario', prefix: 18, version: 4 as const }, 75],
    [{ city: 'Toronto', region: 'Ontario', prefix: 14, version: 4 as const }, 100],
    [{ city: 'Toronto', region: 'Ontario', prefix: 10, version: 4 as const }, 150],
    [{ region: 'Ontario', prefix: 24, version: 4 as const }, 250],
    [{ region: 'Ontario', prefix: 12, version: 4 as const }, 500],
    [{ prefix: 24, version: 4 as const }, 1000],
    [{ city: 'Montreal', prefix: 48, version: 6 as const }, 50],
    [{ city: 'Montreal', prefix: 42, version: 6 as const }, 75],
    [{ city: 'Montreal', prefix: 32, version: 6 as const }, 100],
    [{ city: 'Montreal', prefix: 29, version: 6 as const }, 150],
  ])('%j → %d km', (input, km) => {
    expect(estimateAccuracyKm(input)).toBe(km);
  });
});
