// A case export is a case bundle (gatecheck.case-bundle/v1) with one extra top-level field, `caseExport`: the
// case's status, assignee, notes, history and checklist states and the latest assessment's band. Importing the
// export stores the bundle alone (the field is taken off, so export → import gives back the same bundle) and
// restores the case from the field: `parseCaseExport` checks it, `planCaseRestore` says what to write.
import { z } from 'zod';
import type { CaseBundle } from '../bundle/schema.ts';
import { formatPath, type Problem } from '../bundle/validate.ts';
import { CASE_STATUSES, type CaseStatus } from '../case/state-machine.ts';
import { getChecklistItem } from '../checklist/catalogue.ts';
import { CHECKLIST_ITEM_STATUSES, type ChecklistItemStatus } from '../checklist/checklist.ts';
import type { Band } from '../types.ts';
import type { SnapshotCase } from './snapshot.ts';

export const CASE_EXPORT_FIELD = 'caseExport';

/** One recorded checklist step state: who changed it last and when, as on the exporting instance. */
export type CaseExportChecklistItem = {
  id: string;
  status: ChecklistItemStatus;
  note: string | null;
  at: string | null;
  by: string | null;
};

export type CaseExportCase = Omit<SnapshotCase, 'checklist' | 'assignee'> & {
  /** The email lets the importing instance find the same person among its users. */
  assignee: { id: string; name: string; email?: string } | null;
  /** Only the steps someone changed (a step with no record is open). */
  checklist: CaseExportChecklistItem[];
};

export type CaseExportInfo = {
  exportedAt: string;
  exportedBy: string;
  /** The exporting instance's public address. */
  instance?: string;
  case: CaseExportCase;
  assessment: { band: Band; score: number; assessedAt: string; signals: string[] } | null;
};

export type CaseExport = CaseBundle & { [CASE_EXPORT_FIELD]: CaseExportInfo };

/** The bundle without the export's record of the case (what an import stores). */
export function withoutCaseExport(bundle: CaseBundle): CaseBundle {
  if (!(CASE_EXPORT_FIELD in bundle)) return bundle;
  const { [CASE_EXPORT_FIELD]: _dropped, ...rest } = bundle as Record<string, unknown>;
  return rest as CaseBundle;
}

const text = z.string().trim().min(1).max(20_000);
const name = z.string().trim().min(1).max(200);
const at = z.iso.datetime({ offset: true, message: 'expected a date and time (ISO 8601)' });

/** What an import reads from `caseExport`; fields it does not restore (history, assessment) are not checked. */
const caseExportSchema = z.looseObject({
  exportedAt: at,
  exportedBy: name,
  instance: z.string().max(500).optional(),
  case: z.looseObject({
    status: z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]], {
      message: `expected one of ${CASE_STATUSES.join(', ')}`,
    }),
    assignee: z
      .looseObject({ name, email: z.string().trim().max(320).optional() })
      .nullable()
      .default(null),
    notes: z
      .array(z.object({ at, author: name, text }))
      .max(10_000)
      .default([]),
    checklist: z
      .array(
        z.object({
          id: z.string().min(1).max(200),
          status: z.enum(CHECKLIST_ITEM_STATUSES as [ChecklistItemStatus, ...ChecklistItemStatus[]], {
            message: `expected one of ${CHECKLIST_ITEM_STATUSES.join(', ')}`,
          }),
          note: z.string().max(20_000).nullable().default(null),
          at: at.nullable().default(null),
          by: name.nullable().default(null),
        }),
      )
      .max(1_000)
      .default([]),
  }),
});

export type ParsedCaseExport = z.infer<typeof caseExportSchema>;

/** Checks a bundle's `caseExport`: null when it has none, else the parsed field or every problem with its path. */
export function parseCaseExport(
  bundle: unknown,
): { ok: true; info: ParsedCaseExport | null } | { ok: false; problems: Problem[] } {
  if (bundle === null || typeof bundle !== 'object' || !(CASE_EXPORT_FIELD in bundle)) {
    return { ok: true, info: null };
  }
  const parsed = caseExportSchema.safeParse((bundle as Record<string, unknown>)[CASE_EXPORT_FIELD]);
  if (parsed.success) return { ok: true, info: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: formatPath([CASE_EXPORT_FIELD, ...issue.path]),
      message: issue.message,
    })),
  };
}

/** "imported from https://gatecheck.example export of 2026-03-20T12:00:00.000Z". */
export function importMarker(info: ParsedCaseExport): string {
  return `imported from ${info.instance ? `${info.instance} ` : ''}export of ${info.exportedAt}`;
}

export type CaseRestorePlan = {
  status: CaseStatus;
  /** The assignee's email to look up, and the note to keep when no user here has it. */
  assignee: { name: string; email: string | null; noteIfUnknown: string } | null;
  notes: { at: string; author: string; text: string }[];
  checklist: { itemId: string; status: ChecklistItemStatus; note: string | null; at: string; by: string }[];
  warnings: Problem[];
};

/**
 * What to restore from a checked `caseExport`: notes keep their author and time with the import marker added,
 * checklist states keep who and when (marked imported in their note), unknown checklist steps are skipped
 * with a warning. `importedAt` stands in for a state recorded without a time.
 */
export function planCaseRestore(info: ParsedCaseExport, importedAt: string): CaseRestorePlan {
  const marker = importMarker(info);
  const warnings: Problem[] = [];
  const checklist: CaseRestorePlan['checklist'] = [];
  info.case.checklist.forEach((item, i) => {
    if (!getChecklistItem(item.id)) {
      warnings.push({
        path: formatPath([CASE_EXPORT_FIELD, 'case', 'checklist', i, 'id']),
        message: `"${item.id}" is not a checklist step on this instance; its state was skipped`,
      });
      return;
    }
    checklist.push({
      itemId: item.id,
      status: item.status,
      note: item.note ? `${item.note} (${marker})` : `(${marker})`,
      at: item.at ?? importedAt,
      by: item.by ?? info.exportedBy,
    });
  });
  const a = info.case.assignee;
  const email = a?.email ? a.email : null;
  return {
    status: info.case.status,
    assignee: a
      ? {
          name: a.name,
          email,
          noteIfUnknown: `Assigned to ${a.name}${email ? ` (${email})` : ''} in the export; no user with that email here, so the case is unassigned (${marker}).`,
        }
      : null,
    notes: info.case.notes.map((n) => ({ at: n.at, author: n.author, text: `${n.text}\n\n(${marker})` })),
    checklist,
    warnings,
  };
}

/** A spreadsheet cell that starts with = + - @ (or a tab / carriage return) is prefixed with a quote, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV formula injection). */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
