import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { subjectKey } from '../subject/queries.ts';
import type { LinkClusterList, LinkKind, SubjectLinks } from './model.ts';

export const linkKeys = {
  clusters: (kind: LinkKind | null) => ['links', 'clusters', kind ?? 'all'] as const,
  subject: (id: string) => [...subjectKey(id), 'links'] as const,
};

export function useSubjectLinks(subjectId: string) {
  return useQuery({
    queryKey: linkKeys.subject(subjectId),
    queryFn: () => api<SubjectLinks>(`/subjects/${encodeURIComponent(subjectId)}/links`),
  });
}

export function useLinkClusters(kind: LinkKind | null) {
  return useQuery({
    queryKey: linkKeys.clusters(kind),
    queryFn: () =>
      api<LinkClusterList>('/links/clusters', { query: { limit: 200, ...(kind ? { kind } : {}) } }),
  });
}
