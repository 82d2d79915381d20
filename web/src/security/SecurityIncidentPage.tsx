// SM-7: one security incident — who coordinates (the support manager on call) and who manages the
// communications, the affected tickets (answered or not), the bulk response's progress, the timeline,
// and for the manager the "respond to all" form: ONE public reply to every affected ticket not yet
// answered (sent as a bulk update; a retried click is the same request, never a second reply).
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Paper, Progress, Stack, Table, Text, Textarea, Timeline } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { when } from '../tickets/badges.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { useSecurityAction, useSecurityIncident, type SecurityIncident } from './api.ts';

const ACTION: Record<string, string> = {
  'security_incident.declared': 'Declared', 'security_incident.tickets_added': 'Tickets gathered', 'security_incident.responded': 'Response sent to all',
  'security_incident.resolved': 'Resolved',
};
const comms = (i: SecurityIncident) => (i.communicationsManager.kind === 'person' ? i.communicationsManager.name : `${i.communicationsManager.name}${i.communicationsManager.email ? ` <${i.communicationsManager.email}>` : ''} (outside contact)`);

function RespondToAll({ i }: { i: SecurityIncident }) {
  const [text, setText] = useState('');
  // one id per form: a double click or a retry after a lost answer is the same bulk request
  const requestId = useMemo(() => `web-${i.number}-${Date.now().toString(36)}`, [i.number, i.tickets.filter((t) => t.respondedAt).length]);
  const act = useSecurityAction(String(i.number));
  const waiting = i.tickets.filter((t) => !t.respondedAt).length;
  if (i.state !== 'open') return null;
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); act.mutate({ kind: 'respond', text: text.trim(), requestId }, { onSuccess: () => setText('') }); }}>
        <Stack gap="xs">
          <Text fw={600} component="h2" fz="md">Respond to all</Text>
          <Text size="sm" c="dimmed">One public reply to each of the {waiting} affected ticket{waiting === 1 ? '' : 's'} not yet answered. Customers see only this reply on their own ticket.</Text>
          <Textarea aria-label="Response to every affected customer" value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} data-testid="security-response" />
          {act.error && <Alert color="red" role="alert">{(act.error as Error).message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" color="red" disabled={!text.trim() || waiting === 0} loading={act.isPending} data-testid="respond-all">Send to {waiting} ticket{waiting === 1 ? '' : 's'}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function SecurityIncidentPage({ me, params }: PageProps) {
  const q = useSecurityIncident(params.ref ?? '');
  const resolve = useSecurityAction(params.ref ?? '');
  const manager = me.role === 'manager' || me.role === 'admin';
  if (q.error) return <QueryError error={q.error as Error} what="the security incident" onRetry={() => q.refetch()} />;
  if (!q.data) return <LoadingRows />;
  const i = q.data;
  const mayRespond = manager || i.coordinator?.id === me.id;
  return (
    <>
      <PageHeader title={`${i.label} ${i.title}`} description="Security incident: the support manager on call coordinates the customer communications."
        actions={i.state === 'open' ? <Button variant="light" loading={resolve.isPending} onClick={() => resolve.mutate({ kind: 'resolve' })} data-testid="resolve-security">Resolve</Button> : <Badge color="gray">resolved</Badge>} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md">
              <Stack gap={4}>
                <Text size="sm"><b>Coordinating:</b> <span data-testid="security-coordinator">{i.coordinator?.name ?? 'no manager on call'}</span></Text>
                <Text size="sm"><b>Communications manager:</b> {comms(i)}</Text>
                <Text size="sm"><b>Declared:</b> {when(i.createdAt)}{i.resolvedAt ? ` · resolved ${when(i.resolvedAt)}` : ''}</Text>
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Text fw={600} mb="xs" component="h2" fz="md">Affected tickets ({i.tickets.length})</Text>
              <Table verticalSpacing={4} data-testid="security-tickets">
                <Table.Thead><Table.Tr><Table.Th>Ticket</Table.Th><Table.Th>Gathered</Table.Th><Table.Th>Response</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {i.tickets.map((t) => (
                    <Table.Tr key={t.id} data-testid="security-ticket">
                      <Table.Td><Link to={`/tickets/${t.id}`}>#{t.number}</Link></Table.Td>
                      <Table.Td><Text size="sm">{when(t.addedAt)}</Text></Table.Td>
                      <Table.Td>{t.respondedAt ? <Badge color="green" variant="light">sent {when(t.respondedAt)}</Badge> : <Badge color="orange" variant="light">not yet</Badge>}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {i.bulk.map((b) => (
                <Stack key={b.id} gap={2} mt="sm" data-testid="security-bulk">
                  <Text size="xs" c="dimmed">Response to {b.total} ticket{b.total === 1 ? '' : 's'}: {b.status}{b.failed ? `, ${b.failed} failed` : ''}</Text>
                  <Progress value={b.total ? (100 * b.done) / b.total : 100} color={b.failed ? 'orange' : 'green'} aria-label={`Response progress ${b.done} of ${b.total}`} />
                </Stack>
              ))}
            </Paper>
            {mayRespond && <RespondToAll i={i} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Text fw={600} mb="sm" component="h2" fz="md">Timeline</Text>
            <Timeline bulletSize={12} lineWidth={2} data-testid="security-timeline">
              {i.timeline.map((t) => (
                <Timeline.Item key={t.id} title={<Text size="sm" fw={600}>{ACTION[t.action] ?? t.action}</Text>}>
                  <Text size="xs" c="dimmed">{t.actor.name ?? t.actor.kind} · {when(t.at)}{t.via ? ` · via ${t.via}` : ''}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
