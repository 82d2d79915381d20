// Escalation policies, read-only: who is paged at each level and after how long.
import { Badge, Group, Paper, Stack, Text, Timeline } from '@mantine/core';
import { usePolicies, type PolicyTarget } from '../api/paging.ts';
import { LoadingRows, QueryError } from '../ui/states.tsx';

const KIND: Record<PolicyTarget['type'], string> = {
  user: 'person', team: 'team', schedule: 'schedule', rotation_group: 'rotation group', group_dri: 'group DRI',
};

export function PoliciesView() {
  const q = usePolicies();
  if (q.isError) return <QueryError what="escalation policies" error={q.error} />;
  if (q.isPending) return <LoadingRows />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">Managers edit policies with the workspace file (`hotline apply -f`) or the API.</Text>
      {q.data.map((p) => (
        <Paper key={p.id} withBorder p="md" radius="md" data-testid="policy">
          <Group justify="space-between" mb="sm">
            <Text fw={700}>{p.name}</Text>
            <Group gap={6}>
              {p.repeat > 0 && <Badge variant="light">repeats {p.repeat}×</Badge>}
              {p.pageableBy && <Badge variant="outline" color="violet">pageable by {p.pageableBy.join(', ')}</Badge>}
            </Group>
          </Group>
          <Timeline bulletSize={22} lineWidth={2}>
            {p.levels.map((l, i) => (
              <Timeline.Item key={i} bullet={<Text size="xs" fw={700}>{i + 1}</Text>}
                title={<Group gap={6}>{l.targets.map((t) => <Badge key={t.type + t.id} variant="default" tt="none">{KIND[t.type]}: {t.id}</Badge>)}{l.roundRobin && <Badge size="xs">round robin</Badge>}</Group>}>
                <Text size="xs" c="dimmed">escalates after {l.delayMinutes} min without acknowledgement</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      ))}
    </Stack>
  );
}
