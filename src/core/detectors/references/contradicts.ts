// references.contradicts — a reference contradicted the candidate's claims (references[].outcome
// "contradicts"); the reference's notes say what, and are quoted. High, as in the catalog.
import type { Detector } from '../../types.ts';
import { fire, found, nothing, requireSignal } from '../signal.ts';
import { checkedReferences, describe, referenceData } from './outcomes.ts';

const def = requireSignal('references.contradicts');

export const referencesContradicts: Detector = {
  signal: def.id,
  detect(bundle) {
    const checked = checkedReferences(bundle);
    if (!Array.isArray(checked)) return checked;
    const against = checked.filter((c) => c.ref.outcome === 'contradicts');
    if (against.length === 0) return nothing();
    return found(
      fire(
        def,
        'high',
        against.map((c) => `references[${c.index}]`),
        { count: against.length, references: against.map(referenceData) },
        { detail: against.map((c) => describe(c, 'who said')).join('; ') },
      ),
    );
  },
};
