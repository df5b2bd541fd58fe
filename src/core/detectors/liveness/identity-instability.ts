// liveness.identity-instability — clean frontal face embeddings moved away from the session's own face
// at several moments: the person (or the face drawn over them) changed during the session.
import { findingDetector } from './finding-detector.ts';

export const identityInstability = findingDetector('liveness.identity-instability', 'identity');
