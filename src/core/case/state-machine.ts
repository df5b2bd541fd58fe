// The case workflow: open → in review → escalated / cleared → reported → closed.
import { DomainError } from '../errors.ts';

export type CaseStatus = 'open' | 'in_review' | 'escalated' | 'cleared' | 'reported' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'in_review',
  'escalated',
  'cleared',
  'reported',
  'closed',
];

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_review'],
  in_review: ['escalated', 'cleared'],
  escalated: ['reported', 'cleared', 'in_review'],
  cleared: ['closed', 'in_review'],
  reported: ['closed'],
  closed: ['open'],
};

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: 'Open',
  in_review: 'In review',
  escalated: 'Escalated',
  cleared: 'Cleared',
  reported: 'Reported',
  closed: 'Closed',
};

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    const allowed = CASE_TRANSITIONS[from].map((s) => CASE_STATUS_LABELS[s]).join(', ');
    throw new DomainError(
      'invalid_transition',
      `A case that is ${CASE_STATUS_LABELS[from]} cannot move to ${CASE_STATUS_LABELS[to]}; it can move to: ${allowed}`,
    );
  }
}
