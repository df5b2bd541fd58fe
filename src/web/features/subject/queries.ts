import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, listOf } from '../../api/client.ts';
import type {
  AuditEntry,
  CaseStatus,
  CaseView,
  DetailedAssessment,
  SubjectDetail,
  TimelineItem,
  User,
} from '../../api/types.ts';

const enc = encodeURIComponent;
export const subjectKey = (id: string) => ['subject', id] as const;

export function useSubject(id: string) {
  return useQuery({ queryKey: subjectKey(id), queryFn: () => api<SubjectDetail>(`/subjects/${enc(id)}`) });
}

export function useAssessments(id: string) {
  return useQuery({
    queryKey: [...subjectKey(id), 'assessments'],
    queryFn: async () => listOf<DetailedAssessment>(await api<unknown>(`/subjects/${enc(id)}/assessments`)),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...subjectKey(id), 'timeline'],
    queryFn: async () => listOf<TimelineItem>(await api<unknown>(`/subjects/${enc(id)}/timeline`)),
  });
}

/** Audit entries for the subject, or null when the role may not read the audit log (403). */
export function useSubjectAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...subjectKey(id), 'audit'],
    enabled,
    queryFn: async () => {
      try {
        return listOf<AuditEntry>(await api<unknown>(`/subjects/${enc(id)}/audit`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }
    },
  });
}

/** Users to assign a case to, or null when the role may not list users (403). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'assignable'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        return listOf<User>(await api<unknown>('/users'), 'users').filter((u) => !u.disabled);
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }
    },
  });
}

/** After any change to a subject: fresh detail, assessment history, timeline, audit and list. */
function useRefreshSubject(id: string) {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: subjectKey(id) }),
      qc.invalidateQueries({ queryKey: ['subjects'] }),
    ]);
  };
}

export type EvidenceKind =
  | 'interviews'
  | 'documents'
  | 'changes'
  | 'payments'
  | 'communications'
  | 'references'
  | 'logins'
  | 'devices'
  | 'incidents'
  | 'employment'
  | 'education';

export function useAddEvidence(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshSubject(id);
  return useMutation({
    mutationFn: (input: { kind: EvidenceKind; item: Record<string, unknown> }) =>
      api<SubjectDetail>(`/subjects/${enc(id)}/evidence/${input.kind}`, { method: 'POST', body: input.item }),
    onSuccess: async (detail) => {
      if (detail && typeof detail === 'object' && 'bundle' in detail) qc.setQueryData(subjectKey(id), detail);
      await refresh();
    },
  });
}

export function useReassess(id: string) {
  const refresh = useRefreshSubject(id);
  return useMutation({
    mutationFn: () => api<DetailedAssessment>(`/subjects/${enc(id)}/assess`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
}

function useCaseMutation<I>(id: string, path: string) {
  const qc = useQueryClient();
  const refresh = useRefreshSubject(id);
  return useMutation({
    mutationFn: (input: I) =>
      api<CaseView>(`/subjects/${enc(id)}/case/${path}`, { method: 'POST', body: input }),
    onSuccess: async (view) => {
      if (view && typeof view === 'object' && 'status' in view) {
        qc.setQueryData<SubjectDetail>(subjectKey(id), (old) => (old ? { ...old, case: view } : old));
      }
      await refresh();
    },
  });
}

export const useTransition = (id: string) =>
  useCaseMutation<{ to: CaseStatus; note?: string }>(id, 'transition');
export const useAssign = (id: string) => useCaseMutation<{ userId: string | null }>(id, 'assign');
export const useAddNote = (id: string) => useCaseMutation<{ text: string }>(id, 'notes');
