import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const enc = encodeURIComponent;

export type Actor = { kind: string; id: string | null; name: string };

export type SnapshotHead = {
  id: string;
  subjectId: string;
  createdAt: string;
  createdBy: Actor;
  reason: string;
  manifestHash: string;
  band: string | null;
  score: number | null;
};

export type SnapshotVerification = {
  ok: boolean;
  snapshotId: string;
  manifestHash: string;
  parts: { name: string; expected: string; actual: string | null; ok: boolean }[];
  problems: string[];
};

const listKey = (id: string) => ['subject', id, 'snapshots'] as const;

export function useSnapshots(id: string) {
  return useQuery({
    queryKey: listKey(id),
    queryFn: () => api<{ items: SnapshotHead[] }>(`/subjects/${enc(id)}/snapshots`),
  });
}

export function useCreateSnapshot(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<SnapshotHead>(`/subjects/${enc(id)}/snapshots`, { method: 'POST', body: { reason } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey(id) }),
  });
}

export function useVerifySnapshot() {
  return useMutation({
    mutationFn: (snapshotId: string) => api<SnapshotVerification>(`/snapshots/${enc(snapshotId)}/verify`),
  });
}
