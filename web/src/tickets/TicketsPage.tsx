// TK-2 queue: saved views, a search box that speaks the query language, and bulk edit (TK-5) of
// the selected rows. The query lives in the URL (?q=) so a view or a search can be shared.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Grid, Group, NavLink, Stack, Table, Text, TextInput } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useUsers } from '../api/hooks.ts';
import { useTicketSearch, useViews, type Ticket } from '../api/tickets.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { IconSearch } from '../ui/icons.tsx';
import { ago, EmergencyMark, PriorityBadge, StatusBadge } from './badges.tsx';
import { BulkEditPanel } from './BulkEditPanel.tsx';

const PAGE_SIZE = 50;
export const DEFAULT_QUERY = 'status<solved order_by:created_at sort:desc';

export function TicketsPage(_: PageProps) {
  const { query } = useRoute();
  const q = query.get('q') ?? DEFAULT_QUERY;
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [offset, setOffset] = useState(0);
  useEffect(() => { setSelected(new Set()); setOffset(0); }, [q]);
  useEffect(() => setSelected(new Set()), [offset]);

  const views = useViews();
  const search = useTicketSearch(q, offset);
  const users = useUsers({});
  const nameOf = (id: string | null | undefined) => (id ? users.data?.find((u) => u.id === id)?.name ?? '…' : '—');

  const run = (text: string) => navigate(`/tickets?q=${encodeURIComponent(text.trim())}`);
  const submit = (e: FormEvent) => { e.preventDefault(); run(draft); };

  const err = search.error instanceof ApiError && search.error.status === 400 ? search.error : null;
  const position = err && typeof (err.details as { position?: unknown })?.position === 'number' ? (err.details as { position: number }).position : null;
  const items = search.data?.items ?? [];
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const allOn = items.length > 0 && items.every((t) => selected.has(t.id));

  return (
    <>
      <PageHeader title="Tickets" description="Saved views and search. Select rows to change many tickets at once." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Panel p="xs">
            <Text fw={700} size="sm" px="sm" pt="xs" pb={4}>Views</Text>
            {views.isError && <QueryError what="views" error={views.error} />}
            {views.data?.map((v) => (
              <NavLink key={v.id} label={v.title} active={v.query === q} data-testid="view-link"
                onClick={() => run(v.query)} rightSection={v.count !== null ? <Badge variant="light" size="sm">{v.count}</Badge> : null} />
            ))}
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <form onSubmit={submit}>
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <TextInput flex={1} size="md" aria-label="Search tickets" placeholder="priority:urgent status:new order_by:created_at sort:desc"
                leftSection={<IconSearch />} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} data-testid="ticket-search"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} error={err ? ' ' : undefined} />
              <Button type="submit" size="md">Search</Button>
            </Group>
          </form>
          {err && <SearchError query={q} message={err.message} position={position} />}
          {!err && <Text size="xs" c="dimmed" mt={4}>Fields: status priority form stage tags assignee requester organization emergency has no created updated · <Code>order_by:</Code> <Code>sort:asc|desc</Code> · quote free text</Text>}

          {selected.size > 0 && (
            <BulkEditPanel ticketIds={[...selected]} numbers={items.filter((t) => selected.has(t.id)).map((t) => t.number)} onDone={() => setSelected(new Set())} />
          )}

          <Stack mt="md" gap="xs">
            {search.data && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {search.data.total ?? items.length} tickets{offset || search.data.nextOffset !== null ? ` · showing ${offset + 1}–${offset + items.length}` : ''}{selected.size ? ` · ${selected.size} selected` : ''}
                </Text>
                {(offset > 0 || search.data.nextOffset !== null) && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous</Button>
                    <Button size="xs" variant="default" disabled={search.data.nextOffset === null} onClick={() => setOffset(search.data!.nextOffset ?? offset)}>Next</Button>
                  </Group>
                )}
              </Group>
            )}
            {search.isError && !err && <QueryError what="tickets" error={search.error} onRetry={() => void search.refetch()} />}
            {search.isPending && <LoadingRows />}
            {search.data && items.length === 0 && !err && <Empty icon={<IconSearch size={40} />} title="No tickets match" description="Loosen the query, or pick a view on the left." />}
            {items.length > 0 && !err && (
              <Panel>
                <Table highlightOnHover aria-label="Tickets">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}><Checkbox aria-label="Select all" checked={allOn} onChange={() => setSelected(allOn ? new Set() : new Set(items.map((t) => t.id)))} /></Table.Th>
                      <Table.Th>#</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Status</Table.Th><Table.Th>Priority</Table.Th>
                      <Table.Th>Assignee</Table.Th><Table.Th>Updated</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((t) => <Row key={t.id} t={t} on={selected.has(t.id)} toggle={() => toggle(t.id)} assignee={nameOf(t.assigneeId)} />)}
                  </Table.Tbody>
                </Table>
              </Panel>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Row({ t, on, toggle, assignee }: { t: Ticket; on: boolean; toggle: () => void; assignee: string }) {
  const to = `/tickets/${t.id}`;
  return (
    <Table.Tr data-testid="ticket-row" data-number={t.number} bg={on ? 'var(--mantine-primary-color-light)' : undefined}>
      <Table.Td><Checkbox aria-label={`Select ticket ${t.number}`} checked={on} onChange={toggle} /></Table.Td>
      <Table.Td ff="monospace">{t.number}</Table.Td>
      <Table.Td><Group gap={6}><Link to={to} className="hl-row-link">{t.subject}</Link><EmergencyMark on={t.isEmergency} /></Group>
        {t.tags && t.tags.length > 0 && <Group gap={4} mt={2}>{t.tags.map((g) => <Badge key={g} size="xs" variant="default" tt="none">{g}</Badge>)}</Group>}</Table.Td>
      <Table.Td><StatusBadge status={t.status} /></Table.Td>
      <Table.Td><PriorityBadge priority={t.priority} /></Table.Td>
      <Table.Td>{assignee}</Table.Td>
      <Table.Td><Text size="sm" title={t.updatedAt}>{ago(t.updatedAt)}</Text></Table.Td>
    </Table.Tr>
  );
}

/** The server's message, plus the query with a caret under the position it points at. */
function SearchError({ query, message, position }: { query: string; message: string; position: number | null }) {
  return (
    <Alert color="red" variant="light" mt={6} role="alert" data-testid="search-error" title="The search did not run">
      {position !== null && (
        <pre style={{ margin: '0 0 6px', fontSize: 13 }} aria-hidden>{query}{'\n'}{' '.repeat(Math.max(0, position))}^</pre>
      )}
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
