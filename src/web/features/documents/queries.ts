import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, uploadRaw } from '../../api/client.ts';
import type { DocumentFileView, DocumentUploaded, ResumeImported, SubjectDetail } from '../../api/types.ts';
import { subjectKey } from '../subject/queries.ts';

const enc = encodeURIComponent;

export const documentKeys = {
  files: (subjectId: string) => [...subjectKey(subjectId), 'documents'] as const,
};

const filesPath = (subjectId: string) => `/subjects/${enc(subjectId)}/documents/files`;
const filePath = (subjectId: string, fileId: string) => `${filesPath(subjectId)}/${enc(fileId)}`;

/** The image or PDF itself (audited by the server at each read). */
export const contentUrl = (subjectId: string, fileId: string) =>
  apiUrl(`${filePath(subjectId, fileId)}/content`);
/** The error-level image (PNG). */
export const elaUrl = (subjectId: string, fileId: string) => apiUrl(`${filePath(subjectId, fileId)}/ela`);

/** The subject's uploaded documents, polled every 1.5 s while any is being analysed. */
export function useDocumentFiles(subjectId: string) {
  return useQuery({
    queryKey: documentKeys.files(subjectId),
    queryFn: async () => (await api<{ files: DocumentFileView[] }>(filesPath(subjectId))).files ?? [],
    refetchInterval: (query) =>
      (query.state.data ?? []).some((f) => f.status === 'analyzing') ? 1500 : false,
  });
}

/** After an upload, analysis or deletion: the files, and the subject (its bundle and assessment changed). */
export function useRefreshDocuments(subjectId: string) {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: subjectKey(subjectId) }),
      qc.invalidateQueries({ queryKey: ['subjects'] }),
    ]);
  };
}

export function uploadDocumentFile(
  subjectId: string,
  file: File,
  kind: string,
  onProgress: (sent: number, total: number) => void,
): Promise<DocumentUploaded> {
  return uploadRaw<DocumentUploaded>(filesPath(subjectId), file, {
    query: { kind, name: file.name },
    onProgress,
  });
}

export function useDeleteDocument(subjectId: string) {
  const refresh = useRefreshDocuments(subjectId);
  return useMutation({
    mutationFn: (fileId: string) => api<DocumentFileView>(filePath(subjectId, fileId), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function uploadResumeFile(
  subjectId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<ResumeImported> {
  return uploadRaw<ResumeImported>(`/subjects/${enc(subjectId)}/resume`, file, {
    query: { name: file.name },
    onProgress,
  });
}

/** Puts a fresh subject detail (from the resume import) in the cache and refreshes the rest. */
export function useApplySubject(subjectId: string) {
  const qc = useQueryClient();
  const refresh = useRefreshDocuments(subjectId);
  return async (detail: SubjectDetail | undefined) => {
    if (detail && typeof detail === 'object' && 'bundle' in detail)
      qc.setQueryData(subjectKey(subjectId), detail);
    await refresh();
  };
}
