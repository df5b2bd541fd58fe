// The claims table as the page lays it out: which columns to show, the values of one cell, and the words,
// colours and icons of each status (colour is never the only cue: every status also has an icon and a label).
import type { ClaimColumn, ClaimRow, ClaimStatus, ClaimsTable, ClaimValue } from '../../api/types.ts';

export type StatusLook = { label: string; color: string; help: string };

export const STATUS_LOOK: Record<ClaimStatus, StatusLook> = {
  differ: {
    label: 'Differs',
    color: 'red',
    help: 'The sources contradict each other. Ask the candidate about it; a linked warning sign explains it.',
  },
  unclear: {
    label: 'Check by hand',
    color: 'yellow',
    help: 'Gatecheck cannot tell whether these agree (a name in another script, two email addresses, another city): a person should look.',
  },
  explained: {
    label: 'Explained',
    color: 'blue',
    help: 'They differ in an ordinary way: a declared married or former name, another romanisation, a middle name. Not counted against anyone.',
  },
  agree: {
    label: 'Agrees',
    color: 'green',
    help: 'The sources say the same thing, allowing for spelling, word order, transliteration and dates rounded by up to two months.',
  },
  single: {
    label: 'One source',
    color: 'gray',
    help: 'Only one source states it, so there is nothing to compare it with.',
  },
};

export const STATUS_ORDER: readonly ClaimStatus[] = ['differ', 'unclear', 'explained', 'agree', 'single'];

export const FIELD_LABELS: Record<ClaimRow['field'], string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  citizenship: 'Citizenship',
  location: 'Location',
  email: 'Email',
  phone: 'Phone',
  employer: 'Employer',
  institution: 'School',
};

/** Columns some row has a value in, in the table's order (an empty column only takes room). */
export function visibleColumns(table: ClaimsTable): ClaimsTable['columns'] {
  const used = new Set<ClaimColumn>();
  for (const row of table.rows) for (const v of row.values) used.add(v.column);
  return table.columns.filter((c) => used.has(c.id));
}

/** The columns nobody stated anything in, for a one-line note under the table. */
export function emptyColumns(table: ClaimsTable): ClaimsTable['columns'] {
  const shown = new Set(visibleColumns(table).map((c) => c.id));
  return table.columns.filter((c) => !shown.has(c.id));
}

export function cellValues(row: ClaimRow, column: ClaimColumn): ClaimValue[] {
  return row.values.filter((v) => v.column === column);
}

const RANK: Record<ClaimStatus, number> = { single: 0, agree: 1, explained: 2, unclear: 3, differ: 4 };

/** A cell's status: the strongest of its values'; null for an empty cell. */
export function cellStatus(values: readonly ClaimValue[]): ClaimStatus | null {
  if (values.length === 0) return null;
  return values.reduce<ClaimStatus>((s, v) => (RANK[v.status] > RANK[s] ? v.status : s), 'single');
}

const NOTE_VERBS: Record<ClaimValue['notes'][number]['verdict'], string> = {
  differ: 'Differs from',
  unclear: 'Compare with',
  explained: 'Differs from',
};

/** "Differs from the application: start 2019-04 in the resume but 2020-01 in the application". */
export function noteText(note: ClaimValue['notes'][number]): string {
  const verb = NOTE_VERBS[note.verdict];
  const tail = note.verdict === 'explained' ? ' (explained)' : '';
  return `${verb} ${note.other}${tail}: ${note.reason}`;
}
