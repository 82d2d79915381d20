// SM-7: security incidents — open ones first, how many tickets each affects and how many have had
// the response. Declared from the API or the CLI; the support manager on call coordinates.
import { Badge, Group, SegmentedControl, Table, Text } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { rowOpens } from '../keyboard/rows.ts';
import { ago } from '../tickets/badges.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { useSecurityIncidents } from './api.ts';

const FILTERS = ['open', 'resolved', 'all'] as const;

export function SecurityIncidentsPage(_: PageProps) {
  const { query } = useRoute();
  const state = FILTERS.find((f) => f === query.get('state')) ?? 'open';
  const list = useSecurityIncidents(state);
  return (
    <>
      <PageHeader title="Security incidents" description="Incidents whose customer communications the support manager on call coordinates: the affected tickets and one response to all of them." />
      <Group mb="md">
        <SegmentedControl aria-label="Show security incidents" value={state} onChange={(v) => navigate(v === 'open' ? '/security-incidents' : `/security-incidents?state=${v}`)}
          data={FILTERS.map((f) => ({ value: f, label: f[0]!.toUpperCase() + f.slice(1) }))} />
      </Group>
      {list.error ? <QueryError error={list.error as Error} what="security incidents" onRetry={() => list.refetch()} />
        : !list.data ? <LoadingRows />
        : list.data.length === 0 ? <Empty title={`No ${state === 'all' ? '' : `${state} `}security incident`} description="Declare one with hotline emergency incident declare --kind security, or POST /api/v1/security-incidents." />
        : (
          <Panel>
            <Table highlightOnHover verticalSpacing="sm" data-testid="security-list">
              <Table.Thead><Table.Tr><Table.Th>Incident</Table.Th><Table.Th>State</Table.Th><Table.Th>Affected tickets</Table.Th><Table.Th>Answered</Table.Th><Table.Th>Declared</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.data.map((i) => (
                  <Table.Tr key={i.id} data-testid="security-row" {...rowOpens(`/security-incidents/${i.number}`)}>
                    <Table.Td><Link to={`/security-incidents/${i.number}`}>{i.label} {i.title}</Link></Table.Td>
                    <Table.Td><Badge color={i.state === 'open' ? 'red' : 'gray'} variant="light">{i.state}</Badge></Table.Td>
                    <Table.Td>{i.tickets}</Table.Td>
                    <Table.Td>{i.responded} of {i.tickets}</Table.Td>
                    <Table.Td><Text size="sm" title={new Date(i.createdAt).toLocaleString()}>{ago(i.createdAt)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Panel>
        )}
    </>
  );
}
