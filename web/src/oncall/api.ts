// Schedules API (SCH-2/3/6/9): wire types, fetch functions and hooks. Keys start with 'schedules'
// so the stream's schedule.* events refetch what is on screen.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';

export interface Entry { user: string; start: string; end: string; shadow: boolean; source: { kind: string; overrideId?: string; swapId?: string }; key: string }
export interface Span { start: string; end: string }
export interface DriSpan extends Span { user: string | null; scheduleId?: string }
/** Display name and id of each person an answer names, by e-mail. */
export type People = Record<string, { id: string; name: string }>;
export interface GroupTimeline {
  groupId: string; name: string; timeZone: string; names: Record<string, string>; people: People;
  schedules: { scheduleId: string; entries: Entry[]; gaps: Span[] }[];
  dri: DriSpan[]; gaps: Span[];
}
export interface ScheduleList {
  items: { id: string; name: string; timeZone: string; layers: { id: string; name: string; rotations: string[] }[] }[];
  groups: { id: string; name: string; timeZone: string; schedules: string[] }[];
  rotations: { id: string; name: string; members: { user: string; shadow?: boolean }[] }[];
}
export interface OnCallGroupNow {
  groupId: string; name: string; timeZone: string; owners: string[]; shadows: string[];
  dri: { status: 'on_call' | 'not_on_call' | 'no_dri_window'; user: string | null; scheduleId?: string; message: string };
  schedules: { scheduleId: string; owners: string[] }[];
  /** When the owners or the DRI next change (null: not within a week). */
  until: string | null;
  next: { owners: string[]; dri: string | null } | null;
}
export interface OnCallNowAnswer { at: string; groups: OnCallGroupNow[]; people: People }
export interface Swap { id: string; scheduleId: string; start: string; end: string; requester: string; partner: string; status: 'requested' | 'accepted' | 'declined'; note: string | null }
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
export interface Override { id: string; scheduleId: string; start: string; end: string; user?: string | null; replaces?: string | null; note: string | null }
export const useCreateOverride = () => useScheduleMutation((o: OverrideInput) => request<Override>('POST', '/schedule-overrides', o));
export const useRemoveOverride = () => useScheduleMutation((id: string) => request('DELETE', `/schedule-overrides/${enc(id)}`));
export const useRequestSwap = () => useScheduleMutation((s: SwapInput) => request<Swap>('POST', '/schedule-swaps', s));
export const useSwapAction = () => useScheduleMutation((a: { id: string; action: 'accept' | 'decline' }) => request<Swap>('POST', `/schedule-swaps/${enc(a.id)}/${a.action}`));
