// Widespread incidents (WF-10, PG-7): wire types, fetchers and hooks. Keys start with 'incidents',
// which the stream's `incident` events refetch (live.ts). The answers' types are the API document's.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';
import type { components } from './schema.d.ts';

type S = components['schemas'];

export type IncidentSummary = S['IncidentSummary'];
export type Incident = S['Incident'];
export type IncidentTicket = Incident['tickets'][number];

const I = '/incidents';
const enc = encodeURIComponent;

export const incidentKeys = {
  list: (state?: 'open') => ['incidents', 'list', state ?? 'all'] as const,
  one: (ref: string) => ['incidents', 'one', ref] as const,
};

export const useIncidents = (state?: 'open') =>
  useQuery({ queryKey: incidentKeys.list(state), queryFn: () => request<{ items: IncidentSummary[] }>('GET', `${I}${state ? `?state=${state}` : ''}`).then((r) => r.items) });
export const useIncident = (ref: string) => useQuery({ queryKey: incidentKeys.one(ref), queryFn: () => request<Incident>('GET', `${I}/${enc(ref)}`) });

export const incidentApi = {
  join: (ref: string, ticketIds: number[]) => request<Incident & { joined: number[] }>('POST', `${I}/${enc(ref)}/join`, { ticketIds }),
  resolve: (ref: string) => request<Incident>('POST', `${I}/${enc(ref)}/resolve`, {}),
};

/** Joining or resolving changes the incident, its tickets' emergencies and pages: refetch them all. */
export function useIncidentMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([['incidents'], ['emergencies'], ['pages'], ['tickets']].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
