// SM-8: the managers' screen of upgrade-assistance requests — flagged ones first to look at, each
// with why (outside the support hours, short notice); one opened (?request=N) shows the session, the
// scope and its steps, and lets a support manager reassign it to an engineer or propose a new time
// (the requester is told in their ticket either way).
import { useState } from 'react';
import { Alert, Badge, Button, Grid, Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Timeline } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { when } from '../tickets/badges.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { who } from './badges.tsx';
import { useUpgradeAction, useUpgradeRequest, useUpgradeRequests, zonedIso, type UpgradeRequest } from './upgrades-api.ts';

const FLAG_LABEL = { outside_hours: 'outside hours', short_notice: 'short notice' } as const;
const open = (n: number, filter: string) => navigate(`/upgrades?${filter === 'all' ? 'show=all&' : ''}request=${n}`);

function Flags({ u }: { u: UpgradeRequest }) {
  if (!u.flags?.length) return <Badge color="gray" variant="light">ok</Badge>;
  return <Group gap={4}>{u.flags.map((f) => <Badge key={f.code} color="orange" variant="light" title={f.reason}>{FLAG_LABEL[f.code]}</Badge>)}</Group>;
}

function Reassign({ u }: { u: UpgradeRequest }) {
  const [engineer, setEngineer] = useState('');
  const [note, setNote] = useState('');
  const act = useUpgradeAction(u.id);
  return (
    <form onSubmit={(e) => { e.preventDefault(); act.mutate({ kind: 'reassign', engineer: engineer.trim(), ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => { setEngineer(''); setNote(''); } }); }}>
      <Stack gap="xs">
        <TextInput label="Reassign to (engineer's e-mail)" value={engineer} onChange={(e) => setEngineer(e.currentTarget.value)} placeholder="carmen.diaz@example.com" data-testid="reassign-engineer" />
        <Textarea label="Note for the requester (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        {act.error && <Alert color="red" role="alert">{(act.error as Error).message}</Alert>}
        <Group justify="flex-end"><Button type="submit" size="xs" disabled={!engineer.trim()} loading={act.isPending} data-testid="reassign-upgrade">Reassign and tell the requester</Button></Group>
      </Stack>
    </form>
  );
}

function Reschedule({ u }: { u: UpgradeRequest }) {
  // typed in the requester's own zone when it is a named one, else the manager's
  const zone = u.zone.includes('/') || u.zone === 'UTC' ? u.zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [local, setLocal] = useState('');
  const [minutes, setMinutes] = useState<number | string>(u.durationMinutes);
  const [note, setNote] = useState('');
  const act = useUpgradeAction(u.id);
  const submit = () => act.mutate({ kind: 'reschedule', start: zonedIso(local, zone), durationMinutes: Number(minutes), ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => { setLocal(''); setNote(''); } });
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={`New start (${zone})`} value={local} onChange={(e) => setLocal(e.currentTarget.value)} data-testid="reschedule-start" />
          <NumberInput label="Minutes" min={15} max={720} step={15} value={minutes} onChange={setMinutes} data-testid="reschedule-minutes" />
        </Group>
        <Textarea label="Note for the requester (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} data-testid="reschedule-note" />
        {act.error && <Alert color="red" role="alert">{(act.error as Error).message}</Alert>}
        <Group justify="flex-end"><Button type="submit" size="xs" disabled={!local} loading={act.isPending} data-testid="reschedule-upgrade">Propose this time to the requester</Button></Group>
      </Stack>
    </form>
  );
}

function Detail({ id, manager }: { id: string; manager: boolean }) {
  const q = useUpgradeRequest(id);
  if (q.error) return <QueryError error={q.error as Error} what="the upgrade request" onRetry={() => q.refetch()} />;
  if (!q.data) return <LoadingRows rows={3} />;
  const u = q.data;
  return (
    <Stack data-testid="upgrade-detail">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Text fw={700} component="h2" fz="md">Upgrade request #{u.number}</Text>
          <Badge variant="light">{u.state}</Badge>
        </Group>
        <Stack gap={4}>
          <Text size="sm"><b>Ticket:</b> <Link to={`/tickets/${u.ticket.id}`}>#{u.ticket.number} {u.ticket.subject}</Link></Text>
          <Text size="sm"><b>Requester:</b> {who(u.requester)}{u.organization ? ` (${u.organization.name})` : ''}</Text>
          <Text size="sm" data-testid="upgrade-session"><b>Session:</b> {u.startLocal}, {u.durationMinutes} min</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><b>Scope:</b> {u.scope}</Text>
          <Text size="sm"><b>Engineer:</b> {who(u.assignee, 'not assigned yet')}</Text>
          {u.flags?.map((f) => <Alert key={f.code} color="orange" variant="light" p="xs" data-testid="upgrade-flag-reason">{f.reason}</Alert>)}
          {u.manager && <Text size="xs" c="dimmed">{u.manager.name} (manager on call) was told.</Text>}
        </Stack>
      </Paper>
      {manager && <Paper withBorder p="md"><Stack><Reassign u={u} /><Reschedule u={u} /></Stack></Paper>}
      <Paper withBorder p="md">
        <Text fw={600} mb="sm" component="h2" fz="md">Timeline</Text>
        <Timeline bulletSize={12} lineWidth={2} data-testid="upgrade-timeline">
          {(u.timeline ?? []).map((t) => (
            <Timeline.Item key={t.id} title={<Text size="sm" fw={600}>{t.action.replace('upgrade.', '')}</Text>}>
              <Text size="xs" c="dimmed">{t.actor.name ?? t.actor.kind} · {when(t.at)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}

export function UpgradesPage({ me }: PageProps) {
  const { query } = useRoute();
  const filter = query.get('show') === 'all' ? 'all' : 'flagged';
  const selected = query.get('request');
  const list = useUpgradeRequests(filter);
  const manager = me.role === 'manager' || me.role === 'admin';
  return (
    <>
      <PageHeader title="Upgrade assistance" description="Customers' requests for help with an upgrade. A request outside the support hours or with too little notice is flagged for the support manager, who reassigns it or proposes a new time." />
      <Group mb="md">
        <SegmentedControl aria-label="Show upgrade requests" value={filter} onChange={(v) => navigate(v === 'all' ? '/upgrades?show=all' : '/upgrades')}
          data={[{ value: 'flagged', label: 'Flagged' }, { value: 'all', label: 'All' }]} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: selected ? 7 : 12 }}>
          {list.error ? <QueryError error={list.error as Error} what="upgrade requests" onRetry={() => list.refetch()} />
            : !list.data ? <LoadingRows />
            : list.data.length === 0 ? <Empty title={filter === 'flagged' ? 'No flagged upgrade request' : 'No upgrade request yet'} description="Customers ask for upgrade assistance from the portal." />
            : (
              <Panel>
                <Table highlightOnHover verticalSpacing="sm" data-testid="upgrade-list">
                  <Table.Thead><Table.Tr><Table.Th>Request</Table.Th><Table.Th>Session</Table.Th><Table.Th>Requester</Table.Th><Table.Th>Why flagged</Table.Th><Table.Th>Engineer</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {list.data.map((u) => (
                      <Table.Tr key={u.id} data-testid="upgrade-row" data-number={u.number} onClick={() => open(u.number, filter)} style={{ cursor: 'pointer' }}>
                        <Table.Td>
                          <Link to={`/upgrades?${filter === 'all' ? 'show=all&' : ''}request=${u.number}`}>#{u.number}</Link> <Text span size="sm">{u.scope.split('\n')[0]}</Text>
                          <Text size="xs" c="dimmed">ticket #{u.ticket.number} · {u.state}</Text>
                        </Table.Td>
                        <Table.Td><Text size="sm">{u.startLocal}</Text><Text size="xs" c="dimmed">{u.durationMinutes} min</Text></Table.Td>
                        <Table.Td>{who(u.requester)}{u.organization && <Text size="xs" c="dimmed">{u.organization.name}</Text>}</Table.Td>
                        <Table.Td>
                          <Flags u={u} />
                          {u.flags?.map((f) => <Text key={f.code} size="xs" c="dimmed" data-testid="flag-reason">{f.reason}</Text>)}
                        </Table.Td>
                        <Table.Td>{who(u.assignee)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Panel>
            )}
        </Grid.Col>
        {selected && <Grid.Col span={{ base: 12, md: 5 }}><Detail id={selected} manager={manager} /></Grid.Col>}
      </Grid>
    </>
  );
}
