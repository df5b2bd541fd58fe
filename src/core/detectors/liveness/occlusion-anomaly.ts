// liveness.occlusion-anomaly — while a hand covered the face, the face stayed identical (painted over the
// hand) or the hand vanished inside the face box (swallowed): a face swap losing its anchor points.
import { findingDetector } from './finding-detector.ts';

export const occlusionAnomaly = findingDetector('liveness.occlusion-anomaly', 'occlusion');
