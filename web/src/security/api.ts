// SM-7: security incidents — wire types, fetch functions and hooks. Query keys start with
// 'security_incidents', the family the live stream's `security_incident` change refetches (api/live.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';

export interface SecuritySummary { id: string; number: number; label: string; title: string; state: 'open' | 'resolved'; tickets: number; responded: number; createdAt: string }
export type CommsManager = { kind: 'person'; userId: string; name: string; email: string } | { kind: 'contact'; name: string; email: string | null };
export interface BulkProgress { id: string; status: 'queued' | 'running' | 'done'; total: number; done: number; failed: number; createdAt: string; finishedAt: string | null }
export interface SecurityIncident {
  id: string; number: number; label: string; kind: 'security'; title: string; state: 'open' | 'resolved';
  coordinator: { id: string; name: string; email: string } | null; communicationsManager: CommsManager;
  createdAt: string; resolvedAt: string | null; url: string;
  tickets: { id: string; number: number; addedAt: string; respondedAt: string | null; bulkId: string | null }[];
  bulk: BulkProgress[];
  timeline: { id: string; at: string; action: string; actor: { kind: string; id: string | null; name: string | null }; via: string | null; detail: Record<string, unknown> }[];
}

const enc = encodeURIComponent;
export const securityKeys = {
  list: (state: string) => ['security_incidents', 'list', state] as const,
  one: (ref: string) => ['security_incidents', 'one', ref] as const,
};

export const useSecurityIncidents = (state: 'open' | 'resolved' | 'all') => useQuery({
  queryKey: securityKeys.list(state),
  queryFn: () => request<{ items: SecuritySummary[] }>('GET', `/security-incidents${state === 'all' ? '' : `?state=${state}`}`).then((r) => r.items),
});
export const useSecurityIncident = (ref: string) => useQuery({
  queryKey: securityKeys.one(ref),
  queryFn: () => request<SecurityIncident>('GET', `/security-incidents/${enc(ref)}`),
  // a bulk response runs in the background: follow it until done
  refetchInterval: (q) => (q.state.data?.bulk.some((b) => b.status !== 'done') ? 2000 : false),
});

export type SecurityAction = { kind: 'respond'; text: string; requestId: string } | { kind: 'resolve'; note?: string } | { kind: 'tickets'; tickets?: string[]; query?: string };

export function useSecurityAction(ref: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: SecurityAction) => request<SecurityIncident>('POST', `/security-incidents/${enc(ref)}/${kind}`, body),
    onSuccess: (i) => qc.setQueryData(securityKeys.one(ref), i),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['security_incidents'] }), qc.invalidateQueries({ queryKey: ['tickets'] })]),
  });
}
