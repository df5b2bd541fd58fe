// Shared by every service that (re)assesses: the population, the policy, and writing one assessment.

import type { Transaction } from 'kysely';
import { appendAudit } from '../../adapters/db/audit.ts';
import type { Executor } from '../../adapters/db/database.ts';
import type { AuditActor } from '../../adapters/db/records.ts';
import { insertAssessment, latestAssessment } from '../../adapters/db/repositories/assessments.repository.ts';
import { getSetting } from '../../adapters/db/repositories/settings.repository.ts';
import {
  findSubjectRisk,
  listAllBundles,
  updateSubjectAssessment,
} from '../../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import { assessPopulation } from '../../core/assess.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import { withChecklistGaps } from '../../core/checklist/checklist.ts';
import { DEFAULT_POLICY, parsePolicy } from '../../core/policy.ts';
import type { DetailedAssessment, Policy } from '../../core/types.ts';
import type { AppContext } from '../context.ts';
import { raiseAlertIfNews } from './alerts.ts';
import { loadChecklistGaps } from './checklists.ts';
import { loadDismissals, prepareIntel } from './sanctions.ts';
import { withStoredLogins } from './stored-logins.ts';

export const POLICY_SETTING = 'policy';

export type AssessmentTrigger =
  | 'created'
  | 'imported'
  | 'updated'
  | 'evidence'
  | 'manual'
  | 'policy'
  | 'reassess'
  | 'sanctions'
  | 'dismissal'
  | 'logins'
  | 'checklist';

export async function loadPolicy(db: Executor): Promise<Policy> {
  const stored = await getSetting(db, POLICY_SETTING);
  if (stored === undefined) return DEFAULT_POLICY;
  const parsed = parsePolicy(stored);
  // A stored policy was valid when written; if the schema moved on, fall back rather than stop assessing.
  return parsed.ok ? parsed.policy : DEFAULT_POLICY;
}

/** Replaces (or adds) bundles by subject id, keeping the population in a stable order. */
export function overlayPopulation(
  stored: readonly CaseBundle[],
  changed: readonly CaseBundle[],
): CaseBundle[] {
  const byId = new Map(stored.map((b) => [b.subject.id, b]));
  for (const b of changed) byId.set(b.subject.id, b);
  return [...byId.values()];
}

/** Assesses the given subjects within the whole stored population (with their new bundles in it). */
export async function assessWithinPopulation(
  app: AppContext,
  db: Executor,
  bundles: readonly CaseBundle[],
  at?: Date,
): Promise<Map<string, DetailedAssessment>> {
  const [stored, policy, dismissals] = await Promise.all([
    listAllBundles(db),
    loadPolicy(db),
    loadDismissals(
      db,
      bundles.map((b) => b.subject.id),
    ),
    prepareIntel(app),
  ]);
  const now = at ?? app.clock.now();
  // Each subject's stored sign-in events join its bundle for the assessment (the stored JSON is unchanged).
  const population = await withStoredLogins(app, db, overlayPopulation(stored, bundles), now, {
    targets: bundles.map((b) => b.subject.id),
  });
  const results = assessPopulation(population, {
    now,
    policy,
    intel: app.intel,
    dismissals,
  });
  const wanted = new Set(bundles.map((b) => b.subject.id));
  const out = new Map<string, DetailedAssessment>();
  population.forEach((bundle, i) => {
    const result = results[i];
    if (result && wanted.has(bundle.subject.id)) out.set(bundle.subject.id, result);
  });
  return out;
}

/**
 * Appends the assessment (with the subject's open checklist steps as gaps) to the history, updates the
 * subject's band and score, and audits it. Returns the assessment as stored.
 */
export async function recordAssessment(
  app: AppContext,
  trx: Transaction<DB>,
  actor: AuditActor,
  subjectId: string,
  detectorAssessment: DetailedAssessment,
  trigger: AssessmentTrigger,
): Promise<DetailedAssessment> {
  // Open due-diligence checklist steps join the "not evaluated" gaps (score and band unchanged).
  const policy = await loadPolicy(trx);
  const checklist = await loadChecklistGaps(trx, subjectId, policy, app.clock.now(), detectorAssessment.band);
  const assessment = withChecklistGaps(detectorAssessment, checklist);
  const previous = await findSubjectRisk(trx, subjectId);
  // A band rise (or a new critical signal) raises an alert in this same transaction (internal/alerts.ts).
  const previousAssessment = previous?.band ? await latestAssessment(trx, subjectId) : null;
  const id = app.ids.newId();
  const at = app.clock.now().toISOString();
  await raiseAlertIfNews(app, trx, { subjectId, assessmentId: id, previous: previousAssessment, assessment });
  await insertAssessment(trx, { id, subjectId, createdAt: at, trigger, assessment });
  await updateSubjectAssessment(trx, subjectId, {
    band: assessment.band,
    score: assessment.score,
    signalCount: assessment.signals.length,
  });
  await appendAudit(trx, {
    at,
    actor,
    action: 'assessment.created',
    targetType: 'subject',
    targetId: subjectId,
    data: {
      assessmentId: id,
      trigger,
      assessedAt: assessment.assessedAt,
      score: assessment.score,
      band: assessment.band,
      previousBand: previous?.band ?? null,
      previousScore: previous?.score ?? null,
      signals: assessment.signals.map((s) => s.id),
    },
  });
  return assessment;
}
