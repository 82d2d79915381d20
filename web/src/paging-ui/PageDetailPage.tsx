// One page (PG-1..PG-4): its status and what that status means, acknowledge / resolve / escalate
// (a refusal, e.g. the PG-2 veto "reply to the ticket first", is shown as the server words it),
// the timeline and the delivery log.
import { Alert, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Timeline } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import { pageAction, usePage, usePageMutation } from '../api/paging.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { when } from '../tickets/badges.tsx';
import { PageStatusBadge, pageTitle, RESOLVED_CAVEAT, STATUS_MEANING } from './status.tsx';
import { ReachBanner } from '../notify/ReachBanner.tsx';
import { RecentChanges } from './RecentChanges.tsx';

type Action = 'acknowledge' | 'resolve' | 'escalate';

// PG-6 delivery log: 'unknown' is neither sent nor failed (the sending node died mid-send);
// 'outbox' was kept in the built-in outbox because no channel of its kind is configured.
const DELIVERY_COLOUR: Record<string, string> = { sent: 'teal', delivered: 'teal', failed: 'red', unknown: 'orange', sending: 'gray', outbox: 'gray' };

export function PageDetailPage({ params }: PageProps) {
  const id = params.id ?? '';
  const q = usePage(id);
  const users = useUsers({});
  const act = usePageMutation((a: Action) => pageAction(id, a));
  const nameOf = (uid: string | null) => (uid ? users.data?.find((u) => u.id === uid)?.name ?? uid : '—');
  if (q.isError) return <QueryError what="the page" error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingRows />;
  const p = q.data;
  const open = p.status !== 'resolved';
  // WF-9: a page closed because its emergency ended says so instead of claiming an engagement (PG-1).
  const ended = p.status === 'resolved' ? p.timeline.findLast((e) => e.action === 'page.resolved' && e.detail.subjectEnded === true) : undefined;
  const meaning = ended && ended.detail.engaged === false ? 'Closed because its emergency ended, before anyone replied to the customer.' : STATUS_MEANING[p.status];

  return (
    <>
      <Text size="sm" mb={4}><Link to="/pages">← Pages</Link></Text>
      <PageHeader title={<>Page #{p.number}: {pageTitle(p)}</>}
        description={<>Triggered {when(p.triggeredAt)} on {p.serviceId} · {p.urgency} urgency{p.ticketId ? <> · <Link to={`/tickets/${p.ticketId}`}>open the ticket</Link></> : null}</>} />
      {p.reach?.state === 'not_reached' && <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}><ReachBanner reach={p.reach} /></div>}
      <Paper withBorder p="md" radius="md" mb="lg" data-testid="page-state">
        <Group gap="md" align="center" wrap="nowrap">
          <PageStatusBadge status={p.status} />
          <div>
            <Text fw={600} data-testid="status-meaning">{meaning}</Text>
            {ended && typeof ended.detail.reason === 'string' && <Text size="sm" data-testid="ended-reason">{ended.detail.reason}</Text>}
            <Text size="xs" c="dimmed">{RESOLVED_CAVEAT}</Text>
          </div>
        </Group>
        <Text size="sm" mt="sm">
          Assigned to {p.targetUserIds.map(nameOf).join(', ') || 'no one'}
          {p.escalationPolicyId ? ` · level ${p.escalationLevel + 1} of ${p.escalationPolicyId}` : ' · paged directly'}
          {p.acknowledgedBy ? ` · acknowledged by ${nameOf(p.acknowledgedBy)} ${when(p.acknowledgedAt!)}` : ''}
          {p.resolvedBy ? ` · resolved by ${nameOf(p.resolvedBy)} ${when(p.resolvedAt!)}` : ''}
        </Text>
        {open && (
          <Group mt="md">
            {p.status === 'triggered' && (
              <Button color="yellow" onClick={() => act.mutate('acknowledge')} loading={act.isPending && act.variables === 'acknowledge'} data-testid="ack" data-shortcut="acknowledge">
                Acknowledge — I'm reviewing the ticket
              </Button>
            )}
            <Button color="teal" onClick={() => act.mutate('resolve')} loading={act.isPending && act.variables === 'resolve'} data-testid="resolve">
              Resolve — I've replied to the customer
            </Button>
            {p.escalationPolicyId && (
              <Button variant="outline" color="red" onClick={() => act.mutate('escalate')} loading={act.isPending && act.variables === 'escalate'}>
                Escalate to the next level
              </Button>
            )}
          </Group>
        )}
        {act.error && <Alert color="red" mt="sm" role="alert" title={`Could not ${act.variables ?? 'do that'}`} data-testid="action-error">{act.error.message}</Alert>}
      </Paper>
      {p.recentChanges?.length ? <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}><RecentChanges changes={p.recentChanges} /></div> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text fw={700} mb="sm">Timeline</Text>
          <Timeline bulletSize={14} lineWidth={2} data-testid="page-timeline">
            {p.timeline.map((e) => (
              <Timeline.Item key={e.id} title={<Text size="sm" fw={600}>{e.action.replace(/^page\./, '').replace(/_/g, ' ')}</Text>}>
                <Text size="xs" c="dimmed">{when(e.at)} · {e.actor.name ?? e.actor.kind} via {e.via}</Text>
                {typeof e.detail.reason === 'string' && <Text size="xs">{e.detail.reason}</Text>}
                {typeof e.detail.note === 'string' && <Text size="xs">“{e.detail.note}”</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text fw={700} mb="sm">Delivery log</Text>
          {p.deliveries.length === 0 ? <Text c="dimmed" size="sm">No notification sent yet.</Text> : (
            <Paper withBorder radius="md">
              <Table aria-label="Delivery log">
                <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>To</Table.Th><Table.Th>Channel</Table.Th><Table.Th>Result</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.deliveries.map((d) => (
                    <Table.Tr key={d.id} data-testid="delivery">
                      <Table.Td><Text size="xs">{when(d.at)}</Text></Table.Td>
                      <Table.Td><Text size="sm">{nameOf(d.userId)}</Text><Text size="xs" c="dimmed">{d.address}</Text></Table.Td>
                      <Table.Td>{d.channel}{d.attempt > 1 ? ` (try ${d.attempt})` : ''}</Table.Td>
                      <Table.Td>
                        <Badge color={DELIVERY_COLOUR[d.status] ?? 'gray'} variant="light" data-testid="delivery-status">{d.status}</Badge>
                        {/* unknown (PG-6): the node died mid-send; its text says it may have arrived and is resent */}
                        {d.error && <Text size="xs" c={d.status === 'unknown' ? 'orange' : 'red'}>{d.error}</Text>}
                        {d.note && <Text size="xs" c="dimmed" data-testid="delivery-note">{d.note}{d.outboxId ? <> · <Link to="/outbox">outbox</Link></> : null}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
      <Stack />
    </>
  );
}
