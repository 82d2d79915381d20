import { useState } from 'react';
import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useOrgs, useTeams, useUsers } from '../api/hooks.ts';
import type { User } from '../api/types.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { RoleBadge } from '../ui/badges.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { localHourIn, localTimeIn } from '../ui/time.ts';
import { ContactList } from './ContactList.tsx';
import { CreateUserDialog } from './CreateUserDialog.tsx';
import { IconMoon, IconPlus, IconSearch, IconUser } from '../ui/icons.tsx';

const ROLE_FILTER = [
  { value: '', label: 'All roles' },
  { value: 'admin', label: 'Admins' },
  { value: 'manager', label: 'Managers' },
  { value: 'engineer', label: 'Engineers' },
  { value: 'customer', label: 'Customers' },
];

export function PeoplePage({ me }: PageProps) {
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [team, setTeam] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const [creating, setCreating] = useState(false);
  const users = useUsers({ q: debouncedQ || undefined, role: role || undefined, team: team || undefined });
  const teams = useTeams();
  const orgs = useOrgs();
  const orgName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const filtered = Boolean(debouncedQ || role || team);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone who can be paged, plus customers' requesters. Local time shows who is awake."
        actions={<>
          <Button component={Link} to="/people/me" variant="default" leftSection={<IconUser />}>My profile</Button>
          {me.role === 'admin' && <Button onClick={() => setCreating(true)} leftSection={<IconPlus />}>New person</Button>}
        </>}
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          placeholder="Search name or e-mail"
          aria-label="Search people"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          leftSection={<IconSearch />}
          w={300}
          size="md"
          type="search"
        />
        <Select aria-label="Filter by role" data={ROLE_FILTER} value={role} onChange={(v) => setRole(v ?? '')}
          w={160} size="md" allowDeselect={false} />
        <Select aria-label="Filter by team" placeholder="All teams" clearable searchable size="md" w={280}
          data={(teams.data ?? []).map((t) => ({ value: t.handle, label: `${t.name} (${t.handle})` }))}
          value={team || null} onChange={(v) => setTeam(v ?? '')} />
        {users.data && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {users.data.length} {users.data.length === 1 ? 'person' : 'people'}
          </Text>
        )}
      </Group>

      {users.isError && <QueryError what="people" error={users.error} onRetry={() => void users.refetch()} />}
      {users.isPending && <LoadingRows />}
      {users.data && users.data.length === 0 && (
        filtered
          ? <Empty icon={<IconSearch size={40} />} title="Nobody matches" description="Try part of a name or e-mail, or clear the filters." />
          : <Empty icon={<IconUser size={40} />} title="No people yet" description="Add people here or load a workspace file with `hotline apply -f`." />
      )}
      {users.data && users.data.length > 0 && (
        <Panel>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover stickyHeader aria-label="People">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Region</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Teams</Table.Th>
                  <Table.Th>Contact methods</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((u) => <PersonRow key={u.id} user={u} orgName={u.organizationId ? orgName.get(u.organizationId) : undefined} />)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Panel>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function PersonRow({ user: u, orgName }: { user: User; orgName?: string }) {
  const local = localTimeIn(u.timeZone);
  const hour = localHourIn(u.timeZone);
  const night = hour !== null && (hour < 7 || hour >= 22);
  return (
    <Table.Tr data-testid="person-row" style={u.active ? undefined : { opacity: 0.6 }}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Link to={`/people/${encodeURIComponent(u.id)}`} className="hl-row-link">{u.name}</Link>
          {u.kind === 'bot' && <Badge size="xs" color="gray" variant="outline">bot</Badge>}
          {!u.active && <Badge size="xs" color="gray" variant="filled">inactive</Badge>}
        </Group>
        <Text size="sm" c="dimmed">{u.title ? `${u.title} · ` : ''}{u.email}</Text>
        {u.organizationId && (
          <Link to={`/orgs/${encodeURIComponent(u.organizationId)}`} className="hl-row-link" style={{ fontSize: 14 }}>
            {orgName ?? 'Organisation'}
          </Link>
        )}
      </Table.Td>
      <Table.Td><RoleBadge role={u.role} /></Table.Td>
      <Table.Td>{u.region ?? <Text span c="dimmed">—</Text>}</Table.Td>
      <Table.Td>
        <Text size="sm">{u.timeZone}</Text>
        {local && (
          <Text size="sm" c={night ? 'orange' : 'dimmed'} fw={night ? 600 : undefined}>
            {night && <IconMoon size={14} style={{ verticalAlign: -2, marginRight: 4 }} label="night" />}{local} local
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {u.teams.length === 0 && <Text span c="dimmed">—</Text>}
          {u.teams.map((t) => <Badge key={t} variant="light" color="indigo" tt="none" size="md">{t}</Badge>)}
        </Group>
      </Table.Td>
      <Table.Td><ContactList methods={u.contactMethods} pageable={u.role !== 'customer' && u.kind === 'person'} /></Table.Td>
    </Table.Tr>
  );
}
