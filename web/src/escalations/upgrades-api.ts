// SM-8: upgrade-assistance requests — wire types, fetch functions and hooks. Query keys start with
// 'upgrade_requests', the family the live stream's `upgrade_request` change refetches (api/live.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import type { Answer } from '../api/answer.ts';
import type { components } from '../api/schema.d.ts';

export type UpgradeRequest = components['schemas']['UpgradeRequest'];
export type UpgradeFlag = NonNullable<UpgradeRequest['flags']>[number];
export interface UpgradeInput { start: string; durationMinutes: number; scope: string; form?: string; note?: string }

const enc = encodeURIComponent;
export const upgradeKeys = {
  list: (filter: string) => ['upgrade_requests', 'list', filter] as const,
  one: (id: string) => ['upgrade_requests', 'one', id] as const,
};

export const useUpgradeRequests = (filter: 'flagged' | 'all') => useQuery({
  queryKey: upgradeKeys.list(filter),
  queryFn: () => request<Answer<'/api/v1/upgrade-requests'>>('GET', `/upgrade-requests${filter === 'flagged' ? '?flagged=true' : ''}`).then((r) => r.items),
});
export const useUpgradeRequest = (id: string | null) => useQuery({
  enabled: !!id, queryKey: upgradeKeys.one(id ?? ''),
  queryFn: () => request<UpgradeRequest>('GET', `/upgrade-requests/${enc(id!)}`),
});

export const fileUpgradeRequest = (b: UpgradeInput) => request<UpgradeRequest>('POST', '/upgrade-requests', b);

export type UpgradeAction = { kind: 'reassign'; engineer: string; note?: string } | { kind: 'reschedule'; start: string; durationMinutes?: number; note?: string };

/** A manager's action; the answer is the request as it now stands. */
export function useUpgradeAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: UpgradeAction) => request<UpgradeRequest>('POST', `/upgrade-requests/${enc(id)}/${kind}`, body),
    onSuccess: (u) => qc.setQueryData(upgradeKeys.one(id), u),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['upgrade_requests'] }), qc.invalidateQueries({ queryKey: ['tickets'] })]),
  });
}

/** "2026-12-08T09:00" typed in a zone → the ISO string with that zone the API asks for. */
export function zonedIso(local: string, zone: string): string {
  return `${local.length === 16 ? `${local}:00` : local}[${zone}]`;
}
