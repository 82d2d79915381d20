// Support escalations (SM-1..SM-3), cover requests (SM-9) and the first-response watch (SM-10): wire
// types, fetch functions and hooks. Query keys start with 'escalations' and 'cover_requests', the
// families the live stream's `escalation` and `cover_request` changes refetch (api/live.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

type Schemas = components['schemas'];
export type EscalationSummary = Schemas['EscalationSummary'];
export type EscalationDetail = Schemas['Escalation'];
export type Urgency = EscalationSummary['urgency'];
export type EscalationState = EscalationSummary['state'];
export type Person = EscalationSummary['initiator'];
export type ThreadEntry = Schemas['ThreadEntry'];
export type Definitions = Answer<'/api/v1/escalations/definitions'>;
type Suggestions = Answer<'/api/v1/escalations/{id}/suggestions'>;
export type Suggestion = Suggestions['items'][number];
type FirstResponseWatch = Answer<'/api/v1/escalations/first-response'>;
export type RegionWatch = FirstResponseWatch['regions'][number];
export type CoverRequest = Schemas['CoverRequest'];
export type CoverState = CoverRequest['state'];

export interface FileInput { ticket?: string; title?: string; need: string; businessCase: string; urgency: Urgency }

const enc = encodeURIComponent;
export const escalationKeys = {
  list: (state: string) => ['escalations', 'list', state] as const,
  one: (id: string) => ['escalations', 'one', id] as const,
  suggestions: (id: string) => ['escalations', 'suggestions', id] as const,
  definitions: ['escalations', 'definitions'] as const,
  watch: ['escalations', 'first-response'] as const,
  cover: ['cover_requests', 'open'] as const,
};

export const useEscalation = (id: string) => useQuery({ queryKey: escalationKeys.one(id), queryFn: () => request<EscalationDetail>('GET', `/escalations/${enc(id)}`) });
export const useDefinitions = () => useQuery({ queryKey: escalationKeys.definitions, queryFn: () => request<Definitions>('GET', '/escalations/definitions'), staleTime: Infinity });
export const useSuggestions = (id: string, enabled: boolean) => useQuery({
  enabled, queryKey: escalationKeys.suggestions(id),
  queryFn: () => request<Suggestions>('GET', `/escalations/${enc(id)}/suggestions`),
});
/** SM-10: where each region stands; no change event announces a count, so it is polled. */
export const useFirstResponseWatch = () => useQuery({
  queryKey: escalationKeys.watch, refetchInterval: 60_000,
  queryFn: () => request<FirstResponseWatch>('GET', '/escalations/first-response'),
});
export const useOpenCoverRequests = () => useQuery({
  queryKey: escalationKeys.cover,
  queryFn: () => request<Answer<'/api/v1/cover-requests'>>('GET', '/cover-requests?state=open').then((r) => r.items),
});

export const fileEscalation = (input: FileInput) => request<EscalationDetail>('POST', '/escalations', input);

export type EscalationAction =
  | { kind: 'acknowledge' } | { kind: 'macro' }
  | { kind: 'thread'; text: string } | { kind: 'help-thread'; text: string; channel?: string }
  | { kind: 'assign'; owner: string } | { kind: 'resolve'; comment?: string; labels?: string[] } | { kind: 'reject'; reason: string };

/** One action on an escalation; the answer is the escalation as it now stands. */
export function useEscalationAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: EscalationAction) =>
      request<EscalationDetail>('POST', `/escalations/${enc(id)}/${kind}`, kind === 'acknowledge' || kind === 'macro' ? undefined : body),
    onSuccess: (d) => qc.setQueryData(escalationKeys.one(id), d),
    onSettled: () => qc.invalidateQueries({ queryKey: ['escalations'] }),
  });
}

export interface CoverInput { start: string; end: string; ask?: string; note?: string }
function useCoverMutation<V>(fn: (v: V) => Promise<CoverRequest>) {
  const qc = useQueryClient();
  // an accepted request is an override: the schedules on screen change too
  return useMutation({ mutationFn: fn, onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['cover_requests'] }), qc.invalidateQueries({ queryKey: ['schedules'] })]) });
}
export const useRequestCover = () => useCoverMutation((c: CoverInput) => request<CoverRequest>('POST', '/cover-requests', c));
export const useAnswerCover = () => useCoverMutation((a: { id: string; action: 'accept' | 'decline'; reason?: string }) =>
  request<CoverRequest>('POST', `/cover-requests/${enc(a.id)}/${a.action}`, a.action === 'decline' ? (a.reason ? { reason: a.reason } : {}) : undefined));
