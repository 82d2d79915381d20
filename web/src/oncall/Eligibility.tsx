// SCH-8: who may join which rotation — training date and approving manager, stored and shown.
// Managers record training and approve from here; everyone else reads it.
import { Alert, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listUsers, request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import type { PageProps } from '../app/page-props.ts';
import { LoadingRows } from '../ui/states.tsx';
import { useScheduleList } from './api.ts';

type EligibilityRow = components['schemas']['OnCallEligibility'];

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

export function EligibilitySection({ me }: { me: PageProps['me'] }) {
  const qc = useQueryClient();
  const list = useScheduleList();
  const records = useQuery({ queryKey: ['schedules', 'eligibility'], queryFn: () => request<{ items: EligibilityRow[] }>('GET', '/oncall/eligibility').then((r) => r.items) });
  const staff = useQuery({ queryKey: ['schedules', 'staff'], queryFn: () => listUsers() });
  const act = useMutation({
    mutationFn: (a: { kind: 'training' | 'approve'; user: string }) =>
      a.kind === 'training' ? request('POST', '/oncall/training', { user: a.user }) : request('POST', '/oncall/approvals', { user: a.user }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['schedules'] }),
  });
  const manager = me.role === 'manager' || me.role === 'admin';
  if (!records.data || !staff.data || !list.data) return <LoadingRows rows={3} />;
  const people = staff.data.filter((u) => u.role !== 'customer' && u.kind !== 'bot');
  const byEmail = new Map(people.map((u) => [u.email, u]));
  const nameOf = (idOrEmail: string | null) => (idOrEmail ? (people.find((u) => u.id === idOrEmail || u.email === idOrEmail)?.name ?? idOrEmail) : '');
  const rec = new Map(records.data.map((r) => [r.user, r]));
  const rotationsOf = (email: string) => list.data.rotations.filter((r) => r.members.some((m) => m.user === email)).map((r) => r.name);
  // Everyone already in a rotation or with a record, then (for managers) everyone else on staff.
  const emails = [...new Set([...list.data.rotations.flatMap((r) => r.members.map((m) => m.user)), ...records.data.map((r) => r.user), ...(manager ? people.map((u) => u.email) : [])])]
    .sort((a, b) => (byEmail.get(a)?.name ?? a).localeCompare(byEmail.get(b)?.name ?? b));
  return (
    <Paper withBorder p="md" data-testid="eligibility">
      <Text fw={600}>On-call eligibility</Text>
      <Text size="sm" c="dimmed" mb="xs">Joining a rotation needs completed on-call training and a manager's approval.</Text>
      {act.error && <Alert color="red" variant="light" role="alert" mb="xs">{(act.error as Error).message}</Alert>}
      {/* wide on a phone: the table scrolls inside its panel, the page does not */}
      <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>Person</Table.Th><Table.Th>Rotations</Table.Th><Table.Th>Training</Table.Th><Table.Th>Approved by</Table.Th>{manager && <Table.Th />}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {emails.map((email) => {
            const r = rec.get(email);
            const eligible = !!r?.trainingCompletedAt && !!r.approvedAt;
            return (
              <Table.Tr key={email} data-testid="eligibility-row" data-user={email}>
                <Table.Td>{byEmail.get(email)?.name ?? email} {eligible ? <Badge color="green" variant="light">eligible</Badge> : <Badge color="gray" variant="light">not yet eligible</Badge>}</Table.Td>
                <Table.Td>{rotationsOf(email).join(', ') || <Text span c="dimmed" size="sm">none</Text>}</Table.Td>
                <Table.Td>{day(r?.trainingCompletedAt ?? null) ?? <Text span c="dimmed" size="sm">not recorded</Text>}</Table.Td>
                <Table.Td>{r?.approvedAt ? `${nameOf(r.approvedBy)} on ${day(r.approvedAt)}` : <Text span c="dimmed" size="sm">not approved</Text>}</Table.Td>
                {manager && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {!r?.trainingCompletedAt && <Button size="xs" variant="default" loading={act.isPending} onClick={() => act.mutate({ kind: 'training', user: email })}>Record training</Button>}
                      {r?.trainingCompletedAt && !r.approvedAt && <Button size="xs" loading={act.isPending} onClick={() => act.mutate({ kind: 'approve', user: email })}>Approve</Button>}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
