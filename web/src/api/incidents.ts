// Widespread incidents (WF-10, PG-7): wire types, fetchers and hooks. Keys start with 'incidents',
// which the stream's `incident` events refetch (live.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';

type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface IncidentSummary {
  id: string; number: number; tag: string; title: string; state: 'open' | 'resolved'; detected: boolean; createdAt: string; pageId: string | null;
  related: number; candidates: number; splitOut: number; responded: number;
}

export interface IncidentTicket {
  ticketId: string; number: number; relation: 'candidate' | 'related' | 'split_out'; grouped: boolean; respondedAt: string | null;
  status: string | null; subject: string | null; ownPage: { id: string; number: number; status: PageStatus } | null;
}

export interface Incident {
  id: string; number: number; tag: string; title: string; state: 'open' | 'resolved'; detected: boolean;
  statusPageUrl: string; incidentIssueUrl: string | null; createdAt: string;
  page: { id: string; number: number; status: PageStatus; alertCount: number } | null;
  counts: { related: number; candidates: number; splitOut: number; grouped: number; responded: number };
  tickets: IncidentTicket[];
}

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
