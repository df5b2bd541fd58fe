import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseBundle, SubjectDetail, SubjectSummary } from '../../api/types.ts';

export type SubjectFilters = {
  q: string;
  band: string | null;
  status: string | null;
  limit: number;
  offset: number;
};

export function useSubjects(filters: SubjectFilters) {
  return useQuery({
    queryKey: ['subjects', filters],
    queryFn: ({ signal }) =>
      api<{ items: SubjectSummary[]; total: number }>('/subjects', {
        query: {
          q: filters.q.trim() || undefined,
          band: filters.band,
          status: filters.status,
          limit: filters.limit,
          offset: filters.offset,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateSubject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (bundle: CaseBundle) =>
      api<{ subject: SubjectDetail }>('/subjects', { method: 'POST', body: bundle }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['subjects'] });
    },
  });
}

/** A new subject id in the style of source systems: `cand-` / `emp-` and six random characters. */
export function newSubjectId(kind: 'candidate' | 'employee'): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  let suffix = '';
  for (const b of bytes) suffix += alphabet[b % alphabet.length];
  return `${kind === 'employee' ? 'emp' : 'cand'}-${suffix}`;
}
