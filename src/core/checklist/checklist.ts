// Which checklist steps apply to a subject, their recorded state, and the open steps that the assessment
// lists as "not evaluated". Pure: the caller passes the stored states, the policy and the time.
import { z } from 'zod';
import type { CaseStatus } from '../case/state-machine.ts';
import { DomainError } from '../errors.ts';
import type { Band, DetailedAssessment, NotEvaluated } from '../types.ts';
import {
  CHECKLIST_STAGES,
  type ChecklistItemDefinition,
  type ChecklistStage,
  getChecklistItem,
  PHASE_TITLES,
  PLAYBOOK_ITEMS,
  PLAYBOOK_PHASES,
  type PlaybookPhase,
  STAGE_ITEMS,
  STAGE_TITLES,
} from './catalogue.ts';

export type ChecklistItemStatus = 'open' | 'done' | 'not_applicable';
export const CHECKLIST_ITEM_STATUSES: readonly ChecklistItemStatus[] = ['open', 'done', 'not_applicable'];

/** Who changed an item (the audit actor's id and display name). */
export type ChecklistActor = { kind: string; id: string | null; name: string };

/** The recorded state of one item for one subject. Items with no record are open. */
export type ChecklistItemState = {
  itemId: string;
  status: ChecklistItemStatus;
  /** The reason for not applicable (required), or an optional note for done / reopened. */
  note: string | null;
  /** Who last changed it and when (ISO 8601); null for an item never touched. */
  by: ChecklistActor | null;
  at: string | null;
};

/** The organisation's checklist settings (part of the policy). */
export type ChecklistPolicy = {
  /** The band from which the response playbook applies (an escalated or reported case always gets it). */
  playbookFromBand: 'high' | 'critical';
  /** Also list the application and interview stages for employees (hired before these checks existed). */
  hiringStagesForEmployees: boolean;
  /** Item ids the organisation does not use; they are hidden and never count as gaps. */
  disabledItems: string[];
};

export const DEFAULT_CHECKLIST_POLICY: ChecklistPolicy = {
  playbookFromBand: 'high',
  hiringStagesForEmployees: false,
  disabledItems: [],
};

export const checklistPolicySchema = z
  .object({
    playbookFromBand: z.enum(['high', 'critical']).default(DEFAULT_CHECKLIST_POLICY.playbookFromBand),
    hiringStagesForEmployees: z.boolean().default(DEFAULT_CHECKLIST_POLICY.hiringStagesForEmployees),
    disabledItems: z
      .array(z.string())
      .max(200)
      .default(DEFAULT_CHECKLIST_POLICY.disabledItems)
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (!getChecklistItem(id))
            ctx.addIssue({ code: 'custom', path: [i], message: `"${id}" is not a checklist item id` });
        });
      }),
  })
  .strict()
  .default(DEFAULT_CHECKLIST_POLICY);

/** What decides which stages apply: the subject, its current band and case status, the policy, the time. */
export type ChecklistContext = {
  subjectKind: 'candidate' | 'employee' | undefined;
  /** The subject's start date (YYYY-MM-DD), if known. */
  startDate: string | undefined;
  band: Band | null;
  caseStatus: CaseStatus | null;
  policy: ChecklistPolicy;
  inPersonWindowDays: number;
  now: Date;
};

export type ChecklistItemView = {
  id: string;
  title: string;
  why: string;
  whatToDo: string;
  sources: ChecklistItemDefinition['sources'];
  check: string | null;
  signals: string[];
  state: ChecklistItemState;
};

export type ChecklistStageView = {
  stage: ChecklistStage;
  title: string;
  items: ChecklistItemView[];
  /** How many items are done or not applicable, out of all. */
  closed: number;
  total: number;
};

export type ChecklistPhaseView = {
  phase: PlaybookPhase;
  title: string;
  items: ChecklistItemView[];
  closed: number;
  total: number;
};

export type ChecklistView = {
  stages: ChecklistStageView[];
  /** The response playbook, when the band or the case status calls for it; otherwise null. */
  playbook: { reason: string; phases: ChecklistPhaseView[] } | null;
};

/** Prefix of the gaps the checklist adds to an assessment's `notEvaluated` (e.g. `checklist.interview.camera-on`). */
export const CHECKLIST_GAP_PREFIX = 'checklist.';

/** Stages that apply: candidates get the hiring stages (onboarding once a start date is set); employees the later ones. */
export function applicableStages(ctx: ChecklistContext): ChecklistStage[] {
  const started = ctx.startDate !== undefined && ctx.startDate <= ctx.now.toISOString().slice(0, 10);
  const stages = new Set<ChecklistStage>();
  if (ctx.subjectKind === 'employee') {
    if (ctx.policy.hiringStagesForEmployees) {
      stages.add('application');
      stages.add('interview');
    }
    stages.add('verification');
    stages.add('onboarding');
    // An employee whose start date is still ahead has not reached the after-hire stage.
    if (ctx.startDate === undefined || started) stages.add('employment');
  } else {
    stages.add('application');
    stages.add('interview');
    stages.add('verification');
    if (ctx.startDate !== undefined) stages.add('onboarding');
  }
  return CHECKLIST_STAGES.filter((s) => stages.has(s));
}

/** Why the response playbook applies, or null when it does not. */
export function playbookReason(ctx: ChecklistContext): string | null {
  if (ctx.caseStatus === 'escalated' || ctx.caseStatus === 'reported')
    return `the case is ${ctx.caseStatus === 'escalated' ? 'escalated' : 'reported'}`;
  const from = ctx.policy.playbookFromBand;
  if (ctx.band === 'critical' || (from === 'high' && ctx.band === 'high'))
    return `the risk band is ${ctx.band}`;
  return null;
}

function fill(text: string, ctx: ChecklistContext): string {
  return text.replaceAll('{inPersonWindowDays}', String(ctx.inPersonWindowDays));
}

function openState(itemId: string): ChecklistItemState {
  return { itemId, status: 'open', note: null, by: null, at: null };
}

function itemView(
  def: ChecklistItemDefinition,
  ctx: ChecklistContext,
  states: ReadonlyMap<string, ChecklistItemState>,
): ChecklistItemView {
  return {
    id: def.id,
    title: def.title,
    why: fill(def.why, ctx),
    whatToDo: fill(def.whatToDo, ctx),
    sources: def.sources,
    check: def.check ?? null,
    signals: def.signals ?? [],
    state: states.get(def.id) ?? openState(def.id),
  };
}

function counts(items: ChecklistItemView[]): { closed: number; total: number } {
  return { closed: items.filter((i) => i.state.status !== 'open').length, total: items.length };
}

/** The checklist for one subject: the applicable stages with each item's state, and the playbook when it applies. */
export function buildChecklist(ctx: ChecklistContext, states: readonly ChecklistItemState[]): ChecklistView {
  const byId = new Map(states.map((s) => [s.itemId, s]));
  const disabled = new Set(ctx.policy.disabledItems);
  const stages = applicableStages(ctx).map((stage) => {
    const items = STAGE_ITEMS.filter((d) => d.stage === stage && !disabled.has(d.id)).map((d) =>
      itemView(d, ctx, byId),
    );
    return { stage, title: STAGE_TITLES[stage], items, ...counts(items) };
  });
  const reason = playbookReason(ctx);
  const playbook =
    reason === null
      ? null
      : {
          reason,
          phases: PLAYBOOK_PHASES.map((phase) => {
            const items = PLAYBOOK_ITEMS.filter((d) => d.phase === phase && !disabled.has(d.id)).map((d) =>
              itemView(d, ctx, byId),
            );
            return { phase, title: PHASE_TITLES[phase], items, ...counts(items) };
          }),
        };
  return { stages: stages.filter((s) => s.total > 0), playbook };
}

/**
 * The open items that the assessment lists as "not evaluated": every open step of an applicable stage, and
 * the open "review" steps of the playbook (they find facts; contain, preserve and report are actions, tracked
 * in the playbook but not gaps in what is known). Sorted by gap id.
 */
export function checklistGaps(view: ChecklistView): NotEvaluated[] {
  const gaps: NotEvaluated[] = [];
  for (const stage of view.stages) {
    for (const item of stage.items) {
      if (item.state.status === 'open')
        gaps.push({
          check: CHECKLIST_GAP_PREFIX + item.id,
          reason: `checklist step not done yet (${stage.title}): ${item.title}`,
          step: item.whatToDo,
        });
    }
  }
  for (const phase of view.playbook?.phases ?? []) {
    if (phase.phase !== 'review') continue;
    for (const item of phase.items) {
      if (item.state.status === 'open')
        gaps.push({
          check: CHECKLIST_GAP_PREFIX + item.id,
          reason: `response step not done yet (review): ${item.title}`,
          step: item.whatToDo,
        });
    }
  }
  return gaps.sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));
}

const byCheck = (a: NotEvaluated, b: NotEvaluated) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0);

/**
 * The assessment with its checklist gaps replaced by `gaps` (earlier checklist gaps removed first).
 * Score, band, signals and reasons are untouched: gaps say what is not known, they are not risk.
 */
export function withChecklistGaps(
  assessment: DetailedAssessment,
  gaps: readonly NotEvaluated[],
): DetailedAssessment {
  const kept = assessment.gaps.filter((g) => !g.check.startsWith(CHECKLIST_GAP_PREFIX));
  const merged = [...kept, ...gaps].sort(byCheck);
  const detectorOnly = assessment.notEvaluated.filter((c) => !c.startsWith(CHECKLIST_GAP_PREFIX));
  const notEvaluated = [...detectorOnly, ...gaps.map((g) => g.check)].sort();
  return { ...assessment, gaps: merged, notEvaluated };
}

export const MAX_CHECKLIST_NOTE_LENGTH = 2000;

export type ChecklistChange = { status: ChecklistItemStatus; note: string | null };

/** Validates a requested change of an item; throws not_found for an unknown item and validation for a bad state. */
export function parseChecklistChange(
  itemId: string,
  input: { state: unknown; note?: unknown },
): ChecklistChange {
  if (!getChecklistItem(itemId)) throw new DomainError('not_found', `"${itemId}" is not a checklist item`);
  const status = input.state;
  if (typeof status !== 'string' || !(CHECKLIST_ITEM_STATUSES as readonly string[]).includes(status)) {
    throw new DomainError('validation', 'Unknown checklist state', [
      {
        path: 'state',
        message: `${JSON.stringify(status)} is not one of: ${CHECKLIST_ITEM_STATUSES.join(', ')}`,
      },
    ]);
  }
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') {
    throw new DomainError('validation', 'The note must be text', [
      { path: 'note', message: 'expected a string' },
    ]);
  }
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null;
  if (note !== null && note.length > MAX_CHECKLIST_NOTE_LENGTH) {
    throw new DomainError('validation', 'The note is too long', [
      { path: 'note', message: `${note.length} characters; the limit is ${MAX_CHECKLIST_NOTE_LENGTH}` },
    ]);
  }
  if (status === 'not_applicable' && note === null) {
    throw new DomainError('validation', 'Say why this step does not apply', [
      { path: 'note', message: 'a reason is required when marking a step not applicable' },
    ]);
  }
  return { status: status as ChecklistItemStatus, note };
}
