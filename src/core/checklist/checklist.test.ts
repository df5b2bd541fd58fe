import { describe, expect, it } from 'vitest';
import { CHECKS } from '../catalog/checks.ts';
import { getSignal } from '../catalog/signals.ts';
import { SOURCES } from '../catalog/sources.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_POLICY, parsePolicy } from '../policy.ts';
import type { DetailedAssessment } from '../types.ts';
import { CHECKLIST_ITEMS, getChecklistItem, PLAYBOOK_ITEMS, STAGE_ITEMS } from './catalogue.ts';
import {
  applicableStages,
  buildChecklist,
  type ChecklistContext,
  type ChecklistItemState,
  checklistGaps,
  DEFAULT_CHECKLIST_POLICY,
  parseChecklistChange,
  playbookReason,
  withChecklistGaps,
} from './checklist.ts';

const NOW = new Date('2026-12-08T12:00:00Z');

function ctx(overrides: Partial<ChecklistContext> = {}): ChecklistContext {
  return {
    subjectKind: 'candidate',
    startDate: undefined,
    band: 'low',
    caseStatus: 'open',
    policy: DEFAULT_CHECKLIST_POLICY,
    inPersonWindowDays: 30,
    now: NOW,
    ...overrides,
  };
}

const done = (itemId: string, status: ChecklistItemState['status'] = 'done'): ChecklistItemState => ({
  itemId,
  status,
  note: status === 'not_applicable' ? 'no UK connection' : null,
  by: { kind: 'user', id: 'u1', name: 'Dana Reviewer' },
  at: '2026-12-08T11:00:00.000Z',
});

describe('checklist catalogue', () => {
  it('has unique ids, known sources, checks and signals, and text for every item', () => {
    const ids = CHECKLIST_ITEMS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const checkIds = new Set(CHECKS.map((c) => c.id));
    for (const item of CHECKLIST_ITEMS) {
      expect(item.title.length, item.id).toBeGreaterThan(5);
      expect(item.why.length, item.id).toBeGreaterThan(40);
      expect(item.whatToDo.length, item.id).toBeGreaterThan(40);
      expect(item.sources.length, item.id).toBeGreaterThan(0);
      for (const s of item.sources) expect(SOURCES[s], `${item.id} cites ${s}`).toBeDefined();
      if (item.check) expect(checkIds.has(item.check), `${item.id} → ${item.check}`).toBe(true);
      for (const s of item.signals ?? []) expect(getSignal(s), `${item.id} → ${s}`).toBeDefined();
      expect(getChecklistItem(item.id)).toBe(item);
    }
  });

  it('covers every stage and the four playbook phases with the reporting bodies', () => {
    for (const stage of ['application', 'interview', 'verification', 'onboarding', 'employment'])
      expect(
        STAGE_ITEMS.some((i) => i.stage === stage),
        stage,
      ).toBe(true);
    const titles = PLAYBOOK_ITEMS.map((i) => `${i.phase}: ${i.title} ${i.whatToDo}`).join('\n');
    for (const needle of [
      'contain: Stop payments',
      'RCMP',
      'FINTRAC',
      'ic3.gov',
      'OFSI',
      'NCA',
      'legal hold',
    ])
      expect(titles).toContain(needle);
  });
});

describe('applicable stages and playbook', () => {
  it('a candidate gets the hiring stages, and onboarding once a start date is set', () => {
    expect(applicableStages(ctx())).toEqual(['application', 'interview', 'verification']);
    expect(applicableStages(ctx({ startDate: '2027-01-04' }))).toEqual([
      'application',
      'interview',
      'verification',
      'onboarding',
    ]);
  });

  it('an employee gets verification, onboarding and (once started) employment', () => {
    expect(applicableStages(ctx({ subjectKind: 'employee', startDate: '2026-10-01' }))).toEqual([
      'verification',
      'onboarding',
      'employment',
    ]);
    expect(applicableStages(ctx({ subjectKind: 'employee', startDate: '2027-02-01' }))).toEqual([
      'verification',
      'onboarding',
    ]);
    const policy = { ...DEFAULT_CHECKLIST_POLICY, hiringStagesForEmployees: true };
    expect(applicableStages(ctx({ subjectKind: 'employee', policy }))).toHaveLength(5);
  });

  it('the playbook applies from the policy band, or when the case is escalated or reported', () => {
    expect(playbookReason(ctx({ band: 'elevated' }))).toBeNull();
    expect(playbookReason(ctx({ band: 'high' }))).toBe('the risk band is high');
    expect(playbookReason(ctx({ band: 'critical' }))).toBe('the risk band is critical');
    const criticalOnly = { ...DEFAULT_CHECKLIST_POLICY, playbookFromBand: 'critical' as const };
    expect(playbookReason(ctx({ band: 'high', policy: criticalOnly }))).toBeNull();
    expect(playbookReason(ctx({ band: 'low', caseStatus: 'escalated' }))).toBe('the case is escalated');
    expect(playbookReason(ctx({ band: null, caseStatus: 'reported' }))).toBe('the case is reported');
  });
});

describe('buildChecklist', () => {
  it('merges stored states, fills the policy window and counts closed items', () => {
    const view = buildChecklist(
      ctx({ subjectKind: 'employee', startDate: '2026-10-01', inPersonWindowDays: 45 }),
      [done('onboarding.in-person-identity'), done('onboarding.least-privilege', 'not_applicable')],
    );
    const onboarding = view.stages.find((s) => s.stage === 'onboarding');
    expect(onboarding).toMatchObject({ closed: 2, total: 5 });
    const inPerson = onboarding?.items.find((i) => i.id === 'onboarding.in-person-identity');
    expect(inPerson?.whatToDo).toContain('Within 45 days');
    expect(inPerson?.state).toMatchObject({ status: 'done', by: { name: 'Dana Reviewer' } });
    const open = onboarding?.items.find((i) => i.id === 'onboarding.verified-shipping');
    expect(open?.state).toEqual({
      itemId: 'onboarding.verified-shipping',
      status: 'open',
      note: null,
      by: null,
      at: null,
    });
    expect(view.playbook).toBeNull();
  });

  it('hides disabled items and lists the playbook by phase when it applies', () => {
    const policy = {
      ...DEFAULT_CHECKLIST_POLICY,
      disabledItems: ['application.sanctions-screened', 'response.report.fintrac'],
    };
    const view = buildChecklist(ctx({ band: 'critical', policy }), []);
    const ids = view.stages.flatMap((s) => s.items.map((i) => i.id));
    expect(ids).not.toContain('application.sanctions-screened');
    expect(view.playbook?.phases.map((p) => p.phase)).toEqual(['contain', 'preserve', 'review', 'report']);
    const report = view.playbook?.phases.find((p) => p.phase === 'report');
    expect(report?.items.map((i) => i.id)).toEqual([
      'response.report.canada',
      'response.report.fbi-ic3',
      'response.report.ofsi-nca',
    ]);
  });
});

describe('checklistGaps', () => {
  it('lists open stage items and open review steps, not done or not-applicable ones, nor contain/report actions', () => {
    const view = buildChecklist(ctx({ band: 'high' }), [
      done('interview.camera-on'),
      done('application.profiles-checked', 'not_applicable'),
      done('response.review.referrals'),
    ]);
    const gaps = checklistGaps(view);
    const ids = gaps.map((g) => g.check);
    expect(ids).toContain('checklist.interview.face-cover-test');
    expect(ids).toContain('checklist.response.review.devices');
    expect(ids).not.toContain('checklist.interview.camera-on');
    expect(ids).not.toContain('checklist.application.profiles-checked');
    expect(ids).not.toContain('checklist.response.review.referrals');
    expect(ids.some((id) => id.startsWith('checklist.response.contain'))).toBe(false);
    expect(ids).toEqual([...ids].sort());
    expect(gaps.find((g) => g.check === 'checklist.interview.face-cover-test')).toMatchObject({
      reason: 'checklist step not done yet (Interviews): Ask for a hand in front of the face',
      step: expect.stringContaining('pass a hand slowly'),
    });
  });

  it('withChecklistGaps replaces earlier checklist gaps and leaves the score alone', () => {
    const base: DetailedAssessment = {
      subject: 's1',
      score: 62,
      band: 'high',
      signals: [],
      notEvaluated: ['liveness', 'network'],
      assessedAt: NOW.toISOString(),
      gaps: [
        { check: 'liveness', reason: 'no session', step: 'send one' },
        { check: 'network', reason: 'no logs', step: 'import' },
      ],
      breakdown: [],
      reasons: ['x'],
    };
    const first = withChecklistGaps(base, [
      { check: 'checklist.interview.camera-on', reason: 'r', step: 's' },
      { check: 'checklist.application.source-recorded', reason: 'r', step: 's' },
    ]);
    expect(first.notEvaluated).toEqual([
      'checklist.application.source-recorded',
      'checklist.interview.camera-on',
      'liveness',
      'network',
    ]);
    expect(first.gaps.map((g) => g.check)).toEqual(first.notEvaluated);
    expect({ score: first.score, band: first.band, reasons: first.reasons }).toEqual({
      score: 62,
      band: 'high',
      reasons: ['x'],
    });
    const second = withChecklistGaps(first, [
      { check: 'checklist.interview.camera-on', reason: 'r', step: 's' },
    ]);
    expect(second.notEvaluated).toEqual(['checklist.interview.camera-on', 'liveness', 'network']);
    expect(withChecklistGaps(second, []).notEvaluated).toEqual(['liveness', 'network']);
  });
});

describe('parseChecklistChange', () => {
  it('accepts the three states; not applicable needs a reason', () => {
    expect(parseChecklistChange('interview.camera-on', { state: 'done' })).toEqual({
      status: 'done',
      note: null,
    });
    expect(parseChecklistChange('interview.camera-on', { state: 'open', note: '  reopened ' })).toEqual({
      status: 'open',
      note: 'reopened',
    });
    expect(
      parseChecklistChange('response.report.fintrac', {
        state: 'not_applicable',
        note: 'not a reporting entity',
      }),
    ).toEqual({
      status: 'not_applicable',
      note: 'not a reporting entity',
    });
    expect(() =>
      parseChecklistChange('response.report.fintrac', { state: 'not_applicable', note: ' ' }),
    ).toThrow(/why this step does not apply/);
  });

  it('refuses an unknown item (not found) and a bad state (validation)', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DomainError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => parseChecklistChange('interview.nope', { state: 'done' }))).toBe('not_found');
    expect(code(() => parseChecklistChange('interview.camera-on', { state: 'finished' }))).toBe('validation');
    expect(code(() => parseChecklistChange('interview.camera-on', { state: 'done', note: 5 }))).toBe(
      'validation',
    );
    expect(
      code(() => parseChecklistChange('interview.camera-on', { state: 'done', note: 'x'.repeat(2001) })),
    ).toBe('validation');
  });
});

describe('checklist policy', () => {
  it('is part of the default policy and validates item ids', () => {
    expect(DEFAULT_POLICY.checklist).toEqual(DEFAULT_CHECKLIST_POLICY);
    const ok = parsePolicy({
      checklist: { playbookFromBand: 'critical', disabledItems: ['response.report.fintrac'] },
    });
    expect(ok.ok && ok.policy.checklist).toEqual({
      playbookFromBand: 'critical',
      hiringStagesForEmployees: false,
      disabledItems: ['response.report.fintrac'],
    });
    const bad = parsePolicy({ checklist: { playbookFromBand: 'elevated', disabledItems: ['nope'] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      'checklist.disabledItems[0]',
      'checklist.playbookFromBand',
    ]);
    expect(bad.problems.find((p) => p.path === 'checklist.disabledItems[0]')?.message).toBe(
      '"nope" is not a checklist item id',
    );
  });
});
