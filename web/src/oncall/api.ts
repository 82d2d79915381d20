// Schedules API (SCH-2/3/6/9): wire types (the API document's generated ones), fetch functions and
// hooks. Keys start with 'schedules' so the stream's schedule.* events refetch what is on screen.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

type Schemas = components['schemas'];

export type Entry = Schemas['ScheduleEntry'];
export type Span = Schemas['TimeSpan'];
export type DriSpan = Schemas['DriSpan'];
/** Display name and id of each person an answer names, by e-mail. */
export type People = Schemas['SchedulePeople'];
export type GroupTimeline = Schemas['RotationGroupTimeline'];
export type ScheduleList = Schemas['ScheduleList'];
/** One group's answer of who is on call; `until`: when the owners or the DRI next change (null: not within the horizon). */
export type OnCallGroupNow = Schemas['GroupOnCall'];
export type OnCallNowAnswer = Schemas['OnCallAnswer'];
export type Swap = Schemas['ScheduleSwap'];
export type Override = Schemas['ScheduleOverride'];
export interface OverrideInput { schedule: string; start: string; end: string; user?: string; replaces?: string; note?: string }
export interface SwapInput { schedule: string; start: string; end: string; with: string; note?: string }

const enc = encodeURIComponent;
export const oncallKeys = {
  list: ['schedules', 'list'] as const,
  timeline: (g: string, since: string, until: string) => ['schedules', 'timeline', g, since, until] as const,
  swaps: ['schedules', 'swaps'] as const,
  now: ['schedules', 'now'] as const,
};

/** SCH-9: who is on call now, refetched at the next change (and every minute, and on schedule.* events). */
export const useOnCallNow = () => useQuery({
  queryKey: oncallKeys.now,
  queryFn: () => request<OnCallNowAnswer>('GET', '/oncall'),
  refetchInterval: (q) => {
    const next = Math.min(...(q.state.data?.groups ?? []).flatMap((g) => (g.until ? [Date.parse(g.until) - Date.now() + 1000] : [])));
    return Math.max(5_000, Math.min(60_000, Number.isFinite(next) ? next : 60_000));
  },
});

export const useScheduleList = () => useQuery({ queryKey: oncallKeys.list, queryFn: () => request<ScheduleList>('GET', '/schedules') });
export const useGroupTimeline = (group: string | null, since: string, until: string) =>
  useQuery({ enabled: !!group, queryKey: oncallKeys.timeline(group ?? '', since, until), queryFn: () => request<GroupTimeline>('GET', `/rotation-groups/${enc(group!)}/timeline?since=${enc(since)}&until=${enc(until)}`) });
export const useSwaps = () => useQuery({ queryKey: oncallKeys.swaps, queryFn: () => request<{ items: Swap[] }>('GET', '/schedule-swaps').then((r) => r.items) });

function useScheduleMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ['schedules'] }) });
}
export const useCreateOverride = () => useScheduleMutation((o: OverrideInput) => request<Override>('POST', '/schedule-overrides', o));
export const useRemoveOverride = () => useScheduleMutation((id: string) => request('DELETE', `/schedule-overrides/${enc(id)}`));
export const useRequestSwap = () => useScheduleMutation((s: SwapInput) => request<Swap>('POST', '/schedule-swaps', s));
export const useSwapAction = () => useScheduleMutation((a: { id: string; action: 'accept' | 'decline' }) => request<Swap>('POST', `/schedule-swaps/${enc(a.id)}/${a.action}`));
