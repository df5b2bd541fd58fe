// Uploads the recording of an interview (MP4, WebM or MOV). Design: a recording always belongs to one item of
// the bundle's interviews[]: `POST …/interviews/{index}/recording` attaches it to an existing interview, and
// `POST …/recordings?at=` first appends a new video interview held at `at` (for a call the bundle does not
// list yet) — both run this service. The body is read up to GATECHECK_MAX_RECORDING_BYTES, the type sniffed
// from the content, and the video probed with ffprobe in a private temporary file (a damaged file, one
// without a picture or longer than 3 hours is refused here, nothing stored). Then the file is encrypted into
// the file store and ONE transaction stores the interview_recordings row, the new interview item when asked,
// and the audit entry (`recording.uploaded`); the file is removed again if that fails. The analysis runs as
// the `recording.analyze` job. Kept GATECHECK_DOCUMENT_RETENTION_DAYS, like documents.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendAudit } from '../adapters/db/audit.ts';
import {
  type InterviewRecordingRecord,
  insertInterviewRecording,
} from '../adapters/db/repositories/interview-recordings.repository.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import { validateBundle } from '../core/bundle/validate.ts';
import { DomainError } from '../core/errors.ts';
import {
  assertFfmpegInstalled,
  checkDuration,
  probeVideo,
  type VideoProbe,
} from '../intel/recordings/ffmpeg.ts';
import { sniffRecording } from '../intel/recordings/sniff.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { cleanDocumentName, documentStore, lockSubjectDocuments } from './internal/documents.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';
import {
  queueRecordingAnalysis,
  type RecordingView,
  recordingStorageKey,
  toRecordingView,
  withInterviewItem,
} from './internal/recordings.ts';
import { readBoundedBody, type UploadBody } from './internal/stored-uploads.ts';

const DAY_MS = 86_400_000;

export type UploadRecordingInput = {
  subjectId: string;
  /** The interview it belongs to (index in bundle.interviews), or … */
  interviewIndex?: number | undefined;
  /** … when the interview is not listed yet, when it was held (ISO 8601): a new video interview is appended. */
  at?: string | undefined;
  name?: string | undefined;
  body: UploadBody;
  declaredBytes?: number | undefined;
};

export type UploadedRecording = {
  recording: RecordingView;
  interviewIndex: number;
  jobId: string | null;
};

function tooLarge(limit: number): DomainError {
  return new DomainError(
    'payload_too_large',
    `The recording is larger than the limit of ${limit.toLocaleString('en-US')} bytes (${Math.round(limit / 1024 / 1024)} MiB, GATECHECK_MAX_RECORDING_BYTES).`,
  );
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation', message, [{ path, message }]);
}

/** Runs `work` on the bytes written to a private temporary file (0600 in a 0700 folder), removed afterwards. */
export async function withPrivateFile<T>(
  bytes: Uint8Array,
  extension: string,
  work: (file: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gatecheck-recording-'));
  try {
    const file = path.join(dir, `recording${extension}`);
    await writeFile(file, bytes, { mode: 0o600 });
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const RECORDING_EXTENSIONS: Readonly<Record<string, string>> = {
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'video/quicktime': '.mov',
};

function checkTarget(input: UploadRecordingInput): { index: number } | { at: string } {
  if (input.interviewIndex !== undefined) {
    if (!Number.isInteger(input.interviewIndex) || input.interviewIndex < 0)
      throw invalid('index', 'The interview number must be 0 or more (its position in the interviews list)');
    return { index: input.interviewIndex };
  }
  if (input.at === undefined || Number.isNaN(Date.parse(input.at)) || !/^\d{4}-\d{2}-\d{2}T/.test(input.at))
    throw invalid(
      'at',
      'Say when the interview was held (at: an ISO 8601 date and time such as 2026-03-01T15:00:00Z)',
    );
  return { at: input.at };
}

export async function uploadRecording(
  app: AppContext,
  actor: Actor,
  input: UploadRecordingInput,
): Promise<UploadedRecording> {
  authorize(actor, 'subjects:write');
  const target = checkTarget(input);
  const name = cleanDocumentName(input.name ?? 'recording');
  const db = app.database.db;
  const subject = await findSubject(db, input.subjectId);
  if (!subject) throw notFound('Subject', input.subjectId);
  if ('index' in target && (subject.bundle.interviews ?? [])[target.index] === undefined)
    throw notFound('Interview', String(target.index));
  const limit = app.config.recordings.maxBytes;
  if (input.declaredBytes !== undefined && input.declaredBytes > limit) throw tooLarge(limit);
  await assertFfmpegInstalled();
  const bytes = await readBoundedBody(input.body, limit, tooLarge);
  if (bytes.length === 0) throw invalid('recording', 'The file is empty');
  const mediaType = await sniffRecording(bytes);
  const probe: VideoProbe = await withPrivateFile(bytes, RECORDING_EXTENSIONS[mediaType] ?? '', probeVideo);
  checkDuration(probe);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  const id = app.ids.newId();
  const storageKey = recordingStorageKey(id);
  const store = documentStore(app);
  await store.put(storageKey, bytes);
  const who = toAuditActor(actor);
  let stored: InterviewRecordingRecord;
  try {
    stored = await inTransaction(app, async (trx) => {
      await lockSubjectDocuments(trx, input.subjectId);
      const current = await findSubject(trx, input.subjectId);
      if (!current) throw notFound('Subject', input.subjectId);
      const now = app.clock.now();
      const at = now.toISOString();
      const interviews = current.bundle.interviews ?? [];
      let index: number;
      if ('index' in target) {
        index = target.index;
        if (interviews[index] === undefined) throw notFound('Interview', String(index));
      } else {
        index = interviews.length;
        const checked = validateBundle(
          withInterviewItem(current.bundle, index, {
            at: target.at,
            actualMode: 'video',
            status: 'held',
            cameraOn: true,
          }),
        );
        if (!checked.ok)
          throw new DomainError(
            'validation',
            'The new interview would make the bundle invalid; nothing was stored',
            checked.problems,
          );
        await updateSubjectBundle(trx, checked.bundle, at);
      }
      const record: InterviewRecordingRecord = {
        id,
        subjectId: input.subjectId,
        interviewIndex: index,
        name,
        mediaType,
        bytes: bytes.length,
        sha256,
        storageKey,
        uploadedAt: at,
        uploadedBy: who,
        retainUntil: new Date(
          now.getTime() + (await loadRetentionPolicy(trx, app.config)).biometrics * DAY_MS,
        ).toISOString(),
        status: 'analyzing',
        jobId: null,
        error: null,
        analysis: null,
        deletedAt: null,
        deletedReason: null,
      };
      await insertInterviewRecording(trx, { ...record, storageKey });
      await appendAudit(trx, {
        at,
        actor: who,
        action: 'recording.uploaded',
        targetType: 'subject',
        targetId: input.subjectId,
        data: {
          recordingId: id,
          mediaType,
          bytes: bytes.length,
          sha256,
          durationSec: probe.durationSec,
          path: `interviews[${index}]`,
          newInterview: !('index' in target),
          retainUntil: record.retainUntil,
        },
      });
      return record;
    });
  } catch (error) {
    await store.delete(storageKey);
    throw error;
  }
  const jobId = await queueRecordingAnalysis(app, stored, actor);
  return { recording: toRecordingView({ ...stored, jobId }), interviewIndex: stored.interviewIndex, jobId };
}
