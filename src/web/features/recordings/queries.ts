// Interview recordings: the subject's list (polled while one is being analysed) and the raw upload.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, uploadRaw } from '../../api/client.ts';
import { subjectKey } from '../subject/queries.ts';

const enc = encodeURIComponent;

export type OcclusionEvent = {
  kind: 'hand-over-face' | 'face-lost';
  start: number;
  end: number;
  samples: number;
};

export type RecordingAnalysis = {
  durationSec: number | null;
  fps: number;
  framesAnalysed: number;
  faceFrames: number;
  facePresence: number;
  presence: string;
  occlusionEvents: OcclusionEvent[];
  driftMin: number | null;
  identityChanged: boolean;
  mostDifferent: { a: number; b: number; similarity: number } | null;
  idMatch: number | null;
};

export type RecordingView = {
  id: string;
  interviewIndex: number;
  name: string;
  bytes: number;
  uploadedAt: string;
  status: 'analyzing' | 'analyzed' | 'failed' | 'deleted';
  jobId: string | null;
  error: string | null;
  analysis: RecordingAnalysis | null;
};

export type RecordingUploaded = { recording: RecordingView; interviewIndex: number; jobId: string | null };

export const recordingKeys = {
  list: (subjectId: string) => [...subjectKey(subjectId), 'recordings'] as const,
};

export function useRecordings(subjectId: string) {
  return useQuery({
    queryKey: recordingKeys.list(subjectId),
    queryFn: () => api<RecordingView[]>(`/subjects/${enc(subjectId)}/recordings`),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((r) => r.status === 'analyzing') ? 2000 : false,
  });
}

export function useRefreshRecordings(subjectId: string) {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: subjectKey(subjectId) }), [qc, subjectId]);
}

/** `interview`: its index in the bundle, or `{ at }` for a call not listed yet (a new video interview). */
export function uploadRecording(
  subjectId: string,
  file: File,
  interview: number | { at: string },
  onProgress: (sent: number, total: number) => void,
): Promise<RecordingUploaded> {
  const path =
    typeof interview === 'number'
      ? `/subjects/${enc(subjectId)}/interviews/${interview}/recording`
      : `/subjects/${enc(subjectId)}/recordings`;
  const query: Record<string, string> = { name: file.name };
  if (typeof interview !== 'number') query.at = interview.at;
  return uploadRaw<RecordingUploaded>(path, file, { query, onProgress });
}
