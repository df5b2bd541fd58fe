import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy.ts';
import type { Severity, Signal } from '../types.ts';
import { bandForScore, FAMILY_CAP, scoreSignals } from './score.ts';

const sig = (id: string, severity: Severity): Signal => ({
  id,
  severity,
  explanation: `${id} fired`,
  evidence: [],
  sources: ['research'],
});
const score = (...signals: Signal[]) => scoreSignals(signals, DEFAULT_POLICY);

describe('scoreSignals', () => {
  it('no signals: score 0, low', () => {
    expect(score()).toMatchObject({ score: 0, band: 'low', breakdown: [] });
  });

  it.each([
    ['one low stays low', [sig('interview.environment', 'low')], 'low'],
    ['two lows stay low', [sig('interview.environment', 'low'), sig('application.low-rate', 'low')], 'low'],
    ['one medium is elevated', [sig('interview.camera-refusal', 'medium')], 'elevated'],
    ['one high is elevated', [sig('payments.crypto-request', 'high')], 'elevated'],
    [
      'two highs in different families are high',
      [sig('payments.crypto-request', 'high'), sig('logistics.shipping-change', 'high')],
      'high',
    ],
    ['one critical is critical', [sig('interview.person-changed', 'critical')], 'critical'],
    ['a corroborated (high) sanctions match is at least high', [sig('sanctions.name-match', 'high')], 'high'],
    [
      'a name-only (medium) sanctions match stays a possible match',
      [sig('sanctions.name-match', 'medium')],
      'elevated',
    ],
  ] as const)('%s', (_name, signals, band) => {
    expect(score(...signals).band).toBe(band);
  });

  it('example 03 with later detectors {medium, medium, medium, low, low} stays elevated', () => {
    const r = score(
      sig('interview.camera-refusal', 'medium'),
      sig('onboarding.in-person-overdue', 'medium'),
      sig('references.unverifiable', 'medium'),
      sig('contact.new-profile', 'low'),
      sig('network.anonymizer', 'low'),
    );
    expect(r.band).toBe('elevated');
    expect(r.score).toBe(45);
  });

  it('caps correlated signals of one family', () => {
    const interview = (
      ['camera-refusal', 'occlusion-artifact', 'scripted-answers', 'repeated-excuse'] as const
    ).map((n) => sig(`interview.${n}`, 'high'));
    const r = score(...interview);
    expect(r.score).toBe(FAMILY_CAP * 100);
    expect(r.band).toBe('high');
    expect(r.breakdown).toEqual([
      { family: 'interview', contribution: 60, capped: true, signals: interview.map((s) => s.id) },
    ]);
    expect(r.reasons.some((x) => x.includes('related to each other'))).toBe(true);
  });

  it('critical forces the critical band and score floor', () => {
    const r = score(sig('interview.person-changed', 'critical'));
    expect(r.score).toBeGreaterThanOrEqual(DEFAULT_POLICY.bands.critical);
    expect(r.reasons[0]).toContain('critical band');
  });

  it('a high is at least elevated even with raised thresholds', () => {
    const r = scoreSignals([sig('payments.crypto-request', 'high')], {
      ...DEFAULT_POLICY,
      bands: { elevated: 50, high: 70, critical: 90 },
    });
    expect(r.band).toBe('elevated');
  });

  it('reasons list the most important signal first', () => {
    const r = score(sig('application.low-rate', 'low'), sig('payments.crypto-request', 'high'));
    expect(r.reasons[1]).toMatch(/^High: Asks to be paid in cryptocurrency/);
    expect(r.reasons[2]).toMatch(/^Low: /);
  });

  it('bandForScore uses the thresholds', () => {
    expect(bandForScore(14, DEFAULT_POLICY.bands)).toBe('low');
    expect(bandForScore(15, DEFAULT_POLICY.bands)).toBe('elevated');
    expect(bandForScore(55, DEFAULT_POLICY.bands)).toBe('high');
    expect(bandForScore(85, DEFAULT_POLICY.bands)).toBe('critical');
  });
});
