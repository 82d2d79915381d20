// The support manager during emergencies (SM-5/SM-6): wire types, fetches and hooks. Query keys
// start with 'emergencies', the family the live stream's emergency and ticket changes refetch
// (api/live.ts); a page acknowledged elsewhere is caught by a short poll.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

type ManagerView = Answer<'/api/v1/manager/emergencies'>;
export type ManagerRow = components['schemas']['ManagerEmergencyRow'];
export type WaitingPage = ManagerRow['waiting'][number];
type Staff = Answer<'/api/v1/manager/emergencies/{id}/staff'>;
export type StaffSuggestion = Staff['items'][number];

export const managerKeys = {
  view: ['emergencies', 'manager'] as const,
  staff: (n: number, region: string, everyone: boolean) => ['emergencies', 'manager', 'staff', n, region, everyone] as const,
};

export const useManagerView = () => useQuery({ queryKey: managerKeys.view, queryFn: () => request<ManagerView>('GET', '/manager/emergencies'), refetchInterval: 30_000 });
export const useStaff = (n: number, region: string, everyone: boolean) => useQuery({
  queryKey: managerKeys.staff(n, region, everyone),
  queryFn: () => request<Staff>('GET', `/manager/emergencies/${n}/staff?${new URLSearchParams({ ...(region ? { region } : {}), ...(everyone ? { everyone: 'true' } : {}) })}`),
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
    mutationFn: (b: { to?: string; note?: string }) => request<Answer<'/api/v1/manager/hand-over', 'post'>>('POST', '/manager/hand-over', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['emergencies'] }),
  });
}

