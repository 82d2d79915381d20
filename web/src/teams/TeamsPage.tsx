import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTeams } from '../api/hooks.ts';
import type { Team } from '../api/types.ts';
import type { PageProps } from '../app/page-props.ts';
import { Empty, LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { IconPlus, IconSearch, IconUsers } from '../ui/icons.tsx';
import { TeamFormDialog } from './TeamForm.tsx';

const KIND: Record<Team['kind'], { label: string; color: string }> = {
  team: { label: 'Team', color: 'indigo' },
  regional_group: { label: 'Regional group', color: 'cyan' },
  pool: { label: 'Volunteer pool', color: 'grape' },
};

export function TeamsPage({ me }: PageProps) {
  const teams = useTeams();
  const canEdit = me.role === 'admin' || me.role === 'manager';
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = (teams.data ?? []).filter((t) => !needle
    || t.name.toLowerCase().includes(needle) || t.handle.toLowerCase().includes(needle)
    || t.members.some((m) => m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle)));

  return (
    <>
      <PageHeader title="Teams" description="Groups that rotations, escalations and mentions point at."
        actions={canEdit && <Button leftSection={<IconPlus />} onClick={() => setEditing('new')}>New team</Button>} />
      {editing && <TeamFormDialog team={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <TextInput mb="md" w={320} size="md" type="search" placeholder="Search team, handle or member"
        aria-label="Search teams" leftSection={<IconSearch />} value={q}
        onChange={(e) => setQ(e.currentTarget.value)} />
      {teams.isError && <QueryError what="teams" error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.isPending && <LoadingRows rows={4} />}
      {teams.data && shown.length === 0 && (
        needle
          ? <Empty icon={<IconSearch size={40} />} title="No team matches" description="Try a handle such as @support-team-emea or a member's name." />
          : <Empty icon={<IconUsers size={40} />} title="No teams yet" description={canEdit ? 'Create one with “New team”, or load a workspace file (`hotline apply -f`).' : 'Create teams through the API or a workspace file (`hotline apply -f`).'} />
      )}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {shown.map((t) => <TeamCard key={t.id} team={t} onEdit={canEdit ? () => setEditing(t) : undefined} />)}
      </SimpleGrid>
    </>
  );
}

function TeamCard({ team, onEdit }: { team: Team; onEdit?: () => void }) {
  const kind = KIND[team.kind] ?? { label: team.kind, color: 'gray' };
  return (
    <Card withBorder radius="md" shadow="xs" padding="lg" data-testid="team-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={4}>
        <div>
          <Text fw={700} size="lg">{team.name}</Text>
          <Text ff="monospace" size="sm" c="dimmed">{team.handle}</Text>
        </div>
        <Badge color={kind.color} variant="light" tt="none" size="md" style={{ flexShrink: 0 }}>{kind.label}</Badge>
      </Group>
      <Text size="sm" fw={600} mt="sm" mb={4}>
        {team.members.length} {team.members.length === 1 ? 'member' : 'members'}
      </Text>
      {team.members.length === 0
        ? <Text size="sm" c="orange">No members: nobody would be reached through this team.</Text>
        : (
          <List spacing={2} size="sm" listStyleType="none">
            {team.members.map((m) => (
              <List.Item key={m.id}>
                <Text span fw={500}>{m.name}</Text>{' '}
                <Anchor href={`mailto:${m.email}`} size="sm" c="dimmed">{m.email}</Anchor>
              </List.Item>
            ))}
          </List>
        )}
      {onEdit && (
        <Group justify="flex-end" mt="auto" pt="sm">
          <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit team ${team.handle}`}>Edit team</Button>
        </Group>
      )}
    </Card>
  );
}
