import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listOf } from '../../api/client.ts';
import type { ApiToken, Hooks, JobView, Policy, Role, User } from '../../api/types.ts';

export function usePolicy() {
  return useQuery({ queryKey: ['policy'], queryFn: () => api<Policy>('/policy') });
}

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policy: Policy) =>
      api<{ policy: Policy; job: JobView }>('/policy', { method: 'PUT', body: policy }),
    onSuccess: async (res) => {
      qc.setQueryData(['policy'], res.policy);
      await qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => listOf<User>(await api<unknown>('/users'), 'users'),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: Role; password: string }) =>
      api<unknown>('/users', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; role?: Role; disabled?: boolean }) =>
      api<unknown>(`/users/${encodeURIComponent(input.id)}`, {
        method: 'PATCH',
        body: {
          ...(input.role ? { role: input.role } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => listOf<ApiToken>(await api<unknown>('/tokens'), 'tokens'),
  });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: Role }) =>
      api<{ id: string; token: string }>('/tokens', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useHooks() {
  return useQuery({ queryKey: ['hooks'], queryFn: () => api<Hooks>('/hooks') });
}

/** Creates or replaces the Okta Event Hook secret; the answer is the only time it is shown. */
export function useCreateOktaSecret() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ secret: string }>('/hooks/okta/secret', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hooks'] }),
  });
}
