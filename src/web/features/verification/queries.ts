import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client.ts';
import type { VerificationCreated, VerificationTraceSeries, VerificationView } from '../../api/types.ts';
import { subjectKey } from '../subject/queries.ts';

const enc = encodeURIComponent;
const basePath = (subjectId: string) => `/subjects/${enc(subjectId)}/verifications`;

export const verificationKeys = {
  list: (subjectId: string) => [...subjectKey(subjectId), 'verifications'] as const,
  trace: (subjectId: string, sessionId: string) =>
    [...subjectKey(subjectId), 'verifications', sessionId, 'trace'] as const,
};

/** A keyframe image (JPEG; every read is audited by the server). */
export const keyframeUrl = (subjectId: string, sessionId: string, index: number) =>
  apiUrl(`${basePath(subjectId)}/${enc(sessionId)}/keyframes/${index}`);

/** The subject's sessions; polled every 5 s while one is still open, so the status follows the candidate. */
export function useVerifications(subjectId: string) {
  return useQuery({
    queryKey: verificationKeys.list(subjectId),
    queryFn: async () =>
      (await api<{ verifications: VerificationView[] }>(basePath(subjectId))).verifications ?? [],
    refetchInterval: (query) =>
      (query.state.data ?? []).some((v) => ['sent', 'opened', 'consented', 'challenged'].includes(v.status))
        ? 5000
        : false,
  });
}

export function useSendVerification(subjectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<VerificationCreated>(basePath(subjectId), { method: 'POST', body: {} }),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: subjectKey(subjectId) }),
        qc.invalidateQueries({ queryKey: ['subjects'] }),
      ]);
    },
  });
}

/** The session over time (audited read): fetched once per session when its chart is shown. */
export function useVerificationTrace(subjectId: string, sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: verificationKeys.trace(subjectId, sessionId),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () => api<VerificationTraceSeries>(`${basePath(subjectId)}/${enc(sessionId)}/trace`),
  });
}
