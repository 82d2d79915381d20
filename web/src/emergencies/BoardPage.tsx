// The emergency board (WF-1, WF-2, WF-5): every open emergency with its age, owner, the next due
// runbook step and the nearest timer, all ticking; new emergencies appear by themselves (stream).
// RP-3: the History tab (?view=history) finds ended emergencies too.
import { useState } from 'react';
import { Badge, Group, Switch, Table, Tabs, Text } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import { useBoard, type BoardRow } from '../api/emergencies.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { label, PriorityBadge } from '../tickets/badges.tsx';
import { Countdown } from './Countdown.tsx';
import { age, timerLabel, useNow } from './time.ts';
import { EntitlementBadge, VerdictBadge } from './badges.tsx';
import { OpenIncidents } from './IncidentPage.tsx';
import { OnCallNow } from '../oncall/OnCallNow.tsx';
import { rowOpens } from '../keyboard/rows.ts';
import { BoardReachBanner, NotReachedBadge } from '../notify/ReachBanner.tsx';
import { EmergencyHistory } from './EmergencyHistory.tsx';

export const emergencyPath = (ticketNumber: number) => `/emergencies/${ticketNumber}`;

export function BoardPage(_: PageProps) {
  const { query } = useRoute();
  const view = query.get('view') === 'history' ? 'history' : 'board';
  const [all, setAll] = useState(false);
  return (
    <>
      <PageHeader title="Emergencies"
        description={view === 'board' ? 'Open emergencies, oldest first. Ages and timers tick; the list updates by itself.' : 'Every emergency, ended ones too, newest first. Filter, search, and open one for its thread, runbook and pages.'}
        actions={view === 'board' ? <Switch label="Include resolved" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> : undefined} />
      <Tabs value={view} onChange={(v) => navigate(v === 'history' ? '/emergencies?view=history' : '/emergencies', { replace: true })} keepMounted={false}>
        <Tabs.List mb="md"><Tabs.Tab value="board">Board</Tabs.Tab><Tabs.Tab value="history">History</Tabs.Tab></Tabs.List>
        <Tabs.Panel value="board"><Board all={all} /></Tabs.Panel>
        <Tabs.Panel value="history"><EmergencyHistory /></Tabs.Panel>
      </Tabs>
    </>
  );
}

function Board({ all }: { all: boolean }) {
  const q = useBoard(all);
  const users = useUsers({});
  const now = useNow();
  const nameOf = (email: string | null) => (email ? users.data?.find((u) => u.email === email)?.name ?? email : null);
  return (
    <>
      <OnCallNow link />
      <OpenIncidents />
      {q.data && <BoardReachBanner rows={q.data.map((e) => ({ reach: e.reach, to: emergencyPath(e.ticketNumber), label: `#${e.ticketNumber} ${e.subject}` }))} />}
      {q.isError && <QueryError what="the emergency board" error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && <LoadingRows />}
      {q.data && q.data.length === 0 && <Empty title="No open emergencies" description="A customer's urgent ticket appears here the moment it is raised." />}
      {q.data && q.data.length > 0 && (
        <Panel>
          <Table highlightOnHover aria-label="Emergency board" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                {/* on a phone: subject, age, owner and the next step; the rest is one tap away */}
                <Table.Th visibleFrom="xs">#</Table.Th><Table.Th>Emergency</Table.Th><Table.Th>Age</Table.Th><Table.Th>Owner</Table.Th>
                <Table.Th visibleFrom="xs">Verdicts</Table.Th><Table.Th>Next step</Table.Th><Table.Th visibleFrom="xs">Timers</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((e) => <Row key={e.id} e={e} now={now} owner={nameOf(e.owner)} />)}
            </Table.Tbody>
          </Table>
        </Panel>
      )}
    </>
  );
}

function Row({ e, now, owner }: { e: BoardRow; now: number; owner: string | null }) {
  const to = emergencyPath(e.ticketNumber);
  const open = e.state === 'open';
  return (
    <Table.Tr data-testid="emergency-row" data-ticket={e.ticketNumber} className="hl-clickable-row" {...rowOpens(to)}
      onClick={(ev) => { if (!(ev.target as HTMLElement).closest('a')) navigate(to); }}>
      <Table.Td ff="monospace" visibleFrom="xs">{e.ticketNumber}</Table.Td>
      <Table.Td>
        <Link to={to} className="hl-row-link">{e.subject}</Link>
        <Group gap={4} mt={2}><PriorityBadge priority={e.priority} /><Badge variant="light" color="gray">{label(e.status)}</Badge>
          {!open && <Badge variant="outline" color="teal">{label(e.state)}</Badge>}<NotReachedBadge reach={e.reach} /></Group>
      </Table.Td>
      <Table.Td ff="monospace" data-testid="age">{open ? age(e.createdAt, now) : '—'}</Table.Td>
      {/* Red only where it asks for action: an open emergency nobody owns. */}
      <Table.Td>{owner ?? (open ? <Text span c="red" fw={600}>nobody yet</Text> : <Text span c="dimmed" data-testid="no-owner">nobody yet</Text>)}</Table.Td>
      <Table.Td visibleFrom="xs"><Group gap={4}><EntitlementBadge kind={e.entitlement} /><VerdictBadge verdict={e.qualification} /></Group></Table.Td>
      <Table.Td data-testid="next-step">
        {/* A resolved or not-paged emergency has nothing left due: no overdue alarms on it. */}
        {e.next && open ? (
          <>
            <Text size="sm" fw={e.next.status === 'overdue' ? 700 : 400} c={e.next.status === 'overdue' ? 'red' : undefined}>{e.next.label}</Text>
            {e.next.dueAt && <Countdown dueAt={e.next.dueAt} now={now} />}
          </>
        ) : <Text size="sm" c="dimmed">Nothing due</Text>}
      </Table.Td>
      <Table.Td visibleFrom="xs">
        {e.timers.length === 0 || !open ? <Text size="sm" c="dimmed">—</Text> : e.timers.map((t) => (
          <Group key={t.kind} gap={6} wrap="nowrap"><Text size="xs">{timerLabel(t.kind)}</Text><Countdown dueAt={t.dueAt} now={now} /></Group>
        ))}
      </Table.Td>
    </Table.Tr>
  );
}
