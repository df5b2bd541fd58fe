// references.unverifiable — a reference or institution could not be reached or did not confirm
// (references[].outcome "unverifiable"). Medium; high when two or more could not be verified and none was.
// Pending checks are not counted either way; with no finished check the signal is not evaluated.
import type { Detector } from '../../types.ts';
import { fire, found, nothing, requireSignal } from '../signal.ts';
import { checkedReferences, describe, referenceData } from './outcomes.ts';

const def = requireSignal('references.unverifiable');

export const referencesUnverifiable: Detector = {
  signal: def.id,
  detect(bundle) {
    const checked = checkedReferences(bundle);
    if (!Array.isArray(checked)) return checked;
    const failed = checked.filter((c) => c.ref.outcome === 'unverifiable');
    if (failed.length === 0) return nothing();
    const verified = checked.filter((c) => c.ref.outcome === 'verified').length;
    const severity = failed.length >= 2 && verified === 0 ? 'high' : 'medium';
    const detail = failed.map((c) => describe(c, 'noting')).join('; ');
    const tail =
      verified > 0
        ? ` (${verified} other ${verified === 1 ? 'reference was' : 'references were'} verified)`
        : '';
    return found(
      fire(
        def,
        severity,
        failed.map((c) => `references[${c.index}]`),
        { count: failed.length, verified, references: failed.map(referenceData) },
        {
          references: failed.length === 1 ? 'A reference' : `${failed.length} references`,
          detail: `${detail}${tail}`,
        },
      ),
    );
  },
};
