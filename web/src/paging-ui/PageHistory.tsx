// The page history: every page, closed ones too, filtered by state, service, person, organisation
// and period, searched by words of its title or its number, newest first. Each opens its timeline
// and delivery log (/pages/:id). The filters live in the address, so a filtered view can be shared.
import { useState } from 'react';
import { Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { useOrgs, useUsers } from '../api/hooks.ts';
import { useServices, type PageRow } from '../api/paging.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, Panel, QueryError } from '../ui/states.tsx';
import { ago } from '../tickets/badges.tsx';
import { PageStatusBadge, pageTitle } from './status.tsx';

const FILTERS = ['status', 'serviceId', 'userId', 'organizationId', 'from', 'to', 'q'] as const;
const PAGE_SIZE = 50;

function historyQuery(query: URLSearchParams, limit: number): string {
  const p = new URLSearchParams({ status: query.get('status') || 'any', limit: String(limit) });
  for (const k of FILTERS.slice(1)) {
    const v = query.get(k);
    if (!v) continue;
    // Dates are whole days in the viewer's zone: from its start, up to the end of the "to" day.
    if (k === 'from') p.set(k, new Date(`${v}T00:00`).toISOString());
    else if (k === 'to') p.set(k, new Date(new Date(`${v}T00:00`).getTime() + 86_400_000).toISOString());
    else p.set(k, v);
  }
  return p.toString();
}

export function PageHistory() {
  const { query } = useRoute();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const qs = historyQuery(query, limit);
  const list = useQuery({
    queryKey: ['pages', 'history', qs],
    queryFn: () => request<{ items: PageRow[]; nextOffset: number | null }>('GET', `/pages?${qs}`),
    placeholderData: keepPreviousData,
  });
  const services = useServices();
  const people = useUsers({});
  const orgs = useOrgs();
  const [text, setText] = useState(query.get('q') ?? '');
  const set = (k: (typeof FILTERS)[number], v: string) => {
    const next = new URLSearchParams(query);
    next.set('tab', 'history');
    if (v) next.set(k, v); else next.delete(k);
    setLimit(PAGE_SIZE);
    navigate(`/pages?${next.toString()}`, { replace: true });
  };
  const staff = (people.data ?? []).filter((u) => u.role !== 'customer');
  const names = (ids: string[]) => ids.map((id) => people.data?.find((u) => u.id === id)?.name ?? '…').join(', ') || '—';
  return (
    <>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" data-testid="history-filters">
        <form onSubmit={(e) => { e.preventDefault(); set('q', text.trim()); }}>
          <TextInput label="Search pages" placeholder="Title words or page number" value={text} onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => set('q', text.trim())} w={240} />
        </form>
        <NativeSelect label="State" value={query.get('status') ?? ''} onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: 'Any state' }, { value: 'open', label: 'Open' }, { value: 'triggered', label: 'Triggered' }, { value: 'acknowledged', label: 'Acknowledged' }, { value: 'resolved', label: 'Resolved' }]} />
        <NativeSelect label="Service" value={query.get('serviceId') ?? ''} onChange={(e) => set('serviceId', e.currentTarget.value)}
          data={[{ value: '', label: 'Any service' }, ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))]} />
        <NativeSelect label="Person" value={query.get('userId') ?? ''} onChange={(e) => set('userId', e.currentTarget.value)}
          data={[{ value: '', label: 'Anyone' }, ...staff.map((u) => ({ value: u.id, label: u.name }))]} />
        <NativeSelect label="Organisation" value={query.get('organizationId') ?? ''} onChange={(e) => set('organizationId', e.currentTarget.value)}
          data={[{ value: '', label: 'Any organisation' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]} />
        <TextInput type="date" label="From" value={query.get('from') ?? ''} onChange={(e) => set('from', e.currentTarget.value)} />
        <TextInput type="date" label="To" value={query.get('to') ?? ''} onChange={(e) => set('to', e.currentTarget.value)} />
      </Group>
      {list.isError && <QueryError what="the page history" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingRows />}
      {list.data && list.data.items.length === 0 && <Empty title="No page matches" description="Change or clear the filters above." />}
      {list.data && list.data.items.length > 0 && (
        <Panel>
          <Table highlightOnHover aria-label="Page history">
            <Table.Thead>
              <Table.Tr><Table.Th>#</Table.Th><Table.Th>Title</Table.Th><Table.Th>Status</Table.Th><Table.Th>Paged</Table.Th><Table.Th>Triggered</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
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
      {list.data?.nextOffset != null && (
        <Group justify="center" mt="md"><Button variant="default" onClick={() => setLimit((l) => l + PAGE_SIZE)} loading={list.isFetching}>Show more</Button></Group>
      )}
    </>
  );
}
