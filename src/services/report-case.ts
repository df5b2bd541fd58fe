// The case report (JSON model or PDF) from a snapshot; without a snapshot id, a fresh snapshot is made first
// so the report always names the manifest it rests on. Every report is audited (report.generated) and written to
// the subject's access log (report.pdf-generated / report.json-generated, with the snapshot id).
import { appendAudit } from '../adapters/db/audit.ts';
import { renderReportPdf } from '../adapters/report/render-pdf.ts';
import { buildReport, type ReportModel } from '../core/report/report-model.ts';
import type { CaseSnapshot } from '../core/report/snapshot.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { recordAccess } from './internal/privacy.ts';
import { loadCaseSnapshot } from './internal/snapshots.ts';
import { createCaseSnapshot } from './snapshot-case.ts';

export type { ReportModel };

export type ReportInput = { snapshotId?: string | undefined; reason?: string | undefined };

async function snapshotFor(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: ReportInput,
): Promise<CaseSnapshot> {
  if (input.snapshotId === undefined)
    return createCaseSnapshot(app, actor, subjectId, { reason: input.reason ?? 'Report' });
  const snapshot = await loadCaseSnapshot(app, input.snapshotId);
  // Another subject's snapshot is not this subject's: answer as if it did not exist.
  if (snapshot.subjectId !== subjectId) throw notFound('Snapshot', input.snapshotId);
  return snapshot;
}

/** The report model of a subject (from the given snapshot, or a fresh one). */
export async function buildCaseReport(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: ReportInput & { format?: 'json' | 'pdf' } = {},
): Promise<ReportModel> {
  authorize(actor, 'export');
  const format = input.format ?? 'json';
  const snapshot = await snapshotFor(app, actor, subjectId, input);
  const model = buildReport(snapshot, app.clock.now().toISOString());
  await inTransaction(app, (trx) =>
    appendAudit(trx, {
      at: model.generatedAt,
      actor: toAuditActor(actor),
      action: 'report.generated',
      targetType: 'subject',
      targetId: subjectId,
      data: { snapshotId: snapshot.id, manifestHash: snapshot.manifestHash, format },
    }),
  );
  await recordAccess(
    app,
    actor,
    subjectId,
    format === 'pdf' ? 'report.pdf-generated' : 'report.json-generated',
    snapshot.id,
  );
  return model;
}

/** The report as PDF bytes, with the model it was drawn from. */
export async function renderCaseReport(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  input: ReportInput = {},
): Promise<{ model: ReportModel; pdf: Uint8Array }> {
  const model = await buildCaseReport(app, actor, subjectId, { ...input, format: 'pdf' });
  return { model, pdf: await renderReportPdf(model) };
}
