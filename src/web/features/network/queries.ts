import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, errorFromResponse, getCsrfToken } from '../../api/client.ts';
import { subjectKey } from '../subject/queries.ts';
import {
  type IpInfoView,
  isImportFinished,
  type LoginImport,
  readIpInfo,
  readIpIntel,
  readLoginImport,
  readLoginImports,
  readNetworkOverview,
  readSubjectLogins,
  readUnmatchedAccounts,
} from './model.ts';

const enc = encodeURIComponent;

export const networkKeys = {
  overview: ['network', 'overview'] as const,
  imports: ['logins', 'imports'] as const,
  importOne: (id: string) => ['logins', 'imports', id] as const,
  unmatched: ['logins', 'unmatched'] as const,
  ip: (address: string) => ['ip', address] as const,
  intel: ['intel', 'ip'] as const,
  subjectLogins: (id: string) => [...subjectKey(id), 'logins'] as const,
};

/** How many sign-ins the subject page asks for (newest first); the rest are counted, not drawn. */
export const SUBJECT_LOGIN_LIMIT = 1000;

export function useSubjectLogins(subjectId: string) {
  return useQuery({
    queryKey: networkKeys.subjectLogins(subjectId),
    queryFn: async () =>
      readSubjectLogins(
        await api<unknown>(`/subjects/${enc(subjectId)}/logins`, { query: { limit: SUBJECT_LOGIN_LIMIT } }),
      ),
  });
}

export function useNetworkOverview() {
  return useQuery({
    queryKey: networkKeys.overview,
    queryFn: async () => readNetworkOverview(await api<unknown>('/network/overview')),
  });
}

export function useLoginImports() {
  return useQuery({
    queryKey: networkKeys.imports,
    queryFn: async () => readLoginImports(await api<unknown>('/logins/imports')),
    refetchInterval: (query) => ((query.state.data ?? []).some((i) => !isImportFinished(i)) ? 2000 : false),
  });
}

/** One import, polled every second until it is done or failed. */
export function useLoginImport(id: string | null) {
  return useQuery({
    queryKey: networkKeys.importOne(id ?? ''),
    enabled: id !== null,
    queryFn: async () => {
      const imp = readLoginImport(await api<unknown>(`/logins/imports/${enc(id ?? '')}`));
      if (!imp) throw new ApiError({ status: 502, title: 'The server sent an import without an id' });
      return imp;
    },
    refetchInterval: (query) => (query.state.data && isImportFinished(query.state.data) ? false : 1000),
  });
}

export function useUnmatchedAccounts() {
  return useQuery({
    queryKey: networkKeys.unmatched,
    queryFn: async () => readUnmatchedAccounts(await api<unknown>('/logins/unmatched')),
  });
}

/** After sign-ins changed: the overview, imports, unmatched accounts and every subject's views. */
export function useRefreshNetwork() {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['network'] }),
      qc.invalidateQueries({ queryKey: ['logins'] }),
      qc.invalidateQueries({ queryKey: ['subject'] }),
      qc.invalidateQueries({ queryKey: ['subjects'] }),
    ]);
  };
}

export function useLinkAccount() {
  const refresh = useRefreshNetwork();
  return useMutation({
    mutationFn: (input: { account: string; subjectId: string }) =>
      api<{ account: string; subjectId: string; events: number }>('/logins/accounts', {
        method: 'POST',
        body: input,
      }),
    onSuccess: refresh,
  });
}

export function useIpLookup(address: string | null) {
  return useQuery({
    queryKey: networkKeys.ip(address ?? ''),
    enabled: address !== null && address !== '',
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () => fetchIpInfo(address ?? ''),
  });
}

async function fetchIpInfo(address: string): Promise<IpInfoView> {
  const info = readIpInfo(await api<unknown>(`/ip/${enc(address)}`));
  if (!info) throw new ApiError({ status: 502, title: 'The server sent an answer without an address' });
  return info;
}

/** Places several addresses (a case bundle's own sign-ins); those that fail are simply left out. */
export function useIpInfos(addresses: string[]): { infos: Map<string, IpInfoView>; pending: boolean } {
  return useQueries({
    queries: addresses.map((address) => ({
      queryKey: networkKeys.ip(address),
      queryFn: () => fetchIpInfo(address),
      staleTime: 5 * 60_000,
      retry: false,
    })),
    combine: (results) => {
      const infos = new Map<string, IpInfoView>();
      results.forEach((r, i) => {
        const address = addresses[i];
        if (r.data && address !== undefined) infos.set(address, r.data);
      });
      return { infos, pending: results.some((r) => r.isPending) };
    },
  });
}

export function useIpIntel() {
  return useQuery({
    queryKey: networkKeys.intel,
    staleTime: 5 * 60_000,
    queryFn: async () => readIpIntel(await api<unknown>('/intel/ip')),
  });
}

export type UploadOptions = { format: string; mapping?: Record<string, string> };
export type UploadStarted = { importId: string; jobId: string | null; import: LoginImport | null };

/**
 * Sends one log file as raw bytes (the server streams it to disk), reporting upload progress, and
 * returns the import to follow. XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadLoginFile(
  file: File,
  options: UploadOptions,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadStarted> {
  const params = new URLSearchParams({ format: options.format, fileName: file.name });
  if (options.mapping) params.set('mapping', JSON.stringify(options.mapping));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/logins/imports?${params.toString()}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          title: 'Cannot reach the Gatecheck server',
          detail: 'The upload stopped. Check your network connection, or whether the server is running.',
          code: 'network',
        }),
      );
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      const headers = new Headers();
      const type = xhr.getResponseHeader('Content-Type');
      if (type) headers.set('Content-Type', type);
      const retry = xhr.getResponseHeader('Retry-After');
      if (retry) headers.set('Retry-After', retry);
      if (xhr.status < 200 || xhr.status >= 300) {
        void errorFromResponse(new Response(xhr.responseText, { status: xhr.status, headers })).then(reject);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError({ status: xhr.status, title: 'The server sent an answer that is not JSON' }));
        return;
      }
      const rec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const importId =
        typeof rec.importId === 'string' ? rec.importId : typeof rec.id === 'string' ? rec.id : '';
      if (!importId) {
        reject(new ApiError({ status: xhr.status, title: 'The server did not say which import started' }));
        return;
      }
      resolve({
        importId,
        jobId: typeof rec.jobId === 'string' ? rec.jobId : null,
        import: readLoginImport(rec.import ?? null),
      });
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    onProgress(0, file.size);
    xhr.send(file);
  });
}

/** `GET /health` carries the running version. */
export function useServerVersion() {
  return useQuery({
    queryKey: ['health'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const body = await api<{ version?: unknown }>('/health');
      return typeof body?.version === 'string' ? body.version : null;
    },
  });
}
