// What references[].outcome says, shared by references.unverifiable and references.contradicts: which
// references have a result, and how to say who they are.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { DetectorOutcome } from '../../types.ts';
import { notEvaluated } from '../signal.ts';
import { notesText, type Reference, referenceLabel } from './reference.ts';

export type Checked = { ref: Reference; index: number };

/** References with a finished check, or why the signal cannot be evaluated. */
export function checkedReferences(bundle: CaseBundle): Checked[] | DetectorOutcome {
  const refs = bundle.references ?? [];
  if (refs.length === 0) return notEvaluated('no references recorded');
  const checked = refs.flatMap((ref, index) =>
    ref.outcome && ref.outcome !== 'pending' ? [{ ref, index }] : [],
  );
  if (checked.length === 0) {
    return notEvaluated(
      `no reference check has a result yet (${refs.length} recorded, none verified, unverifiable or contradicting)`,
    );
  }
  return checked;
}

/** "Jane Roe (former manager, Shopwise Inc.), noting "…"" */
export function describe(c: Checked, noting: string): string {
  const notes = notesText(c.ref);
  return notes ? `${referenceLabel(c.ref, c.index)}, ${noting} ${notes}` : referenceLabel(c.ref, c.index);
}

export function referenceData(c: Checked): Record<string, unknown> {
  return {
    index: c.index,
    name: c.ref.name ?? null,
    relationship: c.ref.relationship ?? null,
    organization: c.ref.organization ?? null,
    notes: c.ref.notes ?? null,
  };
}
