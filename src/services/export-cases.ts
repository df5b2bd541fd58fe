// Exports: one subject's case as a case bundle plus its case state (imports back through the bundle import),
// and CSV files of every subject and every signal (cells guarded against spreadsheet formula injection).
// Every export is audited. The case export is also written to the subject's access log (`case.exported`); the
// CSV files of all subjects are one audit entry each (`subjects.exported`, `signals.exported`, with the row
// count), not one access-log line per subject on every download.
import { stringify } from 'csv-stringify/sync';
import { appendAudit } from '../adapters/db/audit.ts';
import { latestAssessment } from '../adapters/db/repositories/assessments.repository.ts';
import { findCase, listCaseEvents, listCaseNotes } from '../adapters/db/repositories/cases.repository.ts';
import { listChecklistStates } from '../adapters/db/repositories/checklists.repository.ts';
import {
  findSubject,
  querySubjects,
  type SubjectSummary,
} from '../adapters/db/repositories/subjects.repository.ts';
import { findUserById } from '../adapters/db/repositories/users.repository.ts';
import { getSignal } from '../core/catalog/signals.ts';
import { CASE_EXPORT_FIELD, type CaseExport, safeCell } from '../core/report/case-export.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { recordAccess } from './internal/privacy.ts';

async function audit(app: AppContext, actor: Actor, action: string, targetId: string | null, data = {}) {
  await inTransaction(app, (trx) =>
    appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: toAuditActor(actor),
      action,
      targetType: targetId === null ? 'export' : 'subject',
      targetId,
      data,
    }),
  );
}

/** The subject's bundle with `caseExport` (status, assignee, notes, history, checklist states, latest band) added. */
export async function exportCase(app: AppContext, actor: Actor, subjectId: string): Promise<CaseExport> {
  authorize(actor, 'export');
  const db = app.database.db;
  const [subject, record] = await Promise.all([findSubject(db, subjectId), findCase(db, subjectId)]);
  if (!subject || !record) throw notFound('Subject', subjectId);
  const [events, notes, checklist, latest, assignee] = await Promise.all([
    listCaseEvents(db, subjectId),
    listCaseNotes(db, subjectId),
    listChecklistStates(db, subjectId),
    latestAssessment(db, subjectId),
    record.assigneeId ? findUserById(db, record.assigneeId) : Promise.resolve(null),
  ]);
  const exportedAt = app.clock.now().toISOString();
  const a = latest?.assessment;
  const out: CaseExport = {
    ...subject.bundle,
    [CASE_EXPORT_FIELD]: {
      exportedAt,
      exportedBy: actor.name,
      instance: app.config.publicUrl,
      case: {
        status: record.status,
        assignee: assignee ? { id: assignee.id, name: assignee.name, email: assignee.email } : null,
        openedAt: record.openedAt,
        updatedAt: record.updatedAt,
        events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.from, to: e.to, actor: e.actor.name })),
        notes: notes.map((n) => ({ at: n.at, author: n.author.name, text: n.text })),
        checklist: checklist.map((c) => ({
          id: c.itemId,
          status: c.status,
          note: c.note,
          at: c.at,
          by: c.by?.name ?? null,
        })),
      },
      assessment: a
        ? { band: a.band, score: a.score, assessedAt: a.assessedAt, signals: a.signals.map((s) => s.id) }
        : null,
    },
  };
  await audit(app, actor, 'case.exported', subjectId, { format: 'case-bundle' });
  await recordAccess(app, actor, subjectId, 'case.exported');
  return out;
}

async function allSubjects(app: AppContext): Promise<SubjectSummary[]> {
  const out: SubjectSummary[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await querySubjects(app.database.db, { limit: 500, offset });
    out.push(...page.items);
    if (page.items.length < 500) return out;
  }
}

function csv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: 'windows' });
}

/** One row per subject: id, name, kind, role, country, band, score, signals, case status, assignee, updated. */
export async function exportSubjectsCsv(app: AppContext, actor: Actor): Promise<string> {
  authorize(actor, 'export');
  const subjects = await allSubjects(app);
  const text = csv(
    [
      'id',
      'name',
      'kind',
      'role',
      'claimed_country',
      'band',
      'score',
      'signals',
      'case_status',
      'assignee',
      'updated_at',
    ],
    subjects.map((s) => [
      s.id,
      s.name,
      s.kind,
      s.role,
      s.claimedCountry,
      s.band,
      s.score,
      s.signalCount,
      s.caseStatus,
      s.assignee?.name ?? '',
      s.updatedAt,
    ]),
  );
  await audit(app, actor, 'subjects.exported', null, { format: 'csv', rows: subjects.length });
  return text;
}

/** One row per signal of every subject's latest assessment. */
export async function exportSignalsCsv(app: AppContext, actor: Actor): Promise<string> {
  authorize(actor, 'export');
  const subjects = await allSubjects(app);
  const rows: unknown[][] = [];
  for (const s of subjects) {
    const latest = await latestAssessment(app.database.db, s.id);
    for (const sig of latest?.assessment.signals ?? []) {
      rows.push([
        s.id,
        s.name,
        latest?.assessment.band,
        sig.id,
        getSignal(sig.id)?.title ?? sig.id,
        sig.severity,
        sig.explanation,
        sig.evidence.join('; '),
        sig.sources.join('; '),
        latest?.assessment.assessedAt,
      ]);
    }
  }
  const text = csv(
    [
      'subject_id',
      'subject_name',
      'band',
      'signal',
      'title',
      'severity',
      'explanation',
      'evidence',
      'sources',
      'assessed_at',
    ],
    rows,
  );
  await audit(app, actor, 'signals.exported', null, { format: 'csv', rows: rows.length });
  return text;
}
