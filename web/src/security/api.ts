// SM-7: security incidents — wire types, fetch functions and hooks. Query keys start with
// 'security_incidents', the family the live stream's `security_incident` change refetches (api/live.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type SecuritySummary = components['schemas']['SecurityIncidentSummary'];
export type SecurityIncident = components['schemas']['SecurityIncident'];
export type CommsManager = SecurityIncident['communicationsManager'];
export type BulkProgress = SecurityIncident['bulk'][number];

const enc = encodeURIComponent;
export const securityKeys = {
  list: (state: string) => ['security_incidents', 'list', state] as const,
  one: (ref: string) => ['security_incidents', 'one', ref] as const,
};

export const useSecurityIncidents = (state: 'open' | 'resolved' | 'all') => useQuery({
  queryKey: securityKeys.list(state),
  queryFn: () => request<Answer<'/api/v1/security-incidents'>>('GET', `/security-incidents${state === 'all' ? '' : `?state=${state}`}`).then((r) => r.items),
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
