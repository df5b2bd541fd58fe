import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { withCameraLabel } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { virtualCamera } from './virtual-camera.ts';

const honest = buildHonestSession({ seed: 25 });

describe('liveness.virtual-camera', () => {
  it('is not evaluated without a result; quiet for a built-in camera', () => {
    expect(summarize(runDetector(virtualCamera, {}))).toBe('not_evaluated');
    expect(summarize(runDetector(virtualCamera, completedVerification(resultOf(honest))))).toBe('none');
  });

  it('fires high naming the camera and the product', () => {
    const result = resultOf(withCameraLabel(honest, 'ManyCam Virtual Webcam'));
    const s = firstSignal(runDetector(virtualCamera, completedVerification(result)));
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'The video came from a virtual camera (camera "ManyCam Virtual Webcam", ManyCam).',
    );
    expect(s.evidence).toEqual(['verifications[0].result.virtualCamera']);
  });
});
