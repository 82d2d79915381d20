// The emergency's thread (WF-1, WF-8): what the system posted (opened, CSM cc'd, timers, hand-offs)
// and what people wrote, with a box to add a note. Staff only, like the chat channel it mirrors.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { emergencyApi, useEmergencyMutation, type Emergency } from '../api/emergencies.ts';
import { when } from '../tickets/badges.tsx';
import { RedirectButton } from '../escalations/RedirectButton.tsx';

const KIND_LABEL: Record<string, string> = { open: 'opened', reply: 'system', channel: 'channel', note: 'note', mention: 'mention', notice: 'notice' };

export function Thread({ e, nameOf }: { e: Emergency; nameOf: (email: string) => string }) {
  const [text, setText] = useState('');
  const add = useEmergencyMutation((t: string) => emergencyApi.note(String(e.ticketNumber), t));
  return (
    <Paper withBorder radius="md" p="md" data-testid="thread">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>Thread</Text>
        <Text size="xs" c="dimmed">{e.channel} · staff only</Text>
      </Group>
      <Stack gap={6}>
        {e.thread.map((p) => {
          const person = p.author !== null;
          return (
            <Paper key={p.id} p={8} radius="sm" withBorder={person} bg={person ? undefined : 'var(--mantine-color-default-hover)'}
              data-testid={person ? 'thread-note' : 'thread-system'}>
              <Group justify="space-between" gap={6} wrap="nowrap">
                <Group gap={6}>
                  <Text size="xs" fw={700}>{person ? nameOf(p.author!) : 'Hotline'}</Text>
                  <Badge size="xs" variant={person ? 'filled' : 'light'} color={person ? 'blue' : 'gray'}>{KIND_LABEL[p.kind] ?? p.kind}</Badge>
                  {p.late && <Badge size="xs" color="orange" title="Fired after downtime">late</Badge>}
                </Group>
                <Text size="xs" c="dimmed">{when(p.at)}</Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{p.text}</Text>
              {person && <Group justify="flex-end" gap={6}><RedirectButton entryId={p.id} /></Group>}
            </Paper>
          );
        })}
      </Stack>
      <Textarea mt="sm" autosize minRows={2} aria-label="Note to the thread" placeholder="Note for the thread (use @name to tag someone)…"
        value={text} onChange={(ev) => setText(ev.currentTarget.value)} />
      {add.error && <Alert color="red" mt="xs" role="alert">{add.error.message}</Alert>}
      <Group justify="flex-end" mt="xs">
        <Button size="xs" variant="light" disabled={!text.trim()} loading={add.isPending} onClick={() => add.mutate(text.trim(), { onSuccess: () => setText('') })} data-testid="add-thread-note">
          Add to thread
        </Button>
      </Group>
    </Paper>
  );
}
