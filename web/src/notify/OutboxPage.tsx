// The built-in outbox (admins): every notification Hotline would have sent had a real channel of
// its kind been configured — channel, recipient, the message as rendered, and what it is about.
import { Anchor, Badge, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { when } from '../tickets/badges.tsx';
import { Empty, LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { CHANNEL_LABEL, useOutbox, type OutboxMessage } from './api.ts';

const CHANNELS = ['email', 'sms', 'voice', 'slack', 'chat-webhook', 'webhook', 'push'];

export function OutboxPage(_props: PageProps) {
  const [channel, setChannel] = useState<string | null>(null);
  const q = useOutbox({ channel: channel ?? undefined });
  return (
    <Stack gap="md">
      <PageHeader
        title="Outbox"
        description="Notifications kept here because no channel of their kind is configured. Configure e-mail, SMS, voice, chat or webhooks (see the README's Notifications section) and they go out for real."
        actions={
          <Select
            label="Channel" placeholder="All channels" clearable w={200} value={channel} onChange={setChannel}
            data={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] ?? c }))}
          />
        }
      />
      {q.isError ? <QueryError what="the outbox" error={q.error} onRetry={() => void q.refetch()} />
        : !q.data ? <LoadingRows />
        : q.data.length === 0 ? <Empty title="The outbox is empty" description="Nothing has been kept: every notification went through a configured channel, or none was due." />
        : <Stack gap="sm">{q.data.map((m) => <Message key={m.id} m={m} />)}</Stack>}
    </Stack>
  );
}

function Message({ m }: { m: OutboxMessage }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid="outbox-message">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="gray" tt="none">{CHANNEL_LABEL[m.channel] ?? m.channel}</Badge>
          <Text fw={600} size="sm">{m.userName ?? m.address}</Text>
          {m.userName && <Text size="sm" c="dimmed">{m.address}</Text>}
        </Group>
        <Group gap="sm">
          {m.page && <Anchor component={Link} to={`/pages/${m.page.number}`} size="sm">Page #{m.page.number}</Anchor>}
          {m.ticket && (
            <Anchor component={Link} to={m.ticket.emergency ? `/emergencies/${m.ticket.number}` : `/tickets/${m.ticket.number}`} size="sm">
              {m.ticket.emergency ? 'Emergency' : 'Ticket'} #{m.ticket.number}
            </Anchor>
          )}
          <Text size="xs" c="dimmed">{when(m.at)}</Text>
        </Group>
      </Group>
      {m.subject && <Text fw={600} mt="xs" data-testid="outbox-subject">{m.subject}</Text>}
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
      {m.actions.length > 0 && (
        <Group gap="xs" mt="xs">
          {m.actions.map((a) => <Badge key={a.label} variant="light" color="gray" tt="none">{a.label}</Badge>)}
        </Group>
      )}
    </Card>
  );
}
