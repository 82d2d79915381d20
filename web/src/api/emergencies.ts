// Emergency workflow API (WF-1..WF-15): wire types, fetch functions and hooks. Keys start with
// 'emergencies' so the stream's emergency.* and ticket.* events refetch the board and the page.
// The answers' types are the API document's (schema.d.ts, generated), never copied by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';
import type { components } from './schema.d.ts';

type S = components['schemas'];

export type RunbookStatus = 'done' | 'pending' | 'overdue' | 'not_applicable';
export type Verdict = 'strict' | 'exception' | 'needs_more_info' | 'not_emergency';
export type Criterion = 'financial_impact' | 'unusable_for_business' | 'legal' | 'audit' | 'security';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** A board row (and a row of the history): age, owner, next due step, whether anyone was reached. */
export type BoardRow = S['EmergencyRow'];
export type TimerRef = BoardRow['timers'][number];
export type ThreadPost = S['ThreadEntry'];

export type Emergency = S['Emergency'];
export type RunbookItem = Emergency['runbook']['items'][number];
export type Entitlement = Emergency['entitlement'];

/** WF-5: a ticket's bridge as its viewer may see it (customers: only while the emergency is live). */
export type BridgeView = S['EmergencyBridge'];

export type ActionResult = S['EmergencyActionResult'];

export interface QualifyInput { verdict: Verdict; criterion?: Criterion; message?: string; relatedTicket?: number | null; downgradePriority?: Priority }
export type FollowUpInput =
  | { kind: 'new'; subject: string; priority: Priority; owner?: string | null }
  | { kind: 'existing'; ticket: number; priority?: Priority }
  | { kind: 'none' };
export interface ResolveInput { followUp: FollowUpInput; summary?: string; followUpNote?: string; pairing?: string[] }
export interface PostCallInput { summary: string; internalNotes?: string | null; resolved: boolean; nonEmergencyTicket?: number | null }

const enc = encodeURIComponent;
const E = '/emergencies';

export const listBoard = (all = false) => request<{ items: BoardRow[] }>('GET', `${E}${all ? '?all=true' : ''}`).then((r) => r.items);
export const getEmergency = (ref: string) => request<Emergency>('GET', `${E}/${enc(ref)}`);

/** Every action of the emergency page, by the path segment the API gives it. */
export const emergencyApi = {
  acknowledge: (ref: string) => request<ActionResult>('POST', `${E}/${enc(ref)}/acknowledge`),
  escalate: (ref: string) => request<ActionResult>('POST', `${E}/${enc(ref)}/escalate`),
  qualify: (ref: string, b: QualifyInput) => request<ActionResult>('POST', `${E}/${enc(ref)}/qualify`, b),
  postCall: (ref: string, b: PostCallInput) => request<ActionResult>('POST', `${E}/${enc(ref)}/post-call`, b),
  resolve: (ref: string, b: ResolveInput) => request<ActionResult>('POST', `${E}/${enc(ref)}/resolve`, b),
  stuck: (ref: string, action: 'manager_on_call' | 'developer_escalation') => request<ActionResult>('POST', `${E}/${enc(ref)}/stuck`, { action }),
  handoff: (ref: string, replacement: string | null) => request<ActionResult>('POST', `${E}/${enc(ref)}/handoff`, { replacement }),
  note: (ref: string, text: string) => request<ThreadPost>('POST', `${E}/${enc(ref)}/notes`, { text }),
  resolvePage: (ref: string) => request<ActionResult>('POST', `${E}/${enc(ref)}/resolve-page`),
  bridge: (ref: string, url: string | null) => request<Emergency>('POST', `${E}/${enc(ref)}/bridge`, { url }),
};

export const emergencyKeys = {
  board: (all: boolean) => ['emergencies', 'board', all] as const,
  one: (ref: string) => ['emergencies', 'one', ref] as const,
  bridge: (ticketId: string) => ['emergencies', 'bridge', ticketId] as const,
};

export const useBoard = (all = false) => useQuery({ queryKey: emergencyKeys.board(all), queryFn: () => listBoard(all) });
export const useEmergency = (ref: string) => useQuery({ queryKey: emergencyKeys.one(ref), queryFn: () => getEmergency(ref) });
/** The portal's view of a ticket's bridge; asked only for emergency tickets. */
export const useTicketBridge = (ticketId: string, enabled: boolean) =>
  useQuery({ queryKey: emergencyKeys.bridge(ticketId), queryFn: () => request<BridgeView>('GET', `${E}/${enc(ticketId)}/bridge`), enabled });

/** Only web addresses become links (the server refuses anything else; this is the second guard). */
export const isWebUrl = (url: string | null | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** An action changes the emergency, its ticket and its page: refetch all three families. */
export function useEmergencyMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([['emergencies'], ['tickets'], ['pages']].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
