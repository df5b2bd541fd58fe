// liveness.spoof — a still face (no pose change, no blink over the session) or a looped replay (a run of
// frames repeating an earlier run). Low anti-spoofing model scores are weak evidence and never fire alone.
// When it fires, captured frames that disagreed with the trace are mentioned too (the pictures contradict
// what the browser reported).
import { findingDetector } from './finding-detector.ts';

export const livenessSpoof = findingDetector('liveness.spoof', 'spoof', { mentionKeyframeMismatches: true });
