// The support manager during emergencies (SM-5/SM-6): wire types, fetches and hooks. Query keys
// start with 'emergencies', the family the live stream's emergency and ticket changes refetch
// (api/live.ts); a page acknowledged elsewhere is caught by a short poll.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';

type Person = { id: string | null; name: string; email: string } | null;
export interface WaitingPage { id: string; number: number; level: number | null; targets: string[]; waitingMinutes: number }
export interface ManagerRow {
  id: string; ticketId: string; ticketNumber: number; subject: string; priority: string; status: string;
  organization: { id: string; name: string } | null; form: string; rotation: string;
  owner: Person; lead: (Person & { since: string }) | null;
  since: string; ageMinutes: number; acknowledgedAt: string | null; lastPublicReplyAt: string | null; minutesSinceLastPublicReply: number | null;
  qualification: string | null; exceptionCriterion: string | null; entitlement: string;
  pages: { id: string; number: number; status: string; level: number | null; targets: string[] }[];
  waiting: WaitingPage[];
}
export interface ManagerView { at: string; managerOnCall: Person; items: ManagerRow[] }
export interface StaffSuggestion { userId: string; email: string; name: string; region: string | null; subject: string; level: string; onShift: boolean; inWorkingHours: boolean; why: string }


export const managerKeys = {
  view: ['emergencies', 'manager'] as const,
  staff: (n: number, region: string, everyone: boolean) => ['emergencies', 'manager', 'staff', n, region, everyone] as const,
};

export const useManagerView = () => useQuery({ queryKey: managerKeys.view, queryFn: () => request<ManagerView>('GET', '/manager/emergencies'), refetchInterval: 30_000 });
export const useStaff = (n: number, region: string, everyone: boolean) => useQuery({
  queryKey: managerKeys.staff(n, region, everyone),
  queryFn: () => request<{ subjects: string[]; items: StaffSuggestion[] }>('GET', `/manager/emergencies/${n}/staff?${new URLSearchParams({ ...(region ? { region } : {}), ...(everyone ? { everyone: 'true' } : {}) })}`),
});

export type ManagerAction =
  | { kind: 'page'; person: string; reason?: string }
  | { kind: 'replace'; engineer: string; reason?: string }
  | { kind: 'lead' }
  | { kind: 'backup-pool' };

export function useManagerAction(n: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ManagerAction) => {
      const { kind, ...body } = a;
      return request<unknown>('POST', kind === 'backup-pool' ? `/emergencies/${n}/backup-pool` : `/manager/emergencies/${n}/${kind}`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['emergencies'] }),
  });
}

export function useHandOver() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { to?: string; note?: string }) => request<{ from: string; to: string; handedOver: { ticketNumber: number }[] }>('POST', '/manager/hand-over', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['emergencies'] }),
  });
}

