// SCH-11: calendar feeds — your personal feed address (copy, rotate), and for managers the feed of
// each schedule. The address is a secret: rotating it makes the old one stop working.
import { Button, CopyButton, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import type { PageProps } from '../app/page-props.ts';
import { useScheduleList } from './api.ts';

type Feed = components['schemas']['CalendarFeed'];

function FeedRow({ kind, refId, label }: { kind: Feed['kind']; refId?: string; label: string }) {
  const qc = useQueryClient();
  const key = ['schedules', 'feed', kind, refId ?? 'me'];
  const feed = useQuery({ queryKey: key, queryFn: () => request<Feed>('POST', '/calendar-feeds', { kind, ...(refId ? { ref: refId } : {}) }) });
  const rotate = useMutation({
    mutationFn: () => request<Feed>('POST', '/calendar-feeds/rotate', { kind, ...(refId ? { ref: refId } : {}) }),
    onSuccess: (f) => qc.setQueryData(key, f),
  });
  const url = feed.data ? `${window.location.origin}${feed.data.path}` : '';
  return (
    <Group gap="sm" wrap="nowrap" align="flex-end">
      <TextInput readOnly label={label} value={url} placeholder={feed.error ? (feed.error as Error).message : 'loading…'} data-testid={`feed-${kind}`}
        style={{ flex: 1, minWidth: 0 }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} onFocus={(e) => e.currentTarget.select()} />
      <CopyButton value={url}>
        {({ copied, copy }) => <Button disabled={!url} color={copied ? 'green' : undefined} onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
      </CopyButton>
      <Button variant="default" loading={rotate.isPending} disabled={!url}
        onClick={() => { if (window.confirm('Make a new address? Calendars using the old one stop updating.')) rotate.mutate(); }}>Rotate</Button>
    </Group>
  );
}

export function FeedsSection({ me }: { me: PageProps['me'] }) {
  const list = useScheduleList();
  const [schedule, setSchedule] = useState<string | null>(null);
  const manager = me.role === 'manager' || me.role === 'admin';
  const schedules = list.data?.items ?? [];
  const sid = schedule ?? schedules[0]?.id ?? null;
  return (
    <Paper withBorder p="md" data-testid="calendar-feeds">
      <Text fw={600}>Calendar feeds</Text>
      <Text size="sm" c="dimmed" mb="xs">Subscribe from your calendar app. Anyone with the address sees the shifts: rotate it if it leaks.</Text>
      <Stack gap="sm">
        <FeedRow kind="user" label="My shifts" />
        {manager && schedules.length > 0 && (
          <>
            <Select label="Schedule" aria-label="Schedule feed" data={schedules.map((s) => ({ value: s.id, label: s.name }))} value={sid} onChange={setSchedule} maw={360} />
            {sid && <FeedRow key={sid} kind="schedule" refId={sid} label={`Feed of ${schedules.find((s) => s.id === sid)?.name ?? sid}`} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
