import { useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useOrg } from '../api/hooks.ts';
import type { OrganizationDetail, PersonRef } from '../api/types.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { ContactList } from '../people/ContactList.tsx';
import { Empty, LoadingRows, Panel, QueryError } from '../ui/states.tsx';
import { formatDate, localToday } from '../ui/time.ts';
import { PlanBadge, SubscriptionBadge } from './badges.tsx';
import { OrgFormDialog } from './OrgForm.tsx';
import { IconArrowLeft, IconBuilding } from '../ui/icons.tsx';
import {
  DEPLOYMENT_LABEL, emergencyGlance, PACKAGE_LABEL, subscriptionGlance, subscriptionState, TONE_COLOR,
} from './subscription.ts';

export function OrgDetailPage({ params, me }: PageProps) {
  const org = useOrg(params.id ?? '');
  const back = me.role !== 'customer' && (
    <Anchor component={Link} to="/orgs" size="sm" fw={600} mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} /> All organisations
    </Anchor>
  );
  if (org.isPending) return <>{back}<LoadingRows /></>;
  if (org.isError) {
    if (org.error instanceof ApiError && org.error.status === 404) {
      return <>{back}<Empty icon={<IconBuilding size={40} />} title="Organisation not found" description="It may have been removed, or the link is wrong." /></>;
    }
    return <>{back}<QueryError what="the organisation" error={org.error} onRetry={() => void org.refetch()} /></>;
  }
  return <>{back}<OrgDetail org={org.data} canEdit={me.role === 'admin' || me.role === 'manager'} /></>;
}

function OrgDetail({ org, canEdit }: { org: OrganizationDetail; canEdit: boolean }) {
  const today = localToday();
  const [editing, setEditing] = useState(false);
  const s = org.subscription;
  const ent = emergencyGlance(s, today);
  const sub = subscriptionGlance(subscriptionState(s, today));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} fz={28}>{org.name}</Title>
          <Text c="dimmed" ff="monospace" size="sm">{org.slug}</Text>
        </div>
        <Group gap="sm">
          <PlanBadge tier={s.planTier} />
          {canEdit && <Button onClick={() => setEditing(true)}>Edit organisation</Button>}
        </Group>
      </Group>
      {editing && <OrgFormDialog org={org} onClose={() => setEditing(false)} />}

      <Alert color={TONE_COLOR[ent.tone]} variant="light" title={ent.label} data-testid="entitlement-summary"
        styles={{ title: { fontSize: 16 } }}>
        <Text size="sm">{ent.detail} {ent.tone !== 'ok' || sub.tone !== 'ok' ? sub.detail : ''}</Text>
      </Alert>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md" shadow="xs" padding="lg" h="100%">
            <Title order={2} fz={18} mb="sm">Subscription</Title>
            <Facts rows={[
              ['Plan tier', <PlanBadge tier={s.planTier} />],
              ['Support package', s.supportPackage ? PACKAGE_LABEL[s.supportPackage] ?? s.supportPackage : '—'],
              ['Deployment', DEPLOYMENT_LABEL[s.deployment] ?? s.deployment],
              ['Starts', formatDate(s.startsOn)],
              ['Ends', <Group gap="xs">{formatDate(s.endsOn)}<SubscriptionBadge sub={s} today={today} /></Group>],
              ['Trial', s.trial ? <Badge color="orange" variant="light">Trial</Badge> : 'No, paid'],
              ['Seats', s.seats ?? '—'],
              ['Purchased', formatDate(s.purchasedOn)],
            ]} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" shadow="xs" padding="lg" h="100%">
            <Title order={2} fz={18} mb="sm">Account team</Title>
            <Facts rows={[
              ['CSM', <Person p={org.csm} testId="org-csm" />],
              ['ASE', <Person p={org.ase} testId="org-ase" />],
            ]} />
            {org.notes && (
              <>
                <Title order={3} fz={15} mt="md" mb={4}>Notes</Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{org.notes}</Text>
              </>
            )}
          </Card>
        </Grid.Col>
      </Grid>

      <div>
        <Title order={2} fz={18} mb="sm">Requesters ({org.requesters.length})</Title>
        {org.requesters.length === 0
          ? <Text c="dimmed">No requesters linked yet. Emergencies from this customer's people follow the needs-org path until they are linked.</Text>
          : (
            <Panel>
              <Table.ScrollContainer minWidth={640}>
                <Table striped aria-label="Requesters">
                  <Table.Thead>
                    <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Time zone</Table.Th><Table.Th>Contact</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {org.requesters.map((u) => (
                      <Table.Tr key={u.id}>
                        <Table.Td><Text fw={600}>{u.name}</Text><Text size="sm" c="dimmed">{u.email}</Text></Table.Td>
                        <Table.Td>{u.timeZone}</Table.Td>
                        <Table.Td><ContactList methods={u.contactMethods} pageable={false} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Panel>
          )}
      </div>
    </Stack>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={6} horizontalSpacing={0}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={150} style={{ fontWeight: 600, color: 'var(--mantine-color-dimmed)', verticalAlign: 'top' }}>{k}</Table.Th>
            <Table.Td fw={500}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Person({ p, testId }: { p: PersonRef | null; testId: string }) {
  if (!p) return <Text span c="dimmed" data-testid={testId}>Not assigned</Text>;
  return (
    <div data-testid={testId}>
      <Text fw={700}>{p.name}</Text>
      <Anchor href={`mailto:${p.email}`} size="sm">{p.email}</Anchor>
    </div>
  );
}
