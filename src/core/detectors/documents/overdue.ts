// documents.overdue — a requested document arrived after its due date, or is still missing past it.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, isTime, listText, toMs } from '../util.ts';

const def = requireSignal('documents.overdue');
const LONG_OVERDUE_DAYS = 7;

export const documentsOverdue: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const docs = bundle.documents ?? [];
    const now = ctx.now.getTime();
    const graceMs = ctx.policy.documentOverdueGraceDays * DAY_MS;
    let withDueDate = 0;
    const evidence: string[] = [];
    const late: { kind: string; daysLate: number; received: boolean }[] = [];
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const due = toMs(d.dueAt);
      if (!isTime(due)) continue;
      withDueDate++;
      const received = toMs(d.receivedAt);
      const end = isTime(received) ? received : now;
      if (end - due <= graceMs) continue;
      evidence.push(`documents[${i}]`);
      late.push({
        kind: d.kind ?? 'document',
        daysLate: Math.floor((end - due) / DAY_MS),
        received: isTime(received),
      });
    }
    if (withDueDate === 0) return notEvaluated('no document request with a due date');
    if (late.length === 0) return nothing();
    const severity = late.length >= 2 || late.some((l) => l.daysLate > LONG_OVERDUE_DAYS) ? 'medium' : 'low';
    const detail = listText(
      late.map((l) =>
        l.received
          ? `the ${l.kind.replace(/_/g, ' ')} arrived ${l.daysLate} day(s) after its due date`
          : `the ${l.kind.replace(/_/g, ' ')} is ${l.daysLate} day(s) past its due date and not received`,
      ),
    );
    return found(fire(def, severity, evidence, { count: late.length, late }, { detail }));
  },
};
