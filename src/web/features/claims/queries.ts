import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ClaimsTable } from '../../api/types.ts';
import { subjectKey } from '../subject/queries.ts';

/** The claims table; under the subject's key, so any change to the subject refreshes it. */
export function useClaims(subjectId: string) {
  return useQuery({
    queryKey: [...subjectKey(subjectId), 'claims'],
    queryFn: () => api<ClaimsTable>(`/subjects/${encodeURIComponent(subjectId)}/claims`),
  });
}
