// Paging API (PG-1..PG-7): wire types, fetch functions and hooks. Keys start with 'pages' so the
// stream's page.* events refetch every list and page view that is on screen.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from './client.ts';
import type { components } from './schema.d.ts';

type Schemas = components['schemas'];

export type PageStatus = Schemas['Page']['status'];

export type PageRow = Schemas['Page'];

export type PageTimelineEntry = Schemas['TimelineEntry'];
export type Delivery = Schemas['Delivery'];
/** PG-8: a change event of the page's service, received in the hour before the page was triggered. */
export type RecentChange = Schemas['RecentChange'];
export type PageDetail = Schemas['PageDetail'];

export type EscalationPolicy = Schemas['EscalationPolicy'];
export type PolicyTarget = EscalationPolicy['levels'][number]['targets'][number];
export type Service = Schemas['Service'];

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
