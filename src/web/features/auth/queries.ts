import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can, type Permission } from '../../../core/auth/roles.ts';
import { ApiError, api, setCsrfToken } from '../../api/client.ts';
import type { Me, User } from '../../api/types.ts';

export const meKey = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Whether the signed-in user may do something (mirrors the server's role checks, to hide what would fail). */
export function useCan(permission: Permission): boolean {
  const me = useMe().data;
  return me ? can(me.user.role, permission) : false;
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ needsSetup: boolean }>('/setup'),
    staleTime: 30_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<{ user: User; csrfToken: string }>('/auth/login', { method: 'POST', body: input }),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      const me: Me = { user: res.user, csrfToken: res.csrfToken };
      qc.setQueryData(meKey, me);
    },
  });
}

export function useSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; email: string; name: string; password: string }) =>
      api<{ user: User }>('/setup', { method: 'POST', body: input }),
    onSuccess: async () => {
      qc.setQueryData(['setup'], { needsSetup: false });
      await qc.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}
