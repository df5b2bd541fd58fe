// interview.off-hours-availability — the candidate's own messages and requests cluster in the claimed
// time zone's night (00:00–05:00), i.e. they fit a working day somewhere far away.
// Candidate-initiated times: inbound messages, the application, pay requests, request incidents.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { formatClock, formatOffset, isTime, localMinutes, toMs, utcOffsetMinutes } from '../util.ts';

const def = requireSignal('interview.off-hours-availability');

export const NIGHT_START = 0; // 00:00 local
export const NIGHT_END = 5 * 60; // 05:00 local (exclusive)
const DAY_START = 9 * 60;
const DAY_END = 19 * 60;
const MIN_EVENTS = 3;
const MIN_NIGHT = 3;
const MIN_NIGHT_SHARE = 0.5;

type Event = { path: string; ms: number };

function candidateEvents(bundle: CaseBundle): Event[] {
  const events: Event[] = [];
  const push = (path: string, at: string | null | undefined) => {
    const ms = toMs(at);
    if (isTime(ms)) events.push({ path, ms });
  };
  push('application.submittedAt', bundle.application?.submittedAt);
  bundle.communications?.forEach((c, i) => {
    if (c.direction === 'inbound') push(`communications[${i}]`, c.at);
  });
  bundle.payments?.forEach((p, i) => {
    if (p.kind === 'request') push(`payments[${i}]`, p.at);
  });
  bundle.incidents?.forEach((x, i) => {
    if (x.kind === 'byod_request' || x.kind === 'prepayment_request') push(`incidents[${i}]`, x.at);
  });
  return events;
}

/** Whole-hour UTC offsets (−12..+14) in which every given instant falls in a 09:00–19:00 working day. */
export function fittingOffsets(instants: readonly number[]): number[] {
  const out: number[] = [];
  for (let h = -12; h <= 14; h++) {
    const fits = instants.every((ms) => {
      const m = (((Math.floor(ms / 60_000) + h * 60) % 1440) + 1440) % 1440;
      return m >= DAY_START && m < DAY_END;
    });
    if (fits) out.push(h);
  }
  return out;
}

/** "UTC+1 to UTC+9" (runs of consecutive offsets, joined). */
export function offsetRanges(hours: readonly number[]): string {
  if (hours.length === 0) return 'none';
  const runs: string[] = [];
  let first = hours[0]!;
  let last = first;
  for (let i = 1; i <= hours.length; i++) {
    const h = hours[i];
    if (h !== undefined && h === last + 1) {
      last = h;
      continue;
    }
    runs.push(first === last ? formatOffset(first) : `${formatOffset(first)} to ${formatOffset(last)}`);
    if (h !== undefined) first = last = h;
  }
  return runs.join(' and ');
}

export const offHoursAvailability: Detector = {
  signal: def.id,
  detect(bundle) {
    const timezone = bundle.subject.claimedLocation?.timezone;
    if (!timezone) return notEvaluated('no claimed time zone');
    const events = candidateEvents(bundle);
    if (events.length < MIN_EVENTS) {
      return notEvaluated(
        `too few timed messages from the candidate (${events.length}; at least ${MIN_EVENTS} needed)`,
      );
    }
    const night: (Event & { local: number })[] = [];
    for (const e of events) {
      const local = localMinutes(e.ms, timezone);
      if (local >= NIGHT_START && local < NIGHT_END) night.push({ ...e, local });
    }
    if (night.length < MIN_NIGHT || night.length / events.length < MIN_NIGHT_SHARE) return nothing();
    const locals = night.map((n) => n.local).sort((a, b) => a - b);
    const typicalMinutes = locals[Math.floor(locals.length / 2)]!;
    const offsets = fittingOffsets(night.map((n) => n.ms));
    const claimedOffsetHours = utcOffsetMinutes(night[0]!.ms, timezone) / 60;
    return found(
      fire(
        def,
        'low',
        night.map((n) => n.path),
        {
          night: night.length,
          total: events.length,
          timezone,
          claimedUtcOffsetHours: claimedOffsetHours,
          typicalLocalTime: formatClock(typicalMinutes),
          fittingUtcOffsets: offsets,
        },
        { typical: formatClock(typicalMinutes), offsets: offsetRanges(offsets) },
      ),
    );
  },
};
