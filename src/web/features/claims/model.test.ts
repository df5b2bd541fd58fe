import { describe, expect, it } from 'vitest';
import type { ClaimRow, ClaimsTable, ClaimValue } from '../../api/types.ts';
import { cellStatus, cellValues, emptyColumns, noteText, visibleColumns } from './model.ts';

const value = (column: ClaimValue['column'], status: ClaimValue['status'], text = 'x'): ClaimValue => ({
  id: `${column}.${text}`,
  column,
  text,
  path: `${column}.${text}`,
  from: null,
  detail: null,
  status,
  notes: [],
});

const row = (values: ClaimValue[]): ClaimRow => ({
  id: 'r',
  field: 'name',
  label: 'Name',
  status: 'agree',
  summary: '',
  values,
  comparisons: [],
  signals: [],
});

const table = (rows: ClaimRow[]): ClaimsTable => ({
  columns: [
    { id: 'resume', label: 'Resume' },
    { id: 'application', label: 'Application' },
    { id: 'interview', label: 'Interview' },
    { id: 'documents', label: 'Documents' },
    { id: 'references', label: 'References' },
    { id: 'record', label: 'Subject record' },
  ],
  rows,
  counts: { agree: 0, explained: 0, differ: 0, unclear: 0, single: 0 },
});

describe('claims table layout', () => {
  it('shows only columns some row uses, in the table order', () => {
    const t = table([
      row([value('record', 'agree'), value('resume', 'agree')]),
      row([value('documents', 'single')]),
    ]);
    expect(visibleColumns(t).map((c) => c.id)).toEqual(['resume', 'documents', 'record']);
    expect(emptyColumns(t).map((c) => c.label)).toEqual(['Application', 'Interview', 'References']);
  });

  it('a cell takes the strongest status of its values; an empty cell has none', () => {
    const r = row([
      value('documents', 'agree', 'a'),
      value('documents', 'differ', 'b'),
      value('record', 'explained'),
    ]);
    expect(cellValues(r, 'documents').map((v) => v.text)).toEqual(['a', 'b']);
    expect(cellStatus(cellValues(r, 'documents'))).toBe('differ');
    expect(cellStatus(cellValues(r, 'record'))).toBe('explained');
    expect(cellStatus(cellValues(r, 'resume'))).toBeNull();
  });

  it('words a note for the reader', () => {
    expect(
      noteText({ verdict: 'differ', other: 'the application', reason: 'start 2019-04 vs 2020-01' }),
    ).toBe('Differs from the application: start 2019-04 vs 2020-01');
    expect(
      noteText({ verdict: 'explained', other: 'the passport (printed)', reason: 'declared alias' }),
    ).toBe('Differs from the passport (printed) (explained): declared alias');
    expect(noteText({ verdict: 'unclear', other: 'the resume', reason: 'another script' })).toBe(
      'Compare with the resume: another script',
    );
  });
});
