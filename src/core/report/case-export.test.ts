import { describe, expect, it } from 'vitest';
import { parseCaseExport, planCaseRestore } from './case-export.ts';

const good = {
  exportedAt: '2026-03-20T12:00:00.000Z',
  exportedBy: 'Ines Ortega',
  instance: 'https://gatecheck.example',
  case: {
    status: 'escalated',
    assignee: { id: 'u1', name: 'Ines Ortega', email: 'ines@example.com' },
    notes: [{ at: '2026-03-19T10:00:00.000Z', author: 'Sam Lee', text: 'Asked for crypto' }],
    checklist: [
      {
        id: 'application.source-recorded',
        status: 'not_applicable',
        note: 'Referral',
        at: '2026-03-19T11:00:00Z',
        by: 'Sam Lee',
      },
      { id: 'no.such-step', status: 'done', note: null, at: null, by: null },
    ],
  },
};

describe('parseCaseExport', () => {
  it('is null for a plain bundle', () => {
    expect(parseCaseExport({ format: 'gatecheck.case-bundle/v1' })).toEqual({ ok: true, info: null });
  });

  it('reads an export without a checklist or assignee email (older exports)', () => {
    const old = {
      ...good,
      case: { ...good.case, assignee: { id: 'u1', name: 'Ines' }, checklist: undefined },
    };
    const parsed = parseCaseExport({ caseExport: old });
    expect(parsed.ok && parsed.info?.case.checklist).toEqual([]);
    expect(parsed.ok && parsed.info?.case.assignee).toMatchObject({ name: 'Ines' });
  });

  it('names the path of every problem', () => {
    const bad = {
      ...good,
      exportedAt: 'last week',
      case: { ...good.case, status: 'archived', checklist: [{ id: 'x', status: 'finished' }] },
    };
    const parsed = parseCaseExport({ caseExport: bad });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual([
      'caseExport.exportedAt',
      'caseExport.case.status',
      'caseExport.case.checklist[0].status',
    ]);
    expect(parsed.ok ? '' : parsed.problems[1]?.message).toContain('open, in_review, escalated');
    expect(parseCaseExport({ caseExport: null })).toMatchObject({
      ok: false,
      problems: [{ path: 'caseExport' }],
    });
  });
});

describe('planCaseRestore', () => {
  const parsed = parseCaseExport({ caseExport: good });
  if (!parsed.ok || !parsed.info) throw new Error('the fixture should parse');
  const plan = planCaseRestore(parsed.info, '2026-04-01T08:00:00.000Z');
  const marker = 'imported from https://gatecheck.example export of 2026-03-20T12:00:00.000Z';

  it('keeps authors and times and marks notes and steps as imported', () => {
    expect(plan.status).toBe('escalated');
    expect(plan.notes).toEqual([
      { at: '2026-03-19T10:00:00.000Z', author: 'Sam Lee', text: `Asked for crypto\n\n(${marker})` },
    ]);
    expect(plan.checklist).toEqual([
      {
        itemId: 'application.source-recorded',
        status: 'not_applicable',
        note: `Referral (${marker})`,
        at: '2026-03-19T11:00:00Z',
        by: 'Sam Lee',
      },
    ]);
  });

  it('skips unknown steps with a warning and prepares the assignee note', () => {
    expect(plan.warnings).toEqual([
      {
        path: 'caseExport.case.checklist[1].id',
        message: '"no.such-step" is not a checklist step on this instance; its state was skipped',
      },
    ]);
    expect(plan.assignee).toMatchObject({ name: 'Ines Ortega', email: 'ines@example.com' });
    expect(plan.assignee?.noteIfUnknown).toContain('Assigned to Ines Ortega (ines@example.com)');
  });
});
