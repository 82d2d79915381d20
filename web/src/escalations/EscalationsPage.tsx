// SM-1..SM-3: the escalation list — open ones first (oldest waiting on top), a filter by state, and
// "File an escalation". RP-3: ended ones stay findable: filters for the person (who filed, managed or
// owns it), the organisation and the period, a search over words or the number, and "Show more"
// a page at a time; every filter is in the address. A new escalation appears without a reload: the
// stream's `escalation` change refetches every 'escalations' query (api/live.ts).
import { Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useOrgs, useUsers } from '../api/hooks.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { rowOpens } from '../keyboard/rows.ts';
import { ago } from '../tickets/badges.tsx';
import { apiQuery, FilterBar, MoreButton, usePagedList } from '../ui/history.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import type { EscalationSummary } from './api.ts';
import { StateBadge, UrgencyBadge, who } from './badges.tsx';

const FILTERS = ['open', 'filed', 'acknowledged', 'assigned', 'resolved', 'rejected', 'ended', 'all'] as const;
const KEYS = ['userId', 'organizationId', 'from', 'to', 'q'] as const;
const URGENCY_RANK = { high: 0, medium: 1, low: 2 };

/** Open before closed; among open, higher urgency first, then the longest waiting; closed newest first. */
export function ordered(items: EscalationSummary[]): EscalationSummary[] {
  const open = (e: EscalationSummary) => e.state !== 'resolved' && e.state !== 'rejected';
  return [...items].sort((a, b) => {
    if (open(a) !== open(b)) return open(a) ? -1 : 1;
    if (open(a)) return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || Date.parse(a.createdAt) - Date.parse(b.createdAt);
    return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
  });
}

export function EscalationsPage(_: PageProps) {
  const { query } = useRoute();
  const state = FILTERS.find((f) => f === query.get('state')) ?? 'open';
  const list = usePagedList<EscalationSummary>(['escalations', 'list'], '/escalations', apiQuery(query, KEYS, state === 'all' ? {} : { state }));
  const people = useUsers({});
  const orgs = useOrgs();
  const staff = (people.data ?? []).filter((u) => u.role !== 'customer');
  // Open ones are few and read by urgency; the history reads newest first, as the API pages it.
  const waiting = state === 'open' || state === 'filed' || state === 'acknowledged' || state === 'assigned';
  const rows = waiting ? ordered(list.items) : list.items;
  const setState = (v: string) => {
    const next = new URLSearchParams(query);
    if (v === 'open') next.delete('state'); else next.set('state', v);
    const qs = next.toString();
    navigate(qs ? `/escalations?${qs}` : '/escalations');
  };
  return (
    <>
      <PageHeader title="Escalations" description="Requests for a support manager's attention: a ticket that needs a decision, an owner or expertise, or an internal request."
        actions={<Button onClick={() => navigate('/escalations/new')} data-testid="file-escalation">File an escalation</Button>} />
      <Group mb="md">
        <SegmentedControl aria-label="Show escalations" value={state} onChange={setState}
          data={FILTERS.map((f) => ({ value: f, label: f[0]!.toUpperCase() + f.slice(1) }))} />
      </Group>
      <FilterBar base="/escalations" fields={[
        { key: 'q', kind: 'search', label: 'Search escalations', placeholder: 'Words or #number' },
        { key: 'userId', kind: 'select', label: 'Person', any: 'Anyone', options: staff.map((u) => ({ value: u.id, label: u.name })) },
        { key: 'organizationId', kind: 'select', label: 'Organisation', any: 'Any organisation', options: (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })) },
        { key: 'from', kind: 'date', label: 'Filed from' },
        { key: 'to', kind: 'date', label: 'Filed to' },
      ]} />
      {list.error ? <QueryError error={list.error as Error} what="escalations" onRetry={() => list.refetch()} />
        : !list.data ? <LoadingRows />
        : rows.length === 0 ? <Empty title={state === 'open' ? 'No open escalation' : `No ${state === 'all' ? '' : `${state} `}escalation`}
          description={KEYS.some((k) => query.get(k)) ? 'None matches the filters; change or clear them.' : 'When someone files one, it appears here at once.'} />
        : (
          <Panel>
            <Table highlightOnHover verticalSpacing="sm" data-testid="escalation-list">
              <Table.Thead><Table.Tr><Table.Th>Escalation</Table.Th><Table.Th>State</Table.Th><Table.Th>Urgency</Table.Th><Table.Th>Filed by</Table.Th><Table.Th>Manager</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Filed</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id} data-testid="escalation-row" data-number={e.number} {...rowOpens(`/escalations/${e.number}`)}>
                    <Table.Td>
                      <Link to={`/escalations/${e.number}`}>#{e.number} {e.title}</Link>
                      <Text size="xs" c="dimmed">{e.ticket ? `ticket #${e.ticket.number}` : 'internal request'}</Text>
                    </Table.Td>
                    <Table.Td><StateBadge state={e.state} /></Table.Td>
                    <Table.Td><UrgencyBadge urgency={e.urgency} /></Table.Td>
                    <Table.Td>{who(e.initiator)}</Table.Td>
                    <Table.Td>{who(e.manager)}</Table.Td>
                    <Table.Td>{who(e.owner)}</Table.Td>
                    <Table.Td><Text size="sm" title={new Date(e.createdAt).toLocaleString()}>{ago(e.createdAt)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Panel>
        )}
      <MoreButton shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} noun={['escalation', 'escalations']} />
    </>
  );
}
