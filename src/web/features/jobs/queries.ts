import { useQuery } from '@tanstack/react-query';
import { api, listOf } from '../../api/client.ts';
import type { JobView } from '../../api/types.ts';

const FINISHED = new Set(['succeeded', 'failed', 'completed', 'done', 'cancelled', 'error']);

export function isJobFinished(job: JobView): boolean {
  return FINISHED.has(job.status);
}

export function isJobFailed(job: JobView): boolean {
  return job.status === 'failed' || job.status === 'error' || Boolean(job.error);
}

export function jobPercent(job: JobView): number {
  if (isJobFinished(job)) return 100;
  if (!job.total) return 0;
  return Math.min(100, Math.round((job.progress / job.total) * 100));
}

export function useJobs() {
  return useQuery({
    queryKey: ['jobs'],
    queryFn: async () => listOf<JobView>(await api<unknown>('/jobs'), 'jobs'),
    refetchInterval: (query) => ((query.state.data ?? []).some((j) => !isJobFinished(j)) ? 2000 : 15000),
    retry: false,
  });
}

/** One job, polled every second until it finishes. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api<JobView>(`/jobs/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isJobFinished(query.state.data) ? false : 1000),
  });
}
