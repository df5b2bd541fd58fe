// liveness.declined — the candidate declined the verification, or did not finish it before its deadline
// (`expiresAt`). A session still within its deadline is not evaluated (nor one challenged before it, while
// its trace may still arrive: the late-trace grace); a later completed session clears it.
import { inLateTraceGrace } from '../../liveness/submission-timing.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isoDay, isTime, toMs } from '../util.ts';
import { livenessItems, NO_VERIFICATION } from './verifications.ts';

const def = requireSignal('liveness.declined');
const DONE = new Set(['completed', 'pending', 'passed', 'failed']);
const GAVE_UP = new Set(['declined', 'expired']);

function deadlineOf(item: Record<string, unknown>): number {
  for (const key of ['expiresAt', 'dueAt', 'deadline']) {
    const value = item[key];
    if (typeof value === 'string') {
      const ms = toMs(value);
      if (isTime(ms)) return ms;
    }
  }
  return Number.NaN;
}

/** A session challenged before its deadline may still send its trace for a short while after it. */
function inTraceGrace(
  status: string | undefined,
  item: Record<string, unknown>,
  deadline: number,
  now: Date,
) {
  const challengedAt = item.challengedAt;
  if (status !== 'challenged' || typeof challengedAt !== 'string' || !isTime(toMs(challengedAt)))
    return false;
  return inLateTraceGrace(
    { challengedAt: new Date(toMs(challengedAt)).toISOString(), expiresAt: new Date(deadline).toISOString() },
    now,
  );
}

export const livenessDeclined: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const items = livenessItems(bundle);
    if (items.length === 0) return notEvaluated(NO_VERIFICATION);
    if (items.some((v) => DONE.has(v.status ?? ''))) return nothing();
    const now = ctx.now.getTime();
    const missed = items
      .map((v) => ({ ...v, deadline: deadlineOf(v.item) }))
      .filter(
        (v) =>
          GAVE_UP.has(v.status ?? '') ||
          (isTime(v.deadline) && v.deadline <= now && !inTraceGrace(v.status, v.item, v.deadline, ctx.now)),
      );
    if (missed.length === 0) return notEvaluated('the liveness verification is still within its deadline');
    const first = missed[0];
    if (!first) return nothing();
    const day = isTime(first.deadline) ? isoDay(first.deadline) : 'unknown';
    const deadline = first.status === 'declined' ? `${day}; the candidate declined it` : day;
    return found(
      fire(
        def,
        def.defaultSeverity,
        missed.map((v) => `verifications[${v.index}]`),
        { count: missed.length, status: first.status ?? null, deadline: day },
        { deadline },
      ),
    );
  },
};
