// When the trace arrives, measured against the session's own clock (the server's): a trace sent after the
// link expired is still taken for a short grace period when the challenge was issued before the expiry (the
// candidate was mid-way), but flagged; a trace that says it started before the plan was issued, or that
// arrives long after the plan was issued for how little it lasts (time to prepare a recording), is flagged
// too. Pure.
import { round } from './geometry.ts';
import type { IntegrityProblem, LivenessTrace } from './types.ts';

export const SUBMISSION_TIMING = {
  /** A trace may arrive this long after the link expired, if the challenge was issued before it expired. */
  lateGraceMs: 15 * 60_000,
  /** The device's clock may differ from the server's by this much before `startedAt` counts as too early. */
  clockSkewMs: 2 * 60_000,
  /** More time than this between the challenge and the trace's arrival, beyond the trace's own length. */
  maxIdleMs: 10 * 60_000,
} as const;

const S = SUBMISSION_TIMING;

export type SessionTimes = { challengedAt: string | null; expiresAt: string };

const minutes = (ms: number) => {
  const m = Math.max(1, Math.round(ms / 60_000));
  return `${m} minute${m === 1 ? '' : 's'}`;
};
const clock = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Whether a challenged session whose link has expired still takes its trace at `now` (within the grace). */
export function inLateTraceGrace(session: SessionTimes, now: Date): boolean {
  if (session.challengedAt === null) return false;
  const expires = Date.parse(session.expiresAt);
  return Date.parse(session.challengedAt) < expires && now.getTime() < expires + S.lateGraceMs;
}

/**
 * Integrity problems of the trace's arrival: `late_submission` after the link's expiry (within the grace),
 * `timing` when the trace starts before the challenge was issued, or arrives more than `maxIdleMs` later
 * than its own length explains.
 */
export function submissionTimingProblems(
  session: SessionTimes,
  trace: Pick<LivenessTrace, 'startedAt' | 'durationMs'>,
  submittedAt: Date,
): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const now = submittedAt.getTime();
  const expires = Date.parse(session.expiresAt);
  if (now >= expires)
    problems.push({
      code: 'late_submission',
      message: `the trace arrived ${minutes(now - expires)} after the link expired (${clock(session.expiresAt)}); it was accepted because the challenge had been issued before then${session.challengedAt ? ` (${clock(session.challengedAt)})` : ''}`,
      moments: [],
    });
  if (session.challengedAt === null) return problems;
  const challenged = Date.parse(session.challengedAt);
  const elapsed = now - challenged;
  const started = Date.parse(trace.startedAt);
  if (Number.isFinite(started) && started < challenged - S.clockSkewMs)
    problems.push({
      code: 'timing',
      message: `the trace says it started at ${clock(trace.startedAt)}, ${minutes(challenged - started)} before the challenge was issued (${clock(session.challengedAt)}): it cannot have answered this challenge (or the device's clock is wrong)`,
      moments: [],
    });
  if (elapsed - trace.durationMs > S.maxIdleMs)
    problems.push({
      code: 'timing',
      message: `the trace lasts ${round(trace.durationMs / 1000, 1)} s but arrived ${minutes(elapsed)} after the challenge was issued: the challenge was known long enough beforehand to prepare a recording`,
      moments: [],
    });
  return problems;
}

/** How long before the trace's start (server clock) a picture may have been received: the page uploads each
 * one while its step runs, so this only absorbs clock and upload delays. */
export const KEYFRAME_LEAD_MS = 2 * 60_000;

/**
 * The keyframes that belong to the attempt this trace records: received after the plan was issued and no
 * earlier than the trace's length (plus `KEYFRAME_LEAD_MS`) before it arrived. Pictures of an abandoned
 * attempt (a reload, a fresh plan after a break) would otherwise be compared with another attempt's frames
 * and disagree with an honest trace.
 */
export function keyframesOfAttempt<K extends { createdAt: string }>(
  keyframes: readonly K[],
  session: Pick<SessionTimes, 'challengedAt'>,
  trace: Pick<LivenessTrace, 'durationMs'>,
  submittedAt: Date,
): K[] {
  const issued = session.challengedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(session.challengedAt);
  const from = Math.max(issued, submittedAt.getTime() - trace.durationMs - KEYFRAME_LEAD_MS);
  return keyframes.filter((k) => Date.parse(k.createdAt) >= from);
}
