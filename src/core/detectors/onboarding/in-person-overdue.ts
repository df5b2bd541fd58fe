// onboarding.in-person-overdue — no in-person identity check more than policy.inPersonWindowDays
// after the start date, evaluated at the assessment time (ctx.now).
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, toMs } from '../util.ts';

const def = requireSignal('onboarding.in-person-overdue');

export const inPersonOverdue: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const startDate = bundle.subject.startDate;
    if (!startDate) return notEvaluated('no start date');
    if (bundle.onboarding?.inPersonVerifiedAt) return nothing();
    const days = Math.floor((ctx.now.getTime() - toMs(startDate)) / DAY_MS);
    const window = ctx.policy.inPersonWindowDays;
    if (days <= window) return nothing();
    const evidence = ['subject.startDate'];
    if (bundle.onboarding) evidence.push('onboarding.inPersonVerifiedAt');
    return found(fire(def, 'medium', evidence, { days, window, startDate }));
  },
};
