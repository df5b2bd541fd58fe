// What the server does with a submitted trace: parse it as untrusted input (bounded), then recompute
// every verdict from it against the plan the server issued.
import { type AnalyzeTraceOptions, analyzeTrace } from './analyze-trace.ts';
import { parseLivenessTrace } from './trace-schema.ts';
import type { ChallengePlan, LivenessResult } from './types.ts';

/** Parses `input` (throws a validation DomainError naming each problem) and analyses it against `plan`. */
export function verifyTrace(
  plan: ChallengePlan,
  input: unknown,
  options: AnalyzeTraceOptions = {},
): LivenessResult {
  return analyzeTrace(plan, parseLivenessTrace(input), options);
}
