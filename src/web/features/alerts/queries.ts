import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';

// The shapes are the server's (src/server/routes/alerts.schemas.ts), through the generated API types.
export type AlertDelivery = Schema<'AlertDelivery'>;
export type AlertItem = Schema<'Alert'>;
export type AlertInbox = Schema<'AlertInbox'>;
export type AlertDestination = Schema<'AlertDestination'>;
export type DestinationInput = Schema<'PutAlertDestinations'>['destinations'][number];

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
