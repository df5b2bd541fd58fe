// liveness.profile-anomaly — at profile yaw the face became someone else (embedding jump) or its tracking
// flickered: a face swap model without a profile view.
import { findingDetector } from './finding-detector.ts';

export const profileAnomaly = findingDetector('liveness.profile-anomaly', 'profile');
