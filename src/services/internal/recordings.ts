// Shared by the recording services: the view of a stored recording, its storage key, the bundle interview
// item the analysis writes (`frames`, `recording`), and queueing the `recording.analyze` job.
import type { JsonObject } from '../../adapters/db/records.ts';
import {
  type InterviewRecordingRecord,
  type RecordingDeletedReason,
  type RecordingStatus,
  setRecordingJob,
} from '../../adapters/db/repositories/interview-recordings.repository.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import type { OcclusionEvent } from '../../core/recordings/summarize.ts';
import { type Actor, type AppContext, toAuditActor } from '../context.ts';

export const ANALYZE_RECORDING_JOB = 'recording.analyze';

/** The analysis stored on the row (per-sample presence is kept compact: one character per sample). */
export type RecordingAnalysisView = {
  analysedAt: string;
  ms: number;
  durationSec: number | null;
  width: number;
  height: number;
  videoCodec: string;
  fps: number;
  framesAnalysed: number;
  faceFrames: number;
  facePresence: number;
  /** One character per sample: F face, H face with a hand over it, - no face. */
  presence: string;
  occlusionEvents: OcclusionEvent[];
  driftMin: number | null;
  driftAt: number | null;
  mostDifferent: { a: number; b: number; similarity: number } | null;
  identityChanged: boolean;
  /** Median similarity to the ID photo's face (documents[documentIndex].faceEmbedding), when there is one. */
  idMatch: number | null;
  idDocumentIndex: number | null;
};

export type RecordingView = {
  id: string;
  subjectId: string;
  interviewIndex: number;
  name: string;
  mediaType: string;
  bytes: number;
  uploadedAt: string;
  uploadedBy: string;
  retainUntil: string;
  status: RecordingStatus;
  jobId: string | null;
  error: string | null;
  deletedAt: string | null;
  deletedReason: RecordingDeletedReason | null;
  analysis: RecordingAnalysisView | null;
};

export function toRecordingView(rec: InterviewRecordingRecord): RecordingView {
  return {
    id: rec.id,
    subjectId: rec.subjectId,
    interviewIndex: rec.interviewIndex,
    name: rec.name,
    mediaType: rec.mediaType,
    bytes: rec.bytes,
    uploadedAt: rec.uploadedAt,
    uploadedBy: rec.uploadedBy.name,
    retainUntil: rec.retainUntil,
    status: rec.status,
    jobId: rec.jobId,
    error: rec.error,
    deletedAt: rec.deletedAt,
    deletedReason: rec.deletedReason,
    analysis: rec.analysis as RecordingAnalysisView | null,
  };
}

export function toAnalysisJson(view: RecordingAnalysisView): JsonObject {
  return JSON.parse(JSON.stringify(view)) as JsonObject;
}

/** File-store key of a recording: generated from its id, never a name. */
export function recordingStorageKey(id: string): string {
  return `rec-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

type InterviewItem = Record<string, unknown>;

/** A copy of the bundle with the interview at `index` changed by `patch`. */
export function withInterviewItem(bundle: CaseBundle, index: number, patch: InterviewItem): CaseBundle {
  const items = [...((bundle.interviews ?? []) as InterviewItem[])];
  items[index] = { ...(items[index] ?? {}), ...patch };
  return { ...bundle, interviews: items as CaseBundle['interviews'] };
}

/** The interview item this recording belongs to: at its index while it names the recording or none. */
export function recordingInterviewIndex(bundle: CaseBundle, rec: InterviewRecordingRecord): number {
  const items = (bundle.interviews ?? []) as InterviewItem[];
  const at = items[rec.interviewIndex];
  if (at !== undefined) return rec.interviewIndex;
  return items.findIndex((iv) => (iv.recording as { fileId?: unknown } | undefined)?.fileId === rec.id);
}

/** Queues the analysis job and records its id; null when queueing failed. */
export async function queueRecordingAnalysis(
  app: AppContext,
  rec: InterviewRecordingRecord,
  actor: Actor,
): Promise<string | null> {
  const who = toAuditActor(actor);
  try {
    const jobId = await app.jobs.enqueue(ANALYZE_RECORDING_JOB, { recordingId: rec.id, actor: who }, who);
    await setRecordingJob(app.database.db, rec.id, jobId);
    return jobId;
  } catch {
    return null;
  }
}
