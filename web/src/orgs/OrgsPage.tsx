import { useEffect, useState } from 'react';
import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useOrgs } from '../api/hooks.ts';
import type { Organization } from '../api/types.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { formatDate, localToday } from '../ui/time.ts';
import { EmergencyBadge, PlanBadge, SubscriptionBadge } from './badges.tsx';
import { DEPLOYMENT_LABEL, PACKAGE_LABEL } from './subscription.ts';
import { IconBuilding, IconPlus, IconSearch } from '../ui/icons.tsx';
import { OrgFormDialog } from './OrgForm.tsx';
import { rowOpens } from '../keyboard/rows.ts';

export function OrgsPage({ me }: PageProps) {
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const isCustomer = me.role === 'customer';
  const orgs = useOrgs(debouncedQ || undefined);
  const [creating, setCreating] = useState(false);
  const canEdit = me.role === 'admin' || me.role === 'manager';
  const today = localToday();

  // A customer has one organisation: go straight to it.
  const own = isCustomer ? me.organizationId : null;
  useEffect(() => { if (own) navigate(`/orgs/${encodeURIComponent(own)}`, { replace: true }); }, [own]);
  if (isCustomer && !own) {
    return <Empty icon={<IconBuilding size={40} />} title="No organisation linked"
      description="Your account is not linked to a customer organisation yet, so emergency support waits until it is. Contact support to link it." />;
  }
  if (own) return null;

  return (
    <>
      <PageHeader title="Organisations"
        description="Customers, what they bought and whether they may open an emergency."
        actions={canEdit && <Button leftSection={<IconPlus />} onClick={() => setCreating(true)}>New organisation</Button>} />
      {creating && <OrgFormDialog onClose={() => setCreating(false)} />}
      <Group mb="md">
        <TextInput placeholder="Search organisations" aria-label="Search organisations" type="search" size="md" w={320}
          leftSection={<IconSearch />} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        {orgs.data && <Text size="sm" c="dimmed" aria-live="polite">{orgs.data.length} organisations</Text>}
      </Group>
      {orgs.isError && <QueryError what="organisations" error={orgs.error} onRetry={() => void orgs.refetch()} />}
      {orgs.isPending && <LoadingRows />}
      {orgs.data && orgs.data.length === 0 && (
        debouncedQ
          ? <Empty icon={<IconSearch size={40} />} title="No organisation matches" description="Try part of the name or its slug." />
          : <Empty icon={<IconBuilding size={40} />} title="No organisations yet" description={canEdit ? 'Add one with “New organisation”, or load a workspace file (`hotline apply -f`).' : 'Add customers through the API or a workspace file (`hotline apply -f`).'} />
      )}
      {orgs.data && orgs.data.length > 0 && (
        <Panel>
          <Table.ScrollContainer minWidth={1100}>
            <Table highlightOnHover stickyHeader aria-label="Organisations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Organisation</Table.Th>
                  <Table.Th>Emergencies</Table.Th>
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Support package</Table.Th>
                  <Table.Th>Deployment</Table.Th>
                  <Table.Th>CSM / ASE</Table.Th>
                  <Table.Th>Subscription end</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orgs.data.map((o) => <OrgRow key={o.id} org={o} today={today} />)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Panel>
      )}
    </>
  );
}

function OrgRow({ org: o, today }: { org: Organization; today: string }) {
  const to = `/orgs/${encodeURIComponent(o.id)}`;
  const s = o.subscription;
  return (
    <Table.Tr className="hl-clickable-row" data-testid="org-row" {...rowOpens(to)}
      onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(to); }}>
      <Table.Td>
        <Link to={to} className="hl-row-link">{o.name}</Link>
        <Text size="sm" c="dimmed" ff="monospace" style={{ whiteSpace: "nowrap" }}>{o.slug}</Text>
      </Table.Td>
      <Table.Td><EmergencyBadge sub={s} today={today} compact /></Table.Td>
      <Table.Td><PlanBadge tier={s.planTier} /></Table.Td>
      <Table.Td>{s.supportPackage ? PACKAGE_LABEL[s.supportPackage] ?? s.supportPackage : <Text span c="dimmed">—</Text>}</Table.Td>
      <Table.Td>{DEPLOYMENT_LABEL[s.deployment] ?? s.deployment}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}><Text span c="dimmed" size="xs" fw={700}>CSM </Text>{o.csm?.name ?? '—'}</Text>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}><Text span c="dimmed" size="xs" fw={700}>ASE </Text>{o.ase?.name ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600} mb={4} style={{ whiteSpace: 'nowrap' }}>{s.endsOn ? formatDate(s.endsOn) : 'No end date'}</Text>
        <SubscriptionBadge sub={s} today={today} />
      </Table.Td>
    </Table.Tr>
  );
}
