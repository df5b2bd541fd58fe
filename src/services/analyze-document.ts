// The `document.analyze` job: decrypts the stored file, analyses it (src/intel/documents/analyze.ts: type,
// size, MRZ by OCR or the PDF text layer, forensics), compares its perceptual hash with other subjects'
// documents (reuse), stores the error-level image encrypted, and in one transaction writes the analysis on
// the row, updates the bundle document item (MRZ only when none was entered and the reading's check digits
// pass; metadata; forensics without the image), audits `document.analyzed` and re-assesses the subject.
// Subjects whose documents it matches are re-assessed after. A failed analysis marks the file failed with
// the error and keeps it. Progress steps: decoding, reading MRZ, forensics, face, comparing.
// Identity documents (passport, national ID, driver's licence, work permit) also get the face on their photo
// read with the Node face models: `faceFound` and `faceEmbedding` (the largest face, for the ID-photo match of
// live verification) on the bundle item; the subject's completed verifications are then matched with it again.
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import type { Executor } from '../adapters/db/database.ts';
import type { AuditActor, JsonObject, JsonValue } from '../adapters/db/records.ts';
import {
  type DocumentFileRecord,
  findDocumentFile,
  listReuseCandidates,
  listUnqueuedDocumentFiles,
  recordDocumentAnalysis,
  recordDocumentFailure,
} from '../adapters/db/repositories/document-files.repository.ts';
import {
  findSubject,
  listAllBundles,
  updateSubjectBundle,
} from '../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { validateBundle } from '../core/bundle/validate.ts';
// The forensics module's reuse rule (re-exported by src/intel/documents/forensics), from its pure home in core
// so processes that never analyse do not load the image libraries.
import {
  hammingDistance,
  PHASH_REUSE_MAX_DISTANCE as REUSE_MAX_DISTANCE,
  sameImage,
} from '../core/detectors/documents/edited.ts';
import type { AnalysisStep, DocumentAnalysis } from '../intel/documents/analyze.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, inTransaction, SYSTEM_ACTOR } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import {
  type DocumentAnalysisView,
  type DocumentReuse,
  documentItemIndex,
  documentStore,
  elaStorageKey,
  lockSubjectDocuments,
  queueDocumentAnalysis,
  withDocumentItem,
} from './internal/documents.ts';
import { reassessSubjects } from './internal/logins.ts';
import { rematchVerifications } from './internal/rematch-verifications.ts';
import { jobActor, settleFailedAnalysis } from './internal/stored-uploads.ts';
import { IDENTITY_DOCUMENT_KINDS } from './internal/verifications.ts';

export { ANALYZE_DOCUMENT_JOB } from './internal/documents.ts';

const STEPS: readonly (AnalysisStep | 'comparing')[] = [
  'decoding',
  'reading MRZ',
  'forensics',
  'face',
  'comparing',
];
/** Matches listed per file (closest first). */
const MAX_REUSE = 50;

function detailHashOf(analysis: JsonObject | null): string | null {
  const forensics = analysis?.forensics;
  if (forensics === null || typeof forensics !== 'object' || Array.isArray(forensics)) return null;
  return typeof forensics.detailHash === 'string' ? forensics.detailHash : null;
}

/**
 * Other subjects' documents showing the same picture, as the documents.edited detector judges it (sameImage:
 * 64-bit perceptual hashes within PHASH_REUSE_MAX_DISTANCE bits and, when both have one, 256-bit detail hashes
 * close too), or with exactly the same bytes (distance 0): stored files, and bundle document items that carry
 * hashes without a stored file (an integrator's own analysis).
 */
export async function findDocumentReuse(
  db: Executor,
  subjectId: string,
  mine: { sha256: string; perceptualHash: string | null; detailHash: string | null },
): Promise<DocumentReuse[]> {
  const bundles = await listAllBundles(db);
  const names = new Map(bundles.map((b) => [b.subject.id, b.subject.name ?? null]));
  const out: DocumentReuse[] = [];
  const add = (otherSubject: string, fileId: string | null, distance: number) =>
    out.push({ subjectId: otherSubject, subjectName: names.get(otherSubject) ?? null, fileId, distance });
  for (const c of await listReuseCandidates(db, { exceptSubjectId: subjectId, sha256: mine.sha256 })) {
    if (c.sha256 === mine.sha256) {
      add(c.subjectId, c.id, 0);
      continue;
    }
    if (mine.perceptualHash === null || c.perceptualHash === null) continue;
    // The 64-bit hash first (cheap); the stored analysis holds the detail hash that must agree too.
    if (hammingDistance(mine.perceptualHash, c.perceptualHash) > REUSE_MAX_DISTANCE) continue;
    const other = await findDocumentFile(db, c.id);
    const same = sameImage(mine, {
      perceptualHash: c.perceptualHash,
      detailHash: detailHashOf(other?.analysis ?? null),
    });
    if (same.same) add(c.subjectId, c.id, same.distance);
  }
  for (const bundle of bundles) {
    if (bundle.subject.id === subjectId) continue;
    for (const doc of (bundle.documents ?? []) as Record<string, unknown>[]) {
      if (doc.fileId !== undefined) continue;
      if (doc.sha256 === mine.sha256) {
        add(bundle.subject.id, null, 0);
        continue;
      }
      const hashes = (doc.forensics ?? {}) as { perceptualHash?: unknown; detailHash?: unknown };
      if (mine.perceptualHash === null) continue;
      const same = sameImage(mine, hashes);
      if (same.same) add(bundle.subject.id, null, same.distance);
    }
  }
  return out
    .sort(
      (a, b) =>
        a.distance - b.distance || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
    )
    .slice(0, MAX_REUSE);
}

/** The analysis as stored on the row and shown in DocumentFileView.analysis (no image bytes). */
export function analysisRecord(
  analysis: DocumentAnalysis,
  reuse: DocumentReuse[],
  analyzedAt: string,
): JsonObject {
  const { ela } = analysis.forensics;
  const value: DocumentAnalysisView = {
    analyzedAt,
    ms: analysis.ms,
    mrz: analysis.mrz,
    forensics: {
      metadata: analysis.forensics.metadata,
      findings: analysis.forensics.findings,
      perceptualHash: analysis.forensics.perceptualHash,
      detailHash: analysis.forensics.detailHash,
      ela: ela === null ? null : { meanDiff: ela.meanDiff, maxDiff: ela.maxDiff, suspicious: ela.suspicious },
    },
    reuse,
    notes: analysis.notes,
  };
  const face = analysis.face;
  // The face summary only (the embedding lives on the bundle item).
  if (face !== undefined)
    value.face =
      face === null ? null : { found: face.found, faces: face.faces, score: face.score, box: face.box };
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** The bundle item's new fields: forensics and metadata always; the MRZ only when none was entered. */
export function analysisPatch(
  item: Record<string, unknown>,
  analysis: DocumentAnalysis,
): Record<string, unknown> {
  const { ela } = analysis.forensics;
  const patch: Record<string, unknown> = {
    metadata: {
      ...((item.metadata as Record<string, unknown> | undefined) ?? {}),
      ...analysis.forensics.metadata,
    },
    forensics: {
      findings: analysis.forensics.findings,
      perceptualHash: analysis.forensics.perceptualHash,
      detailHash: analysis.forensics.detailHash,
      ela: ela === null ? null : { meanDiff: ela.meanDiff, maxDiff: ela.maxDiff, suspicious: ela.suspicious },
    },
  };
  if (analysis.face !== undefined) {
    // Looked for (an identity document): found or not; a PDF (nothing looked at) says neither.
    patch.faceFound = analysis.face === null ? undefined : analysis.face.found;
    patch.faceEmbedding = analysis.face?.embedding ?? undefined;
  }
  const read = item.mrzSource === 'ocr' || item.mrzSource === 'text';
  const entered = Array.isArray(item.mrz) && item.mrz.length > 0 && !read;
  if (entered) patch.mrzSource = 'entered';
  // The reader reports an MRZ only when its readings agree; one whose check digits fail is reported only when
  // every reading saw the same characters (an altered document), so documents.mrz-invalid may judge it.
  else if (analysis.mrz?.found === true) {
    patch.mrz = analysis.mrz.lines;
    patch.mrzSource = analysis.mrz.source;
  }
  return patch;
}

/** Writes the bundle item and re-assesses the subject; false when the item is gone or would not validate. */
async function updateBundleAndAssess(
  app: AppContext,
  trx: Transaction<DB>,
  actor: AuditActor,
  file: DocumentFileRecord,
  patchOf: ((item: Record<string, unknown>) => Record<string, unknown>) | null,
): Promise<{ bundleUpdated: boolean; path: string | null }> {
  const subject = await findSubject(trx, file.subjectId);
  if (!subject) return { bundleUpdated: false, path: null };
  let bundle: CaseBundle = subject.bundle;
  let bundleUpdated = false;
  const index = documentItemIndex(bundle, file.id, file.documentIndex);
  if (index >= 0 && patchOf !== null) {
    const item = (bundle.documents?.[index] ?? {}) as Record<string, unknown>;
    const checked = validateBundle(withDocumentItem(bundle, index, patchOf(item)));
    if (checked.ok) {
      bundle = checked.bundle;
      await updateSubjectBundle(trx, bundle, app.clock.now().toISOString());
      bundleUpdated = true;
    }
  }
  const assessment = (await assessWithinPopulation(app, trx, [bundle])).get(file.subjectId);
  if (assessment) await recordAssessment(app, trx, actor, file.subjectId, assessment, 'evidence');
  return { bundleUpdated, path: index >= 0 ? `documents[${index}]` : null };
}

function stepProgress(
  reportProgress: (done: number, total: number | null, message?: string | null) => Promise<void>,
) {
  return (step: AnalysisStep | 'comparing') => reportProgress(STEPS.indexOf(step), STEPS.length, step);
}

export function analyzeDocumentHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const db = app.database.db;
    const fileId = typeof payload.fileId === 'string' ? payload.fileId : '';
    const actor = jobActor(payload.actor);
    const file = await findDocumentFile(db, fileId);
    if (!file) throw new Error(`document file ${fileId} is not recorded`);
    if (file.deletedAt !== null || file.storageKey === null) return { fileId, status: 'deleted' };
    if (file.status === 'analyzed') return { fileId, status: 'analyzed' };
    const store = documentStore(app);
    const progress = stepProgress(reportProgress);
    let elaKey: string | null = null;
    try {
      await progress('decoding');
      const bytes = await store.get(file.storageKey);
      // Loaded on first use: OCR, PDF.js and libheif are not needed by processes that never analyse.
      const { analyzeDocument } = await import('../intel/documents/analyze.ts');
      const analysis = await analyzeDocument(bytes, {
        maxPixels: app.config.documents.maxPixels,
        now: app.clock.now(),
        onStep: progress,
        face: IDENTITY_DOCUMENT_KINDS.has(file.kind),
      });
      await progress('comparing');
      const reuse = await findDocumentReuse(db, file.subjectId, {
        sha256: file.sha256,
        perceptualHash: analysis.forensics.perceptualHash,
        detailHash: analysis.forensics.detailHash,
      });
      const ela = analysis.forensics.ela;
      if (ela !== null) {
        elaKey = elaStorageKey(file.id);
        await store.put(elaKey, ela.png);
      }
      const analyzedAt = app.clock.now().toISOString();
      const record = analysisRecord(analysis, reuse, analyzedAt);
      const outcome = await inTransaction(app, async (trx) => {
        await lockSubjectDocuments(trx, file.subjectId);
        const stored = await recordDocumentAnalysis(trx, file.id, {
          analysis: record,
          perceptualHash: analysis.forensics.perceptualHash,
          elaKey,
        });
        if (!stored) return null; // deleted while it was being analysed
        const written = await updateBundleAndAssess(app, trx, actor, file, (item) =>
          analysisPatch(item, analysis),
        );
        await appendAudit(trx, {
          at: analyzedAt,
          actor,
          action: 'document.analyzed',
          targetType: 'subject',
          targetId: file.subjectId,
          data: {
            fileId: file.id,
            path: written.path,
            bundleUpdated: written.bundleUpdated,
            mrz:
              analysis.mrz === null
                ? null
                : { found: analysis.mrz.found, valid: analysis.mrz.valid, source: analysis.mrz.source },
            findings: analysis.forensics.findings.map((f) => `${f.strength}:${f.kind}`),
            ...(analysis.face !== undefined
              ? {
                  face:
                    analysis.face === null
                      ? null
                      : { found: analysis.face.found, faces: analysis.face.faces },
                }
              : {}),
            reuse: reuse.map((r) => ({ subjectId: r.subjectId, fileId: r.fileId, distance: r.distance })),
          },
        });
        return written;
      });
      if (outcome === null) {
        if (elaKey !== null) await store.delete(elaKey);
        return { fileId, status: 'deleted' };
      }
      const others = new Set(reuse.map((r) => r.subjectId));
      if (others.size > 0) await reassessSubjects(app, actor, others, 'evidence');
      // A trace that arrived before this photo was read is matched with it now (the document itself is
      // recorded whatever happens there).
      let rematched: string[] | { error: string } = [];
      if (analysis.face?.embedding)
        rematched = await rematchVerifications(app, file.subjectId).catch((error: unknown) => ({
          error: error instanceof Error ? error.message : String(error),
        }));
      await reportProgress(STEPS.length, STEPS.length, 'analysed');
      const result: JsonValue = {
        fileId,
        status: 'analyzed',
        mrz:
          analysis.mrz === null
            ? null
            : analysis.mrz.found
              ? analysis.mrz.valid
                ? 'valid'
                : 'invalid'
              : 'not found',
        findings: analysis.forensics.findings.length,
        reuse: reuse.length,
        ...(analysis.face !== undefined ? { faceFound: analysis.face?.found ?? null, rematched } : {}),
      };
      return result;
    } catch (error) {
      if (elaKey !== null) await store.delete(elaKey).catch(() => undefined);
      await settleFailedAnalysis(app, {
        error,
        subjectId: file.subjectId,
        actor,
        what: 'document',
        action: 'document.analysis_failed',
        isDeleted: async () => (await findDocumentFile(db, file.id))?.deletedAt != null,
        markFailed: (trx, message) => recordDocumentFailure(trx, file.id, message),
        // The upload's bundle item (receivedAt) still counts: assess with it.
        alsoInTransaction: (trx) => updateBundleAndAssess(app, trx, actor, file, null),
        auditData: (message) => ({ fileId: file.id, error: message }),
      });
      // Deleted (by hand or retention) while it was being analysed: nothing failed.
      return { fileId, status: 'deleted' };
    }
  };
}

/** Queues the analysis of uploads whose job was never queued (a crash between storing and queueing). */
export async function resumeDocumentAnalysis(app: AppContext, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  const waiting = await listUnqueuedDocumentFiles(app.database.db);
  for (const file of waiting) await queueDocumentAnalysis(app, file, actor);
  return waiting.length;
}
