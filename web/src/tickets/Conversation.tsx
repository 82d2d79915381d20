// The ticket conversation: public replies and internal notes look unmistakably different, because
// a note posted as a reply reaches the customer.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketComment } from '../api/tickets.ts';
import { when } from './badges.tsx';

export function CommentCard({ isPublic, author, body, at }: { isPublic: boolean; author: string; body: string; at: string | null }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={isPublic ? 'public-reply' : 'internal-note'}
      bg={isPublic ? undefined : 'var(--mantine-color-yellow-light)'}
      style={{ borderLeft: `4px solid var(--mantine-color-${isPublic ? 'blue' : 'yellow'}-filled)` }}>
      <Group justify="space-between" mb={4}>
        <Group gap={6}>
          <Text fw={600} size="sm">{author}</Text>
          {isPublic ? <Badge color="blue" variant="light">Public reply</Badge> : <Badge color="yellow" variant="filled" c="dark">Internal note · customer cannot see</Badge>}
        </Group>
        {at && <Text size="xs" c="dimmed">{when(at)}</Text>}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{body}</Text>
    </Paper>
  );
}

export function Conversation({ comments, nameOf }: { comments: TicketComment[]; nameOf: (id: string) => string }) {
  if (comments.length === 0) return <Text c="dimmed">No messages yet.</Text>;
  return (
    <Stack gap="sm" data-testid="conversation">
      {comments.map((c) => <CommentCard key={c.id} isPublic={c.isPublic} author={nameOf(c.authorId)} body={c.body} at={c.createdAt} />)}
    </Stack>
  );
}
