// Paging API (PG-1..PG-7): wire types, fetch functions and hooks. Keys start with 'pages' so the
// stream's page.* events refetch every list and page view that is on screen.
import type { Reach } from '../notify/ReachBanner.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';

export type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PageRow {
  id: string;
  number: number;
  serviceId: string;
  title: string;
  ticketId: string | null;
  dedupKey: string | null;
  urgency: 'high' | 'low';
  status: PageStatus;
  escalationPolicyId: string | null;
  escalationLevel: number;
  targetUserIds: string[];
  shadowUserIds: string[];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  triggeredAt: string;
  alertCount: number;
  heldUntil: string | null;
  source: string;
}

export interface PageTimelineEntry {
  id: string; at: string; action: string; via: string;
  actor: { kind: string; id: string | null; name: string | null };
  detail: Record<string, unknown>;
}
export interface Delivery {
  /** status: sending, sent, failed, unknown (its node died mid-send; it is sent again, PG-6), or
   *  outbox (kept in the built-in outbox: no channel of its kind is configured; `note` says so). */
  id: string; userId: string; attempt: number; channel: string; address: string; status: string;
  error: string | null; at: string; finishedAt: string | null; outboxId?: string | null; note?: string | null;
}
/** PG-8: a change event of the page's service, received in the hour before the page was triggered. */
export interface RecentChange {
  id: string; serviceId: string; receivedAt: string; summary: string; source: string | null; timestamp: string | null;
  customDetails: Record<string, unknown> | null; links: { href: string; text: string | null }[];
}
export interface PageDetail extends PageRow { timeline: PageTimelineEntry[]; deliveries: Delivery[]; reach?: Reach; recentChanges?: RecentChange[] }

export interface PolicyTarget { type: 'user' | 'team' | 'schedule' | 'rotation_group' | 'group_dri'; id: string }
export interface EscalationPolicy {
  id: string; name: string; repeat: number; pageableBy?: string[];
  levels: { delayMinutes: number; targets: PolicyTarget[]; roundRobin?: boolean }[];
}
export interface Service { id: string; name: string; description: string | null; escalationPolicyId: string | null }

export interface TriggerInput {
  serviceId: string; title: string; urgency?: 'high' | 'low';
  escalationPolicyId?: string; targetUserIds?: string[]; ticketId?: string;
}

const enc = encodeURIComponent;

export const listPages = (f: { mine?: boolean; status?: string }) =>
  request<{ items: PageRow[] }>('GET', `/pages?${f.mine ? 'mine=true&' : ''}status=${enc(f.status ?? 'open')}`).then((r) => r.items);
export const getPage = (id: string) => request<PageDetail>('GET', `/pages/${enc(id)}`);
export const pageAction = (id: string, action: 'acknowledge' | 'resolve' | 'escalate', note?: string) =>
  request<PageRow>('POST', `/pages/${enc(id)}/${action}`, action === 'resolve' && note ? { note } : undefined);
export const triggerPage = (b: TriggerInput) => request<PageRow>('POST', '/pages', b);
export const listPolicies = () => request<{ items: EscalationPolicy[] }>('GET', '/escalation-policies').then((r) => r.items);
export const listServices = () => request<{ items: Service[] }>('GET', '/services').then((r) => r.items);

export const pageKeys = {
  list: (mine: boolean, status: string) => ['pages', 'list', mine, status] as const,
  one: (id: string) => ['pages', 'one', id] as const,
  policies: ['pages', 'policies'] as const,
  services: ['pages', 'services'] as const,
};

export const usePages = (mine: boolean, status = 'open') =>
  useQuery({ queryKey: pageKeys.list(mine, status), queryFn: () => listPages({ mine, status }) });
export const usePage = (id: string) => useQuery({ queryKey: pageKeys.one(id), queryFn: () => getPage(id) });
export const usePolicies = () => useQuery({ queryKey: pageKeys.policies, queryFn: listPolicies, staleTime: 60_000 });
export const useServices = () => useQuery({ queryKey: pageKeys.services, queryFn: listServices, staleTime: 60_000 });

export function usePageMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['pages'] }) });
}
