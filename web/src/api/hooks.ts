// TanStack Query hooks over the API client. Query keys start with the resource name so that a
// live-update event ("user.updated" → ['users']) can invalidate a whole family at once.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as api from './client.ts';
import type { ContactInput, NewUser, OrganizationInput, Session, TeamInput, UserPatch } from './types.ts';

export const keys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  users: (f: api.UserFilter = {}) => ['users', f] as const,
  user: (id: string) => ['users', 'one', id] as const,
  teams: ['teams'] as const,
  orgs: (q?: string) => ['orgs', q ?? ''] as const,
  org: (id: string) => ['orgs', 'one', id] as const,
  tokens: ['tokens'] as const,
};

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: api.fetchMe, staleTime: 60_000, retry: 1 });
}

export function useMeta() {
  return useQuery({ queryKey: keys.meta, queryFn: api.fetchMeta, staleTime: Infinity, retry: 1 });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { email: string; password: string }) => api.login(v.email, v.password),
    onSuccess: (session: Session) => {
      // Whatever was cached belonged to the previous session.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' && q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, session);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      api.setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' && q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, null);
    },
  });
}

export function useUsers(f: api.UserFilter = {}, enabled = true) {
  return useQuery({ queryKey: keys.users(f), queryFn: () => api.listUsers(f), placeholderData: keepPreviousData, enabled });
}

export function useUser(id: string) {
  return useQuery({ queryKey: keys.user(id), queryFn: () => api.getUser(id) });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (u: NewUser) => api.createUser(u),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useTeams(enabled = true) {
  return useQuery({ queryKey: keys.teams, queryFn: api.listTeams, enabled });
}

export function useOrgs(q?: string, enabled = true) {
  return useQuery({ queryKey: keys.orgs(q), queryFn: () => api.listOrgs(q), placeholderData: keepPreviousData, enabled });
}

export function useOrg(id: string) {
  return useQuery({ queryKey: keys.org(id), queryFn: () => api.getOrg(id) });
}

// Mutations invalidate what they change right away; the live stream does the same for every
// other open browser (and again for this one, harmlessly).

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserPatch) => api.updateUser(id, patch),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: keys.me })]),
  });
}

export function useAddContact(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: ContactInput) => api.addContactMethod(userId, c),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: keys.me })]),
  });
}

export function useRemoveContact(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => api.removeContactMethod(userId, contactId),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: keys.me })]),
  });
}

export function useSaveTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: TeamInput) => api.saveTeam(t),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.teams }), qc.invalidateQueries({ queryKey: ['users'] })]),
  });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: OrganizationInput) => api.createOrg(o),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orgs'] }),
  });
}

export function useUpdateOrg(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (o: Partial<OrganizationInput>) => api.updateOrg(id, o),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orgs'] }),
  });
}

export function useTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: api.listTokens });
}

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.createToken(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.revokeToken(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tokens }),
  });
}
