import { appendAudit } from '../adapters/db/audit.ts';
import { subjectExists, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { type Problem, validateBundle } from '../core/bundle/validate.ts';
import { type ParsedCaseExport, parseCaseExport, withoutCaseExport } from '../core/report/case-export.ts';
import type { DetailedAssessment } from '../core/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, toAuditActor } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { restoreCase } from './internal/case-restore.ts';
import { insertSubjectWithCase } from './internal/subjects.ts';

export type ImportResult =
  | {
      index: number;
      ok: true;
      subjectId: string;
      action: 'created' | 'updated';
      /** What was stored with a caveat: a case export's case not restored, checklist steps skipped. */
      warnings?: Problem[];
    }
  | { index: number; ok: false; subjectId?: string; problems: Problem[] };

/**
 * Imports many bundles. Each bundle is all-or-nothing on its own: a bad one is rejected whole with every
 * problem, the good ones are stored (created or replaced) and assessed within the whole population.
 * A case export's `caseExport` restores the case of a new subject in the same transaction; a subject that
 * already exists keeps its own case (a warning says so).
 */
export async function importBundles(
  app: AppContext,
  actor: Actor,
  values: readonly unknown[],
): Promise<{ results: ImportResult[] }> {
  authorize(actor, 'subjects:write');
  const who = toAuditActor(actor);
  const results: ImportResult[] = [];
  const valid: { index: number; bundle: CaseBundle; caseExport: ParsedCaseExport | null }[] = [];
  const firstIndexOf = new Map<string, number>();

  values.forEach((value, index) => {
    const checked = validateBundle(value);
    const caseExport = parseCaseExport(value);
    if (!checked.ok || !caseExport.ok) {
      results[index] = {
        index,
        ok: false,
        problems: [...(checked.ok ? [] : checked.problems), ...(caseExport.ok ? [] : caseExport.problems)],
      };
      return;
    }
    const id = checked.bundle.subject.id;
    const first = firstIndexOf.get(id);
    if (first !== undefined) {
      results[index] = {
        index,
        ok: false,
        subjectId: id,
        problems: [
          {
            path: 'subject.id',
            message: `${JSON.stringify(id)} is also the id of bundle ${first} in this import`,
          },
        ],
      };
      return;
    }
    firstIndexOf.set(id, index);
    // A case export imports as its bundle: the export's record of the case is not part of the evidence.
    valid.push({ index, bundle: withoutCaseExport(checked.bundle), caseExport: caseExport.info });
  });

  // One population pass for the whole import (stored subjects with the imported bundles in place).
  const assessments: Map<string, DetailedAssessment> =
    valid.length > 0
      ? await assessWithinPopulation(
          app,
          app.database.db,
          valid.map((v) => v.bundle),
        )
      : new Map();

  for (const { index, bundle, caseExport } of valid) {
    const id = bundle.subject.id;
    try {
      const { action, warnings } = await inTransaction(app, async (trx) => {
        const exists = await subjectExists(trx, id);
        let warnings: Problem[] = [];
        if (exists) {
          await updateSubjectBundle(trx, bundle, app.clock.now().toISOString());
          if (caseExport) {
            warnings.push({
              path: 'caseExport',
              message: `a subject with id ${JSON.stringify(id)} already exists here with its own case; its evidence was replaced but its case (status, notes, checklist) was kept, and the case in the file was not restored`,
            });
          }
        } else {
          await insertSubjectWithCase(app, trx, who, bundle);
          if (caseExport) warnings = await restoreCase(app, trx, who, id, caseExport);
        }
        const kind: 'created' | 'updated' = exists ? 'updated' : 'created';
        await appendAudit(trx, {
          at: app.clock.now().toISOString(),
          actor: who,
          action: 'subject.imported',
          targetType: 'subject',
          targetId: id,
          data: { action: kind },
        });
        const assessment = assessments.get(id);
        if (assessment) await recordAssessment(app, trx, who, id, assessment, 'imported');
        return { action: kind, warnings };
      });
      results[index] = {
        index,
        ok: true,
        subjectId: id,
        action,
        ...(warnings.length > 0 ? { warnings } : {}),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results[index] = {
        index,
        ok: false,
        subjectId: id,
        problems: [{ path: '(root)', message: `not stored: ${message}` }],
      };
    }
  }
  return { results };
}
