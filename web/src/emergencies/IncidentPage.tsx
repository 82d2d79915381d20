// One widespread incident (WF-10, PG-7): its page, the emergencies paged on their own before it
// was recognised (offered to join: their pages are then acknowledged together with the
// incident's), its tickets, and resolving it (PG-2: once every related ticket has a reply).
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { incidentApi, useIncident, useIncidentMutation, useIncidents, type Incident, type IncidentTicket } from '../api/incidents.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { label } from '../tickets/badges.tsx';
import { LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';

export const incidentPath = (n: number) => `/emergencies/incidents/${n}`;

const pageColor = { triggered: 'red', acknowledged: 'yellow', resolved: 'teal' } as const;

function OwnPage({ t }: { t: IncidentTicket }) {
  if (!t.ownPage) return <Text size="sm" c="dimmed">{t.grouped ? "incident's page" : '—'}</Text>;
  return <Link to={`/pages/${t.ownPage.id}`}><Badge variant="light" color={pageColor[t.ownPage.status]}>#{t.ownPage.number} {t.ownPage.status}</Badge></Link>;
}

export function IncidentPage({ params }: PageProps) {
  const ref = params.ref ?? '';
  const q = useIncident(ref);
  const join = useIncidentMutation((n: number) => incidentApi.join(ref, [n]));
  const resolve = useIncidentMutation(() => incidentApi.resolve(ref));
  if (q.isError) return <QueryError what="the incident" error={q.error} onRetry={() => void q.refetch()} />;
  const i = q.data;
  if (!i) return <LoadingRows />;
  const offered = i.tickets.filter((t) => t.relation === 'candidate');
  const open = i.state === 'open';
  return (
    <>
      <Text size="sm" mb={4}><Link to="/emergencies">← Emergencies</Link></Text>
      <PageHeader title={<>Incident {i.number}: {i.title}</>}
        description={<Group gap={6} component="span">
          <Badge variant="outline" color={open ? 'red' : 'teal'} data-testid="incident-state">{i.state}</Badge>
          <Text span size="sm" c="dimmed">{i.tag}{i.detected ? ' · detected' : ''} · {i.counts.related} related, {i.counts.responded} answered, {i.counts.splitOut} split out
            {i.page && <> · <Link to={`/pages/${i.page.id}`}>page #{i.page.number}</Link> <Badge size="sm" variant="light" color={pageColor[i.page.status]} data-testid="incident-page-status">{i.page.status}</Badge></>}
          </Text>
        </Group>}
        actions={open && <Button color="teal" onClick={() => resolve.mutate(undefined)} loading={resolve.isPending} data-testid="resolve-incident">Resolve incident</Button>} />
      <Stack>
        {resolve.error && <Alert color="red" role="alert" title="Could not resolve the incident" data-testid="incident-error" withCloseButton onClose={() => resolve.reset()}>{resolve.error.message}</Alert>}
        {join.error && <Alert color="red" role="alert" title="Could not join" withCloseButton onClose={() => join.reset()}>{join.error.message}</Alert>}
        {offered.length > 0 && (
          <Paper withBorder radius="md" p="md" data-testid="incident-offered">
            <Text fw={700}>Offered to join</Text>
            <Text size="sm" c="dimmed" mb="xs">Paged on their own before the incident was recognised. Joined, a ticket's page is acknowledged together with the incident's page and the ticket gets the incident's bulk response.</Text>
            <Table aria-label="Offered to join">
              <Table.Tbody>
                {offered.map((t) => (
                  <Table.Tr key={t.ticketId} data-testid="offered-row" data-ticket={t.number}>
                    <Table.Td ff="monospace"><Link to={`/emergencies/${t.number}`}>#{t.number}</Link></Table.Td>
                    <Table.Td>{t.subject}</Table.Td>
                    <Table.Td><OwnPage t={t} /></Table.Td>
                    <Table.Td>{open && <Button size="xs" variant="light" onClick={() => join.mutate(t.number)} loading={join.isPending && join.variables === t.number}>Join incident</Button>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        <Tickets i={i} />
      </Stack>
    </>
  );
}

function Tickets({ i }: { i: Incident }) {
  const rows = i.tickets.filter((t) => t.relation !== 'candidate');
  return (
    <Panel>
      <Table aria-label="Incident tickets" verticalSpacing="xs">
        <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Relation</Table.Th><Table.Th>Page</Table.Th><Table.Th>Status</Table.Th><Table.Th>Answered</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((t) => (
            <Table.Tr key={t.ticketId} data-testid="incident-ticket" data-ticket={t.number}>
              <Table.Td ff="monospace"><Link to={`/emergencies/${t.number}`}>#{t.number}</Link></Table.Td>
              <Table.Td>{t.subject}</Table.Td>
              <Table.Td>{label(t.relation)}</Table.Td>
              <Table.Td><OwnPage t={t} /></Table.Td>
              <Table.Td>{t.status ? label(t.status) : '—'}</Table.Td>
              <Table.Td>{t.respondedAt ? 'yes' : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Panel>
  );
}

/** On the board: the open incidents, each a link to its view (offered tickets counted). */
export function OpenIncidents() {
  const q = useIncidents('open');
  if (!q.data?.length) return null;
  return (
    <Alert color="red" variant="light" mb="md" title="Widespread incident in progress" data-testid="open-incidents">
      {q.data.map((i) => (
        <Text key={i.id} size="sm">
          <Link to={incidentPath(i.number)}>Incident {i.number}: {i.title}</Link> — {i.related} related{i.candidates ? `, ${i.candidates} offered to join` : ''}
        </Text>
      ))}
    </Alert>
  );
}
