// consistency.contact-change — email or phone changed during hiring (before the start date, or
// at any time while the subject is still a candidate).
import type { Detector } from '../../types.ts';
import { realChanges } from '../changes.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { listText, toMs } from '../util.ts';

const def = requireSignal('consistency.contact-change');

export const contactChange: Detector = {
  signal: def.id,
  detect(bundle) {
    if (!bundle.changes) return notEvaluated('no change history');
    const start = toMs(bundle.subject.startDate);
    const candidate = bundle.subject.kind === 'candidate';
    if (Number.isNaN(start) && !candidate)
      return notEvaluated('no start date to tell the hiring period apart');
    const during = [...realChanges(bundle, 'email'), ...realChanges(bundle, 'phone')]
      .filter((c) => candidate || c.at < start)
      .sort((a, b) => a.at - b.at);
    if (during.length === 0) return nothing();
    const changes = bundle.changes;
    const fields = [...new Set(during.map((c) => changes[c.index]!.field))];
    return found(
      fire(
        def,
        'low',
        during.map((c) => `changes[${c.index}]`),
        { count: during.length, fields },
        { fields: listText(fields.map((f) => (f === 'email' ? 'email address' : 'phone number'))) },
      ),
    );
  },
};
