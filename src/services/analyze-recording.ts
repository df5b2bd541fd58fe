// The `recording.analyze` job: decrypts the stored recording into a private temporary file (0600, removed
// afterwards, failure or not), samples GATECHECK_RECORDING_FPS frames per second with ffmpeg and runs the face
// models on each (src/intel/recordings/analyze.ts), reporting frames done / total on the job. In one
// transaction it stores the summary on the row, writes the interview item's `frames` (up to 12 representative
// face embeddings, 4 decimals) and `recording` (fileId, durationSec, framesAnalysed, faceFrames,
// facePresence, occlusionEvents, driftMin, identityChanged, idMatch, analysedAt), audits
// `recording.analyzed` and re-assesses the subject (interview.person-changed compares the frames across
// interviews). The ID-photo match uses the latest identity document's `faceEmbedding`. A failed analysis
// marks the row failed with the error, audits `recording.analysis_failed` and leaves the bundle alone.
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import type { AuditActor, JsonValue } from '../adapters/db/records.ts';
import {
  findInterviewRecording,
  type InterviewRecordingRecord,
  listUnqueuedRecordings,
  recordRecordingAnalysis,
  recordRecordingFailure,
} from '../adapters/db/repositories/interview-recordings.repository.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { matchIdPhoto, type RecordingSample } from '../core/recordings/summarize.ts';
import type { RecordingAnalysis } from '../intel/recordings/analyze.ts';
import type { JobHandler } from '../jobs/job-queue.ts';
import { type Actor, type AppContext, inTransaction, SYSTEM_ACTOR } from './context.ts';
import { assessWithinPopulation, recordAssessment } from './internal/assessing.ts';
import { documentStore, lockSubjectDocuments } from './internal/documents.ts';
import {
  queueRecordingAnalysis,
  type RecordingAnalysisView,
  recordingInterviewIndex,
  toAnalysisJson,
  withInterviewItem,
} from './internal/recordings.ts';
import { jobActor, settleFailedAnalysis } from './internal/stored-uploads.ts';
import { IDENTITY_DOCUMENT_KINDS } from './internal/verifications.ts';
import { RECORDING_EXTENSIONS, withPrivateFile } from './upload-recording.ts';

export { ANALYZE_RECORDING_JOB } from './internal/recordings.ts';

/** Occlusion events copied into the bundle item. */
const MAX_BUNDLE_EVENTS = 50;

/** The latest identity document with a face embedding (its index and the embedding), or null. */
export function idPhoto(bundle: CaseBundle): { index: number; embedding: number[] } | null {
  const docs = (bundle.documents ?? []) as Record<string, unknown>[];
  for (let i = docs.length - 1; i >= 0; i--) {
    const doc = docs[i];
    const embedding = doc?.faceEmbedding;
    if (
      typeof doc?.kind === 'string' &&
      IDENTITY_DOCUMENT_KINDS.has(doc.kind) &&
      Array.isArray(embedding) &&
      embedding.length >= 8 &&
      embedding.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      return { index: i, embedding: embedding as number[] };
  }
  return null;
}

function presenceString(samples: readonly RecordingSample[], occluded: ReadonlySet<number>): string {
  return samples.map((s) => (s.face === null ? '-' : occluded.has(s.at) ? 'H' : 'F')).join('');
}

/** The row's summary of an analysis. */
export function analysisView(
  analysis: RecordingAnalysis,
  idMatch: number | null,
  idDocumentIndex: number | null,
  analysedAt: string,
): RecordingAnalysisView {
  const s = analysis.summary;
  const occluded = new Set<number>();
  for (const e of s.occlusionEvents)
    if (e.kind === 'hand-over-face')
      for (const sample of analysis.samples)
        if (sample.at >= e.start && sample.at <= e.end) occluded.add(sample.at);
  return {
    analysedAt,
    ms: analysis.ms,
    durationSec:
      analysis.probe.durationSec === null ? null : Math.round(analysis.probe.durationSec * 100) / 100,
    width: analysis.probe.width,
    height: analysis.probe.height,
    videoCodec: analysis.probe.videoCodec,
    fps: analysis.fps,
    framesAnalysed: s.framesAnalysed,
    faceFrames: s.faceFrames,
    facePresence: s.facePresence,
    presence: presenceString(analysis.samples, occluded),
    occlusionEvents: s.occlusionEvents,
    driftMin: s.driftMin,
    driftAt: s.driftAt,
    mostDifferent: s.mostDifferent,
    identityChanged: s.identityChanged,
    idMatch,
    idDocumentIndex,
  };
}

/** The interview item's new `frames` and `recording` (frame times from the interview's start when known). */
export function interviewPatch(
  item: Record<string, unknown>,
  rec: InterviewRecordingRecord,
  analysis: RecordingAnalysis,
  view: RecordingAnalysisView,
): Record<string, unknown> {
  const startMs = typeof item.at === 'string' ? Date.parse(item.at) : Number.NaN;
  return {
    frames: analysis.summary.frames.map((f) => ({
      ...(Number.isNaN(startMs) ? {} : { at: new Date(startMs + Math.round(f.at * 1000)).toISOString() }),
      offsetSec: f.at,
      faceEmbedding: f.faceEmbedding,
    })),
    recording: {
      fileId: rec.id,
      durationSec: view.durationSec,
      fps: view.fps,
      framesAnalysed: view.framesAnalysed,
      faceFrames: view.faceFrames,
      facePresence: view.facePresence,
      // The first MAX_BUNDLE_EVENTS events (a long recording can have hundreds); the row keeps them all.
      occlusionEvents: view.occlusionEvents
        .slice(0, MAX_BUNDLE_EVENTS)
        .map((e) => ({ kind: e.kind, start: e.start, end: e.end })),
      occlusionEventCount: view.occlusionEvents.length,
      driftMin: view.driftMin,
      identityChanged: view.identityChanged,
      idMatch: view.idMatch,
      analysedAt: view.analysedAt,
    },
  };
}

async function writeAndAssess(
  app: AppContext,
  trx: Transaction<DB>,
  actor: AuditActor,
  rec: InterviewRecordingRecord,
  patchOf: (item: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ path: string | null; bundleUpdated: boolean }> {
  const subject = await findSubject(trx, rec.subjectId);
  if (!subject) return { path: null, bundleUpdated: false };
  let bundle = subject.bundle;
  const index = recordingInterviewIndex(bundle, rec);
  let bundleUpdated = false;
  if (index >= 0) {
    const item = (bundle.interviews?.[index] ?? {}) as Record<string, unknown>;
    const checked = validateBundle(withInterviewItem(bundle, index, patchOf(item)));
    if (checked.ok) {
      bundle = checked.bundle;
      await updateSubjectBundle(trx, bundle, app.clock.now().toISOString());
      bundleUpdated = true;
    }
  }
  const assessment = (await assessWithinPopulation(app, trx, [bundle])).get(rec.subjectId);
  if (assessment) await recordAssessment(app, trx, actor, rec.subjectId, assessment, 'evidence');
  return { path: index >= 0 ? `interviews[${index}]` : null, bundleUpdated };
}

export function analyzeRecordingHandler(app: AppContext): JobHandler {
  return async ({ payload, reportProgress }) => {
    const db = app.database.db;
    const recordingId = typeof payload.recordingId === 'string' ? payload.recordingId : '';
    const actor = jobActor(payload.actor);
    const rec = await findInterviewRecording(db, recordingId);
    if (!rec) throw new Error(`recording ${recordingId} is not recorded`);
    if (rec.deletedAt !== null || rec.storageKey === null) return { recordingId, status: 'deleted' };
    if (rec.status === 'analyzed') return { recordingId, status: 'analyzed' };
    const storageKey = rec.storageKey;
    try {
      const bytes = await documentStore(app).get(storageKey);
      // Loaded on first use: the face models are not needed by processes that never analyse.
      const { analyzeRecordingFile } = await import('../intel/recordings/analyze.ts');
      const analysis = await withPrivateFile(bytes, RECORDING_EXTENSIONS[rec.mediaType] ?? '', (file) =>
        analyzeRecordingFile(file, {
          fps: app.config.recordings.fps,
          onProgress: ({ done, total }) => reportProgress(done, total, 'frames analysed'),
        }),
      );
      const subject = await findSubject(db, rec.subjectId);
      const photo = subject ? idPhoto(subject.bundle) : null;
      const idMatch = photo ? matchIdPhoto(analysis.samples, photo.embedding) : null;
      const analysedAt = app.clock.now().toISOString();
      const view = analysisView(
        analysis,
        idMatch,
        idMatch === null ? null : (photo?.index ?? null),
        analysedAt,
      );
      const outcome = await inTransaction(app, async (trx) => {
        await lockSubjectDocuments(trx, rec.subjectId);
        if (!(await recordRecordingAnalysis(trx, rec.id, toAnalysisJson(view)))) return null;
        const written = await writeAndAssess(app, trx, actor, rec, (item) =>
          interviewPatch(item, rec, analysis, view),
        );
        await appendAudit(trx, {
          at: analysedAt,
          actor,
          action: 'recording.analyzed',
          targetType: 'subject',
          targetId: rec.subjectId,
          data: {
            recordingId: rec.id,
            path: written.path,
            bundleUpdated: written.bundleUpdated,
            framesAnalysed: view.framesAnalysed,
            faceFrames: view.faceFrames,
            occlusionEvents: view.occlusionEvents.length,
            driftMin: view.driftMin,
            identityChanged: view.identityChanged,
            idMatch: view.idMatch,
          },
        });
        return written;
      });
      if (outcome === null) return { recordingId, status: 'deleted' };
      const result: JsonValue = {
        recordingId,
        status: 'analyzed',
        framesAnalysed: view.framesAnalysed,
        faceFrames: view.faceFrames,
        occlusionEvents: view.occlusionEvents.length,
        identityChanged: view.identityChanged,
      };
      return result;
    } catch (error) {
      await settleFailedAnalysis(app, {
        error,
        subjectId: rec.subjectId,
        actor,
        what: 'recording',
        action: 'recording.analysis_failed',
        isDeleted: async () => (await findInterviewRecording(db, rec.id))?.deletedAt != null,
        markFailed: (trx, message) => recordRecordingFailure(trx, rec.id, message),
        auditData: (message) => ({ recordingId: rec.id, error: message }),
      });
      // Deleted (by hand or retention) while it was being analysed: nothing failed.
      return { recordingId, status: 'deleted' };
    }
  };
}

/** Queues the analysis of uploads whose job was never queued (a crash between storing and queueing). */
export async function resumeRecordingAnalysis(app: AppContext, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  const waiting = await listUnqueuedRecordings(app.database.db);
  for (const rec of waiting) await queueRecordingAnalysis(app, rec, actor);
  return waiting.length;
}
