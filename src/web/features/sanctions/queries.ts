import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, errorFromResponse, getCsrfToken } from '../../api/client.ts';
import type { JobView, SubjectDetail } from '../../api/types.ts';
import { subjectKey } from '../subject/queries.ts';
import {
  readDismissals,
  readScreenResult,
  readSnapshotsView,
  type ScreenRequest,
  type ScreenResult,
} from './model.ts';

const enc = encodeURIComponent;
export const sanctionsListsKey = ['intel', 'sanctions'] as const;
const dismissalsKey = (id: string) => [...subjectKey(id), 'dismissals'] as const;

export function useScreen() {
  return useMutation({
    mutationFn: async (input: ScreenRequest): Promise<ScreenResult> =>
      readScreenResult(await api<unknown>('/screen', { method: 'POST', body: input })),
  });
}

export function useSanctionsLists() {
  return useQuery({
    queryKey: sanctionsListsKey,
    queryFn: async () => readSnapshotsView(await api<unknown>('/intel/sanctions')),
  });
}

export function useDismissals(subjectId: string) {
  return useQuery({
    queryKey: dismissalsKey(subjectId),
    queryFn: async () => readDismissals(await api<unknown>(`/subjects/${enc(subjectId)}/dismissals`)),
  });
}

export type DismissInput = {
  signal: string;
  list: string;
  entryId: string;
  entryVersion: string;
  reason: string;
  matchedName?: string;
};

export function useDismissMatch(subjectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DismissInput) =>
      api<SubjectDetail>(`/subjects/${enc(subjectId)}/dismissals`, { method: 'POST', body: input }),
    onSuccess: async (detail) => {
      if (detail && typeof detail === 'object' && 'bundle' in detail) {
        qc.setQueryData(subjectKey(subjectId), detail);
      }
      await Promise.all([
        qc.invalidateQueries({ queryKey: subjectKey(subjectId) }),
        qc.invalidateQueries({ queryKey: ['subjects'] }),
      ]);
    },
  });
}

/**
 * Uploads list files as multipart form data (large XML files stay as they are, no JSON wrapping) and
 * returns the import job to follow.
 */
export async function uploadListFiles(files: File[]): Promise<JobView> {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/intel/sanctions/import`, {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({
      status: 0,
      title: 'Cannot reach the Gatecheck server',
      detail: 'Check your network connection, or whether the server is running, then try again.',
      code: 'network',
    });
  }
  if (!res.ok) throw await errorFromResponse(res);
  const body: unknown = await res.json();
  if (body && typeof body === 'object' && 'job' in body && body.job && typeof body.job === 'object') {
    return body.job as JobView;
  }
  return body as JobView;
}

export function useImportLists() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadListFiles,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}
