// liveness.spoof — a still face (no pose change, no blink over the session) or a looped replay (a run of
// frames repeating an earlier run). Low anti-spoofing model scores are weak evidence and never fire alone.
import { findingDetector } from './finding-detector.ts';

export const livenessSpoof = findingDetector('liveness.spoof', 'spoof');
