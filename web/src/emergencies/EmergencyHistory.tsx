// RP-3: emergencies stay findable after they end: every state, newest first, filtered by state,
// paging service, owner, organisation and period, searched by words of the subject or the ticket
// number, a page of results at a time. Each row opens the emergency (thread, runbook, its pages'
// timelines and delivery logs). The filters live in the address, so a view can be shared.
import { Badge, Group, Table, Text } from '@mantine/core';
import type { BoardRow } from '../api/emergencies.ts';
import { useOrgs, useUsers } from '../api/hooks.ts';
import { useServices } from '../api/paging.ts';
import { Link, useRoute } from '../app/router.tsx';
import { rowOpens } from '../keyboard/rows.ts';
import { label, PriorityBadge } from '../tickets/badges.tsx';
import { apiQuery, FilterBar, MoreButton, usePagedList } from '../ui/history.tsx';
import { Empty, LoadingRows, Panel, QueryError } from '../ui/states.tsx';

const KEYS = ['state', 'serviceId', 'owner', 'organizationId', 'from', 'to', 'q'] as const;
const STATES = [
  { value: 'open', label: 'Open' }, { value: 'ended', label: 'Ended (resolved or not paged)' },
  { value: 'resolved', label: 'Resolved' }, { value: 'not_paged', label: 'Not paged' },
];
const STATE_COLOR = { open: 'red', resolved: 'teal', not_paged: 'gray' } as const;

export function EmergencyHistory() {
  const { query } = useRoute();
  // Any history filter makes the API answer the history; state=all is the one that filters nothing.
  const list = usePagedList<BoardRow>(['emergencies', 'history'], '/emergencies', apiQuery(query, KEYS, { state: 'all' }));
  const services = useServices();
  const people = useUsers({});
  const orgs = useOrgs();
  const staff = (people.data ?? []).filter((u) => u.role !== 'customer');
  const nameOf = (email: string | null) => (email ? people.data?.find((u) => u.email === email)?.name ?? email : '—');
  return (
    <>
      <FilterBar base="/emergencies" keep={{ view: 'history' }} fields={[
        { key: 'q', kind: 'search', label: 'Search emergencies', placeholder: 'Subject words or ticket number' },
        { key: 'state', kind: 'select', label: 'State', any: 'Any state', options: STATES },
        { key: 'serviceId', kind: 'select', label: 'Service', any: 'Any service', options: (services.data ?? []).map((s) => ({ value: s.id, label: s.name })) },
        { key: 'owner', kind: 'select', label: 'Owner', any: 'Anyone', options: staff.map((u) => ({ value: u.email, label: u.name })) },
        { key: 'organizationId', kind: 'select', label: 'Organisation', any: 'Any organisation', options: (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })) },
        { key: 'from', kind: 'date', label: 'From' },
        { key: 'to', kind: 'date', label: 'To' },
      ]} />
      {list.isError && <QueryError what="the emergency history" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingRows />}
      {list.data && list.items.length === 0 && <Empty title="No emergency matches" description="Change or clear the filters above." />}
      {list.items.length > 0 && (
        <Panel>
          <Table highlightOnHover aria-label="Emergency history" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr><Table.Th>#</Table.Th><Table.Th>Emergency</Table.Th><Table.Th>State</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Opened</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((e) => {
                const to = `/emergencies/${e.ticketNumber}`;
                return (
                  <Table.Tr key={e.id} data-testid="emergency-history-row" data-ticket={e.ticketNumber} {...rowOpens(to)}>
                    <Table.Td ff="monospace">{e.ticketNumber}</Table.Td>
                    <Table.Td>
                      <Link to={to} className="hl-row-link">{e.subject}</Link>
                      <Group gap={4} mt={2}><PriorityBadge priority={e.priority} /><Badge variant="light" color="gray">{label(e.status)}</Badge></Group>
                    </Table.Td>
                    <Table.Td><Badge variant="light" color={STATE_COLOR[e.state]}>{label(e.state)}</Badge></Table.Td>
                    <Table.Td>{nameOf(e.owner)}</Table.Td>
                    <Table.Td><Text size="sm" title={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</Text></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Panel>
      )}
      <MoreButton shown={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} noun={['emergency', 'emergencies']} />
    </>
  );
}
