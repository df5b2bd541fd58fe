// A case export is a case bundle (gatecheck.case-bundle/v1) with one extra top-level field, `caseExport`: the
// case's status, assignee, notes and history and the latest assessment's band, for the record. Importing the
// export stores the bundle alone (the field is taken off), so export → import gives back the same bundle.
import type { CaseBundle } from '../bundle/schema.ts';
import type { Band } from '../types.ts';
import type { SnapshotCase } from './snapshot.ts';

export const CASE_EXPORT_FIELD = 'caseExport';

export type CaseExportInfo = {
  exportedAt: string;
  exportedBy: string;
  case: Omit<SnapshotCase, 'checklist'>;
  assessment: { band: Band; score: number; assessedAt: string; signals: string[] } | null;
};

export type CaseExport = CaseBundle & { [CASE_EXPORT_FIELD]: CaseExportInfo };

/** The bundle without the export's record of the case (what an import stores). */
export function withoutCaseExport(bundle: CaseBundle): CaseBundle {
  if (!(CASE_EXPORT_FIELD in bundle)) return bundle;
  const { [CASE_EXPORT_FIELD]: _dropped, ...rest } = bundle as Record<string, unknown>;
  return rest as CaseBundle;
}

/** A spreadsheet cell that starts with = + - @ (or a tab / carriage return) is prefixed with a quote, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV formula injection). */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
