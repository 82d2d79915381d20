// SCH-9: "who is on call now" for every rotation group — the names, the DRI, until when, and who
// comes next — at the top of the On call page and on the staff home (the board).
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '../app/router.tsx';
import { QueryError } from '../ui/states.tsx';
import { useOnCallNow, type OnCallGroupNow, type People } from './api.ts';
import { nameOf, namesOf, personColour } from './people.ts';

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "18:00" today, "Fri 18:00" within the week, in the viewer's zone. */
export function shortTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return new Intl.DateTimeFormat('en-GB', { timeZone: viewerZone(), hour: '2-digit', minute: '2-digit', ...(sameDay ? {} : { weekday: 'short' }) }).format(d);
}

function Person({ people, email, dri }: { people: People; email: string; dri: boolean }) {
  const c = personColour(people, email);
  return (
    <Group gap={6} wrap="nowrap" data-testid="oncall-now-person" data-user={email}>
      <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: c.bg, border: `2px solid ${c.edge}`, flex: 'none' }} />
      <Text size="sm" fw={600} truncate>{nameOf(people, email)}</Text>
      {dri && <Badge size="xs" variant="filled" color="dark" title="Directly responsible: takes the first emergency">DRI</Badge>}
    </Group>
  );
}

function GroupCard({ g, people }: { g: OnCallGroupNow; people: People }) {
  const owners = g.owners.length ? g.owners : [];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="oncall-now-group" data-group={g.groupId}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>{g.name}</Text>
      <Stack gap={4}>
        {owners.length === 0 ? <Text size="sm" fw={600} data-testid="oncall-now-nobody">Nobody on call</Text>
          : owners.map((o) => <Person key={o} people={people} email={o} dri={g.dri.user === o} />)}
      </Stack>
      {g.dri.status === 'not_on_call' && <Text size="xs" c="orange.9" mt={4}>{g.dri.user ? `${nameOf(people, g.dri.user)} is DRI but not on call` : 'The DRI schedule has nobody on now'}</Text>}
      <Text size="xs" c="dimmed" mt={6} data-testid="oncall-now-next">
        {g.until ? <>{owners.length ? `until ${shortTime(g.until)}` : `from ${shortTime(g.until)}`}{g.next && g.next.owners.length ? ` · next: ${namesOf(people, g.next.owners)}` : ' · then nobody'}</> : 'no change this week'}
      </Text>
    </Paper>
  );
}

/** Every rotation group's people on call now; `link` adds a way to the full schedule. */
export function OnCallNow({ link = false }: { link?: boolean }) {
  const q = useOnCallNow();
  if (q.isError) return <QueryError what="who is on call" error={q.error as Error} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  return (
    <section aria-label="On call now" data-testid="oncall-now" style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
      <Group justify="space-between" mb={6}>
        <Text fw={700}>On call now</Text>
        {link && <Text size="sm"><Link to="/oncall">Full schedule →</Link></Text>}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: Math.min(4, Math.max(1, q.data.groups.length)) }} spacing="sm">
        {q.data.groups.map((g) => <GroupCard key={g.groupId} g={g} people={q.data.people} />)}
      </SimpleGrid>
    </section>
  );
}
