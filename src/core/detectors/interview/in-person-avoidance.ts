// interview.in-person-avoidance — planned in-person meetings cancelled, missed or moved more than once.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('interview.in-person-avoidance');
const AVOIDED = new Set(['cancelled_by_candidate', 'no_show', 'rescheduled']);

export const inPersonAvoidance: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews ?? [];
    let planned = 0;
    const evidence: string[] = [];
    const statuses: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      if (iv.plannedMode !== 'in_person') continue;
      planned++;
      if (iv.status && AVOIDED.has(iv.status)) {
        evidence.push(`interviews[${i}]`);
        statuses.push(iv.status);
      }
    }
    if (planned === 0) return notEvaluated('no in-person meeting was planned');
    if (evidence.length < 2) return nothing();
    const detail = statuses.map((x) => x.replace(/_/g, ' ')).join(', ');
    return found(fire(def, 'medium', evidence, { count: evidence.length, planned, statuses }, { detail }));
  },
};
