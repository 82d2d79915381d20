// PG-1/PG-7 lists: "My pages" and "All open pages", refreshed live by page.* events; the manual
// trigger (PG-5) and the escalation policies (read-only) sit in their own tabs.
import { Alert, Badge, Button, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import { usePages, type PageRow } from '../api/paging.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { ago } from '../tickets/badges.tsx';
import { PageStatusBadge, pageTitle, RESOLVED_CAVEAT, STATUS_MEANING } from './status.tsx';
import { TriggerForm } from './TriggerForm.tsx';
import { PoliciesView } from './PoliciesView.tsx';
import { PageHistory } from './PageHistory.tsx';
import { rowOpens } from '../keyboard/rows.ts';

const TABS = ['mine', 'open', 'history', 'trigger', 'policies'] as const;

export function PagesPage(_: PageProps) {
  const { query } = useRoute();
  const tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? query.get('tab')! : 'mine';
  return (
    <>
      <PageHeader title="Pages" description="Who has been paged, and whether someone is on it." />
      <Legend />
      <Tabs value={tab} onChange={(v) => navigate(`/pages?tab=${v ?? 'mine'}`, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">My pages</Tabs.Tab>
          <Tabs.Tab value="open">All open pages</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="trigger">Page someone</Tabs.Tab>
          <Tabs.Tab value="policies">Escalation policies</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine"><PageList mine /></Tabs.Panel>
        <Tabs.Panel value="open"><PageList mine={false} /></Tabs.Panel>
        <Tabs.Panel value="history"><PageHistory /></Tabs.Panel>
        <Tabs.Panel value="trigger"><TriggerForm /></Tabs.Panel>
        <Tabs.Panel value="policies"><PoliciesView /></Tabs.Panel>
      </Tabs>
    </>
  );
}

function Legend() {
  return (
    <Alert variant="light" color="gray" mb="md" title="What a page status means">
      <Stack gap={2}>
        {(['triggered', 'acknowledged', 'resolved'] as const).map((s) => (
          <Group key={s} gap={8} wrap="nowrap"><PageStatusBadge status={s} /><Text size="sm">{STATUS_MEANING[s]}</Text></Group>
        ))}
        <Text size="xs" c="dimmed" mt={4}>{RESOLVED_CAVEAT}</Text>
      </Stack>
    </Alert>
  );
}

function PageList({ mine }: { mine: boolean }) {
  const q = usePages(mine);
  const users = useUsers({});
  const names = (ids: string[]) => ids.map((id) => users.data?.find((u) => u.id === id)?.name ?? '…').join(', ') || '—';
  if (q.isError) return <QueryError what="pages" error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <LoadingRows />;
  if (q.data.length === 0) {
    return <Empty title={mine ? 'No open page is assigned to you' : 'No open pages'} description="This list updates by itself when a page is triggered."
      action={<Button variant="light" onClick={() => navigate('/pages?tab=trigger')}>Page someone</Button>} />;
  }
  return (
    <Panel>
      <Table highlightOnHover aria-label={mine ? 'My pages' : 'All open pages'}>
        <Table.Thead>
          <Table.Tr><Table.Th>#</Table.Th><Table.Th>Title</Table.Th><Table.Th>Status</Table.Th><Table.Th>Assigned to</Table.Th><Table.Th>Level</Table.Th><Table.Th>Triggered</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.map((p: PageRow) => (
            <Table.Tr key={p.id} data-testid="page-row" className="hl-clickable-row" {...rowOpens(`/pages/${p.id}`)}
              onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/pages/${p.id}`); }}>
              <Table.Td ff="monospace">{p.number}</Table.Td>
              <Table.Td><Link to={`/pages/${p.id}`} className="hl-row-link">{pageTitle(p)}</Link>
                {p.urgency === 'low' && <Badge ml={6} size="xs" color="gray">low urgency</Badge>}
                {p.alertCount > 1 && <Badge ml={6} size="xs" variant="outline">{p.alertCount} alerts</Badge>}</Table.Td>
              <Table.Td><PageStatusBadge status={p.status} /></Table.Td>
              <Table.Td>{names(p.targetUserIds)}</Table.Td>
              <Table.Td>{p.escalationPolicyId ? p.escalationLevel + 1 : 'direct'}</Table.Td>
              <Table.Td title={p.triggeredAt}>{ago(p.triggeredAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Panel>
  );
}
