import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const enc = encodeURIComponent;

export type RetentionKindView = {
  kind: string;
  days: number;
  defaultDays: number;
  label: string;
  from: string;
  deletes: string;
};

export type RetentionView = {
  policy: Record<string, number>;
  kinds: RetentionKindView[];
  minDays: number;
  maxDays: number;
};

export type Actor = { kind: string; id: string | null; name: string };

export type LegalHold = {
  subjectId: string;
  on: boolean;
  reason: string | null;
  setBy: Actor | null;
  setAt: string | null;
};

export type AccessLogEntry = { at: string; actor: Actor; action: string; itemId: string | null };

export type PersonalDataDeletion = {
  subjectId: string;
  deleted: Record<string, number>;
  filesPending: number;
};

export function useRetention() {
  return useQuery({ queryKey: ['retention'], queryFn: () => api<RetentionView>('/settings/retention') });
}

export function useSaveRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: Record<string, number>) =>
      api<RetentionView>('/settings/retention', { method: 'PUT', body: policy }),
    onSuccess: (data) => qc.setQueryData(['retention'], data),
  });
}

const holdKey = (id: string) => ['subject', id, 'legal-hold'] as const;

export function useLegalHold(id: string) {
  return useQuery({
    queryKey: holdKey(id),
    queryFn: () => api<LegalHold>(`/subjects/${enc(id)}/legal-hold`),
  });
}

export function useSetLegalHold(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { on: boolean; reason: string }) =>
      api<LegalHold>(`/subjects/${enc(id)}/legal-hold`, { method: 'PUT', body: input }),
    onSuccess: (data) => qc.setQueryData(holdKey(id), data),
  });
}

export function useAccessLog(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['subject', id, 'access-log'],
    enabled,
    queryFn: () => api<AccessLogEntry[]>(`/subjects/${enc(id)}/access-log`),
  });
}

export function useDeletePersonalData(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<PersonalDataDeletion>(`/subjects/${enc(id)}/personal-data`, {
        method: 'DELETE',
        query: { confirm: id },
      }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['subject', id] });
      void qc.invalidateQueries({ queryKey: ['subjects'] });
    },
  });
}
