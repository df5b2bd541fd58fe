import { describe, expect, it } from 'vitest';
import {
  dropFrames,
  flickerAtProfile,
  identityJumpAtProfile,
  loopedReplay,
  paintedOverHand,
  personChangesMidway,
  staticPhoto,
  swallowedHand,
  swapStepOrder,
  timeGoesBack,
  withCameraLabel,
  withNonce,
} from '../../../test/liveness/attacks.ts';
import { buildHonestSession, near, randomIdentity } from '../../../test/liveness/trace-builder.ts';
import { analyzeTrace } from './analyze-trace.ts';
import type { LivenessResult } from './types.ts';

const codes = (r: LivenessResult) => r.findings.map((f) => `${f.kind}:${f.code}`);
const failed = (r: LivenessResult) => r.challenges.filter((c) => !c.passed).map((c) => c.kind);

describe('analyzeTrace on honest sessions', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`passes a real person performing the plan (seed ${seed})`, () => {
      const s = buildHonestSession({ seed });
      const r = analyzeTrace(s.plan, s.trace, { idEmbedding: s.idEmbedding });
      expect(r.integrity).toEqual({ ok: true, problems: [] });
      expect(failed(r)).toEqual([]);
      expect(codes(r)).toEqual([]);
      expect(r.virtualCamera.flagged).toBe(false);
      expect(r.faceMatch?.matched).toBe(true);
      expect(r.challenges).toHaveLength(8);
      for (const c of r.challenges) expect(c.reactionMs).toBeGreaterThanOrEqual(0);
    });
  }
});

describe('analyzeTrace on attacks', () => {
  const honest = buildHonestSession({ seed: 11 });
  const analyze = (s: typeof honest, idEmbedding?: number[]) =>
    analyzeTrace(s.plan, s.trace, { idEmbedding });

  it('flags a face that stays identical while a hand covers it (painted over the hand)', () => {
    const r = analyze(paintedOverHand(honest));
    const f = r.findings.find((x) => x.code === 'face_unaffected');
    expect(f?.kind).toBe('occlusion');
    expect(f?.measures.occludedSimilarity).toBeGreaterThan(0.95);
    expect(f?.moments.length).toBeGreaterThanOrEqual(2);
    expect(f?.detail).toMatch(/identity similarity 0\.9\d/);
    expect(failed(r)).toEqual([]);
  });

  it('flags a hand that vanishes inside the face box', () => {
    const r = analyze(swallowedHand(honest));
    expect(codes(r)).toEqual(['occlusion:hand_swallowed']);
    const f = r.findings[0];
    expect(f?.measures.goneMs).toBeGreaterThanOrEqual(400);
    expect(f?.detail).toMatch(/vanished inside the face at \d+(\.\d)? s/);
  });

  it('flags an identity jump at profile, with the yaw and similarity', () => {
    const r = analyze(identityJumpAtProfile(honest));
    const f = r.findings.find((x) => x.code === 'identity_jump');
    expect(f?.kind).toBe('profile');
    expect(f?.measures.minSimilarity).toBeLessThan(0.45);
    expect(Math.abs(f?.measures.yawDeg ?? 0)).toBeGreaterThanOrEqual(30);
  });

  it('flags face tracking that flickers at profile', () => {
    const r = analyze(flickerAtProfile(honest));
    const f = r.findings.find((x) => x.code === 'flicker');
    expect(f?.kind).toBe('profile');
    expect(f?.measures.dropouts).toBeGreaterThanOrEqual(3);
  });

  it('flags a still photo: no movement, no blink, and the challenges fail', () => {
    const r = analyze(staticPhoto(honest));
    expect(codes(r)).toContain('spoof:static');
    expect(failed(r).sort()).toEqual(
      ['blink', 'cover_half', 'flash', 'look_up', 'pass_object', 'smile', 'turn_left', 'turn_right'].sort(),
    );
  });

  it('flags a looped replay with its period', () => {
    const r = analyze(loopedReplay(honest, 6000));
    const f = r.findings.find((x) => x.code === 'replay_loop');
    expect(f?.kind).toBe('spoof');
    expect(f?.measures.periodMs).toBeGreaterThanOrEqual(5900);
    expect(f?.measures.periodMs).toBeLessThanOrEqual(6100);
    expect(f?.measures.frames).toBeGreaterThanOrEqual(10);
  });

  it('flags identity drift when another person takes over', () => {
    const r = analyze(personChangesMidway(honest));
    const f = r.findings.find((x) => x.kind === 'identity');
    expect(f?.code).toBe('drift');
    expect(f?.measures.minSimilarity).toBeLessThan(0.6);
    expect(f?.measures.moments).toBeGreaterThanOrEqual(2);
  });

  it('names a virtual camera from the device label', () => {
    const r = analyze(withCameraLabel(honest, 'OBS Virtual Camera'));
    expect(r.virtualCamera).toEqual({
      label: 'OBS Virtual Camera',
      flagged: true,
      match: 'OBS Virtual Camera',
    });
  });

  it('does not match an ID photo of someone else', () => {
    const r = analyze(honest, near(randomIdentity(honest.random), 0.9, honest.random));
    expect(r.faceMatch?.matched).toBe(false);
    expect(r.faceMatch?.similarity).toBeLessThan(0.3);
    expect(r.faceMatch?.threshold).toBe(0.55);
  });

  it('does not compare an ID embedding from another model (different length)', () => {
    const r = analyze(honest, new Array(512).fill(0.01));
    expect(r.faceMatch).toBeNull();
  });

  it('reports a wrong nonce', () => {
    const r = analyze(withNonce(honest, 'f'.repeat(32)));
    expect(r.integrity.ok).toBe(false);
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['nonce']);
  });

  it('reports time going backwards, with the moment', () => {
    const s = timeGoesBack(honest, 40);
    const r = analyze(s);
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['time_not_monotonic']);
    expect(r.integrity.problems[0]?.moments).toEqual([s.trace.frames[41]?.t]);
  });

  it('reports too few frames for the duration', () => {
    const r = analyze(dropFrames(honest, 5));
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['frame_rate']);
    expect(r.integrity.problems[0]?.message).toMatch(/3 frames\/s \(expected 5–120\)/);
  });

  it('reports steps performed out of the plan order', () => {
    const r = analyze(swapStepOrder(honest));
    expect(r.integrity.problems.map((p) => p.code)).toContain('step_order');
  });

  it('fails every challenge when no face is seen, saying so', () => {
    const s = { ...honest, trace: structuredClone(honest.trace) };
    for (const f of s.trace.frames) f.face = null;
    const r = analyzeTrace(s.plan, s.trace, { idEmbedding: s.idEmbedding });
    expect(r.summary.faceFrames).toBe(0);
    expect(new Set(r.challenges.map((c) => `${c.passed} ${c.detail}`))).toEqual(
      new Set(['false no face was seen during the step']),
    );
    expect(r.faceMatch).toBeNull();
  });

  it('reports a missing step and fails its challenge', () => {
    const s = { ...honest, trace: structuredClone(honest.trace) };
    const dropped = s.trace.steps.pop();
    const r = analyzeTrace(s.plan, s.trace);
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['step_missing']);
    expect(r.challenges.find((c) => c.stepId === dropped?.id)?.detail).toBe(
      'not performed (missing from the trace)',
    );
  });
});
