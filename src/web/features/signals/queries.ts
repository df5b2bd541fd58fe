import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Catalog, SignalDefinition } from '../../api/types.ts';
import { SOURCE_FALLBACK } from '../../ui/labels.ts';

/** The signal catalog changes only with a new server version: fetch once per session. */
export function useCatalog() {
  return useQuery({
    queryKey: ['signals'],
    queryFn: () => api<Catalog>('/signals'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function signalById(catalog: Catalog | undefined): Map<string, SignalDefinition> {
  return new Map((catalog?.signals ?? []).map((s) => [s.id, s]));
}

export function sourceTitle(catalog: Catalog | undefined, key: string): string {
  const s = catalog?.sources[key as keyof Catalog['sources']];
  if (s) return `${s.title} — ${s.publisher} (${s.year})`;
  return SOURCE_FALLBACK[key] ?? key;
}
