// Bundles holding liveness verifications, built from synthetic sessions analysed by the real analysis.

import { analyzeTrace } from '../../src/core/liveness/analyze-trace.ts';
import type { LivenessResult } from '../../src/core/liveness/types.ts';
import type { BundleOverrides } from '../factories.ts';
import type { SyntheticSession } from './trace-builder.ts';

export function resultOf(
  s: SyntheticSession,
  options: { withId?: boolean; idEmbedding?: number[] } = {},
): LivenessResult {
  const idEmbedding = options.idEmbedding ?? (options.withId ? s.idEmbedding : undefined);
  return analyzeTrace(s.plan, s.trace, { idEmbedding });
}

/** A bundle with one completed liveness verification holding `result`. */
export function completedVerification(result: LivenessResult): BundleOverrides {
  return {
    verifications: [
      {
        kind: 'liveness',
        at: '2026-05-20T10:00:00Z',
        status: 'completed',
        sentAt: '2026-05-19T10:00:00Z',
        expiresAt: '2026-05-22T10:00:00Z',
        result,
      },
    ],
  };
}
