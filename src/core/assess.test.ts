import { describe, expect, it } from 'vitest';
import { buildBundle, buildInterview, buildPolicy, FIXED_NOW } from '../../test/factories.ts';
import { assessPopulation, assessSubject, DISABLED_REASON, toPublicAssessment } from './assess.ts';
import { CHECKS } from './catalog/checks.ts';
import { SIGNALS } from './catalog/signals.ts';
import { DETECTORS, IMPLEMENTED, NOT_AVAILABLE_REASON } from './detectors/registry.ts';
import { DEFAULT_POLICY } from './policy.ts';

const ctx = (policy = DEFAULT_POLICY) => ({
  now: FIXED_NOW,
  policy,
  intel: { available: new Set<string>() },
  population: [],
});
const suspicious = buildBundle({
  subject: { kind: 'employee', startDate: '2026-03-02' },
  interviews: [
    buildInterview({ cameraOn: false, excuse: 'camera broken' }),
    buildInterview({ actualMode: 'chat', excuse: 'camera broken' }),
  ],
});

describe('registry', () => {
  it('has one detector per catalog id', () => {
    expect(DETECTORS.map((d) => d.signal)).toEqual(SIGNALS.map((s) => s.id));
    expect(IMPLEMENTED.length).toBe(69);
  });

  it('unbuilt detectors are never "passed"', () => {
    const bundle = buildBundle();
    for (const d of DETECTORS) {
      if (IMPLEMENTED.includes(d)) continue;
      expect(d.detect(bundle, ctx())).toEqual({ status: 'not_evaluated', reason: NOT_AVAILABLE_REASON });
    }
  });
});

describe('assessSubject', () => {
  it('an empty bundle is low with every check as a gap', () => {
    const a = assessSubject(buildBundle(), ctx());
    expect(a).toMatchObject({ subject: 'cand-0001', score: 0, band: 'low', signals: [] });
    expect(a.notEvaluated).toEqual(CHECKS.map((c) => c.id).sort());
    expect(a.gaps.find((g) => g.check === 'liveness')).toMatchObject({
      reason: 'no liveness verification was sent',
    });
    expect(a.gaps.find((g) => g.check === 'interviews')?.step).toContain('camera');
    expect(a.assessedAt).toBe('2026-06-01T00:00:00.000Z');
  });

  it('orders signals by severity then id, and scores them', () => {
    const a = assessSubject(suspicious, ctx());
    expect(a.signals.map((s) => [s.id, s.severity])).toEqual([
      ['interview.camera-refusal', 'high'],
      ['interview.repeated-excuse', 'medium'],
      ['onboarding.in-person-overdue', 'medium'],
    ]);
    expect(a).toMatchObject({ score: 53, band: 'elevated' });
    expect(a.notEvaluated).not.toContain('interviews');
  });

  it('a disabled signal never fires and its check can become a gap', () => {
    const policy = buildPolicy({ overrides: { 'onboarding.in-person-overdue': { disabled: true } } });
    const a = assessSubject(suspicious, ctx(policy));
    expect(a.signals.map((s) => s.id)).not.toContain('onboarding.in-person-overdue');
    expect(a.gaps.find((g) => g.check === 'onboarding.in-person')?.reason).toBe(DISABLED_REASON);
  });

  it('a severity override replaces the severity', () => {
    const policy = buildPolicy({ overrides: { 'interview.camera-refusal': { severity: 'low' } } });
    const a = assessSubject(suspicious, ctx(policy));
    expect(a.signals.find((s) => s.id === 'interview.camera-refusal')?.severity).toBe('low');
  });

  it('a detector that throws becomes a gap, not a crash', () => {
    const broken = buildBundle({ interviews: [null as unknown as ReturnType<typeof buildInterview>] });
    const a = assessSubject(broken, ctx());
    expect(a.gaps.find((g) => g.check === 'interviews')?.reason).toMatch(/the check failed/);
  });

  it('never leaves a placeholder in an explanation', () => {
    for (const s of assessSubject(suspicious, ctx()).signals) expect(s.explanation).not.toMatch(/\{\w+\}/);
  });
});

describe('assessPopulation and toPublicAssessment', () => {
  it('keeps input order and uses the default policy', () => {
    const out = assessPopulation([suspicious, buildBundle({ subject: { id: 'cand-0002' } })], {
      now: FIXED_NOW,
    });
    expect(out.map((a) => a.subject)).toEqual(['cand-0001', 'cand-0002']);
  });

  it('public shape has exactly the documented keys', () => {
    const pub = toPublicAssessment(assessSubject(suspicious, ctx()));
    expect(Object.keys(pub)).toEqual(['subject', 'score', 'band', 'signals', 'notEvaluated']);
    for (const s of pub.signals)
      expect(Object.keys(s)).toEqual(['id', 'severity', 'explanation', 'evidence', 'sources']);
    expect(Number.isInteger(pub.score)).toBe(true);
    expect(new Set(pub.notEvaluated).size).toBe(pub.notEvaluated.length);
    expect([...pub.notEvaluated].sort()).toEqual(pub.notEvaluated);
  });

  it('fairness: nationality, name origin or language alone never fire', () => {
    const bundle = buildBundle({
      subject: {
        name: 'Kim Jong-su',
        claimedLocation: { country: 'KR', timezone: 'Asia/Seoul', city: 'Seoul' },
      },
      documents: [
        {
          kind: 'passport',
          fields: { nationality: 'KP', expiry: '2031-01-01' },
          receivedAt: '2026-01-01T00:00:00Z',
        },
      ],
      communications: [
        { at: '2026-01-10T10:00:00+09:00', direction: 'inbound', text: '안녕하세요, 면접 일정 감사합니다.' },
      ],
      interviews: [buildInterview({ observations: ['Strong accent; Korean is the first language'] })],
    });
    expect(assessSubject(bundle, ctx()).signals).toEqual([]);
  });
});
