import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Band } from '../../../core/types.ts';
import { api } from '../../api/client.ts';

export type AlertDelivery = {
  destinationId: string;
  destinationKind: 'slack' | 'webhook' | 'email';
  destinationName: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
};

export type AlertItem = {
  id: string;
  kind: 'band-rise' | 'critical-signal';
  createdAt: string;
  subject: { id: string; name: string | null };
  previousBand: Band | null;
  band: Band;
  previousScore: number | null;
  score: number;
  signals: string[];
  newCriticalSignals: string[];
  reasons: string[];
  read: boolean;
  readAt: string | null;
  deliveries: AlertDelivery[];
};

export type AlertInbox = { unread: number; items: AlertItem[] };

export type AlertDestination = {
  id: string;
  kind: 'slack' | 'webhook' | 'email';
  name: string;
  enabled: boolean;
  urlHint: string | null;
  managedBy: 'api' | 'environment';
  secret?: string;
  createdAt: string | null;
  updatedAt: string | null;
};

export type DestinationInput = {
  id?: string;
  kind: 'slack' | 'webhook';
  name: string;
  enabled?: boolean;
  url?: string;
  rotateSecret?: boolean;
};

export function useAlerts(unreadOnly = false) {
  return useQuery({
    queryKey: ['alerts', unreadOnly],
    queryFn: () => api<AlertInbox>(`/alerts${unreadOnly ? '?unread=true' : ''}`),
    refetchInterval: 60_000,
  });
}

/** The unread count for the nav badge (refreshed every minute). */
export function useUnreadAlertCount() {
  return useQuery({
    queryKey: ['alerts', 'count'],
    queryFn: async () => (await api<AlertInbox>('/alerts?unread=true&limit=1')).unread,
    refetchInterval: 60_000,
  });
}

export function useMarkAlertRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/alerts/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

export function useAlertDestinations() {
  return useQuery({
    queryKey: ['alert-destinations'],
    queryFn: async () => (await api<{ items: AlertDestination[] }>('/alerts/destinations')).items,
  });
}

export function useSaveAlertDestinations() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (destinations: DestinationInput[]) =>
      api<{ items: AlertDestination[] }>('/alerts/destinations', { method: 'PUT', body: { destinations } }),
    onSuccess: (res) => qc.setQueryData(['alert-destinations'], res.items),
  });
}
