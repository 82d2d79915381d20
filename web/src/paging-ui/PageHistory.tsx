// RP-3: the page history: every page, closed ones too, filtered by state, service, person,
// organisation and period, searched by words of its title or its number, newest first, a page of
// results at a time. Each opens its timeline and delivery log (/pages/:id). The filters live in the
// address, so a filtered view can be shared.
import { Table } from '@mantine/core';
import { useOrgs, useUsers } from '../api/hooks.ts';
import { useServices, type PageRow } from '../api/paging.ts';
import { Link, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, Panel, QueryError } from '../ui/states.tsx';
import { apiQuery, FilterBar, MoreButton, usePagedList } from '../ui/history.tsx';
import { ago } from '../tickets/badges.tsx';
import { PageStatusBadge, pageTitle } from './status.tsx';

const KEYS = ['serviceId', 'userId', 'organizationId', 'from', 'to', 'q'] as const;

export function PageHistory() {
  const { query } = useRoute();
  const list = usePagedList<PageRow>(['pages', 'history'], '/pages', apiQuery(query, KEYS, { status: query.get('status') || 'any' }));
  const services = useServices();
  const people = useUsers({});
  const orgs = useOrgs();
  const staff = (people.data ?? []).filter((u) => u.role !== 'customer');
  const names = (ids: string[]) => ids.map((id) => people.data?.find((u) => u.id === id)?.name ?? '…').join(', ') || '—';
  return (
    <>
      <FilterBar base="/pages" keep={{ tab: 'history' }} fields={[
        { key: 'q', kind: 'search', label: 'Search pages', placeholder: 'Title words or page number' },
        { key: 'status', kind: 'select', label: 'State', any: 'Any state', options: [{ value: 'open', label: 'Open' }, { value: 'triggered', label: 'Triggered' }, { value: 'acknowledged', label: 'Acknowledged' }, { value: 'resolved', label: 'Resolved' }] },
        { key: 'serviceId', kind: 'select', label: 'Service', any: 'Any service', options: (services.data ?? []).map((s) => ({ value: s.id, label: s.name })) },
        { key: 'userId', kind: 'select', label: 'Person', any: 'Anyone', options: staff.map((u) => ({ value: u.id, label: u.name })) },
        { key: 'organizationId', kind: 'select', label: 'Organisation', any: 'Any organisation', options: (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })) },
        { key: 'from', kind: 'date', label: 'From' },
        { key: 'to', kind: 'date', label: 'To' },
      ]} />
      {list.isError && <QueryError what="the page history" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingRows />}
      {list.data && list.items.length === 0 && <Empty title="No page matches" description="Change or clear the filters above." />}
      {list.items.length > 0 && (
        <Panel>
          <Table highlightOnHover aria-label="Page history">
            <Table.Thead>
              <Table.Tr><Table.Th>#</Table.Th><Table.Th>Title</Table.Th><Table.Th>Status</Table.Th><Table.Th>Paged</Table.Th><Table.Th>Triggered</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((p) => (
                <Table.Tr key={p.id} data-testid="history-row">
                  <Table.Td ff="monospace">{p.number}</Table.Td>
                  <Table.Td><Link to={`/pages/${p.id}`} className="hl-row-link">{pageTitle(p)}</Link></Table.Td>
                  <Table.Td><PageStatusBadge status={p.status} /></Table.Td>
                  <Table.Td>{names(p.targetUserIds)}</Table.Td>
                  <Table.Td title={p.triggeredAt}>{ago(p.triggeredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Panel>
      )}
      <MoreButton shown={list.items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} noun={['page', 'pages']} />
    </>
  );
}
